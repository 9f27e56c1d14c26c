"""`sozialraum load_demo` creates demo accounts for every role; `demo_totp_code` helps sign in."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from sozialraum.accounts import demo
from sozialraum.accounts.models import User
from sozialraum.accounts.roles import Role
from sozialraum.directory.models import Membership

pytestmark = pytest.mark.django_db


def load(settings) -> str:
    settings.DEBUG = True
    out = StringIO()
    demo.load(out, _PlainStyle())
    return out.getvalue()


def test_make_demo_creates_the_demo_accounts(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "admin@example.org" in out.getvalue()
    assert User.objects.filter(email="admin@example.org").exists()


def test_demo_accounts_for_every_role(settings):
    output = load(settings)
    roles = {user.email: user.roles for user in User.objects.all()}
    assert roles["admin@example.org"] == {Role.ADMINISTRATOR}
    assert roles["redaktion@example.org"] == {Role.EDITOR}
    assert roles["planung@example.org"] == {Role.PLANNER}
    assert roles["traeger@example.org"] == set()
    assert roles["buerger@example.org"] == set()
    membership = Membership.objects.get(user__email="traeger@example.org")
    assert membership.is_admin
    assert membership.organization.name == "Nachbarschaftshaus Am Kanal e. V."
    assert demo.DEMO_PASSWORD in output
    assert demo.DEMO_TOTP_SECRET in output
    assert "demo_totp_code" in output


def test_demo_accounts_can_sign_in_with_the_printed_code(settings):
    load(settings)
    client = Client()
    response = client.post(
        "/de/konto/login/", {"login": "admin@example.org", "password": demo.DEMO_PASSWORD}
    )
    assert response["Location"] == "/de/konto/2fa/authenticate/"
    out = StringIO()
    call_command("demo_totp_code", "admin@example.org", stdout=out, stderr=StringIO())
    response = client.post("/de/konto/2fa/authenticate/", {"code": out.getvalue().strip()})
    assert response["Location"] == "/de/konto/uebersicht/"
    assert client.get("/de/verwaltung/konten/").status_code == 200


def test_citizen_demo_account_signs_in_without_a_second_step(settings):
    load(settings)
    response = Client().post(
        "/de/konto/login/", {"login": "buerger@example.org", "password": demo.DEMO_PASSWORD}
    )
    assert response["Location"] == "/de/konto/uebersicht/"


def test_the_demo_organization_is_one_of_the_demo_directory(settings):
    from sozialraum.directory import demo as directory_demo
    from sozialraum.directory.models import Organization

    load(settings)
    directory_demo.load_directory()

    organization = Organization.objects.get(name=demo.DEMO_ORGANIZATION)
    assert organization.memberships.get().user.email == "traeger@example.org"
    assert organization.services.count() >= 5
    assert organization.website  # filled in by the directory demo
    assert Organization.objects.count() == len(directory_demo.ORGANIZATIONS)


def test_loading_twice_changes_nothing(settings):
    load(settings)
    counts = (User.objects.count(), Membership.objects.count())
    from allauth.mfa.models import Authenticator

    authenticators = set(Authenticator.objects.values_list("pk", flat=True))
    load(settings)
    assert (User.objects.count(), Membership.objects.count()) == counts
    assert set(Authenticator.objects.values_list("pk", flat=True)) == authenticators


def test_no_demo_accounts_without_debug(settings):
    settings.DEBUG = False
    out = StringIO()
    demo.load(out, _PlainStyle())
    assert "only created with DEBUG=1" in out.getvalue()
    assert not User.objects.exists()


def test_demo_totp_code_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("demo_totp_code", "admin@example.org")


def test_demo_totp_code_explains_a_missing_authenticator(settings):
    load(settings)
    with pytest.raises(CommandError, match="no authenticator app"):
        call_command("demo_totp_code", "buerger@example.org")


class _PlainStyle:
    def __getattr__(self, name):
        return lambda text: text
