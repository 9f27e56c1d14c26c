"""Freshness reminders sent to providers (directory/freshness.py)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0007_search_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="FreshnessReminder",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sent_on", models.DateField(verbose_name="Erinnert am")),
                ("created", models.DateTimeField(auto_now_add=True, verbose_name="Angelegt")),
                ("service_count", models.PositiveIntegerField(verbose_name="Fällige Angebote")),
                (
                    "recipient_count",
                    models.PositiveIntegerField(verbose_name="Empfängerinnen und Empfänger"),
                ),
                (
                    "delivered",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="Zugestellt"),
                ),
                (
                    "organization",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="freshness_reminders",
                        to="directory.organization",
                        verbose_name="Organisation",
                    ),
                ),
            ],
            options={
                "verbose_name": "Erinnerung zur Aktualität",
                "verbose_name_plural": "Erinnerungen zur Aktualität",
                "ordering": ["-sent_on", "-created"],
                "indexes": [
                    models.Index(
                        fields=["organization", "sent_on"], name="freshness_reminder_org_day"
                    )
                ],
            },
        ),
    ]
