"""Forms of event registration: the public registration (one form for the person who
registers, one per participant with the provider's questions) and the providers' settings.
The forms parse and check input; saving goes through `services.py`."""

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.core.forms import DateInput, KernFormMixin
from sozialraum.passes.models import Pass, PassType

from .models import Question, QuestionKind, Registration
from .passes import check_pass_number
from .services import ParticipantData


class KernForm(KernFormMixin, forms.Form):
    #: (legend, field names): the form is shown in these groups; empty: one group
    fieldsets: list[tuple[Any, list[str]]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.setup_fields()
        self._set_up_widgets()

    def setup_fields(self) -> None:
        """Add or change fields before the KERN classes are set."""

    def groups(self) -> list[tuple[Any, list[Any]]]:
        if not self.fieldsets:
            return [("", list(self))]
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.fieldsets
        ]

    def error_summary(self) -> list[Any]:
        """As the shared summary, but a list of radio buttons is reached at its first button."""
        summary = super().error_summary()
        for error in summary:
            for name, field in self.fields.items():
                if (
                    isinstance(field.widget, forms.RadioSelect)
                    and error.field_id == self[name].auto_id
                ):
                    error.field_id = f"{error.field_id}_0"
        return summary


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


# --- Public registration ------------------------------------------------------------------------


class BookerForm(KernForm):
    """The person who registers (and gets the e-mails)."""

    name = forms.CharField(
        label=_("Ihr Name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Bitte geben Sie Ihren Namen ein.")},
    )
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        help_text=_("Dorthin schicken wir den Link zum Bestätigen."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Bitte geben Sie Ihre E-Mail-Adresse ein."),
            "invalid": _(
                "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.org."
            ),
        },
    )
    accept_fewer = forms.BooleanField(
        label=_("Wir nehmen auch weniger Plätze, wenn nicht für alle Platz ist."),
        required=False,
        help_text=_("Nur für die Warteliste, wenn Sie mehrere Personen anmelden."),
    )

    def __init__(self, *args: Any, waitlist: bool, **kwargs: Any) -> None:
        self.waitlist = waitlist
        super().__init__(*args, **kwargs)

    def setup_fields(self) -> None:
        if not self.waitlist:
            del self.fields["accept_fewer"]


class ParticipantForm(KernForm):
    """One participant: name, age (when the event has age limits), the provider's questions."""

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": _("Bitte geben Sie den Namen dieser Person ein.")},
    )
    age = forms.IntegerField(
        label=_("Alter (Jahre)"),
        min_value=0,
        max_value=120,
        error_messages={"required": _("Bitte geben Sie das Alter dieser Person ein.")},
    )

    pass_number = forms.CharField(
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(
        self,
        *args: Any,
        registration: Registration,
        questions: list[Question],
        client: str = "",
        day: datetime.date | None = None,
        **kwargs: Any,
    ) -> None:
        self.registration = registration
        self.questions = questions
        #: who asks (the IP address: limits trying out pass numbers) and for which day
        self.client = client
        self.day = day
        super().__init__(*args, **kwargs)

    def setup_fields(self) -> None:
        if not self.registration.asks_age:
            del self.fields["age"]
        pass_type = self.registration.pass_type
        if pass_type is None:
            del self.fields["pass_number"]
        else:
            self.fields["pass_number"] = pass_number_field(
                pass_type, required=self.registration.pass_required
            )
        for question in self.questions:
            self.fields[f"q{question.pk}"] = question_field(question)

    def clean_pass_number(self) -> str:
        number = self.cleaned_data.get("pass_number", "")
        pass_type = self.registration.pass_type
        self.card: Pass | None = None
        if number and pass_type is not None:
            self.card = check_pass_number(
                client=self.client,
                pass_type=pass_type,
                number=number,
                on=self.day or timezone.localdate(),
            )
        return str(number)

    def participant(self) -> ParticipantData:
        data = self.cleaned_data
        answers = {}
        for question in self.questions:
            value = data.get(f"q{question.pk}")
            if isinstance(value, datetime.date):
                value = value.isoformat()
            elif isinstance(value, Decimal):
                value = format(value.normalize(), "f")
            answers[question.key] = "" if value is None else str(value)
        return ParticipantData(
            name=data["name"],
            age=data.get("age"),
            answers=answers,
            pass_number=data.get("pass_number", ""),
        )


def pass_number_field(pass_type: PassType, *, required: bool) -> forms.CharField:
    """A pass number for `pass_type`; the label says whether it is needed."""
    if required:
        label = _("Nummer des %(pass)s") % {"pass": pass_type.name}
        help_text = _("Nur mit %(pass)s. Die Nummer steht auf dem Pass.") % {"pass": pass_type.name}
    else:
        label = _("Nummer des %(pass)s (wenn vorhanden)") % {"pass": pass_type.name}
        help_text = _("Mit %(pass)s gelten andere Bedingungen. Die Nummer steht auf dem Pass.") % {
            "pass": pass_type.name
        }
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "required": _("Bitte geben Sie die Nummer des %(pass)s ein.") % {"pass": pass_type.name}
        },
    )


