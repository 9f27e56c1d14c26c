"""Finding help: search, filter and open a result by keyboard alone, from the list and from the
map; zero axe violations on the directory's public pages in every language."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from sozialraum.directory.models import Schedule
from tests.directory.factories import ScheduleFactory
from tests.directory.factories_public import create_public_directory

from .conftest import assert_accessible
from .public_pages import DIRECTORY_PAGES, LANGUAGES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def directory():
    with translation.override("de"):
        directory = create_public_directory()
        ScheduleFactory(
            service=directory.debt_advice, freq=Schedule.Freq.WEEKLY, byday="MO,TU,WE,TH,FR"
        )
        directory.debt_advice.phones.create(number="030 1234567")
        directory.debt_advice.required_documents.create(document="Personalausweis")
    return directory


def url_for(name: str, kwargs: dict[str, str], language: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def tab_until(page, predicate: str, limit: int = 80) -> None:
    """Press Tab until `predicate` (a JS expression over `el`, the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return !!({predicate}); }})()"
        ):
            return
    raise AssertionError(f"no focusable element matching {predicate!r} reached with Tab")


@pytest.mark.parametrize("language", LANGUAGES)
def test_directory_pages_have_no_axe_violations(page, directory, language):
    pages = [
        *DIRECTORY_PAGES,
        ("directory:service", {"service_id": str(directory.debt_advice.pk)}),
        ("directory:service", {"service_id": str(directory.closed_service.pk)}),
    ]
    for name, kwargs in pages:
        url = url_for(name, kwargs, language)
        assert_accessible(page, url)
    # with filters applied, the map drawn, and with an error in the form
    index = url_for("directory:index", {}, language)
    page.goto(index + "?topic=schulden&district=01")
    expect(page.locator(".sr-marker").first).to_be_visible()
    assert_accessible(page, index + "?topic=schulden&district=01")
    assert_accessible(page, index + "?place=Atlantis")


def test_search_filter_and_open_a_result_by_keyboard_alone(page, directory):
    page.goto("/de/angebote/")
    tab_until(page, "el.id === 'id_q'")
    page.keyboard.type("Beratung")
    tab_until(page, "el.id === 'id_topic'")
    # a closed select changes its value with the arrow keys
    for _ in range(10):
        if page.locator("#id_topic").input_value() == "schulden":
            break
        page.keyboard.press("ArrowDown")
    assert page.locator("#id_topic").input_value() == "schulden"
    tab_until(page, "el.id === 'id_district'")
    for _ in range(5):
        if page.locator("#id_district").input_value() == "03":
            break
        page.keyboard.press("ArrowDown")
    tab_until(page, "el.textContent.trim() === 'Filter anwenden'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"topic=schulden"))
    expect(page.locator("#results-heading")).to_have_text("1 Angebot gefunden")
    tab_until(page, "el.textContent.trim() === 'Schuldnerberatung Pankow'")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Schuldnerberatung Pankow")


def test_open_a_result_from_the_map_by_keyboard(page, directory):
    page.goto("/de/angebote/?district=01")
    markers = page.locator(".sr-marker")
    expect(markers.first).to_be_visible()
    # markers are buttons in the tab order, named after the services there
    expect(markers.first).to_have_attribute("role", "button")
    expect(markers.first).to_have_attribute("tabindex", "0")
    tab_until(
        page,
        "el.classList.contains('sr-marker') && el.ariaLabel.includes('Mieterberatung')",
    )
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup a", has_text="Mieterberatung Mitte")
    expect(link).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    expect(page.locator(".sr-marker:focus")).to_have_count(1)
    page.keyboard.press("Enter")
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Mieterberatung Mitte")


def test_the_map_draws_district_outlines_without_tiles(page, directory, settings):
    settings.MAP_TILES_URL = ""
    page.goto("/de/angebote/")
    expect(page.locator("path.sr-map__outline").first).to_be_attached()
    assert page.locator(".leaflet-tile").count() == 0


def test_detail_page_print_button_and_tel_link(page, directory):
    page.goto(url_for("directory:service", {"service_id": str(directory.debt_advice.pk)}, "de"))
    expect(page.get_by_role("button", name="Drucken")).to_be_visible()
    expect(page.locator('a[href="tel:0301234567"]')).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".sr-header")).to_be_hidden()
    expect(page.get_by_role("heading", name="Öffnungszeiten")).to_be_visible()
