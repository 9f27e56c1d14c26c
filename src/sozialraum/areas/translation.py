"""Level names are words of the UI (Bezirk: District); area names are proper names and stay."""

from modeltranslation.translator import TranslationOptions, register

from .models import AreaLevel


@register(AreaLevel)
class AreaLevelTranslation(TranslationOptions):
    fields = ("name",)
