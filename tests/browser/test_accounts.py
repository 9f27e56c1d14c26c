"""Account pages: zero axe-core violations, and signing in works with the keyboard alone."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.utils import translation
from playwright.sync_api import expect

from sozialraum.accounts.roles import Role
from tests.conftest import verify_email
from tests.factories import MembershipFactory, UserFactory, give_totp, totp_code

from .conftest import assert_accessible, axe_violations, format_violations
from .login import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate limits (sign-in: 30 a minute from one address) and used TOTP codes are cached."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def role_groups():
    """Transactional tests flush the database; the role groups come from a data migration."""
    for role in Role:
        Group.objects.get_or_create(name=role.value)


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def skip_to_first_field(page) -> None:
    """Skip link, then Tab: the first thing in the content is the form's first field."""
    page.keyboard.press("Tab")
    expect(page.locator(".sr-skip-link")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")


def fill_login_form(page, email: str, password: str) -> None:
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort", exact=True).fill(password)
    page.get_by_role("button", name="Anmelden").click()


@pytest.mark.parametrize("language", ["de", "en", "ar"])
def test_entrance_pages_have_no_axe_violations(page, language):
    for path in ("login/", "signup/", "password/reset/", "password/reset/done/"):
        assert_accessible(page, f"/{language}/konto/{path}")


def test_pages_with_form_errors_have_no_axe_violations(page):
    page.goto("/de/konto/signup/")
    page.get_by_label("E-Mail-Adresse").fill("keine-adresse")
    page.get_by_role("button", name="Konto anlegen").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)


def link_in_last_mail() -> str:
    match = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def test_sign_up_and_confirm_by_mail(page, live_server, password):
    assert_accessible(page, "/de/konto/signup/")
    page.get_by_label("E-Mail-Adresse").fill("neu@example.org")
    page.get_by_label("Passwort", exact=True).fill(password)
    page.get_by_label("Passwort (Wiederholung)").fill(password)
    page.get_by_role("button", name="Konto anlegen").click()
    expect(page.locator("h1")).to_have_text("Bitte bestätigen Sie Ihre E-Mail-Adresse")
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)
    assert_accessible(page, link_in_last_mail())
    page.get_by_role("button", name="Bestätigen").click()
    expect(page.locator("h1")).to_have_text("Mein Konto")
    expect(page.locator("main")).to_contain_text("Sie sind angemeldet als neu@example.org.")


def test_password_reset_pages_have_no_axe_violations(page, live_server):
    user = UserFactory()
    verify_email(user)
    page.goto("/de/konto/password/reset/")
    page.get_by_label("E-Mail-Adresse").fill(user.email)
    page.get_by_role("button", name="Link zuschicken").click()
    expect(page.locator("h1")).to_have_text("E-Mail ist unterwegs")
    page.goto(link_in_last_mail())
    expect(page.locator("h1")).to_have_text("Neues Passwort festlegen")
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)
    new_password = "Ganz-neues-Passwort-77"
    page.get_by_label("Neues Passwort", exact=True).fill(new_password)
    page.get_by_label("Neues Passwort (Wiederholung)").fill(new_password)
    page.get_by_role("button", name="Passwort speichern").click()
    expect(page.locator("h1")).to_have_text("Passwort geändert")
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)
    assert_accessible(page, "/de/konto/password/reset/key/ungueltig-abc/")


def test_signed_in_account_pages_have_no_axe_violations(page, live_server, password):
    user = UserFactory()
    verify_email(user)
    page.goto("/de/konto/login/")
    fill_login_form(page, user.email, password)
    expect(page.locator("h1")).to_have_text("Mein Konto")
    for path in (
        "/de/konto/uebersicht/",
        "/de/konto/email/",
        "/de/konto/password/change/",
        "/de/konto/logout/",
        "/de/konto/2fa/",
        "/de/konto/2fa/totp/activate/",
        "/en/konto/2fa/totp/activate/",
        "/ar/konto/2fa/totp/activate/",
    ):
        assert_accessible(page, path)
    expect(page.locator("img.sr-qr")).to_be_visible()
    # The QR code is allowed by the content security policy and really loads.
    assert page.evaluate("document.querySelector('img.sr-qr').naturalWidth") > 0


def test_two_factor_pages_have_no_axe_violations(page, live_server, password):
    user = UserFactory(roles=["editor"])
    verify_email(user)
    give_totp(user)
    page.goto("/de/konto/login/")
    fill_login_form(page, user.email, password)
    expect(page.locator("h1")).to_have_text("Anmeldung in zwei Schritten")
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)
    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("h1")).to_have_text("Mein Konto")
    for path in (
        "/de/konto/reauthenticate/",
        "/de/konto/2fa/reauthenticate/",
        "/de/konto/2fa/",
        "/de/konto/2fa/totp/deactivate/",
        "/de/konto/2fa/recovery-codes/generate/",
    ):
        assert_accessible(page, path)
    page.get_by_role("button", name="Neue Codes erzeugen").click()
    expect(page.locator("h1")).to_have_text("Wiederherstellungscodes")
    expect(page.locator(".sr-codes li")).to_have_count(10)
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)


def test_member_and_role_pages_have_no_axe_violations(page, live_server):
    membership = MembershipFactory(is_admin=True)
    MembershipFactory(organization=membership.organization)
    give_totp(membership.user)
    log_in(page, live_server, membership.user)
    assert_accessible(page, membership.organization.get_members_url())
    admin = UserFactory(roles=["administrator"])
    give_totp(admin)
    log_in(page, live_server, admin)
    assert_accessible(page, "/de/verwaltung/konten/")
    assert_accessible(page, f"/de/verwaltung/konten/{membership.user.pk}/")


def test_sign_in_with_two_factor_by_keyboard_alone(page, live_server, password):
    user = UserFactory(roles=["planner"])
    verify_email(user)
    give_totp(user)
    page.goto("/de/")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Anmelden":
            break
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/de/konto/login/$"))
    skip_to_first_field(page)
    expect(page.get_by_label("E-Mail-Adresse")).to_be_focused()
    page.keyboard.type(user.email)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Passwort", exact=True)).to_be_focused()
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Anmeldung in zwei Schritten")
    skip_to_first_field(page)
    expect(page.get_by_label("Code")).to_be_focused()
    page.keyboard.type(totp_code())
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Mein Konto")
