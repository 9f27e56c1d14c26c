"""Areas in the Django admin: to look things up and fix a name; boundaries come from the import."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .models import Area, AreaLevel


@admin.register(AreaLevel)
class AreaLevelAdmin(TranslationAdmin):
    list_display = ["name", "slug", "rank", "parent"]
    readonly_fields = ["slug"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # levels are created by `sozialraum import_areas --level`


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent", "valid_from", "valid_until"]
    list_filter = ["level", "valid_from", "valid_until"]
    search_fields = ["code", "name"]
    list_select_related = ["level", "parent"]
    fields = [
        "level",
        "code",
        "name",
        "parent",
        "valid_from",
        "valid_until",
        "source",
        "bbox",
        "representative_point",
        "modified",
    ]
    readonly_fields = [
        "level",
        "code",
        "parent",
        "valid_from",
        "bbox",
        "representative_point",
        "modified",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Area]:
        return super().get_queryset(request).defer("geometry")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # areas come from `sozialraum import_areas` (docs/areas.md)

    @admin.display(description=_("Bezugspunkt (Länge, Breite)"))
    def representative_point(self, area: Area) -> str:
        return f"{area.point_lon}, {area.point_lat}"
