import re
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from .two_factor import has_totp, session_passed_second_factor

# Pages that need an account, after the language prefix: the account area, the management
# area, the Django admin and an organization's member pages.
PROTECTED_PATH = re.compile(
    r"^/(?:[a-z]{2}(?:-[a-z]+)?/)?"
    r"(?:konto/|verwaltung/|admin/|angebote/organisation/)"
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
    """Staff roles must set up TOTP before they use anything beyond the public site, and their
    rights take effect only in a session that passed the second factor.

    A signed-in staff member (editor, planner, administrator, anyone who works for an
    organization, or who may open the Django admin) without an authenticator app is sent to the
    TOTP set-up page for every page that needs an account; one whose session has not passed the
    second factor is asked for the code first. Public pages stay readable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.needs_two_factor:
            return self.get_response(request)
        totp = has_totp(user)
        if totp and session_passed_second_factor(request):
            return self.get_response(request)
        # Public pages stay readable, but without any staff rights (restricted figures,
        # editing links) until the second factor is set up and passed in this session.
        user.staff_rights_pending = True
        if self._protected(request):
            if not totp:
                messages.warning(
                    request,
                    _(
                        "Ihr Konto hat Rechte für Mitarbeitende. Richten Sie bitte zuerst die "
                        "Anmeldung in zwei Schritten ein."
                    ),
                )
                return redirect("mfa_activate_totp")
            # Signed in with the password only (e.g. TOTP was set up on another device
            # meanwhile): ask for the code before anything that needs staff rights.
            return redirect_to_login(
                request.get_full_path(), login_url=reverse("mfa_reauthenticate")
            )
        return self.get_response(request)

    @staticmethod
    def _protected(request: HttpRequest) -> bool:
        """A page that needs an account, other than setting up or passing the second factor."""
        if not PROTECTED_PATH.match(request.path_info):
            return False
        try:
            url_name = resolve(request.path_info).url_name or ""
        except Resolver404:
            return False
        return not (url_name in ALLOWED_URL_NAMES or url_name.startswith("mfa_"))
