"""The German-aware search index (directory/search.py)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0006_byday_help_text"),
    ]

    operations: list[migrations.operations.base.Operation] = []
