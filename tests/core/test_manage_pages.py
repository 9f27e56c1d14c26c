"""Editors change the footer pages and their translations in the management area."""

import pytest
from django.test import Client

from sozialraum.core.models import AuditEntry, Page
from tests.factories import UserFactory, give_totp

pytestmark = pytest.mark.django_db

EDIT_IMPRESSUM = "/de/verwaltung/seiten/impressum/bearbeiten/"


@pytest.fixture
def editor(client: Client):
    user = UserFactory(roles=["editor"])
    give_totp(user)
    client.force_login(user)
    return user


def form_data(page: Page, **changes):
    data = {
        "title_de": page.title_de,
        "title_en": page.title_en or "",
        "title_ar": page.title_ar or "",
        "body_de": page.body_de or "",
        "body_en": page.body_en or "",
        "body_ar": page.body_ar or "",
        "position": page.position,
        "slot": page.slot,
    }
    data.update(changes)
    return data


def test_page_list_shows_every_page_with_address_and_edit_link(client: Client, editor):
    html = client.get("/de/verwaltung/seiten/").content.decode()
    for slug in ("impressum", "datenschutz", "barrierefreiheit", "leichte-sprache", "kontakt"):
        assert f'href="/de/seite/{slug}/"' in html
        assert f'href="/de/verwaltung/seiten/{slug}/bearbeiten/"' in html
    assert "Erklärung zur Barrierefreiheit" in html
    assert "Fußzeile" in html


def test_edit_form_has_one_fieldset_per_language_with_lang_and_dir(client: Client, editor):
    html = client.get(EDIT_IMPRESSUM).content.decode()
    assert html.count('<fieldset class="kern-fieldset sr-language-fieldset"') == 3
    assert 'name="title_de"' in html and 'lang="de"' in html
    assert 'dir="rtl"' in html and 'name="title_ar"' in html
    ar_input = html[html.index('name="title_ar"') - 300 : html.index('name="title_ar"') + 300]
    assert 'lang="ar"' in ar_input and 'dir="rtl"' in ar_input
    assert 'href="/de/seite/impressum/"' in html  # view the page
    # Legal pages stay in the footer: there is no choice to make.
    assert 'name="slot"' not in html


def test_editing_german_and_english_changes_the_public_pages(client: Client, editor):
    page = Page.objects.get(slug="impressum")
    response = client.post(
        EDIT_IMPRESSUM,
        form_data(
            page,
            title_de="Impressum der Stadt",
            body_de="## Anbieter\n\nStadt Musterstadt, Rathausplatz 1",
            title_en="Legal notice of the city",
            body_en="## Provider\n\nCity of Musterstadt",
        ),
        follow=True,
    )
    assert "Die Seite „Impressum der Stadt“ ist gespeichert." in response.content.decode()
    german = client.get("/de/seite/impressum/").content.decode()
    assert '<h1 class="kern-heading-large">Impressum der Stadt</h1>' in german
    assert "Rathausplatz 1" in german
    english = client.get("/en/seite/impressum/").content.decode()
    assert '<h1 class="kern-heading-large">Legal notice of the city</h1>' in english
    assert "City of Musterstadt" in english
    # The footer of every page links the new title.
    assert "Impressum der Stadt</a>" in client.get("/de/").content.decode()


def test_untranslated_arabic_shows_the_german_text(client: Client, editor):
    page = Page.objects.get(slug="impressum")
    client.post(EDIT_IMPRESSUM, form_data(page, title_de="Impressum neu", title_ar="", body_ar=""))
    arabic = client.get("/ar/seite/impressum/").content.decode()
    assert '<h1 class="kern-heading-large">Impressum neu</h1>' in arabic


def test_arabic_translation_is_shown_on_the_arabic_page(client: Client, editor):
    page = Page.objects.get(slug="kontakt")
    client.post(
        "/de/verwaltung/seiten/kontakt/bearbeiten/",
        form_data(page, title_ar="اتصل بنا", body_ar="اكتب لنا"),
    )
    arabic = client.get("/ar/seite/kontakt/").content.decode()
    assert '<h1 class="kern-heading-large">اتصل بنا</h1>' in arabic
    assert (
        '<h1 class="kern-heading-large">Kontakt</h1>'
        in client.get("/de/seite/kontakt/").content.decode()
    )


