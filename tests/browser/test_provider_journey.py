"""Provider self-service and moderation in the browser: the journey by keyboard alone, and zero
axe violations on every provider and moderation page in German, English and Arabic.

The journey: a provider registers an organization → an editor approves → the provider enters a
place and a service there → the editor approves → the provider adds opening hours and an English
translation → the editor approves both → the service's public page shows it (in English, too),
and a citizen finds it by a colloquial query in the list and on the map.
"""

import re

import pytest
from playwright.sync_api import expect

from sozialraum.directory import moderation
from sozialraum.directory.models import ChangeRequest, Event, Location, Organization, Service
from sozialraum.directory.subjects import SERVICE
from tests.directory.factories import EventFactory, LocationFactory, ServiceFactory
from tests.factories import MembershipFactory, UserFactory, give_totp

from .conftest import assert_accessible, axe_violations, format_violations
from .login import log_in

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("seeded_taxonomies"),
]

LANGUAGES = ["de", "en", "ar"]


def press_tab_until(page, predicate: str, limit: int = 120) -> None:
    """Press Tab until `predicate` (JavaScript, about the focused element `el`) is true."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {predicate}; }})()"):
            return
    raise AssertionError(f"no element matching {predicate!r} was reached with Tab")


def tab_to_text(page, text: str) -> None:
    press_tab_until(page, f"el && el.textContent.trim() === {text!r}")


def tab_to_field(page, field_id: str) -> None:
    press_tab_until(page, f"el && el.id === {field_id!r}")


def type_into(page, field_id: str, text: str) -> None:
    tab_to_field(page, field_id)
    page.keyboard.type(text)


def press_enter_and_wait(page) -> None:
    """Enter on a link or submit button, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def assert_no_violations(page) -> None:
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)


def editor_approves_everything(browser, live_server, editor) -> None:
    """The editor opens the queue and approves each waiting change, by keyboard."""
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server, editor)
    page.goto("/de/verwaltung/")
    tab_to_text(page, "Änderungen prüfen")
    press_enter_and_wait(page)
    expect(page).to_have_url(re.compile(r"/de/verwaltung/angebote/$"))
    assert_no_violations(page)
    while ChangeRequest.objects.filter(status=ChangeRequest.Status.PENDING).exists():
        press_tab_until(page, "el && el.closest('table') && el.tagName === 'A'")
        press_enter_and_wait(page)
        expect(page.locator("h1")).to_be_visible()
        assert_no_violations(page)
        tab_to_text(page, "Freigeben")
        press_enter_and_wait(page)
        expect(page.locator(".sr-messages")).to_contain_text("Freigegeben")
    context.close()


