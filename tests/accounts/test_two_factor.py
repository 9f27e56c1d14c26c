"""Two-factor sign-in is mandatory for staff: without TOTP they are sent to set it up."""

import pytest
from django.test import Client

from tests.conftest import verify_email
from tests.factories import MembershipFactory, UserFactory, give_totp, totp_code

from .helpers import sign_in

pytestmark = pytest.mark.django_db

SETUP = "/de/konto/2fa/totp/activate/"
PROTECTED = [
    "/de/konto/uebersicht/",
    "/de/konto/email/",
    "/de/konto/password/change/",
    "/de/verwaltung/",
    "/de/verwaltung/konten/",
    "/de/admin/",
    "/en/konto/uebersicht/",
]


def staff_user(kind: str):
    if kind == "provider staff":
        return MembershipFactory().user
    return UserFactory(roles=[kind])


STAFF_KINDS = ["editor", "planner", "administrator", "provider staff"]


@pytest.mark.parametrize("kind", STAFF_KINDS)
@pytest.mark.parametrize("url", PROTECTED)
def test_staff_without_totp_are_sent_to_set_it_up(client: Client, kind, url):
    client.force_login(staff_user(kind))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == SETUP.replace("/de/", url[:4])


def test_the_reason_is_explained_on_the_setup_page(client: Client):
    user = UserFactory(roles=["editor"])
    verify_email(user)
    sign_in(client, user)
    page = client.get("/de/konto/uebersicht/", follow=True)
    assert page.redirect_chain[-1][0] == SETUP
    html = page.content.decode()
    assert "Richten Sie bitte zuerst die Anmeldung in zwei Schritten ein." in html
    assert "Authenticator-App einrichten" in html


def test_organization_member_pages_need_totp_too(client: Client):
    membership = MembershipFactory(is_admin=True)
    client.force_login(membership.user)
    response = client.get(membership.organization.get_members_url())
    assert response["Location"] == SETUP


@pytest.mark.parametrize(
    "url", ["/de/", "/de/angebote/", "/de/seite/impressum/", "/de/sozialatlas/"]
)
def test_public_pages_stay_readable_for_staff_without_totp(client: Client, url):
    client.force_login(UserFactory(roles=["administrator"]))
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url", ["/de/konto/logout/", "/de/konto/2fa/", "/de/konto/reauthenticate/", SETUP]
)
def test_setting_up_and_signing_out_stay_reachable(client: Client, url):
    user = UserFactory(roles=["planner"])
    verify_email(user)
    sign_in(client, user)
    assert client.get(url).status_code == 200


def test_citizens_need_no_totp(client: Client):
    client.force_login(UserFactory())
    assert client.get("/de/konto/uebersicht/").status_code == 200


def test_superuser_counts_as_staff(client: Client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get("/de/konto/uebersicht/")["Location"] == SETUP


@pytest.mark.parametrize("kind", STAFF_KINDS)
def test_staff_with_totp_pass(client: Client, kind):
    user = staff_user(kind)
    give_totp(user)
    client.force_login(user)
    assert client.get("/de/konto/uebersicht/").status_code == 200


def test_staff_sign_in_asks_for_the_code_then_passes(client: Client, password):
    user = UserFactory(roles=["editor"])
    verify_email(user)
    give_totp(user)
    response = client.post("/de/konto/login/", {"login": user.email, "password": password})
    assert response["Location"] == "/de/konto/2fa/authenticate/"
    assert not client.get("/de/konto/uebersicht/").wsgi_request.user.is_authenticated

    html = client.post("/de/konto/2fa/authenticate/", {"code": "000000"}).content.decode()
    assert 'id="id_code_error"' in html

    response = client.post("/de/konto/2fa/authenticate/", {"code": totp_code()})
    assert response["Location"] == "/de/konto/uebersicht/"
    assert client.get("/de/konto/uebersicht/").status_code == 200


@pytest.mark.django_db(transaction=True)  # allauth records the new authenticator after commit
def test_staff_sets_up_totp_right_after_signing_in(client: Client, password):
    """Signed in with the password a moment ago: the set-up does not ask for it again."""
    user = UserFactory(roles=["administrator"])
    verify_email(user)
    sign_in(client, user)
    page = client.get("/de/konto/uebersicht/", follow=True)
    assert page.redirect_chain[-1][0] == SETUP
    secret = page.context["form"].secret
    code = totp_code(secret)
    response = client.post(SETUP, {"code": code})
    assert response["Location"] == "/de/konto/2fa/recovery-codes/"
    codes_page = client.get("/de/konto/2fa/recovery-codes/").content.decode()
    assert "Ihre unbenutzten Codes" in codes_page
    assert client.get("/de/verwaltung/konten/").status_code == 200


def test_staff_rights_wait_for_the_second_factor_on_public_pages(client: Client):
    """A planner who has not set up two-factor may read the public atlas, but restricted
    figures stay hidden until the session passed the second factor."""
    from sozialraum.atlas.models import Indicator

    Indicator.objects.create(key="z-arbeitslose", name="Arbeitslosigkeit z-Wert", restricted=True)
    planner = UserFactory(roles=["planner"])
    client.force_login(planner)
    assert "Arbeitslosigkeit z-Wert" not in client.get("/de/sozialatlas/").content.decode()
    give_totp(planner)
    client.force_login(planner)  # signs in with the code (tests/conftest.py)
    assert "Arbeitslosigkeit z-Wert" in client.get("/de/sozialatlas/").content.decode()
