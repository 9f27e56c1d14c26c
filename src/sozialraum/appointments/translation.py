"""Topic names are read by citizens in their language (_de/_en/_ar columns, German fallback)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)
