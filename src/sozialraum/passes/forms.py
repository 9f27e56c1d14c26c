"""Forms of the pass pages (/verwaltung/paesse/): they parse input; services.py saves."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.core.forms import DateInput, KernFormMixin
from sozialraum.core.services import localized

from .models import PassType
from .services import MAX_ISSUE

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class PassTypeForm(KernFormMixin, forms.ModelForm):
    translated_fields = ("name", "description")
    group_translations_by = "field"

    class Meta:
        model = PassType
        fields = ["code", *localized("name"), *localized("description"), "validity_months"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in localized("description")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name_de"].required = True
        if self.instance.pk:
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _("Das Kürzel bleibt, wie es angelegt wurde.")
        self._set_up_widgets()


class IssueForm(KernFormMixin, forms.Form):
    pass_type: forms.ModelChoiceField[PassType] = forms.ModelChoiceField(
        label=_("Passart"), queryset=PassType.objects.all(), empty_label=None
    )
    count = forms.IntegerField(
        label=_("Anzahl"),
        min_value=1,
        max_value=MAX_ISSUE,
        initial=1,
        help_text=_("Wie viele Pässe mit neuen Nummern, z. B. für den Druck."),
    )
    valid_from = forms.DateField(label=_("Gültig ab"), widget=DateInput, input_formats=DATE_FORMATS)
    valid_until = forms.DateField(
        label=_("Gültig bis"),
        required=False,
        widget=DateInput,
        input_formats=DATE_FORMATS,
        help_text=_("Leer lassen: so lange, wie Pässe dieser Art gelten."),
    )
    birth_year = forms.IntegerField(
        label=_("Geburtsjahr"),
        required=False,
        min_value=1900,
        help_text=_("Nur für Pässe eines Kindes, wenn Angebote Altersgrenzen haben."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["valid_from"].initial = timezone.localdate()
        self._set_up_widgets()

    def clean_birth_year(self) -> int | None:
        year = self.cleaned_data.get("birth_year")
        if year is not None and year > timezone.localdate().year:
            raise forms.ValidationError(_("Das Geburtsjahr liegt in der Zukunft."))
        return year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        valid_from: datetime.date | None = data.get("valid_from")
        valid_until: datetime.date | None = data.get("valid_until")
        if valid_from and valid_until and valid_until < valid_from:
            self.add_error("valid_until", _("„Gültig bis“ liegt vor „gültig ab“."))
        return data


class ImportForm(KernFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Datei (CSV oder XLSX)"),
        help_text=_(
            "Spalten: nummer, art, gueltig_ab, gueltig_bis (freiwillig), geburtsjahr "
            "(freiwillig), gesperrt (freiwillig, ja oder nein)."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_up_widgets()

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Bitte eine CSV- oder XLSX-Datei wählen."))
        return upload


class SearchForm(KernFormMixin, forms.Form):
    mark_optional = False

    number = forms.CharField(label=_("Passnummer"), max_length=60, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._set_up_widgets()
        self.fields["number"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
