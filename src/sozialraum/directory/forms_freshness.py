"""The form on the freshness page: which services are confirmed."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Service


class ConfirmServicesForm(forms.Form):
    """Confirm the ticked services, or all of them with the second button (`confirm=all`)."""

    ALL = "all"

    services: "forms.ModelMultipleChoiceField[Service]" = forms.ModelMultipleChoiceField(
        label=_("Angebote"),
        queryset=Service.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    confirm = forms.ChoiceField(
        choices=[("selected", "selected"), (ALL, ALL)], required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, services: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["services"].queryset = services  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("confirm") == self.ALL:
            data["services"] = list(self.fields["services"].queryset)  # type: ignore[attr-defined]
        elif not data.get("services") and "services" not in self.errors:
            self.add_error(
                "services",
                _("Wählen Sie mindestens ein Angebot aus, oder bestätigen Sie alle."),
            )
        return data
