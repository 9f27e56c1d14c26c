"""The directory in the Django admin: for superusers to look things up and fix a record.

Providers and editors work in the directory's own pages; the admin stays read-mostly: records
that imports and seed migrations create (taxonomies) cannot be added here.
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Event,
    FreshnessReminder,
    Invitation,
    Language,
    Location,
    Membership,
    Organization,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)


class MembershipInline(admin.TabularInline):
    """Read-only: members change on the organization's member pages, which keep the organization
    at least one admin and write the audit log."""

    model = Membership
    extra = 0
    fields = ["user", "is_admin"]
    readonly_fields = ["user", "is_admin"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class AttributeInline(admin.TabularInline):
    model = Attribute
    extra = 0
    fields = ["taxonomy_term", "link_type", "value"]
    autocomplete_fields = ["taxonomy_term"]


class PhoneInline(admin.TabularInline):
    model = Phone
    extra = 0
    fields = ["number", "extension", "type", "description"]


class ScheduleInline(admin.StackedInline):
    model = Schedule
    extra = 0
    fields = [
        ("freq", "interval", "byday", "bymonthday"),
        ("opens_at", "closes_at"),
        ("valid_from", "valid_to", "dtstart", "until", "count"),
        "timezone",
        "description",
    ]


class ServiceAtLocationInline(admin.TabularInline):
    model = ServiceAtLocation
    extra = 0
    autocomplete_fields = ["location"]
    fields = ["location", "description"]


class CostOptionInline(TranslationTabularInline):
    model = CostOption
    extra = 0


class RequiredDocumentInline(TranslationTabularInline):
    model = RequiredDocument
    extra = 0


class LanguageInline(admin.TabularInline):
    model = Language
    extra = 0
    fields = ["name", "code", "note"]


class ServiceAreaInline(admin.TabularInline):
    model = ServiceArea
    extra = 0
    fields = ["name", "area", "extent_type"]
    raw_id_fields = ["area"]


class AddressInline(admin.StackedInline):
    model = Address
    extra = 0
    raw_id_fields = ["area"]


class AccessibilityInline(TranslationTabularInline):
    model = Accessibility
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(TranslationAdmin):
    list_display = ["name", "is_trusted", "parent_organization", "modified"]
    list_filter = ["is_trusted"]
    search_fields = ["name", "alternate_name"]
    readonly_fields = ["created", "modified"]
    raw_id_fields = ["parent_organization"]
    inlines = [MembershipInline, PhoneInline, AttributeInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organization", "as_admin", "created", "expires", "accepted_at"]
    search_fields = ["email", "organization__name"]
    # The token is the secret in the invitation link: whoever sees it can join the organization.
    exclude = ["token"]
    readonly_fields = [field.name for field in Invitation._meta.fields if field.name != "token"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # invitations are sent from the organization's member page


@admin.register(FreshnessReminder)
class FreshnessReminderAdmin(admin.ModelAdmin):
    """The reminder rounds (directory/freshness.py): who was reminded when, and whether the
    mails went out. Written by the daily job only."""

    list_display = ["organization", "sent_on", "service_count", "recipient_count", "delivered"]
    list_filter = ["sent_on"]
    search_fields = ["organization__name"]
    date_hierarchy = "sent_on"
    readonly_fields = [field.name for field in FreshnessReminder._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Service)
class ServiceAdmin(TranslationAdmin):
    list_display = ["name", "organization", "kind", "status", "assured_date", "modified"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "organization__name"]
    list_select_related = ["organization"]
    readonly_fields = ["created", "modified", "assured_date", "assured_by", "assurer_email"]
    raw_id_fields = ["organization", "program"]
    inlines = [
        ServiceAtLocationInline,
        AttributeInline,
        PhoneInline,
        ScheduleInline,
        CostOptionInline,
        RequiredDocumentInline,
        LanguageInline,
        ServiceAreaInline,
    ]


@admin.register(Location)
class LocationAdmin(TranslationAdmin):
    list_display = ["name", "location_type", "organization", "modified"]
    list_filter = ["location_type"]
    search_fields = ["name", "addresses__address_1", "addresses__city"]
    readonly_fields = ["created", "modified"]
    raw_id_fields = ["organization"]
    inlines = [AddressInline, AccessibilityInline, PhoneInline, ScheduleInline, AttributeInline]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "organization", "service", "email"]
    search_fields = ["name", "email"]
    raw_id_fields = ["organization", "service", "service_at_location", "location"]
    inlines = [PhoneInline]


class TaxonomyTermInline(TranslationTabularInline):
    model = TaxonomyTerm
    extra = 0
    fields = ["code", "name", "description", "parent", "position"]
    raw_id_fields = ["parent"]


@admin.register(Taxonomy)
class TaxonomyAdmin(TranslationAdmin):
    list_display = ["name", "slug", "version"]
    readonly_fields = ["slug"]
    inlines = [TaxonomyTermInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # taxonomies come from the seed migration or an HSDS import


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(TranslationAdmin):
    list_display = ["name", "code", "taxonomy", "parent"]
    list_filter = ["taxonomy"]
    search_fields = ["name", "code"]
    readonly_fields = ["taxonomy", "code"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[TaxonomyTerm]:
        return super().get_queryset(request).select_related("taxonomy", "parent")


@admin.register(Event)
class EventAdmin(TranslationAdmin):
    list_display = ["title", "organization", "start", "end", "rrule"]
    list_filter = ["start"]
    search_fields = ["title", "organization__name"]
    date_hierarchy = "start"
    raw_id_fields = ["organization", "service", "location"]
    inlines = [AttributeInline]
