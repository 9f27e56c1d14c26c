"""The first administrator: `sozialraum createsuperuser` with the e-mail-only user model."""

import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from sozialraum.accounts.models import User
from sozialraum.accounts.roles import Role
from tests.factories import totp_code

pytestmark = pytest.mark.django_db


def test_createsuperuser_asks_only_for_email_and_password(monkeypatch, password):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", password)
    call_command("createsuperuser", "--noinput", "--email", "Erste@Example.org")
    user = User.objects.get()
    assert user.email == "Erste@example.org"
    assert user.is_superuser and user.is_staff
    assert user.roles == {Role.ADMINISTRATOR}
    assert user.has_perm("accounts.manage_roles")
    assert user.needs_two_factor


def test_first_administrator_confirms_the_address_then_sets_up_two_factor(monkeypatch, password):
    from allauth.mfa.totp.internal.auth import TOTP

    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", password)
    call_command("createsuperuser", "--noinput", "--email", "erste@example.org")
    client = Client()
    response = client.post("/de/konto/login/", {"login": "erste@example.org", "password": password})
    assert response["Location"] == "/de/konto/confirm-email/"
    link = re.search(r"https?://testserver(/\S+)", mail.outbox[0].body).group(1)
    client.post(link)
    response = client.get("/de/verwaltung/konten/")
    assert response["Location"] == "/de/konto/2fa/totp/activate/"
    TOTP.activate(User.objects.get(), "JBSWY3DPEHPK3PXP")
    # Set up outside this session (another device): the session must pass the code first.
    response = client.get("/de/verwaltung/konten/")
    assert response["Location"] == "/de/konto/2fa/reauthenticate/?next=/de/verwaltung/konten/"
    response = client.post(response["Location"], {"code": totp_code("JBSWY3DPEHPK3PXP")})
    assert response["Location"] == "/de/verwaltung/konten/"
    assert client.get("/de/verwaltung/konten/").status_code == 200
