"""Indicator names, units and definitions are words of the UI and get translated."""

from modeltranslation.translator import TranslationOptions, register

from .models import Indicator, Report


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "unit", "definition")


@register(Report)
class ReportTranslation(TranslationOptions):
    fields = ("title", "summary")
