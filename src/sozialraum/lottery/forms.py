"""Forms of the holiday programme: a parent's wishes (one form per child, or one shared list for
siblings who go together) and the editors' programme settings."""

import datetime
from typing import Any

from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.events.forms import DateTimeInput, KernForm, pass_number_field
from sozialraum.events.models import Occurrence, Registration
from sozialraum.events.passes import check_pass_number
from sozialraum.events.services import age_range_text
from sozialraum.passes.models import Pass, PassType

from .models import Programme, ProgrammeEvent


def offer_label(occurrence: Occurrence) -> str:
    registration = occurrence.registration
    text = "{title}, {when}".format(
        title=registration.event.title,
        when=date_format(timezone.localtime(occurrence.start), "DATETIME_FORMAT"),
    )
    if registration.asks_age:
        text += f" ({age_range_text(registration)})"
    return text


def add_wish_fields(form: forms.Form, offers: list[Occurrence], max_wishes: int) -> None:
    choices = [(str(o.pk), offer_label(o)) for o in offers]
    for rank in range(1, max_wishes + 1):
        form.fields[f"wish_{rank}"] = forms.TypedChoiceField(
            label=_("%(rank)s. Wunsch") % {"rank": rank},
            choices=[("", _("Bitte wählen") if rank == 1 else _("Kein weiterer Wunsch")), *choices],
            coerce=int,
            empty_value=None,
            required=rank == 1,
            help_text=_("Das Angebot, das Sie am liebsten möchten.") if rank == 1 else "",
            error_messages={"required": _("Bitte wählen Sie mindestens einen Wunsch.")},
        )


def chosen_wishes(form: forms.Form) -> list[int]:
    return [
        form.cleaned_data[name]
        for name in sorted(
            (n for n in form.fields if n.startswith("wish_")), key=lambda n: int(n[5:])
        )
        if form.cleaned_data.get(name) is not None
    ]


class ChildForm(KernForm):
    name = forms.CharField(
        label=gettext_lazy("Vorname und Name des Kindes"),
        max_length=200,
        error_messages={"required": gettext_lazy("Bitte geben Sie den Namen des Kindes ein.")},
    )
    age = forms.IntegerField(
        label=gettext_lazy("Alter (Jahre)"),
        min_value=0,
        max_value=30,
        error_messages={"required": gettext_lazy("Bitte geben Sie das Alter des Kindes ein.")},
    )

    def __init__(
        self,
        *args: Any,
        programme: Programme,
        offers: list[Occurrence],
        own_wishes: bool,
        client: str = "",
        **kwargs: Any,
    ) -> None:
        self.programme = programme
        self.offers = offers
        self.own_wishes = own_wishes
        self.client = client
        self.card: Pass | None = None
        super().__init__(*args, **kwargs)

    def setup_fields(self) -> None:
        if not any(o.registration.asks_age for o in self.offers):
            del self.fields["age"]
        if self.programme.pass_type is not None:
            field = pass_number_field(self.programme.pass_type, required=False)
            field.help_text = _("Kinder mit %(pass)s bekommen zuerst einen Platz.") % {
                "pass": self.programme.pass_type.name
            }
            self.fields["pass_number"] = field
        if self.own_wishes:
            add_wish_fields(self, self.offers, self.programme.max_wishes)

    def clean_pass_number(self) -> str:
        number = self.cleaned_data.get("pass_number", "")
        pass_type = self.programme.pass_type
        if number and pass_type is not None:
            first_day = (
                timezone.localtime(self.offers[0].start).date()
                if self.offers
                else timezone.localdate()
            )
            self.card = check_pass_number(
                client=self.client, pass_type=pass_type, number=number, on=first_day
            )
        return str(number)


class SharedWishesForm(KernForm):
    """One list of wishes for siblings who go together."""

    def __init__(self, *args: Any, programme: Programme, offers: list[Occurrence], **kwargs: Any):
        self.programme = programme
        self.offers = offers
        super().__init__(*args, **kwargs)

    def setup_fields(self) -> None:
        add_wish_fields(self, self.offers, self.programme.max_wishes)


# --- Editors ----------------------------------------------------------------------------------


class RegistrationChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Registration) -> str:  # type: ignore[override]
        return f"{obj.event.title} ({obj.event.organization.name})"


