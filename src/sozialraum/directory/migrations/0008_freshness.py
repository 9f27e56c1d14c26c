"""Freshness reminders sent to providers (directory/freshness.py)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0007_search_index"),
    ]

    operations: list[migrations.operations.base.Operation] = []
