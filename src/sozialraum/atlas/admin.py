"""Indicators in the Django admin: the social planners fix names, units, definitions and sources.

Values come from `sozialraum import_indicators` (docs/atlas.md); the admin only shows the runs.
"""

from django.contrib import admin
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from .models import ImportRun, Indicator


@admin.register(Indicator)
class IndicatorAdmin(TranslationAdmin):
    list_display = ["key", "name", "topic", "kind", "unit", "restricted", "modified"]
    list_filter = ["topic", "kind", "restricted", "interpretation"]
    search_fields = ["key", "name", "definition"]
    list_select_related = ["numerator", "denominator"]
    autocomplete_fields = ["numerator", "denominator"]
    fields = [
        "key",
        "name",
        "topic",
        "kind",
        "unit",
        "definition",
        "numerator",
        "denominator",
        "factor",
        "interpretation",
        "precision",
        "source",
        "update_interval",
        "restricted",
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: Indicator | None = None) -> list[str]:
        # Import files and addresses refer to the key: it stays as created.
        return ["key"] if obj is not None else []


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = [
        "file",
        "started",
        "user",
        "created_count",
        "updated_count",
        "unchanged_count",
        "skipped_count",
    ]
    list_select_related = ["user"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ImportRun | None = None) -> bool:
        return False
