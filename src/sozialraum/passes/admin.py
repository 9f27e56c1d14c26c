"""Passes in the Django admin, for accounts that may open it; editors use /verwaltung/paesse/.

Read-mostly: passes are issued, imported and blocked on the management pages, which write the
audit log.
"""

from django.contrib import admin
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from .models import Pass, PassType


@admin.register(PassType)
class PassTypeAdmin(TranslationAdmin):
    list_display = ["code", "name", "validity_months"]
    readonly_fields = ["code", "name", "description", "validity_months", "created"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Pass)
class PassAdmin(admin.ModelAdmin):
    list_display = ["number", "pass_type", "valid_from", "valid_until", "birth_year", "revoked"]
    list_filter = ["pass_type", "revoked"]
    search_fields = ["number"]
    readonly_fields = [
        "number",
        "pass_type",
        "valid_from",
        "valid_until",
        "birth_year",
        "revoked",
        "created",
        "modified",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
