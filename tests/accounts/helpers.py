"""Sign in through the real login form (so allauth records a fresh authentication)."""

from django.test import Client

from tests.factories import PASSWORD, totp_code


def sign_in(client: Client, user, password: str = PASSWORD, language: str = "de") -> None:
    response = client.post(f"/{language}/konto/login/", {"login": user.email, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    if response["Location"].endswith("/konto/2fa/authenticate/"):
        response = client.post(response["Location"], {"code": totp_code()})
        assert response.status_code == 302, response.content.decode()[:2000]


def reauthenticate(client: Client, password: str = PASSWORD, language: str = "de") -> None:
    """Confirm the password again, as allauth asks before changes to two-factor."""
    response = client.post(f"/{language}/konto/reauthenticate/", {"password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
