"""The snippet generator's form: the preset filters of an embedded list."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sozialraum.areas.models import Area, AreaLevel
from sozialraum.core.forms import KernFormMixin

from .models import Organization, Service
from .widget import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    MAX_QUERY_LENGTH,
    WidgetFilterError,
    WidgetFilters,
    topic_terms,
    widget_filters_from,
)

#: Levels with more areas than this (Berlin's 542 planning areas) are left out of the list.
MAX_AREAS_PER_LEVEL = 150


def district_choices() -> list[tuple[str, Any]]:
    """Current areas, grouped by level, coarse levels first."""
    choices: list[tuple[str, Any]] = [("", _("Alle Gebiete"))]
    for level in AreaLevel.objects.order_by("rank"):
        areas = list(Area.objects.current().filter(level=level).order_by("name"))
        if areas and len(areas) <= MAX_AREAS_PER_LEVEL:
            choices.append((str(level.name), [(area.code, area.name) for area in areas]))
    return choices


class SnippetForm(KernFormMixin, forms.Form):
    topic = forms.ChoiceField(label=_("Thema"), required=False)
    district = forms.ChoiceField(
        label=_("Gebiet"),
        required=False,
        help_text=_("Angebote an Orten in diesem Gebiet."),
    )
    organization = forms.ChoiceField(label=_("Organisation"), required=False)
    q = forms.CharField(
        label=_("Suchbegriff"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Zum Beispiel „Schuldnerberatung“."),
    )
    limit = forms.IntegerField(
        label=_("Anzahl der Einträge"),
        min_value=1,
        max_value=MAX_LIMIT,
        initial=DEFAULT_LIMIT,
        help_text=_("Höchstens %(max)s.") % {"max": MAX_LIMIT},
    )
    language = forms.ChoiceField(label=_("Sprache der Liste"), choices=settings.LANGUAGES)
    compact = forms.BooleanField(
        label=_("Kompakt: nur Namen, ohne Beschreibung"),
        required=False,
    )
    height = forms.IntegerField(
        label=_("Höhe in Pixeln"),
        min_value=150,
        max_value=3000,
        initial=600,
        help_text=_("Ohne Skript bleibt der Rahmen so hoch und lässt sich scrollen."),
    )
    with_script = forms.BooleanField(
        label=_("Skript einfügen, das die Höhe an den Inhalt anpasst"),
        required=False,
        initial=True,
    )

    mark_optional = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [  # type: ignore[attr-defined]
            ("", _("Alle Themen")),
            *((term.code, term.name) for term in topic_terms().order_by("position", "name")),
        ]
        self.fields["district"].choices = district_choices()  # type: ignore[attr-defined]
        organizations = Organization.objects.filter(
            pk__in=Service.objects.public().values("organization")
        ).order_by("name")
        self.fields["organization"].choices = [  # type: ignore[attr-defined]
            ("", _("Alle Organisationen")),
            *((str(organization.pk), organization.name) for organization in organizations),
        ]
        self.fields["language"].initial = get_language()
        self._set_up_widgets()
        self.filters = WidgetFilters()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        params = {
            name: str(data[name])
            for name in ("topic", "district", "organization", "q", "limit")
            if data.get(name)
        }
        if data.get("compact"):
            params["compact"] = "1"
        try:
            self.filters = widget_filters_from(params)
        except WidgetFilterError as error:
            raise forms.ValidationError(error.messages) from error
        return data
