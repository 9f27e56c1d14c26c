"""The area pages: zero axe violations in every language, usable by keyboard and at 320 px."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from sozialraum.areas import views
from sozialraum.areas.models import AreaLevel
from tests.areas.factories import AreaFactory, create_sample_areas

from .conftest import assert_accessible
from .public_pages import AREA_PAGES, LANGUAGES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def areas():
    with translation.override("de"):
        sample = create_sample_areas()
        # A second set of planning areas from 2021, so that the page links both sets.
        AreaFactory(
            level=AreaLevel.objects.get(slug="planungsraum"),
            code="01100101",
            name="Stülerstraße",
            parent=sample["district"],
            valid_from=datetime.date(2021, 1, 1),
        )
    return sample


def url_for(name: str, kwargs: dict[str, str], language: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("language", LANGUAGES)
def test_area_pages_have_no_axe_violations(page, areas, language):
    for name, kwargs in AREA_PAGES:
        assert_accessible(page, url_for(name, kwargs, language))


def test_paginated_and_sorted_table_has_no_axe_violations(page, areas, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 1)

    assert_accessible(page, "/de/sozialatlas/gebiete/planungsraum/?stichtag=2020-12-31&seite=2")
    assert_accessible(page, "/ar/sozialatlas/gebiete/planungsraum/?sortierung=-name")


def tab_to(page, name: str, limit: int = 60) -> None:
    """Press Tab until the focused element's accessible text starts with `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "document.activeElement && document.activeElement.textContent.trim()"
        )
        if focused and focused.startswith(name):
            return
    raise AssertionError(f"{name!r} was not reached with Tab")


def test_from_the_atlas_to_an_area_by_keyboard(page, areas):
    page.goto("/de/sozialatlas/")
    tab_to(page, "Alle Gebiete ansehen")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Gebiete der Stadt")

    tab_to(page, "Bezirksregion")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/de/sozialatlas/gebiete/bezirksregion/$"))

    tab_to(page, "Tiergarten Süd")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Tiergarten Süd")
    expect(page.get_by_role("img", name="Umriss von Tiergarten Süd")).to_be_visible()

    tab_to(page, "Großer Tiergarten")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Großer Tiergarten")


def test_sorting_by_keyboard(page, areas):
    page.goto("/de/sozialatlas/gebiete/planungsraum/?stichtag=2020-12-31")
    tab_to(page, "Name")
    page.keyboard.press("Enter")
    expect(page.locator("th[aria-sort]")).to_have_attribute("aria-sort", "ascending")
    expect(page.locator("tbody th").first).to_have_text("Großer Tiergarten")


@pytest.mark.parametrize("language", ["de", "ar"])
def test_area_pages_reflow_at_320_pixels(page, areas, language):
    page.set_viewport_size({"width": 320, "height": 640})
    for name, kwargs in AREA_PAGES:
        url = url_for(name, kwargs, language)
        page.goto(url)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 320, f"{url} scrolls sideways at 320px ({scroll_width}px)"