def question_field(question: Question) -> forms.Field:
    options: dict[str, Any] = {
        "label": question.label,
        "required": question.required,
        "help_text": question.help_text,
        "error_messages": {"required": _("Bitte beantworten Sie diese Frage.")},
    }
    if question.kind == QuestionKind.NUMBER:
        return forms.DecimalField(
            **options, widget=forms.NumberInput(attrs={"step": "any"}), max_digits=12
        )
    if question.kind == QuestionKind.DATE:
        return forms.DateField(**options, widget=DateInput, input_formats=["%Y-%m-%d", "%d.%m.%Y"])
    if question.kind == QuestionKind.CHOICE:
        choices = [(choice, choice) for choice in question.choice_list()]
        return forms.ChoiceField(**options, choices=choices, widget=forms.RadioSelect)
    return forms.CharField(**options, max_length=500)


# --- Providers ----------------------------------------------------------------------------------


class RegistrationSettingsForm(KernForm):
    fieldsets = [
        (_("Anmeldung"), ["is_open", "capacity", "max_group_size", "waitlist"]),
        (_("Zeitraum der Anmeldung"), ["opens_at", "closes_at"]),
        (_("Wer teilnehmen kann"), ["min_age", "max_age"]),
        (_("Kosten"), ["price", "price_note"]),
        (_("Pässe"), ["pass_type", "pass_required", "pass_price"]),
    ]
    is_open = forms.BooleanField(label=_("Anmeldung möglich"), required=False, initial=True)
    capacity = forms.IntegerField(
        label=_("Plätze je Termin"),
        min_value=1,
        max_value=10000,
        help_text=_(
            "Bei einer Reihe gilt die Zahl für jeden Termin. Sie können sie später je Termin "
            "ändern."
        ),
        error_messages={"required": _("Bitte geben Sie an, wie viele Plätze es gibt.")},
    )
    max_group_size = forms.IntegerField(
        label=_("Höchstens Personen je Anmeldung"),
        min_value=1,
        max_value=20,
        initial=5,
        help_text=_("Zum Beispiel eine Familie: eine Person meldet mehrere an."),
    )
    waitlist = forms.BooleanField(
        label=_("Warteliste, wenn alle Plätze vergeben sind"), required=False, initial=True
    )
    opens_at = forms.DateTimeField(
        label=_("Anmeldung ab"),
        required=False,
        widget=DateTimeInput,
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"],
        help_text=_("Leer: ab sofort."),
    )
    closes_at = forms.DateTimeField(
        label=_("Anmeldung bis"),
        required=False,
        widget=DateTimeInput,
        input_formats=["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"],
        help_text=_("Leer: bis zum Beginn des Termins."),
    )
    min_age = forms.IntegerField(
        label=_("Mindestalter (Jahre)"), required=False, min_value=0, max_value=120
    )
    max_age = forms.IntegerField(
        label=_("Höchstalter (Jahre)"), required=False, min_value=0, max_value=120
    )
    price = forms.DecimalField(
        label=_("Preis je Person in Euro"),
        required=False,
        min_value=Decimal(0),
        max_digits=7,
        decimal_places=2,
        help_text=_("Leer oder 0: kostenlos. Bezahlt wird vor Ort."),
    )
    price_note = forms.CharField(
        label=_("Hinweis zum Preis"),
        required=False,
        max_length=255,
        help_text=_("Zum Beispiel „Ermäßigt 2 Euro, bitte Nachweis mitbringen“."),
    )

    pass_type: forms.ModelChoiceField[PassType] = forms.ModelChoiceField(
        label=_("Pass"),
        queryset=PassType.objects.all(),
        required=False,
        empty_label=_("Kein Pass"),
        help_text=_(
            "Zum Beispiel Ferienpass: Dann fragt die Anmeldung jede Person nach der Nummer ihres "
            "Passes und prüft sie."
        ),
    )
    pass_required = forms.BooleanField(
        label=_("Nur mit Pass: Es können nur Personen mit gültigem Pass teilnehmen."),
        required=False,
    )
    pass_price = forms.DecimalField(
        label=_("Preis je Person mit Pass in Euro"),
        required=False,
        min_value=Decimal(0),
        max_digits=7,
        decimal_places=2,
        help_text=_("Leer: der Preis oben gilt auch mit Pass. 0: mit Pass kostenlos."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("pass_type") is None:
            if data.get("pass_required"):
                self.add_error("pass_type", _("Bitte wählen Sie, welcher Pass nötig ist."))
            if data.get("pass_price") is not None:
                self.add_error("pass_type", _("Bitte wählen Sie, für welchen Pass der Preis gilt."))
        low, high = data.get("min_age"), data.get("max_age")
        if low is not None and high is not None and high < low:
            self.add_error("max_age", _("Das Höchstalter ist kleiner als das Mindestalter."))
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Das Ende der Anmeldung muss nach dem Beginn liegen."))
        return data

    @classmethod
    def initial_from(cls, registration: Registration | None) -> dict[str, Any]:
        if registration is None:
            return {}
        initial = {name: getattr(registration, name) for name in cls.base_fields}
        for name in ("opens_at", "closes_at"):
            if initial[name]:
                initial[name] = timezone.localtime(initial[name])
        return initial

    def to_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["price_note"] = data.get("price_note") or ""
        return data


class QuestionForm(KernForm):
    label = forms.CharField(
        label=_("Frage"),
        max_length=200,
        help_text=_("Zum Beispiel „Hat Ihr Kind Allergien?“"),
        error_messages={"required": _("Bitte geben Sie die Frage ein.")},
    )
    help_text = forms.CharField(label=_("Erklärung zur Frage"), max_length=255, required=False)
    kind = forms.ChoiceField(label=_("Art der Antwort"), choices=QuestionKind.choices)
    choices = forms.CharField(
        label=_("Antworten zur Auswahl"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Nur bei „Auswahl“: eine Antwort je Zeile."),
    )
    required = forms.BooleanField(label=_("Pflichtfrage"), required=False)
    position = forms.IntegerField(
        label=_("Reihenfolge"), min_value=0, max_value=999, initial=0, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lines = [line for line in (data.get("choices") or "").splitlines() if line.strip()]
        if data.get("kind") == QuestionKind.CHOICE and len(lines) < 2:
            self.add_error("choices", _("Eine Auswahl braucht mindestens zwei Antworten."))
        data["position"] = data.get("position") or 0
        return data


class CapacityForm(KernForm):
    capacity = forms.IntegerField(label=_("Plätze für diesen Termin"), min_value=1, max_value=10000)


class CancelForm(KernForm):
    reason = forms.CharField(
        label=_("Grund der Absage"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Steht in der E-Mail an alle Angemeldeten."),
    )


class MessageForm(KernForm):
    subject = forms.CharField(
        label=_("Betreff"),
        max_length=150,
        error_messages={"required": _("Bitte geben Sie einen Betreff ein.")},
    )
    body = forms.CharField(
        label=_("Nachricht"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        error_messages={"required": _("Bitte schreiben Sie eine Nachricht.")},
    )
