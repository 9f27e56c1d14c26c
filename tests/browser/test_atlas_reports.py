"""Sozialatlas reports: zero axe violations in every language on the list and on a report with
a map, a chart, tables and the sources; the report reflows at 320 px."""

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.areas.factories import create_sample_areas
from tests.atlas.factories import create_map_figures
from tests.atlas.test_reports import create_report

from .conftest import assert_accessible
from .public_pages import LANGUAGES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

REPORT_PAGES = [("atlas:reports", {}), ("atlas:report", {"slug": "sozialbericht"})]


@pytest.fixture
def report():
    with translation.override("de"):
        return create_report(create_map_figures(create_sample_areas()))


def url_for(name: str, kwargs: dict[str, str], language: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_report_pages_have_no_axe_violations(page, report, language):
    for name, kwargs in REPORT_PAGES:
        assert_accessible(page, url_for(name, kwargs, language))


def test_the_report_reflows_at_320_pixels(page, report):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/de/sozialatlas/berichte/sozialbericht/")
    expect(page.get_by_role("heading", name="Sozialbericht Mitte")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
