"""Zero axe-core violations (WCAG 2.2 A/AA) on every public page, in every UI language."""

import pytest
from django.urls import reverse
from django.utils import translation

from .conftest import assert_accessible
from .public_pages import LANGUAGES, PUBLIC_PAGES

pytestmark = pytest.mark.django_db(transaction=True)


def url_for(name: str, kwargs: dict[str, str], language: str) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_has_no_axe_violations(page, language):
    for name, kwargs in PUBLIC_PAGES:
        assert_accessible(page, url_for(name, kwargs, language))


def test_page_stays_usable_at_400_percent_zoom(page):
    """WCAG 1.4.10 reflow: at 320 CSS pixels wide nothing scrolls sideways."""
    page.set_viewport_size({"width": 320, "height": 640})
    for language in LANGUAGES:
        page.goto(f"/{language}/")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= 320, f"/{language}/ scrolls sideways at 320px ({scroll_width}px)"
