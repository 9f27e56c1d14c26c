"""The Sozialatlas map: zero axe violations in every language (with the Leaflet map drawn),
a table that works by keyboard, and a page that reflows at 320 px."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.areas.factories import create_sample_areas
from tests.atlas.factories import create_map_figures

from .conftest import assert_accessible
from .public_pages import ATLAS_MAP_PAGES, LANGUAGES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

QUERY = "?indikator=arbeitslose-anteil&ebene=planungsraum&stichtag=2019-12-31"


@pytest.fixture
def figures():
    with translation.override("de"):
        return create_map_figures(create_sample_areas())


def url_for(name: str, kwargs: dict[str, str], language: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_map_page_has_no_axe_violations(page, figures, language):
    for name, kwargs in ATLAS_MAP_PAGES:
        url = url_for(name, kwargs, language)
        assert_accessible(page, url)
        # drawn by Leaflet, with suppressed areas, a selected area and standard deviations
        assert_accessible(page, url + QUERY + "&gebiet=01011103&methode=standardabweichung")
        expect(page.locator("[data-map-canvas] path.leaflet-interactive")).to_have_count(6)


def test_the_table_sorts_and_selects_by_keyboard(page, figures):
    page.goto("/de/sozialatlas/karte/" + QUERY)
    expect(page.locator("[data-map][data-map-ready]")).to_have_count(1)

    page.get_by_role("link", name=re.compile(r"^Wert\W+aufsteigend")).focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"sortierung=wert"))
    header = page.get_by_role("columnheader", name=re.compile("^Wert"))
    expect(header).to_have_attribute("aria-sort", "ascending")
    first_row = page.locator("tbody tr").first
    expect(first_row).to_contain_text("Ärztehaus")  # 5 %, the lowest

    # Tab from the header's last link (Rang) into the first row: the map shows its figures.
    page.get_by_role("link", name=re.compile(r"^Rang\W+aufsteigend")).focus()
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Ärztehaus")
    expect(page.locator("[data-map-details]")).to_contain_text("Ärztehaus: 5,0 %, Klasse 1")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"gebiet=01011104"))
    expect(page.get_by_role("heading", name="Ausgewählt: Ärztehaus")).to_be_visible()


def test_the_map_page_reflows_at_320_pixels(page, figures):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/de/sozialatlas/karte/" + QUERY)
    expect(page.locator("[data-map][data-map-ready]")).to_have_count(1)

    # the wide table scrolls inside its own box (kern-table-responsive), not the page
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