def test_empty_german_title_is_shown_as_an_error_and_nothing_changes(client: Client, editor):
    page = Page.objects.get(slug="impressum")
    response = client.post(EDIT_IMPRESSUM, form_data(page, title_de="", body_de="Neu"))
    html = response.content.decode()
    assert response.status_code == 200
    # The summary at the top links to the field; the field says what is wrong.
    assert 'role="alert"' in html
    assert 'href="#id_title_de">Titel (Deutsch): Bitte geben Sie einen deutschen Titel ein.' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_title_de_error"' in html
    assert 'id="id_title_de_error"' in html
    assert "Es wurde nichts gespeichert." in html
    page.refresh_from_db()
    assert page.title_de == "Impressum"
    assert page.body_de != "Neu"
    assert not AuditEntry.objects.exists()


def test_saving_writes_one_audit_entry_with_the_editor(client: Client, editor):
    page = Page.objects.get(slug="datenschutz")
    client.post(
        "/de/verwaltung/seiten/datenschutz/bearbeiten/",
        form_data(page, title_en="Data protection", position=25),
    )
    entry = AuditEntry.objects.get()
    assert entry.actor == editor
    assert entry.before["title_en"] == "Privacy"
    assert entry.after["title_en"] == "Data protection"
    assert entry.before["position"] == 20
    assert entry.after["position"] == 25


def test_preview_shows_the_rendered_text_without_saving(client: Client, editor):
    page = Page.objects.get(slug="impressum")
    response = client.post(
        EDIT_IMPRESSUM, form_data(page, body_de="## Vorschau-Test\n\n- Punkt", preview="")
    )
    html = response.content.decode()
    assert "<h2>Vorschau-Test</h2>" in html
    assert "<li>Punkt</li>" in html
    page.refresh_from_db()
    assert "Vorschau-Test" not in page.body_de
    assert not AuditEntry.objects.exists()


def test_editor_creates_a_new_page(client: Client, editor):
    response = client.post(
        "/de/verwaltung/seiten/neu/",
        {
            "slug": "hilfe-im-alltag",
            "title_de": "Hilfe im Alltag",
            "body_de": "Wir helfen.",
            "slot": "footer",
            "position": 60,
        },
        follow=True,
    )
    assert "Die Seite „Hilfe im Alltag“ ist angelegt." in response.content.decode()
    html = client.get("/de/seite/hilfe-im-alltag/").content.decode()
    assert "Wir helfen." in html
    assert 'href="/de/seite/hilfe-im-alltag/"' in client.get("/de/").content.decode()
    assert AuditEntry.objects.get().action == "core.page_created"


@pytest.mark.parametrize(
    ("slug", "message"),
    [("Hilfe Alltag", "kleine Buchstaben"), ("impressum", "Diese Adresse gibt es schon.")],
)
def test_new_page_with_a_bad_address_is_refused(client: Client, editor, slug, message):
    response = client.post(
        "/de/verwaltung/seiten/neu/",
        {"slug": slug, "title_de": "Hilfe", "slot": "footer", "position": 0},
    )
    html = response.content.decode()
    assert message in html
    assert 'href="#id_slug"' in html
    assert not Page.objects.filter(title_de="Hilfe").exists()


def test_non_legal_page_can_be_taken_out_of_the_footer(client: Client, editor):
    page = Page.objects.create(slug="extra", title_de="Extra", position=90)
    client.post("/de/verwaltung/seiten/extra/bearbeiten/", form_data(page, slot="none"))
    page.refresh_from_db()
    assert page.slot == "none"
    assert 'href="/de/seite/extra/"' not in client.get("/de/").content.decode()


def test_unknown_page_is_404(client: Client, editor):
    assert client.get("/de/verwaltung/seiten/gibt-es-nicht/bearbeiten/").status_code == 404
