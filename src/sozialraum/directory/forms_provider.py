"""Forms of the provider area: organization, services, opening hours, translations, locations,
events; and the editor's rejection. Each form turns its input into the JSON-safe data that
`directory.subjects` applies (`to_data()`); saving goes through `directory.moderation`.
"""

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.areas.models import Area, AreaLevel
from sozialraum.core.forms import DateInput, KernFormMixin

from .forms_widget import MAX_AREAS_PER_LEVEL
from .models import Location, Organization, Schedule, Service, TaxonomyTerm
from .subjects import ORDINALS, RECURRENCES, SERVICE_LANGUAGES, TERM_GROUPS, WEEKDAYS


class ProviderForm(KernFormMixin, forms.Form):
    #: (legend, field names): the form is shown in these groups; empty: one group
    fieldsets: list[tuple[Any, list[str]]] = []

    def groups(self) -> list[tuple[Any, list[Any]]]:
        if not self.fieldsets:
            return [("", list(self))]
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.fieldsets
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_up_widgets()

    def to_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}

    def error_summary(self) -> list[Any]:
        """As the shared summary, but a list of checkboxes is reached at its first box."""
        summary = super().error_summary()
        for error in summary:
            for name, field in self.fields.items():
                widget = field.widget
                multiple = isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect)
                if multiple and error.field_id == self[name].auto_id:
                    error.field_id = f"{error.field_id}_0"
        return summary


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# --- Organization -------------------------------------------------------------------------------


