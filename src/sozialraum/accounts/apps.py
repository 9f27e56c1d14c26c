from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sozialraum.accounts"
    verbose_name = _("Konten und Rollen")

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added

        from .two_factor import record_second_factor_on_activation

        authenticator_added.connect(record_second_factor_on_activation)