def test_provider_registers_is_approved_and_publishes_a_service_by_keyboard(
    browser, page, live_server
):
    provider = UserFactory(email="leitung@kiezladen.example")
    editor = UserFactory(roles=["editor"], email="redaktion@stadt.example")
    give_totp(editor)

    # 1. The provider registers an organization.
    log_in(page, live_server, provider)
    page.goto("/de/konto/uebersicht/")
    tab_to_text(page, "Organisation anmelden oder übernehmen")
    press_enter_and_wait(page)
    expect(page).to_have_url(re.compile(r"/de/angebote/mitmachen/$"))
    assert_no_violations(page)
    tab_to_text(page, "Neue Organisation anmelden")
    press_enter_and_wait(page)
    assert_no_violations(page)
    type_into(page, "id_name", "Kiezladen Moabit e. V.")
    type_into(page, "id_description", "Treffpunkt und Beratung im Kiez.")
    tab_to_text(page, "Anmeldung abschicken")
    press_enter_and_wait(page)
    expect(page.locator(".sr-messages")).to_contain_text("prüft Ihre Anmeldung")
    assert_no_violations(page)
    assert not Organization.objects.filter(name_de="Kiezladen Moabit e. V.").exists()

    # 2. The editor approves the registration; the provider now works for the organization.
    editor_approves_everything(browser, live_server, editor)
    organization = Organization.objects.get(name_de="Kiezladen Moabit e. V.")
    assert not organization.is_trusted
    # Organization staff sign in with two factors (the approval e-mail says so).
    give_totp(provider)
    log_in(page, live_server, provider)

    # 3. The provider enters the place where people find them, then the service there.
    page.goto("/de/konto/uebersicht/")
    tab_to_text(page, "Kiezladen Moabit e. V.")
    press_enter_and_wait(page)
    expect(page.locator("h1")).to_have_text("Kiezladen Moabit e. V.")
    assert_no_violations(page)
    tab_to_text(page, "Neuen Ort eintragen")
    press_enter_and_wait(page)
    assert_no_violations(page)
    type_into(page, "id_name", "Kiezladen")
    type_into(page, "id_address_1", "Turmstraße 21")
    type_into(page, "id_postal_code", "10559")
    type_into(page, "id_city", "Berlin")
    type_into(page, "id_state_province", "Berlin")
    type_into(page, "id_latitude", "52.5262")
    type_into(page, "id_longitude", "13.3428")
    tab_to_text(page, "Speichern")
    press_enter_and_wait(page)
    expect(page.locator(".sr-messages")).to_contain_text("Die Redaktion prüft Ihre Änderung")
    editor_approves_everything(browser, live_server, editor)
    page.goto(f"/de/angebote/organisation/{organization.pk}/")
    tab_to_text(page, "Neues Angebot eintragen")
    press_enter_and_wait(page)
    assert_no_violations(page)
    type_into(page, "id_name", "Schuldnerberatung im Kiezladen")
    type_into(page, "id_short_description", "Wir helfen, wenn das Geld nicht reicht.")
    press_tab_until(page, "el && el.name === 'topics' && el.labels[0].textContent === 'Schulden'")
    page.keyboard.press("Space")
    press_tab_until(page, "el && el.name === 'languages' && el.value === 'tr'")
    page.keyboard.press("Space")
    press_tab_until(page, "el && el.name === 'locations'")
    page.keyboard.press("Space")
    tab_to_text(page, "Speichern")
    press_enter_and_wait(page)
    expect(page.locator(".sr-messages")).to_contain_text("Die Redaktion prüft Ihre Änderung")
    expect(page.locator("#changes-heading")).to_be_visible()
    assert_no_violations(page)
    assert not Service.objects.exists()

    # 4. The editor approves the service.
    editor_approves_everything(browser, live_server, editor)
    service = Service.objects.get()

    # 5. Opening hours: Tuesdays and Thursdays 9 to 12, and the first Monday of the month.
    page.goto(f"/de/angebote/organisation/{organization.pk}/")
    tab_to_text(page, "Schuldnerberatung im Kiezladen")
    press_enter_and_wait(page)
    assert_no_violations(page)
    tab_to_text(page, "Öffnungszeiten")
    press_enter_and_wait(page)
    assert_no_violations(page)
    for day in ("TU", "TH"):
        press_tab_until(page, f"el && el.name === 'hours-0-days' && el.value === '{day}'")
        page.keyboard.press("Space")
    type_into(page, "id_hours-0-opens_at", "0900")
    type_into(page, "id_hours-0-closes_at", "1200")
    tab_to_field(page, "id_hours-1-freq")
    page.keyboard.press("ArrowDown")  # Einmal im Monat
    tab_to_field(page, "id_hours-1-ordinal")
    page.keyboard.press("ArrowDown")  # am ersten
    press_tab_until(page, "el && el.name === 'hours-1-days' && el.value === 'MO'")
    page.keyboard.press("Space")
    type_into(page, "id_hours-1-opens_at", "1400")
    # a forgotten closing time is explained, with a link to the field
    tab_to_text(page, "Speichern")
    press_enter_and_wait(page)
    summary = page.locator(".sr-error-summary")
    expect(summary).to_contain_text("Bitte geben Sie beide Uhrzeiten an")
    assert_no_violations(page)
    type_into(page, "id_hours-1-closes_at", "1600")
    tab_to_text(page, "Speichern")
    press_enter_and_wait(page)
    expect(page.locator(".sr-messages")).to_contain_text("Die Redaktion prüft Ihre Änderung")

    # 6. The English translation.
    tab_to_text(page, "Übersetzung: Englisch")
    press_enter_and_wait(page)
    assert_no_violations(page)
    type_into(page, "id_name", "Debt advice at the Kiezladen")
    type_into(page, "id_short_description", "We help when money is short.")
    tab_to_text(page, "Speichern")
    press_enter_and_wait(page)
    expect(page.locator(".sr-messages")).to_contain_text("Die Redaktion prüft Ihre Änderung")

    # 7. The editor approves hours and translation; the public page shows the service.
    editor_approves_everything(browser, live_server, editor)
    page.goto(f"/de/angebote/{service.pk}/")
    expect(page.locator("h1")).to_have_text("Schuldnerberatung im Kiezladen")
    page.goto(f"/en/angebote/{service.pk}/")
    expect(page.locator("h1")).to_have_text("Debt advice at the Kiezladen")
    assert service.schedules.count() == 2
    monthly = service.schedules.get(freq="MONTHLY")
    assert (monthly.byday, str(monthly.opens_at), str(monthly.closes_at)) == (
        "1MO",
        "14:00:00",
        "16:00:00",
    )
    assert list(service.languages.values_list("code", flat=True)) == ["tr"]

    # 8. A citizen, not signed in, types the way people in need type, and finds the service in
    # the list and on the map, by keyboard alone.
    citizen = browser.new_context(base_url=live_server.url, locale="de-DE").new_page()
    citizen.set_default_timeout(15_000)
    citizen.goto("/de/angebote/")
    type_into(citizen, "id_q", "kein Geld für die Miete")
    press_enter_and_wait(citizen)
    expect(citizen.locator("#results-heading")).to_have_text("1 Angebot gefunden")
    assert_no_violations(citizen)
    tab_to_text(citizen, "Schuldnerberatung im Kiezladen")
    press_enter_and_wait(citizen)
    expect(citizen.locator("h1")).to_have_text("Schuldnerberatung im Kiezladen")
    expect(citizen.get_by_text("Turmstraße 21").first).to_be_visible()
    citizen.go_back()
    expect(citizen.locator(".sr-marker").first).to_be_visible()
    press_tab_until(
        citizen,
        "el && el.classList.contains('sr-marker') && "
        "el.ariaLabel.includes('Schuldnerberatung im Kiezladen')",
    )
    citizen.keyboard.press("Enter")
    link = citizen.locator(".leaflet-popup a", has_text="Schuldnerberatung im Kiezladen")
    expect(link).to_be_focused()
    press_enter_and_wait(citizen)
    expect(citizen.locator("h1")).to_have_text("Schuldnerberatung im Kiezladen")
    citizen.context.close()


