"""The main navigation and the language switch work with the keyboard alone."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def tab_to(page, name: str, limit: int = 40) -> None:
    """Press Tab until the focused element's accessible text is `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "document.activeElement && document.activeElement.textContent.trim()"
        )
        if focused == name:
            return
    raise AssertionError(f"{name!r} was not reached with Tab")


def test_skip_link_is_first_and_moves_focus_to_the_content(page):
    page.goto("/de/")
    page.keyboard.press("Tab")
    skip = page.locator(".sr-skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_main_navigation_by_keyboard(page):
    page.goto("/de/")
    for label, path in [
        ("Angebote", "/de/angebote/"),
        ("Sozialatlas", "/de/sozialatlas/"),
        ("Veranstaltungen", "/de/veranstaltungen/"),
    ]:
        tab_to(page, label)
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(re.escape(path) + "$"))
        expect(page.locator('.sr-mainnav a[aria-current="page"]')).to_have_text(label)


def test_language_switch_by_keyboard(page):
    page.goto("/de/seite/impressum/")
    tab_to(page, "English")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/seite/impressum/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Legal notice")
    tab_to(page, "العربيّة")
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
