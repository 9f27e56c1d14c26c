"""Area profiles and the compare page: zero axe violations in every language (with the data
tables opened), and a comparison built by keyboard with the plain GET form."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.areas.factories import create_sample_areas
from tests.atlas.factories import create_map_figures

from .conftest import assert_accessible, axe_violations, format_violations
from .public_pages import ATLAS_PROFILE_PAGES, LANGUAGES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

COMPARE_QUERY = "?gebiet=planungsraum/01011101&gebiet=planungsraum/01011102&gebiet=stadt/0"


@pytest.fixture
def figures():
    with translation.override("de"):
        return create_map_figures(create_sample_areas())


def url_for(name: str, kwargs: dict[str, str], language: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("language", LANGUAGES)
def test_profile_and_compare_pages_have_no_axe_violations(page, figures, language):
    for name, kwargs in ATLAS_PROFILE_PAGES:
        assert_accessible(page, url_for(name, kwargs, language))
    url = url_for("atlas:compare", {}, language) + COMPARE_QUERY
    assert_accessible(page, url)
    # and with every data table open
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    violations = axe_violations(page)
    assert not violations, format_violations(url, violations)


def test_a_comparison_is_built_by_keyboard(page, figures):
    page.goto("/de/sozialatlas/profil/planungsraum/01011101/")
    page.get_by_role("link", name="Mit anderen Gebieten vergleichen").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"gebiet=planungsraum%2F01011101"))

    page.get_by_label(re.compile("Gebiet hinzufügen")).select_option("planungsraum/01011106")
    page.get_by_role("button", name="Hinzufügen").focus()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"gebiet=planungsraum%2F01011106"))
    header = page.get_by_role("columnheader", name="Beusselkiez").first
    expect(header).to_be_visible()
    expect(page.get_by_role("img")).to_have_count(0)  # the charts are pictures of given text
