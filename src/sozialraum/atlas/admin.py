"""Indicators in the Django admin: the social planners fix names, units, definitions and sources.

Values come from `sozialraum import_indicators` (docs/atlas.md); the admin only shows the runs.
Social indices (docs/atlas-index.md) are configured here and computed with
`sozialraum compute_social_index`. Early-warning rules are written here too; their findings
are read on the findings page (docs/atlas-warnings.md). Reports (docs/atlas-reports.md) are
composed here from blocks; a draft is seen through its preview link.
"""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from .models import (
    Finding,
    ImportRun,
    Indicator,
    Report,
    ReportBlock,
    SocialIndex,
    SocialIndexComponent,
    WarningRule,
)
from .warnings import warnings_evaluate


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


class SocialIndexComponentInline(admin.TabularInline):
    model = SocialIndexComponent
    extra = 0
    autocomplete_fields = ["indicator", "change"]
    fields = ["position", "indicator", "change", "direction", "optional"]


@admin.register(SocialIndex)
class SocialIndexAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "minimum_population", "dynamics_years", "modified"]
    search_fields = ["key", "name"]
    autocomplete_fields = ["population"]
    inlines = [SocialIndexComponentInline]
    fields = [
        "key",
        "name",
        "description",
        "population",
        "minimum_population",
        "all_zero_is_missing",
        "dynamics_years",
        "status_thresholds",
        "status_labels",
        "dynamics_thresholds",
        "dynamics_labels",
    ]

    def get_readonly_fields(
        self, request: HttpRequest, obj: SocialIndex | None = None
    ) -> list[str]:
        # The result indicators' keys derive from it.
        return ["key"] if obj is not None else []


@admin.register(WarningRule)
class WarningRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "indicator", "level", "kind", "threshold", "active", "modified"]
    list_filter = ["active", "kind", "level"]
    search_fields = ["name", "indicator__name", "indicator__key"]
    list_select_related = ["indicator", "level"]
    autocomplete_fields = ["indicator"]
    fields = [
        "name",
        "indicator",
        "level",
        "kind",
        "threshold",
        "periods",
        "measure",
        "direction",
        "active",
    ]

    def save_model(self, request: HttpRequest, obj: WarningRule, form, change: bool) -> None:
        """A new or changed rule is evaluated at once against the figures there are, so the
        findings page agrees with it; nobody is mailed (the digest is for new figures)."""
        super().save_model(request, obj, form, change)
        if not obj.active:
            return
        found = len(warnings_evaluate(rules=[obj]))
        current = Finding.objects.filter(rule=obj).count()
        self.message_user(
            request,
            ngettext(
                "Regel geprüft: %(current)d Hinweis, davon %(new)d neu.",
                "Regel geprüft: %(current)d Hinweise, davon %(new)d neu.",
                current,
            )
            % {"current": current, "new": found},
        )


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    """Findings come from the rules; the admin lists them (and may delete them), nothing more."""

    list_display = ["rule", "area", "date", "first_seen", "mailed"]
    list_filter = ["rule", "date"]
    list_select_related = ["rule", "area"]
    search_fields = ["area__name", "area__code", "rule__name"]
    readonly_fields = ["rule", "area", "date", "values", "first_seen", "mailed"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Finding | None = None) -> bool:
        return False


class ReportBlockInline(admin.StackedInline):
    model = ReportBlock
    extra = 0
    autocomplete_fields = ["indicator"]
    filter_horizontal = ["areas"]  # planners may not search areas in the admin (no view_area)
    fields = [
        "position",
        "kind",
        "heading",
        "text",
        "indicator",
        "level",
        "date",
        "method",
        "classes",
        "areas",
        "caption",
    ]


@admin.register(Report)
class ReportAdmin(TranslationAdmin):
    list_display = ["title", "slug", "status", "published", "modified", "preview"]
    list_filter = ["status"]
    search_fields = ["title", "summary", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    fields = ["title", "slug", "summary", "status", "published"]
    inlines = [ReportBlockInline]

    @admin.display(description=_("Ansehen"))
    def preview(self, obj: Report) -> str:
        label = _("Vorschau") if not obj.is_published else _("Ansehen")
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)
