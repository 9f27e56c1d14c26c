"""The management area: zero axe violations in every language, and editing by keyboard alone."""

import re

import pytest
from playwright.sync_api import expect

from sozialraum.core.models import AuditEntry, Page
from sozialraum.core.services import page_update
from tests.factories import UserFactory, give_totp

from .conftest import assert_accessible, axe_violations, format_violations
from .login import log_in

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ["de", "en", "ar"]


def staff(role: str, email: str):
    user = UserFactory(roles=[role], email=email)
    give_totp(user)
    return user


def press_tab_until(page, predicate: str, limit: int = 80) -> None:
    """Press Tab until `predicate` (JavaScript, about document.activeElement) is true."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {predicate}; }})()"):
            return
    raise AssertionError(f"no element matching {predicate!r} was reached with Tab")


def tab_to_text(page, text: str) -> None:
    press_tab_until(page, f"el && el.textContent.trim() === {text!r}")


def assert_no_violations(page) -> None:
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_management_page_has_no_axe_violations(page, live_server, language):
    administrator = staff("administrator", f"admin-{language}@stadt.example")
    impressum = Page.objects.get(slug="impressum")
    page_update(
        actor=administrator,
        page=impressum,
        title={"de": "Impressum", "ar": "بيانات الناشر"},
        body={"de": "## Anbieter\n\nStadt Musterstadt"},
    )
    entry = AuditEntry.objects.get()
    log_in(page, live_server, administrator)
    for path in [
        "verwaltung/",
        "verwaltung/seiten/",
        "verwaltung/seiten/neu/",
        "verwaltung/seiten/impressum/bearbeiten/",
        "verwaltung/einstellungen/",
        "verwaltung/protokoll/",
        f"verwaltung/protokoll/{entry.pk}/",
    ]:
        assert_accessible(page, f"/{language}/{path}")


@pytest.mark.parametrize("language", LANGUAGES)
def test_forms_with_errors_and_preview_have_no_axe_violations(page, live_server, language):
    log_in(page, live_server, staff("administrator", f"admin-{language}@stadt.example"))

    page.goto(f"/{language}/verwaltung/einstellungen/")
    page.fill("#id_accent_color", "#ffee00")
    page.fill("#id_city_name_de", "")
    page.locator("form.sr-manage-form button[type=submit]").first.click()
    expect(page.locator(".sr-error-summary")).to_be_visible()
    expect(page.locator("#id_accent_color")).to_have_attribute("aria-invalid", "true")
    assert_no_violations(page)

    page.goto(f"/{language}/verwaltung/seiten/impressum/bearbeiten/")
    page.fill("#id_title_de", "")
    page.locator("button[name=save]").click()
    expect(page.locator(".sr-error-summary")).to_be_visible()
    assert_no_violations(page)

    page.fill("#id_title_de", "Impressum")
    page.fill("#id_body_de", "## Vorschau\n\n- eins\n- zwei")
    page.locator("button[name=preview]").click()
    expect(page.locator(".sr-preview")).to_be_visible()
    assert_no_violations(page)

    page.goto(f"/{language}/verwaltung/protokoll/?date_from=2026-03-10&date_to=2026-03-01")
    expect(page.locator(".sr-error-summary")).to_be_visible()
    assert_no_violations(page)


def test_error_summary_takes_focus_and_links_to_the_field(page, live_server):
    log_in(page, live_server, staff("administrator", "admin@stadt.example"))
    page.goto("/de/verwaltung/einstellungen/")
    page.fill("#id_accent_color", "#ffee00")
    page.locator("form.sr-manage-form button[type=submit]").first.click()
    summary = page.locator(".sr-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("zu hell")
    page.keyboard.press("Tab")
    link = summary.locator("a").first
    expect(link).to_be_focused()
    expect(link).to_contain_text("Akzentfarbe: Die Farbe #ffee00 ist zu hell")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#id_accent_color$"))


def test_editor_changes_the_impressum_by_keyboard_alone(page, live_server):
    log_in(page, live_server, staff("editor", "redaktion@stadt.example"))
    page.goto("/de/verwaltung/")

    tab_to_text(page, "Seiten")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/de/verwaltung/seiten/$"))

    tab_to_text(page, "Bearbeiten: Impressum")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/de/verwaltung/seiten/impressum/bearbeiten/$"))

    press_tab_until(page, "el && el.id === 'id_title_de'")
    page.keyboard.press("Control+A")
    page.keyboard.type("Impressum der Stadt Musterstadt")
    page.keyboard.press("Enter")  # submits the form with its first button: Speichern

    expect(page).to_have_url(re.compile(r"/de/verwaltung/seiten/$"))
    expect(page.locator(".sr-messages")).to_contain_text(
        "Die Seite „Impressum der Stadt Musterstadt“ ist gespeichert."
    )

    tab_to_text(page, "/de/seite/impressum/")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/de/seite/impressum/$"))
    expect(page.locator("h1")).to_have_text("Impressum der Stadt Musterstadt")
    expect(page.locator(".sr-footer__nav")).to_contain_text("Impressum der Stadt Musterstadt")


@pytest.mark.parametrize("language", ["de", "ar"])
def test_management_pages_reflow_at_320_pixels(page, live_server, language):
    """WCAG 1.4.10: forms and tables fit a narrow screen; wide tables scroll on their own."""
    log_in(page, live_server, staff("administrator", f"admin-{language}@stadt.example"))
    page.set_viewport_size({"width": 320, "height": 640})
    for path in [
        "verwaltung/",
        "verwaltung/seiten/",
        "verwaltung/seiten/impressum/bearbeiten/",
        "verwaltung/einstellungen/",
        "verwaltung/protokoll/",
    ]:
        page.goto(f"/{language}/{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"/{language}/{path} scrolls sideways at 320px ({width}px)"


def test_colour_picker_fills_in_the_accent_colour(page, live_server):
    log_in(page, live_server, staff("administrator", "admin@stadt.example"))
    page.goto("/de/verwaltung/einstellungen/")
    picker = page.get_by_label("Oder Farbe im Farbwähler aussuchen")
    expect(picker).to_be_visible()  # shown once JavaScript runs; the text field alone suffices
    expect(picker).to_have_value("#0b5c8e")
    picker.fill("#1b5e20")
    expect(page.locator("#id_accent_color")).to_have_value("#1b5e20")
    page.locator("form.sr-manage-form button[type=submit]").first.click()
    expect(page.locator(".sr-messages")).to_contain_text("Die Einstellungen sind gespeichert.")
    assert "--sr-accent: #1b5e20;" in page.content()
