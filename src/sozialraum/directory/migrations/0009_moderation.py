"""Providers' change requests awaiting moderation (directory/moderation.py)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0008_freshness"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ChangeRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("subject", models.CharField(max_length=30, verbose_name="Bereich")),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("register", "Neue Organisation"),
                            ("claim", "Organisation übernehmen"),
                            ("create", "Neu anlegen"),
                            ("update", "Ändern"),
                            ("delete", "Löschen"),
                        ],
                        max_length=10,
                        verbose_name="Art der Änderung",
                    ),
                ),
                ("object_id", models.UUIDField(blank=True, null=True, verbose_name="Datensatz")),
                (
                    "object_repr",
                    models.CharField(blank=True, max_length=255, verbose_name="Bezeichnung"),
                ),
                (
                    "data",
                    models.JSONField(
                        blank=True, default=dict, verbose_name="Vorgeschlagene Angaben"
                    ),
                ),
                (
                    "base",
                    models.JSONField(
                        blank=True, null=True, verbose_name="Angaben zum Zeitpunkt der Anfrage"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Wartet auf Prüfung"),
                            ("approved", "Freigegeben"),
                            ("rejected", "Abgelehnt"),
                            ("withdrawn", "Zurückgezogen"),
                        ],
                        default="pending",
                        max_length=10,
                        verbose_name="Status",
                    ),
                ),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="Eingereicht am")),
                (
                    "decided_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="Entschieden am"),
                ),
                ("reason", models.TextField(blank=True, verbose_name="Begründung")),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="Entschieden von",
                    ),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="change_requests",
                        to="directory.organization",
                        verbose_name="Organisation",
                    ),
                ),
                (
                    "submitted_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="Eingereicht von",
                    ),
                ),
            ],
            options={
                "verbose_name": "Änderungsanfrage",
                "verbose_name_plural": "Änderungsanfragen",
                "ordering": ["created", "id"],
                "indexes": [
                    models.Index(fields=["status", "created"], name="changerequest_status_created"),
                    models.Index(
                        fields=["organization", "status"], name="changerequest_org_status"
                    ),
                ],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("action", "register"), ("organization__isnull", False), _connector="OR"
                        ),
                        name="changerequest_has_organization",
                    )
                ],
            },
        ),
    ]