class ProgrammeForm(KernForm):
    fieldsets = [
        (gettext_lazy("Ferienprogramm"), ["title", "description"]),
        (gettext_lazy("Wunschphase"), ["wishes_from", "wishes_until", "max_wishes"]),
        (
            gettext_lazy("Verlosung"),
            ["places_per_child", "pass_type", "pass_holders_first", "nothing_yet_first"],
        ),
        (gettext_lazy("Veranstaltungen"), ["registrations"]),
    ]
    title = forms.CharField(
        label=gettext_lazy("Titel"),
        max_length=200,
        help_text=gettext_lazy("Zum Beispiel „Ferienprogramm Sommer 2027“."),
        error_messages={"required": gettext_lazy("Bitte geben Sie einen Titel ein.")},
    )
    description = forms.CharField(
        label=gettext_lazy("Beschreibung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Steht über dem Formular für die Wünsche. Einfache Sprache."),
    )
    wishes_from = forms.DateTimeField(
        label=gettext_lazy("Wünsche ab"),
        widget=DateTimeInput,
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"],
        error_messages={"required": gettext_lazy("Bitte geben Sie den Beginn der Wunschphase an.")},
    )
    wishes_until = forms.DateTimeField(
        label=gettext_lazy("Wünsche bis"),
        widget=DateTimeInput,
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"],
        help_text=gettext_lazy("Danach können Sie die Plätze verlosen."),
        error_messages={"required": gettext_lazy("Bitte geben Sie das Ende der Wunschphase an.")},
    )
    max_wishes = forms.IntegerField(
        label=gettext_lazy("Höchstens Wünsche je Kind"), min_value=1, max_value=10, initial=3
    )
    places_per_child = forms.IntegerField(
        label=gettext_lazy("Höchstens Plätze je Kind"),
        min_value=1,
        max_value=10,
        initial=1,
        help_text=gettext_lazy("Meist 1: Erst wenn jedes Kind dran war, gibt es zweite Plätze."),
    )
    pass_type: forms.ModelChoiceField[PassType] = forms.ModelChoiceField(
        label=gettext_lazy("Pass"),
        queryset=PassType.objects.all(),
        required=False,
        empty_label=gettext_lazy("Kein Pass"),
        help_text=gettext_lazy("Das Formular fragt je Kind nach der Nummer dieses Passes."),
    )
    pass_holders_first = forms.BooleanField(
        label=gettext_lazy("Kinder mit Pass bekommen zuerst einen Platz."),
        required=False,
        initial=True,
    )
    nothing_yet_first = forms.BooleanField(
        label=gettext_lazy(
            "Kinder, die in früheren Verlosungen dieses Jahres keinen Platz bekommen haben, "
            "kommen zuerst."
        ),
        required=False,
        initial=True,
    )
    registrations = RegistrationChoice(
        label=gettext_lazy("Veranstaltungen, deren Plätze verlost werden"),
        queryset=Registration.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy(
            "Veranstaltungen mit geöffneter Anmeldung. Sie nehmen keine direkten Anmeldungen "
            "mehr an, bis verlost ist."
        ),
    )

    def __init__(self, *args: Any, programme: Programme | None = None, **kwargs: Any) -> None:
        self.programme = programme
        super().__init__(*args, **kwargs)

    def setup_fields(self) -> None:
        now = timezone.now()
        elsewhere = ProgrammeEvent.objects.filter(registration=OuterRef("pk"))
        if self.programme is not None:
            elsewhere = elsewhere.exclude(programme=self.programme)
        upcoming = Occurrence.objects.upcoming(now).filter(registration=OuterRef("pk"))
        field = self.fields["registrations"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = (
            Registration.objects.filter(Exists(upcoming))
            .exclude(Exists(elsewhere))
            .select_related("event__organization")
            .order_by("event__title")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("wishes_from"), data.get("wishes_until")
        if start and end and end <= start:
            self.add_error("wishes_until", _("Das Ende muss nach dem Beginn liegen."))
        return data

    @classmethod
    def initial_from(cls, programme: Programme | None) -> dict[str, Any]:
        if programme is None:
            now = timezone.localtime().replace(minute=0, second=0, microsecond=0)
            return {
                "wishes_from": now,
                "wishes_until": now + datetime.timedelta(days=14),
                "max_wishes": 3,
                "places_per_child": 1,
                "pass_holders_first": True,
                "nothing_yet_first": True,
            }
        initial = {name: getattr(programme, name) for name in cls.base_fields}
        initial["registrations"] = list(programme.links.values_list("registration_id", flat=True))
        for name in ("wishes_from", "wishes_until"):
            initial[name] = timezone.localtime(initial[name])
        return initial
