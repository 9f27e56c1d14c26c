import re
from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

# Pages that need an account, after the language prefix: the account area, the management
# area, the Django admin and an organization's member pages.
PROTECTED_PATH = re.compile(
    r"^/(?:[a-z]{2}(?:-[a-z]+)?/)?"
    r"(?:konto/|verwaltung/|admin/|angebote/organisation/[^/]+/mitglieder/)"
)

# Account pages a staff member must reach before two-factor is set up: setting it up (allauth's
# MFA pages, which may first ask for the password again), signing out, confirming an address.
ALLOWED_URL_NAMES = frozenset(
    {
        "account_login",
        "account_logout",
        "account_reauthenticate",
        "account_confirm_email",
        "account_email_verification_sent",
        "account_inactive",
        "account_reset_password",
        "account_reset_password_done",
        "account_reset_password_from_key",
        "account_reset_password_from_key_done",
    }
)


class RequireTwoFactorForStaffMiddleware:
    """Staff roles must set up TOTP before they use anything beyond the public site.

    A signed-in staff member (editor, planner, administrator, or anyone who works for an
    organization) without an authenticator app is sent to the TOTP set-up page for every page
    that needs an account. Public pages stay readable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and self._must_set_up(request):
            messages.warning(
                request,
                _(
                    "Ihr Konto hat Rechte für Mitarbeitende. Richten Sie bitte zuerst die "
                    "Anmeldung in zwei Schritten ein."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _must_set_up(self, request: HttpRequest) -> bool:
        if not PROTECTED_PATH.match(request.path_info):
            return False
        try:
            url_name = resolve(request.path_info).url_name or ""
        except Resolver404:
            return False
        if url_name in ALLOWED_URL_NAMES or url_name.startswith("mfa_"):
            return False
        if not request.user.needs_two_factor:  # type: ignore[union-attr]
            return False
        from allauth.mfa.models import Authenticator

        return not Authenticator.objects.filter(
            user=request.user, type=Authenticator.Type.TOTP
        ).exists()
