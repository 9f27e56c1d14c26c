"""A pass type's name and description are words citizens read: they get translated."""

from modeltranslation.translator import TranslationOptions, register

from .models import PassType


@register(PassType)
class PassTypeTranslation(TranslationOptions):
    fields = ("name", "description")
