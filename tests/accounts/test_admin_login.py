"""The Django admin and staff pages need a full sign-in: allauth's login, second factor included."""

import pytest
from django.test import Client, override_settings

from sozialraum.accounts.models import User
from tests.conftest import verify_email
from tests.factories import UserFactory, give_totp
from tests.sessions import _original_force_login

pytestmark = pytest.mark.django_db


def test_admin_login_form_is_allauths_login_not_djangos(client: Client, password):
    """Django's own admin login form would bypass rate limits and the second factor."""
    superuser = User.objects.create_superuser("root@example.org", password)
    give_totp(superuser)
    response = client.post(
        "/de/admin/login/?next=/de/admin/", {"username": superuser.email, "password": password}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/de/konto/login/")
    assert not client.get("/de/admin/").wsgi_request.user.is_authenticated


def test_a_signed_in_citizen_cannot_use_the_admin_login_to_become_someone_else(
    client: Client, password
):
    superuser = User.objects.create_superuser("root@example.org", password)
    client.force_login(UserFactory())
    response = client.post("/de/admin/login/", {"username": superuser.email, "password": password})
    assert response.status_code == 403
    assert client.get("/de/verwaltung/konten/").status_code in (302, 403)
    assert client.get("/de/admin/").wsgi_request.user.email != superuser.email


def test_staff_signed_in_with_the_password_only_must_enter_the_code(client: Client, password):
    """TOTP exists, but this session has not passed it (e.g. set up on another device)."""
    user = UserFactory(roles=["editor"])
    give_totp(user)
    _original_force_login(client, user)  # the password step only
    response = client.get("/de/verwaltung/")
    assert response["Location"] == "/de/konto/2fa/reauthenticate/?next=/de/verwaltung/"


def test_django_admin_needs_two_factor_for_is_staff_accounts_without_a_role(client: Client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/de/admin/")["Location"] == "/de/konto/2fa/totp/activate/"


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_failed_logins_of_one_visitor_behind_the_proxy_do_not_lock_out_others(password):
    user = UserFactory()
    verify_email(user)
    attacker, visitor = Client(), Client()
    for _ in range(6):
        attacker.post(
            "/de/konto/login/",
            {"login": "someone@example.org", "password": "falsch"},
            headers={"x-forwarded-for": "203.0.113.7"},
            REMOTE_ADDR="127.0.0.1",
        )
    response = visitor.post(
        "/de/konto/login/",
        {"login": user.email, "password": password},
        headers={"x-forwarded-for": "198.51.100.2"},
        REMOTE_ADDR="127.0.0.1",
    )
    assert response.status_code == 302
