"""The widget on a partner's page served from another origin; axe on the widget and generator."""

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.directory.factories_widget import create_small_directory

from .conftest import assert_accessible, axe_violations, format_violations
from .public_pages import LANGUAGES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PARTNER_PAGE = """<!doctype html>
<html lang="de">
<head><meta charset="utf-8"><title>Stadtteilverein</title></head>
<body>
<h1>Hilfe in unserem Kiez</h1>
{snippet}
<p id="after">Unter der Liste geht die Seite weiter.</p>
</body>
</html>
"""


@pytest.fixture
def directory():
    with translation.override("de"):
        return create_small_directory()


@pytest.fixture
def partner_site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A plain HTML website on another origin (127.0.0.1 and its own port)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", tmp_path
    server.shutdown()
    server.server_close()


def generated_snippet(page, **params: str) -> str:
    """Fill in the snippet generator by its URL and read the code from its text area."""
    query = {"language": "de", "limit": "10", "height": "900", **params}
    page.goto("/de/angebote/einbetten/?" + urlencode(query))
    return page.locator("#snippet-code").input_value()


def test_snippet_works_on_a_partner_page_from_another_origin(
    browser, page, live_server, directory, partner_site
):
    partner_url, root = partner_site
    snippet = generated_snippet(page, topic="schulden", with_script="on")
    assert live_server.url in snippet
    (root / "index.html").write_text(PARTNER_PAGE.format(snippet=snippet), encoding="utf-8")

    # a fresh visitor: nothing from our site in the browser yet
    context = browser.new_context(locale="de-DE")
    try:
        partner = context.new_page()
        partner.set_default_timeout(15_000)
        partner.goto(partner_url + "/")
        frame = partner.frame_locator("iframe[data-sozialraum-widget]")
        expect(frame.get_by_role("link", name="Schuldnerberatung Moabit")).to_be_visible()
        expect(frame.get_by_role("link", name="Schuldnerberatung Pankow")).to_be_visible()
        expect(frame.get_by_role("link", name="Mieterberatung Mitte")).to_have_count(0)
        expect(frame.get_by_text("Daten:")).to_be_visible()

        # embed.js sized the frame (set to 900 px) to its content
        iframe = partner.locator("iframe[data-sozialraum-widget]")
        partner.wait_for_function(
            "document.querySelector('iframe[data-sozialraum-widget]').style.height !== ''"
        )
        frame_height = iframe.evaluate("element => element.getBoundingClientRect().height")
        content_height = frame.locator("body").evaluate(
            "body => body.getBoundingClientRect().height"
        )
        assert frame_height < 900
        assert abs(frame_height - content_height) <= 2, (frame_height, content_height)

        # by keyboard: Tab from the partner's page lands on the first entry in the frame
        partner.keyboard.press("Tab")
        focused = frame.locator(":focus")
        expect(focused).to_have_text(re.compile(r"^Schuldnerberatung Moabit"))
        expect(focused).to_have_attribute("target", "_blank")

        # the partner's page is still the partner's, and nothing set a cookie
        expect(partner.locator("#after")).to_be_visible()
        assert context.cookies() == []
    finally:
        context.close()


def test_without_the_script_the_frame_keeps_its_height_and_still_shows_the_list(
    browser, page, live_server, directory, partner_site
):
    partner_url, root = partner_site
    snippet = generated_snippet(page, height="200")
    assert "<script" not in snippet
    (root / "index.html").write_text(PARTNER_PAGE.format(snippet=snippet), encoding="utf-8")
    context = browser.new_context(locale="de-DE")
    try:
        partner = context.new_page()
        partner.goto(partner_url + "/")
        frame = partner.frame_locator("iframe[data-sozialraum-widget]")
        expect(frame.get_by_role("link", name="Schuldnerberatung Moabit")).to_be_attached()
        iframe = partner.locator("iframe[data-sozialraum-widget]")
        assert iframe.evaluate("element => element.getBoundingClientRect().height") == 200
        assert frame.locator("html").evaluate("html => html.scrollHeight") > 200  # it scrolls
        assert context.cookies() == []
    finally:
        context.close()


def test_resize_messages_from_other_frames_are_ignored(
    browser, page, live_server, directory, partner_site
):
    """A message of the right shape from the partner page itself does not resize our frame."""
    partner_url, root = partner_site
    snippet = generated_snippet(page, with_script="on", height="300", topic="wohnen")
    (root / "index.html").write_text(PARTNER_PAGE.format(snippet=snippet), encoding="utf-8")
    context = browser.new_context(locale="de-DE")
    try:
        partner = context.new_page()
        partner.goto(partner_url + "/")
        partner.wait_for_function(
            "document.querySelector('iframe[data-sozialraum-widget]').style.height !== ''"
        )
        iframe = partner.locator("iframe[data-sozialraum-widget]")
        before = iframe.evaluate("element => element.style.height")
        partner.evaluate(
            "window.postMessage({type: 'sozialraum-widget:height', height: 5000}, '*')"
        )
        partner.wait_for_timeout(200)
        assert iframe.evaluate("element => element.style.height") == before
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_widget_and_generator_have_no_axe_violations(page, directory, language):
    assert_accessible(page, f"/{language}/angebote/widget/")
    assert_accessible(page, f"/{language}/angebote/widget/?topic=schulden&compact=1")
    # a partner's outdated preset: the error page (HTTP 400) must be accessible, too
    error_url = f"/{language}/angebote/widget/?topic=gibt-es-nicht"
    assert page.goto(error_url).status == 400
    assert not (violations := axe_violations(page)), format_violations(error_url, violations)
    assert_accessible(page, f"/{language}/angebote/einbetten/")
    query = urlencode({"language": language, "limit": "2", "height": "400", "with_script": "on"})
    assert_accessible(page, f"/{language}/angebote/einbetten/?{query}")
    assert_accessible(page, f"/{language}/angebote/einbetten/?language=de&limit=500&height=1")


def test_widget_and_generator_reflow_at_320_pixels(page, directory):
    page.set_viewport_size({"width": 320, "height": 640})
    for language in LANGUAGES:
        for path in (
            f"/{language}/angebote/widget/?limit=3",
            f"/{language}/angebote/einbetten/?language=de&limit=3&height=400&with_script=on",
        ):
            page.goto(path)
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= 320, f"{path} scrolls sideways at 320px ({scroll_width}px)"


def test_copy_button_copies_the_code(browser, live_server, directory):
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto("/de/angebote/einbetten/?language=de&limit=3&height=400")
        page.get_by_role("button", name="Code kopieren").click()
        expect(page.get_by_role("status")).to_have_text("Der Code ist kopiert.")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == page.locator("#snippet-code").input_value()
    finally:
        context.close()
