"""The German-aware search index (directory/search.py)."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0006_byday_help_text"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchIndexRecord",
            fields=[
                (
                    "service",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_index_record",
                        serialize=False,
                        to="directory.service",
                    ),
                ),
                (
                    "modified",
                    models.DateTimeField(db_index=True, verbose_name="Stand des Angebots"),
                ),
            ],
            options={
                "verbose_name": "Stand im Suchindex",
                "verbose_name_plural": "Stände im Suchindex",
            },
        ),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("term", models.CharField(max_length=100, unique=True, verbose_name="Begriff")),
            ],
            options={
                "verbose_name": "Suchbegriff",
                "verbose_name_plural": "Suchbegriffe",
            },
        ),
        migrations.CreateModel(
            name="SearchVocabularyVersion",
            fields=[
                (
                    "id",
                    models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False),
                ),
                ("token", models.UUIDField(default=uuid.uuid4)),
            ],
            options={
                "verbose_name": "Stand des Suchvokabulars",
                "verbose_name_plural": "Stände des Suchvokabulars",
            },
        ),
        migrations.CreateModel(
            name="SearchPosting",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("weight", models.PositiveSmallIntegerField(verbose_name="Gewicht")),
                (
                    "service",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="search_postings",
                        to="directory.service",
                    ),
                ),
                (
                    "term",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="postings",
                        to="directory.searchterm",
                    ),
                ),
            ],
            options={
                "verbose_name": "Eintrag im Suchindex",
                "verbose_name_plural": "Einträge im Suchindex",
                "indexes": [
                    models.Index(fields=["term", "service", "weight"], name="search_posting_term"),
                    models.Index(
                        fields=["service", "term", "weight"], name="search_posting_service"
                    ),
                ],
            },
        ),
    ]
