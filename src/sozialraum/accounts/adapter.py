import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sozialraum.core.rate_limits import too_many_requests


class AccountAdapter(DefaultAccountAdapter):
    """Our hooks into allauth (e-mail texts come from templates/account/email/)."""

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Mails are signed with the city's name (templates/account/email/base_message.txt)."""
        from sozialraum.core.models import SiteSettings

        super().send_mail(template_prefix, email, {**context, "site_settings": SiteSettings.load()})

    def login(self, request: HttpRequest, user: Any) -> None:
        """Remember the language of the pages the person signs in on: our e-mails to them
        (decisions on their changes, reminders) are written in it."""
        super().login(request, user)
        language = (get_language() or "").split("-")[0]
        if language in dict(settings.LANGUAGES) and user.language != language:
            user.language = language
            type(user).objects.filter(pk=user.pk).update(language=language)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        """Too many failed logins: answer with a 429 page instead of another form error."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code == "too_many_login_attempts":
                raise ImmediateHttpResponse(too_many_requests(request)) from error
            raise

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """A sign-in with the password a few minutes ago counts for two-factor settings.

        Staff are sent to the TOTP set-up as soon as they sign in, and then shown their
        recovery codes; asking for the password they typed seconds ago would only confuse.
        After the reauthentication timeout (5 minutes) allauth asks again, as usual.
        """
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        request = context.request
        user = getattr(request, "user", None)
        if app != "allauth.mfa" or user is None or not user.is_authenticated:
            return True
        now = time.time()
        return not any(
            record.get("method") == "password"
            and now - record.get("at", 0) < account_settings.REAUTHENTICATION_TIMEOUT
            for record in get_authentication_records(request, user)
        )


class MFAAdapter(DefaultMFAAdapter):
    """Two-factor is mandatory for staff: they cannot switch their authenticator app off."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": _(
            "Ihr Konto hat Rechte für Mitarbeitende. Dafür ist die Anmeldung in zwei Schritten "
            "Pflicht und lässt sich nicht ausschalten."
        ),
    }

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        if authenticator.type == Authenticator.Type.TOTP:
            return not authenticator.user.needs_two_factor  # type: ignore[attr-defined]
        return True
