"""Providers' change requests awaiting moderation (directory/moderation.py)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0008_freshness"),
    ]

    operations: list[migrations.operations.base.Operation] = []
