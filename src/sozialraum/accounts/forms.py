from typing import Any

from allauth.account.forms import LoginForm as BaseLoginForm
from django import forms
from django.utils.translation import gettext_lazy as _

from .roles import Role


class UserSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Suche nach E-Mail-Adresse oder Name"), required=False, max_length=200
    )
    role = forms.ChoiceField(
        label=_("Rolle"),
        required=False,
        choices=[("", _("Alle Konten")), *Role.choices, ("provider", _("Träger-Mitarbeitende"))],
    )


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Rollen bei der Stadt"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Ohne Rolle ist das Konto ein Bürgerkonto. Mitarbeitende von Trägern bekommen ihre "
            "Rechte über die Einladung ihrer Organisation, nicht hier."
        ),
    )


class LoginForm(BaseLoginForm):
    """allauth's login form; "Passwort vergessen?" follows the form instead of sitting between
    the e-mail and password fields, so Tab goes straight from one field to the other."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""
