"""allauth's pages render inside our layout, in German by default, with KERN markup."""

import pytest
from django.test import Client

from tests.conftest import verify_email
from tests.factories import UserFactory, give_totp

from .helpers import reauthenticate, sign_in

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = [
    ("/de/konto/login/", "Anmelden"),
    ("/de/konto/signup/", "Konto anlegen"),
    ("/de/konto/password/reset/", "Passwort vergessen"),
    ("/de/konto/password/reset/done/", "E-Mail ist unterwegs"),
    ("/de/konto/confirm-email/", "Bitte bestätigen Sie Ihre E-Mail-Adresse"),
    ("/de/konto/inactive/", "Konto gesperrt"),
]

SIGNED_IN_PAGES = [
    ("/de/konto/uebersicht/", "Mein Konto"),
    ("/de/konto/email/", "E-Mail-Adressen"),
    ("/de/konto/password/change/", "Passwort ändern"),
    ("/de/konto/logout/", "Abmelden"),
    ("/de/konto/2fa/", "Anmeldung in zwei Schritten"),
    ("/de/konto/2fa/totp/activate/", "Authenticator-App einrichten"),
]


def assert_in_our_layout(html: str, heading: str) -> None:
    assert '<html lang="de" dir="ltr">' in html
    assert 'class="sr-skip-link"' in html
    assert f'<h1 class="kern-heading-large">{heading}</h1>' in html


@pytest.mark.parametrize(("url", "heading"), ANONYMOUS_PAGES)
def test_entrance_pages_render_in_our_layout(client: Client, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    assert_in_our_layout(response.content.decode(), heading)


@pytest.mark.parametrize(("url", "heading"), SIGNED_IN_PAGES)
def test_account_pages_render_in_our_layout(client: Client, url, heading):
    user = UserFactory()
    verify_email(user)
    sign_in(client, user)
    response = client.get(url)
    assert response.status_code == 200
    assert_in_our_layout(response.content.decode(), heading)


def test_login_form_uses_kern_fields_with_labels(client: Client):
    html = client.get("/de/konto/login/").content.decode()
    assert '<label class="kern-label" for="id_login">' in html
    assert 'class="kern-form-input__input"' in html
    assert 'class="kern-form-check__checkbox"' in html  # "Angemeldet bleiben"
    assert 'class="kern-btn kern-btn--primary"' in html
    assert "placeholder=" not in html  # labels, not placeholders


def test_field_errors_are_linked_to_their_field(client: Client):
    html = client.post("/de/konto/signup/", {"email": "kaputt", "password1": "x"}).content.decode()
    assert 'role="alert"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_email_error"' in html
    assert 'class="kern-error" id="id_email_error"' in html


def test_totp_activation_shows_qr_code_and_secret_as_text(client: Client):
    user = UserFactory(roles=["editor"])
    verify_email(user)
    sign_in(client, user)
    response = client.get("/de/konto/2fa/totp/activate/")
    html = response.content.decode()
    secret = response.context["form"].secret
    assert '<img class="sr-qr" src="data:image/svg+xml;base64,' in html
    assert 'alt="QR-Code für die Authenticator-App"' in html
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    assert '<code class="sr-secret" id="totp-secret"' in html and grouped in html
    # The content security policy allows data: images, so the QR code shows.
    assert "img-src 'self' data:" in response["Content-Security-Policy"]


def test_staff_cannot_switch_two_factor_off(client: Client):
    user = UserFactory(roles=["planner"])
    verify_email(user)
    give_totp(user)
    sign_in(client, user)
    reauthenticate(client)
    page = client.get("/de/konto/2fa/totp/deactivate/").content.decode()
    assert "lässt sich nicht ausschalten" in page
    client.post("/de/konto/2fa/totp/deactivate/")
    assert user.authenticator_set.filter(type="totp").exists()


def test_citizen_can_switch_two_factor_off(client: Client):
    user = UserFactory()
    verify_email(user)
    give_totp(user)
    sign_in(client, user)
    reauthenticate(client)
    response = client.post("/de/konto/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert not user.authenticator_set.filter(type="totp").exists()
