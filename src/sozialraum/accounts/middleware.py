from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# Paths a staff member without two-factor may still use: allauth (log out, set up TOTP),
# static files, the language switch and the public pages.
ALLOWED_PREFIXES = ("/static/", "/media/", "/i18n/")


class RequireTwoFactorForStaffMiddleware:
    """Staff roles must set up TOTP before they use anything beyond the public site.

    A signed-in staff member without an authenticator is sent to the TOTP set-up page for every
    page that needs an account (accounts area, management, Django admin).
    """

    protected_markers = ("/konto/", "/verwaltung/", "/admin/")

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
        path = request.path
        if path.startswith(ALLOWED_PREFIXES) or "/konto/2fa/" in path:
            return False
        if path in {reverse("account_logout"), reverse("account_login")}:
            return False
        if not any(marker in path for marker in self.protected_markers):
            return False
        if not request.user.needs_two_factor:  # type: ignore[union-attr]
            return False
        from allauth.mfa.models import Authenticator

        return not Authenticator.objects.filter(
            user=request.user, type=Authenticator.Type.TOTP
        ).exists()
