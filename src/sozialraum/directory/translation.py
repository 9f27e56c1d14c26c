"""Translatable directory content (django-modeltranslation: _de/_en/_ar columns, German fallback).

Names and descriptions people read are translated; codes, addresses and numbers are not.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    Accessibility,
    CostOption,
    Event,
    Location,
    Organization,
    Program,
    RequiredDocument,
    Schedule,
    Service,
    Taxonomy,
    TaxonomyTerm,
)


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Program)
class ProgramTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = (
        "name",
        "alternate_name",
        "short_description",
        "description",
        "application_process",
        "eligibility_description",
        "fees_description",
        "alert",
    )


@register(Location)
class LocationTranslation(TranslationOptions):
    fields = ("name", "description", "transportation")


@register(Accessibility)
class AccessibilityTranslation(TranslationOptions):
    fields = ("description", "details")


@register(Schedule)
class ScheduleTranslation(TranslationOptions):
    fields = ("description", "attending_type", "notes")


@register(CostOption)
class CostOptionTranslation(TranslationOptions):
    fields = ("option", "amount_description")


@register(RequiredDocument)
class RequiredDocumentTranslation(TranslationOptions):
    fields = ("document",)


@register(Taxonomy)
class TaxonomyTranslation(TranslationOptions):
    fields = ("name", "description")


@register(TaxonomyTerm)
class TaxonomyTermTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description", "registration_hint")
