# ruff: noqa: RUF001  (German text uses the en dash as its dash)
"""Forms: the provider's set-up (settings, hours, exceptions, topics, counsellors), the
citizen's booking form and the staff's booking for a caller. They parse and check input;
saving goes through `services` and `setup`."""

import datetime
from typing import Any

from django import forms
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.core.forms import KernFormMixin
from sozialraum.directory.models import Location, Service

from .models import Appointment, AppointmentOffer, Resource, SpecialDay, Topic, WeeklyHours


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class KernModelForm(KernFormMixin, forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_up_widgets()


class KernForm(KernFormMixin, forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_up_widgets()


# --- Set-up -------------------------------------------------------------------------------------


class OfferForm(KernModelForm):
    class Meta:
        model = AppointmentOffer
        fields = [
            "is_active",
            "location",
            "slot_minutes",
            "notice_hours",
            "horizon_days",
            "hold_minutes",
            "instructions",
        ]
        widgets = {"instructions": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, service: Service, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        location_field: Any = self.fields["location"]
        location_field.queryset = Location.objects.filter(
            organization=service.organization
        ).order_by("name")
        location_field.empty_label = _("– kein Ort –")


class OfferRowMixin:
    """A row of one of the offer's lists: choices of resources come from the offer."""

    offer: AppointmentOffer
    fields: dict[str, forms.Field]

    def limit_resources(self) -> None:
        if "resource" in self.fields:
            field: Any = self.fields["resource"]
            field.queryset = Resource.objects.filter(offer=self.offer)
            field.empty_label = _("Alle")


class WeeklyHoursForm(OfferRowMixin, KernModelForm):
    mark_optional = False

    class Meta:
        model = WeeklyHours
        fields = ["weekday", "start", "end", "resource"]
        widgets = {"start": TimeInput(), "end": TimeInput()}

    def __init__(self, *args: Any, offer: AppointmentOffer, **kwargs: Any) -> None:
        self.offer = offer
        super().__init__(*args, **kwargs)
        self.limit_resources()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error(
                "end",
                _("Die Endzeit muss nach der Anfangszeit liegen (%(start)s).")
                % {"start": start.strftime("%H:%M")},
            )
        return data


class SpecialDayForm(OfferRowMixin, KernModelForm):
    mark_optional = False

    class Meta:
        model = SpecialDay
        fields = ["kind", "first_day", "last_day", "start", "end", "resource", "note"]
        widgets = {
            "first_day": DateInput(),
            "last_day": DateInput(),
            "start": TimeInput(),
            "end": TimeInput(),
        }

    def __init__(self, *args: Any, offer: AppointmentOffer, **kwargs: Any) -> None:
        self.offer = offer
        super().__init__(*args, **kwargs)
        self.limit_resources()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_day"), data.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", _("Der letzte Tag darf nicht vor dem ersten Tag liegen."))
        start, end = data.get("start"), data.get("end")
        if data.get("kind") == SpecialDay.Kind.OPEN:
            if not start:
                self.add_error("start", _("Bitte geben Sie an, ab wann geöffnet ist."))
            if not end:
                self.add_error("end", _("Bitte geben Sie an, bis wann geöffnet ist."))
            if start and end and end <= start:
                self.add_error("end", _("Die Endzeit muss nach der Anfangszeit liegen."))
        return data


class TopicForm(KernModelForm):
    mark_optional = False

    class Meta:
        model = Topic
        fields = ["name_de", "name_en", "name_ar", "duration_minutes", "is_active", "position"]
        labels = {
            "name_de": _("Thema (Deutsch)"),
            "name_en": _("Thema (Englisch)"),
            "name_ar": _("Thema (Arabisch)"),
        }

    def __init__(self, *args: Any, offer: AppointmentOffer, **kwargs: Any) -> None:
        self.offer = offer
        super().__init__(*args, **kwargs)
        self.fields["name_de"].required = True
        self.fields["name_en"].widget.attrs.update({"lang": "en", "dir": "ltr"})
        self.fields["name_ar"].widget.attrs.update({"lang": "ar", "dir": "rtl"})


class ResourceForm(KernModelForm):
    mark_optional = False

    class Meta:
        model = Resource
        fields = ["name", "is_active"]

    def __init__(self, *args: Any, offer: AppointmentOffer, **kwargs: Any) -> None:
        self.offer = offer
        super().__init__(*args, **kwargs)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        others = Resource.objects.filter(offer=self.offer, name__iexact=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Diesen Namen gibt es schon."))
        return name


class OfferFormSet(BaseModelFormSet):
    """The offer's rows; empty extra rows are ignored, rows are deleted with a checkbox."""

    def __init__(self, *args: Any, offer: AppointmentOffer, **kwargs: Any) -> None:
        self.offer = offer
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "offer": self.offer}

    def add_fields(self, form: Any, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Diese Zeile löschen")
            form.fields["DELETE"].widget.attrs["class"] = "kern-form-check__checkbox"
            form.fields["DELETE"].show_optional = False

    def error_summary(self) -> list[tuple[int, Any]]:
        rows = []
        for number, form in enumerate(self.forms, start=1):
            rows += [(number, error) for error in form.error_summary()]  # type: ignore[attr-defined]
        rows += [(0, error) for error in self.non_form_errors()]
        return rows


def offer_formset(model: type, form: type, *, can_delete: bool) -> type[BaseModelFormSet]:
    return modelformset_factory(
        model, form=form, formset=OfferFormSet, extra=2, can_delete=can_delete
    )


WeeklyHoursFormSet = offer_formset(WeeklyHours, WeeklyHoursForm, can_delete=True)
SpecialDayFormSet = offer_formset(SpecialDay, SpecialDayForm, can_delete=True)
# Topics and counsellors with appointments cannot be deleted: they are switched off instead.
TopicFormSet = offer_formset(Topic, TopicForm, can_delete=False)
ResourceFormSet = offer_formset(Resource, ResourceForm, can_delete=False)


# --- Booking ------------------------------------------------------------------------------------


class BookingForm(KernForm):
    """What a citizen tells us: as little as possible."""

    name = forms.CharField(label=_("Ihr Name"), max_length=200)
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        help_text=_("Sie bekommen eine E-Mail. Mit dem Link darin bestätigen Sie den Termin."),
    )
    phone = forms.CharField(
        label=_("Telefon"),
        max_length=50,
        required=False,
        help_text=_("Für Rückfragen, z. B. wenn der Termin ausfallen muss."),
    )
    note = forms.CharField(
        label=_("Worum geht es?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ein, zwei Sätze helfen uns bei der Vorbereitung. Keine Gesundheitsdaten."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "type": "tel"})


class StaffBookingForm(BookingForm):
    """Staff book for a caller: e-mail and phone are optional, the channel is asked."""

    start = forms.ChoiceField(label=_("Freie Zeit"), widget=forms.RadioSelect)
    channel = forms.ChoiceField(
        label=_("Wie hat sich die Person gemeldet?"),
        choices=[
            (Appointment.Channel.PHONE, Appointment.Channel.PHONE.label),
            (Appointment.Channel.WALK_IN, Appointment.Channel.WALK_IN.label),
        ],
        initial=Appointment.Channel.PHONE,
        widget=forms.RadioSelect,
    )
    field_order = ["start", "name", "phone", "email", "note", "channel"]

    def __init__(self, *args: Any, times: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        start: Any = self.fields["start"]
        start.choices = times
        email = self.fields["email"]
        email.required = False
        email.label = _("E-Mail-Adresse")
        email.help_text = _(
            "Wenn angegeben, bekommt die Person eine Bestätigung mit Kalenderdatei."
        )
        email.show_optional = True  # type: ignore[attr-defined]
        self.fields["name"].label = _("Name")
        self.fields["note"].label = _("Notiz")
        self.fields["note"].help_text = ""


class DayForm(KernForm):
    """Staff pick a topic and a day to see the free times."""

    topic: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Thema"), queryset=Topic.objects.none()
    )
    day = forms.DateField(label=_("Tag"), widget=DateInput())

    def __init__(self, *args: Any, offer: AppointmentOffer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        topic: Any = self.fields["topic"]
        topic.queryset = offer.topics.filter(is_active=True)
        topic.empty_label = None
        self.fields["day"].initial = timezone.localdate()


def parse_start(value: str) -> datetime.datetime | None:
    """A slot's start from a link or form (ISO 8601 with offset), or None."""
    try:
        start = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    if timezone.is_naive(start):
        return None
    return start