def provider_pages(organization, service, location, event, change) -> list[str]:
    org = f"angebote/organisation/{organization.pk}/"
    return [
        "angebote/mitmachen/",
        "angebote/mitmachen/anmelden/",
        "angebote/mitmachen/uebernehmen/?q=Beratung",
        f"angebote/mitmachen/uebernehmen/{organization.pk}/",
        "angebote/organisation/?alle",
        org,
        org + "bearbeiten/",
        org + "uebersetzung/en/",
        org + "uebersetzung/ar/",
        org + "angebote/neu/",
        org + f"angebote/{service.pk}/",
        org + f"angebote/{service.pk}/oeffnungszeiten/",
        org + f"angebote/{service.pk}/uebersetzung/en/",
        org + f"angebote/{service.pk}/uebersetzung/ar/",
        org + f"angebote/{service.pk}/loeschen/",
        org + "orte/neu/",
        org + f"orte/{location.pk}/",
        org + f"orte/{location.pk}/oeffnungszeiten/",
        org + f"orte/{location.pk}/loeschen/",
        org + "veranstaltungen/neu/",
        org + f"veranstaltungen/{event.pk}/",
        org + f"veranstaltungen/{event.pk}/loeschen/",
        org + f"anfragen/{change.pk}/",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_provider_and_moderation_page_has_no_axe_violations(page, live_server, language):
    membership = MembershipFactory(is_admin=True, organization__name="Beratung Mitte")
    give_totp(membership.user)
    organization = membership.organization
    service = ServiceFactory(organization=organization, name="Schuldnerberatung")
    location = LocationFactory(organization=organization)
    event = EventFactory(organization=organization, location=location, service=service)
    change = moderation.change_submit(
        user=membership.user,
        organization=organization,
        subject="service",
        action="update",
        obj=service,
        data=SERVICE.state(service) | {"name": "Neuer Name", "languages": ["ar", "de"]},
    ).request
    moderation.organization_register(user=UserFactory(), data={"name": "Neuer Verein"})

    log_in(page, live_server, membership.user)
    for path in provider_pages(organization, service, location, event, change):
        assert_accessible(page, f"/{language}/{path}")

    # forms with errors
    page.goto(f"/{language}/angebote/organisation/{organization.pk}/angebote/neu/")
    page.locator("form.sr-form button[type=submit]").click()
    expect(page.locator(".sr-error-summary")).to_be_visible()
    assert_no_violations(page)
    page.goto(f"/{language}/angebote/organisation/{organization.pk}/orte/neu/")
    page.locator("form.sr-form button[type=submit]").click()
    expect(page.locator(".sr-error-summary")).to_be_visible()
    assert_no_violations(page)

    editor = UserFactory(roles=["editor"])
    give_totp(editor)
    log_in(page, live_server, editor)
    for path in [
        "verwaltung/",
        "verwaltung/angebote/",
        f"verwaltung/angebote/{change.pk}/",
        "verwaltung/angebote/?status=entschieden",
    ]:
        assert_accessible(page, f"/{language}/{path}")
    page.goto(f"/{language}/verwaltung/angebote/{change.pk}/")
    page.locator("form.sr-form button[type=submit]").click()
    expect(page.locator(".sr-error-summary")).to_be_visible()
    assert_no_violations(page)
    assert Location.objects.count() == 1 and Event.objects.count() == 1