class OrganizationForm(ProviderForm):
    name = forms.CharField(label=_("Name der Organisation"), max_length=255)
    alternate_name = forms.CharField(
        label=_("Weiterer Name"),
        max_length=255,
        required=False,
        help_text=_("Zum Beispiel eine Abkürzung, unter der man Sie kennt."),
    )
    description = forms.CharField(
        label=_("Beschreibung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Was macht Ihre Organisation? Zwei bis drei Sätze genügen."),
    )
    email = forms.EmailField(label=_("E-Mail-Adresse"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    legal_status = forms.CharField(
        label=_("Rechtsform"),
        max_length=100,
        required=False,
        help_text=_("Zum Beispiel e. V. oder gGmbH."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = _(
            "Bitte geben Sie den Namen Ihrer Organisation ein."
        )


class ClaimForm(ProviderForm):
    message = forms.CharField(
        label=_("Nachricht an die Redaktion"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Wer sind Sie, und wie gehören Sie zu der Organisation? Zum Beispiel: „Ich leite "
            "die Beratungsstelle seit 2020.“ Die Redaktion meldet sich, wenn sie Fragen hat."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["message"].error_messages["required"] = _(
            "Bitte schreiben Sie kurz, wie Sie zu der Organisation gehören."
        )


# --- Service ------------------------------------------------------------------------------------


def _term_choices(slug: str) -> list[tuple[str, str]]:
    return [
        (str(term.pk), str(term.name))
        for term in TaxonomyTerm.objects.in_taxonomy(slug).order_by("position", "name")
    ]


class ServiceForm(ProviderForm):
    fieldsets = [
        (_("Das Angebot"), ["name", "short_description", "description", "status", "kind"]),
        (_("Für wen und wozu"), ["topics", "target_groups", "features", "languages"]),
        (
            _("Gut zu wissen"),
            ["fees_description", "eligibility_description", "application_process", "documents"],
        ),
        (_("Kontakt und Orte"), ["phones", "url", "email", "locations"]),
    ]
    name = forms.CharField(label=_("Name des Angebots"), max_length=255)
    short_description = forms.CharField(
        label=_("Kurzbeschreibung"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ein bis zwei Sätze in einfacher Sprache: Wem hilft das Angebot, wobei?"),
    )
    description = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=Service.Status.choices,
        initial=Service.Status.ACTIVE,
        help_text=_("Inaktive und eingestellte Angebote sind öffentlich nicht zu sehen."),
    )
    kind = forms.ChoiceField(
        label=_("Art"),
        choices=Service.Kind.choices,
        initial=Service.Kind.SERVICE,
        widget=forms.RadioSelect,
    )
    topics = forms.MultipleChoiceField(
        label=_("Themen"), required=False, widget=forms.CheckboxSelectMultiple
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Zielgruppen"), required=False, widget=forms.CheckboxSelectMultiple
    )
    features = forms.MultipleChoiceField(
        label=_("Merkmale"), required=False, widget=forms.CheckboxSelectMultiple
    )
    languages = forms.MultipleChoiceField(
        label=_("Sprachen, in denen Sie beraten"),
        choices=SERVICE_LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    fees_description = forms.CharField(
        label=_("Kosten"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Zum Beispiel „kostenlos“ oder „5 Euro pro Termin, mit Berlin-Pass 1 Euro“."),
    )
    eligibility_description = forms.CharField(
        label=_("Voraussetzungen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wer kann kommen? Zum Beispiel „Menschen, die in Mitte wohnen“."),
    )
    application_process = forms.CharField(
        label=_("So bekommen Sie Hilfe"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Zum Beispiel „Rufen Sie an und vereinbaren Sie einen Termin.“"),
    )
    documents = forms.CharField(
        label=_("Mitzubringende Unterlagen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eine Unterlage pro Zeile, zum Beispiel „Personalausweis“."),
    )
    phones = forms.CharField(
        label=_("Telefonnummern"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Eine Nummer pro Zeile."),
    )
    url = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("E-Mail-Adresse"), required=False)
    locations = forms.MultipleChoiceField(
        label=_("Orte"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Wo findet das Angebot statt? Neue Orte legen Sie unter „Orte“ an."),
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field, slug in TERM_GROUPS.items():
            self.fields[field].choices = _term_choices(slug)  # type: ignore[attr-defined]
        self.fields["locations"].choices = [  # type: ignore[attr-defined]
            (str(location.pk), str(location))
            for location in Location.objects.filter(organization=organization)
        ]
        if not self.fields["locations"].choices:  # type: ignore[attr-defined]
            del self.fields["locations"]
        # Languages entered elsewhere (an import) stay choosable, so saving keeps them.
        known = {code for code, _name in SERVICE_LANGUAGES}
        extra = [code for code in self.initial.get("languages", []) if code not in known]
        self.fields["languages"].choices = [  # type: ignore[attr-defined]
            *SERVICE_LANGUAGES,
            *((code, code) for code in extra),
        ]
        self.fields["name"].error_messages["required"] = _(
            "Bitte geben Sie dem Angebot einen Namen."
        )
        self.fields["short_description"].error_messages["required"] = _(
            "Bitte beschreiben Sie in ein bis zwei Sätzen, wem das Angebot hilft."
        )

    @staticmethod
    def initial_from(state: dict[str, Any]) -> dict[str, Any]:
        initial = dict(state)
        initial["documents"] = "\n".join(state.get("documents", []))
        initial["phones"] = "\n".join(state.get("phones", []))
        return initial

    def to_data(self) -> dict[str, Any]:
        data = super().to_data()
        data["documents"] = _lines(data["documents"])
        data["phones"] = _lines(data["phones"])
        for key in (*TERM_GROUPS, "languages", "locations"):
            data[key] = sorted(data.get(key, []))
        data.setdefault("locations", [])
        return data

    def clean_phones(self) -> str:
        value: str = self.cleaned_data["phones"]
        for line in _lines(value):
            if not any(char.isdigit() for char in line) or len(line) > 50:
                raise ValidationError(
                    _("„%(line)s“ ist keine Telefonnummer. Schreiben Sie eine Nummer pro Zeile."),
                    params={"line": line},
                )
        return value


# --- Opening hours ------------------------------------------------------------------------------


class HoursRowForm(ProviderForm):
    """One row of opening hours: weekly on some days, or monthly (e.g. first Monday)."""

    mark_optional = False

    freq = forms.ChoiceField(
        label=_("Wie oft?"),
        choices=[
            (Schedule.Freq.WEEKLY, _("Jede Woche")),
            (Schedule.Freq.MONTHLY, _("Einmal im Monat")),
        ],
        initial=Schedule.Freq.WEEKLY,
    )
    ordinal = forms.ChoiceField(
        label=_("Welche Woche im Monat?"),
        choices=[("", _("Nur bei „Einmal im Monat“")), *ORDINALS.items()],
        required=False,
    )
    days = forms.MultipleChoiceField(
        label=_("Wochentage"),
        choices=Schedule.Weekday.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opens_at = forms.TimeField(label=_("Von"), required=False, widget=TimeInput)
    closes_at = forms.TimeField(label=_("Bis"), required=False, widget=TimeInput)
    description = forms.CharField(
        label=_("Hinweis"),
        max_length=200,
        required=False,
        help_text=_("Zum Beispiel „nur mit Termin“."),
    )

    def has_content(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return bool(data.get("days") or data.get("opens_at") or data.get("closes_at")) or bool(
            data.get("description")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.has_changed() or not self.has_content():
            return data
        days, opens, closes = data.get("days"), data.get("opens_at"), data.get("closes_at")
        if not days:
            self.add_error("days", _("Bitte kreuzen Sie mindestens einen Wochentag an."))
        if (opens is None) != (closes is None):
            field = "closes_at" if opens else "opens_at"
            self.add_error(
                field, _("Bitte geben Sie beide Uhrzeiten an: von wann bis wann geöffnet ist.")
            )
        elif opens is not None and closes is not None and closes <= opens:
            self.add_error(
                "closes_at",
                _("Die Schlusszeit muss nach der Anfangszeit liegen (%(opens)s).")
                % {"opens": opens.strftime("%H:%M")},
            )
        if data.get("freq") == Schedule.Freq.MONTHLY and not data.get("ordinal"):
            self.add_error(
                "ordinal",
                _("Bitte wählen Sie, in welcher Woche des Monats, zum Beispiel „am ersten“."),
            )
        if data.get("freq") == Schedule.Freq.WEEKLY and data.get("ordinal"):
            self.add_error(
                "ordinal",
                _(
                    "Eine Woche im Monat gibt es nur bei „Einmal im Monat“. Lassen Sie das "
                    "Feld leer."
                ),
            )
        return data

    def to_row(self) -> dict[str, Any]:
        data = self.cleaned_data
        prefix = data.get("ordinal", "") if data["freq"] == Schedule.Freq.MONTHLY else ""
        days = [day for day in WEEKDAYS if day in data.get("days", [])]
        return {
            "freq": data["freq"],
            "byday": ",".join(f"{prefix}{day}" for day in days),
            "opens_at": data["opens_at"].strftime("%H:%M") if data.get("opens_at") else "",
            "closes_at": data["closes_at"].strftime("%H:%M") if data.get("closes_at") else "",
            "description": data.get("description", ""),
        }

    @staticmethod
    def initial_from(row: dict[str, Any]) -> dict[str, Any]:
        parts = [part for part in row.get("byday", "").split(",") if part]
        ordinal = parts[0][:-2] if parts and row.get("freq") == Schedule.Freq.MONTHLY else ""
        return {
            "freq": row.get("freq"),
            "ordinal": ordinal,
            "days": [part[-2:] for part in parts],
            "opens_at": row.get("opens_at") or None,
            "closes_at": row.get("closes_at") or None,
            "description": row.get("description", ""),
        }


class BaseHoursFormSet(forms.BaseFormSet):  # type: ignore[type-arg]
    def rows(self) -> list[dict[str, Any]]:
        rows = [
            form.to_row()
            for form in self.forms
            if form.has_changed() and form.has_content()  # type: ignore[attr-defined]
        ]
        rows.sort(key=lambda row: (row["freq"], row["byday"], row["opens_at"], row["closes_at"]))
        return rows


HoursFormSet = forms.formset_factory(HoursRowForm, formset=BaseHoursFormSet, extra=2, max_num=14)


# --- Translation --------------------------------------------------------------------------------


class TranslationForm(ProviderForm):
    name = forms.CharField(label=_("Name"), max_length=255, required=False)
    short_description = forms.CharField(
        label=_("Kurzbeschreibung"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args: Any, language: str, direction: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.update({"lang": language, "dir": direction})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("short_description") or data.get("description")) and not data.get("name"):
            self.add_error(
                "name", _("Bitte übersetzen Sie auch den Namen, sonst bleibt er auf Deutsch.")
            )
        return data


class OrganizationTranslationForm(TranslationForm):
    """The organization's name and description (it has no short description)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["short_description"]


# --- Location -----------------------------------------------------------------------------------


def area_choices() -> list[tuple[str, Any]]:
    """Current areas by level, coarse levels first (levels with very many areas left out)."""
    choices: list[tuple[str, Any]] = [("", _("Bitte wählen"))]
    for level in AreaLevel.objects.order_by("rank"):
        areas = list(Area.objects.current().filter(level=level).order_by("name"))
        if areas and len(areas) <= MAX_AREAS_PER_LEVEL:
            choices.append((str(level.name), [(str(area.pk), area.name) for area in areas]))
    return choices


class LocationForm(ProviderForm):
    fieldsets = [
        (
            _("Name und Adresse"),
            ["name", "address_1", "address_2", "postal_code", "city", "state_province"],
        ),
        (_("Lage"), ["area", "latitude", "longitude"]),
        (_("Weitere Angaben"), ["description", "transportation", "accessibility"]),
    ]
    name = forms.CharField(
        label=_("Name des Ortes"),
        max_length=255,
        help_text=_("Zum Beispiel „Stadtteilzentrum Moabit“ oder „Beratungsstelle“."),
    )
    address_1 = forms.CharField(label=_("Straße und Hausnummer"), max_length=255)
    address_2 = forms.CharField(
        label=_("Adresszusatz"),
        max_length=255,
        required=False,
        help_text=_("Zum Beispiel „Hinterhaus, 2. Stock“."),
    )
    postal_code = forms.RegexField(
        label=_("Postleitzahl"),
        regex=r"^\d{5}$",
        error_messages={"invalid": _("Eine Postleitzahl hat fünf Ziffern, zum Beispiel 10559.")},
    )
    city = forms.CharField(label=_("Ort"), max_length=100)
    state_province = forms.CharField(label=_("Bundesland"), max_length=100)
    area = forms.ChoiceField(
        label=_("Gebiet"),
        required=False,
        help_text=_(
            "In welchem Stadtteil liegt der Ort? Wenn Sie die Koordinaten angeben, bestimmen "
            "wir das Gebiet selbst."
        ),
    )
    latitude = forms.FloatField(
        label=_("Breite (Koordinate)"),
        required=False,
        min_value=-90,
        max_value=90,
        help_text=_("Zum Beispiel 52.5251. Sie finden die Koordinaten in jeder Kartensoftware."),
    )
    longitude = forms.FloatField(
        label=_("Länge (Koordinate)"),
        required=False,
        min_value=-180,
        max_value=180,
        help_text=_("Zum Beispiel 13.3421."),
    )
    description = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    transportation = forms.CharField(
        label=_("Anfahrt"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Zum Beispiel Bus- und Bahnhaltestellen in der Nähe."),
    )
    accessibility = forms.CharField(
        label=_("Barrierefreiheit"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Zum Beispiel „Eingang ebenerdig, Aufzug, barrierefreies WC“."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = area_choices()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if (latitude is None) != (longitude is None) and not self.errors:
            self.add_error(
                "longitude" if latitude is not None else "latitude",
                _("Bitte geben Sie beide Koordinaten an oder keine."),
            )
        return data

    def to_data(self) -> dict[str, Any]:
        data = super().to_data()
        data["area"] = int(data["area"]) if data.get("area") else None
        return data


# --- Event --------------------------------------------------------------------------------------


class EventForm(ProviderForm):
    fieldsets = [
        (_("Die Veranstaltung"), ["title", "description"]),
        (_("Wann"), ["date", "start_time", "end_time", "recurrence", "count"]),
        (_("Wo und wie"), ["location", "service", "capacity", "registration_hint"]),
    ]
    title = forms.CharField(label=_("Titel"), max_length=255)
    description = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    date = forms.DateField(label=_("Datum"), widget=DateInput)
    start_time = forms.TimeField(label=_("Beginn (Uhrzeit)"), widget=TimeInput)
    end_time = forms.TimeField(label=_("Ende (Uhrzeit)"), required=False, widget=TimeInput)
    recurrence = forms.ChoiceField(
        label=_("Wiederholung"), choices=list(RECURRENCES.items()), required=False
    )
    count = forms.IntegerField(
        label=_("Anzahl der Termine"),
        required=False,
        min_value=2,
        max_value=200,
        help_text=_("Nur bei Wiederholung: Wie oft findet die Veranstaltung statt?"),
    )
    location = forms.ChoiceField(label=_("Ort"), required=False)
    service = forms.ChoiceField(label=_("Gehört zum Angebot"), required=False)
    capacity = forms.IntegerField(
        label=_("Plätze (ungefähr)"),
        required=False,
        min_value=1,
        help_text=_("Nur zur Information, zum Beispiel 12."),
    )
    registration_hint = forms.CharField(
        label=_("Anmeldung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Zum Beispiel „Anmeldung bis Freitag unter 030 1234567“."),
    )

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        none = [("", _("Kein Ort"))]
        self.fields["location"].choices = none + [  # type: ignore[attr-defined]
            (str(location.pk), str(location))
            for location in Location.objects.filter(organization=organization)
        ]
        self.fields["service"].choices = [("", _("Keinem Angebot"))] + [  # type: ignore[attr-defined]
            (str(service.pk), str(service))
            for service in Service.objects.filter(organization=organization)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("Das Ende muss nach dem Beginn liegen."))
        if data.get("count") and not data.get("recurrence"):
            self.add_error(
                "count", _("Eine Anzahl von Terminen gibt es nur bei einer Wiederholung.")
            )
        return data

    def to_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        start = datetime.datetime.combine(data["date"], data["start_time"], tzinfo=zone)
        end = (
            datetime.datetime.combine(data["date"], data["end_time"], tzinfo=zone)
            if data.get("end_time")
            else None
        )
        rrule = data.get("recurrence") or ""
        if rrule and data.get("count"):
            rrule += f";COUNT={data['count']}"
        return {
            "title": data["title"],
            "description": data["description"],
            "start": start.isoformat(timespec="minutes"),
            "end": end.isoformat(timespec="minutes") if end else None,
            "rrule": rrule,
            "service": data.get("service") or None,
            "location": data.get("location") or None,
            "capacity": data.get("capacity"),
            "registration_hint": data["registration_hint"],
        }

    @staticmethod
    def initial_from(state: dict[str, Any]) -> dict[str, Any]:
        start = datetime.datetime.fromisoformat(state["start"])
        end = datetime.datetime.fromisoformat(state["end"]) if state.get("end") else None
        base, _sep, count = (state.get("rrule") or "").partition(";COUNT=")
        return {
            **state,
            "date": start.date(),
            "start_time": start.time(),
            "end_time": end.time() if end else None,
            "recurrence": base,
            "count": int(count) if count else None,
        }


# --- Moderation ---------------------------------------------------------------------------------


class RejectForm(ProviderForm):
    reason = forms.CharField(
        label=_("Begründung"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Die Organisation bekommt die Begründung per E-Mail. Schreiben Sie, was sie ändern "
            "kann."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].error_messages["required"] = _(
            "Bitte schreiben Sie eine Begründung: Die Organisation soll wissen, was sie ändern "
            "kann."
        )
