"""Translatable fields of editor-written content (django-modeltranslation, German fallback)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Page, SiteSettings


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "body")


@register(SiteSettings)
class SiteSettingsTranslation(TranslationOptions):
    fields = ("city_name", "logo_alt", "contact_address")
