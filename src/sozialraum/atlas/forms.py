"""The map's choices as a plain GET form: every state of the map is an address to share."""

import datetime
from typing import cast

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from sozialraum.areas.models import AreaLevel

from .classify import MAX_CLASSES, MIN_CLASSES, BreaksError, Method, parse_breaks
from .models import Indicator

SORTS = ["kennziffer", "name", "wert", "klasse", "rang"]


class MapForm(forms.Form):
    """Field names are the URL's parameters (German, like the rest of the addresses)."""

    indikator = forms.ChoiceField(label=_("Merkmal"))
    ebene = forms.ChoiceField(label=_("Gebietsebene"), required=False)
    stichtag = forms.ChoiceField(label=_("Stichtag"), required=False)
    methode = forms.ChoiceField(
        label=_("Einteilung in Klassen"), choices=Method.choices, required=False
    )
    klassen = forms.TypedChoiceField(
        label=_("Anzahl der Klassen"),
        choices=[(n, str(n)) for n in range(MIN_CLASSES, MAX_CLASSES + 1)],
        coerce=int,
        required=False,
        empty_value=None,
    )
    grenzen = forms.CharField(
        label=_("Eigene Grenzen"),
        required=False,
        max_length=200,
        help_text=_(
            "Nur für „Eigene Grenzen“: die oberen Grenzen der Klassen, durch Semikolon "
            "getrennt, z. B. 5; 10,5; 20."
        ),
    )
    gebiet = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    sortierung = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    def __init__(
        self,
        data,
        *,
        indicators: list[Indicator],
        levels: list[AreaLevel],
        days: list[datetime.date],
    ) -> None:
        super().__init__(data)
        self.choice_field("indikator").choices = [(i.key, str(i)) for i in indicators]
        self.choice_field("ebene").choices = [(level.slug, str(level)) for level in levels]
        self.choice_field("stichtag").choices = [
            (day.isoformat(), date_format(day)) for day in days
        ]
        for name in ("indikator", "ebene", "stichtag", "methode", "klassen"):
            self.fields[name].widget.attrs["class"] = "kern-form-input__select"
        self.fields["stichtag"].widget.attrs["data-map-day"] = ""

    def choice_field(self, name: str) -> forms.ChoiceField:
        return cast(forms.ChoiceField, self.fields[name])

    def clean_methode(self) -> str:
        return self.cleaned_data.get("methode") or Method.QUANTILES

    def clean_sortierung(self) -> str:
        sort = self.cleaned_data.get("sortierung") or "kennziffer"
        return sort if sort.lstrip("-") in SORTS else "kennziffer"

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("methode") == Method.MANUAL:
            try:
                cleaned["breaks"] = parse_breaks(cleaned.get("grenzen") or "")
            except BreaksError as error:
                self.add_error("grenzen", str(error))
        return cleaned
