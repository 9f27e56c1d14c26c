import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from sozialraum.core.models import Page

pytestmark = pytest.mark.django_db


def test_page_shows_the_text_in_the_language_of_the_url(client: Client):
    assert "Legal notice" in client.get("/en/seite/impressum/").content.decode()
    assert "Impressum" in client.get("/de/seite/impressum/").content.decode()


def test_page_without_a_translation_falls_back_to_german(client: Client):
    html = client.get("/ar/seite/kontakt/").content.decode()
    assert '<h1 class="kern-heading-large">Kontakt</h1>' in html


def test_editor_text_is_rendered_as_markdown_without_raw_html(client: Client):
    Page.objects.create(
        slug="test",
        title_de="Test",
        body_de="## Zwischentitel\n\n<script>alert(1)</script>\n\n[Link](javascript:alert(1))",
    )
    html = client.get("/de/seite/test/").content.decode()
    assert "<h2>Zwischentitel</h2>" in html
    assert "<script>alert(1)</script>" not in html
    assert 'href="javascript' not in html


def test_unknown_page_is_404(client: Client):
    assert client.get("/de/seite/gibt-es-nicht/").status_code == 404


def test_german_fallback_is_marked_as_german_for_screen_readers(client: Client):
    html = client.get("/ar/seite/kontakt/").content.decode()
    assert '<div lang="de" dir="ltr">' in html
    with translation.override("ar"):
        notice = gettext(
            "Diesen Text gibt es noch nicht in Ihrer Sprache. Hier ist er auf Deutsch."
        )
    assert notice in html
    html = client.get("/en/seite/kontakt/").content.decode()
    assert '<div lang="en" dir="ltr">' in html


def test_footer_links_in_german_fallback_are_marked_as_german(client: Client):
    html = client.get("/ar/").content.decode()
    assert 'href="/ar/seite/impressum/" lang="de">Impressum</a>' in html
    html = client.get("/en/").content.decode()
    assert 'href="/en/seite/impressum/">Legal notice</a>' in html
