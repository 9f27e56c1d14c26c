from django import forms
from django.utils.translation import gettext_lazy as _


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-Mail-Adresse der Kollegin oder des Kollegen"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text=_("Die Person bekommt eine E-Mail mit einem Link. Er gilt 14 Tage."),
    )
    as_admin = forms.BooleanField(
        label=_("Darf die Organisation auch verwalten (Kolleginnen und Kollegen einladen)"),
        required=False,
    )
