"""`force_login` in tests stands for a complete sign-in: password and, if set up, the TOTP code."""

import time

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.account.internal.userkit import user_id_to_str
from django.test import Client

from sozialraum.accounts.two_factor import has_totp

_original_force_login = Client.force_login


def force_login_with_second_factor(self: Client, user, backend=None) -> None:
    _original_force_login(self, user, backend)
    if has_totp(user):
        session = self.session
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "password", "at": time.time(), "email": user.email},
            {"method": "mfa", "at": time.time(), "type": "totp"},
        ]
        session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
        session.save()
