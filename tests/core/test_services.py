import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sozialraum.core.models import AuditEntry, Page, SiteSettings
from sozialraum.core.services import (
    ContentError,
    page_create,
    page_update,
    site_settings_update,
    validate_logo_file,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10"/></svg>'


@pytest.fixture
def editor():
    return UserFactory(roles=["editor"])


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def settings_arguments(**overrides):
    arguments = {
        "city_name": {"de": "Musterstadt", "en": "Musterstadt", "ar": None},
        "logo_alt": {"de": "", "en": "", "ar": ""},
        "contact_address": {"de": "Rathausplatz 1\n12345 Musterstadt", "en": None, "ar": None},
        "accent_color": "#0b5c8e",
        "contact_email": "info@musterstadt.example",
        "contact_phone": "030 123456",
    }
    arguments.update(overrides)
    return arguments


def test_updating_a_page_records_who_changed_what_before_and_after(editor):
    page = Page.objects.get(slug="impressum")
    page_update(
        actor=editor,
        page=page,
        title={"de": "Impressum", "en": "Imprint"},
        body={"de": "Neuer Text"},
    )
    entry = AuditEntry.objects.get()
    assert entry.actor == editor
    assert entry.actor_label == editor.email
    assert entry.action == "core.page_changed"
    assert entry.object_type == "core.Page"
    assert entry.object_id == str(page.pk)
    assert {name: (old, new) for name, old, new in entry.changes} == {
        "title_en": ("Legal notice", "Imprint"),
        "body_de": (page.body_de, "Neuer Text"),
    }


def test_saving_a_page_unchanged_writes_no_audit_entry(editor):
    page = Page.objects.get(slug="kontakt")
    page_update(actor=editor, page=page, title={"de": page.title_de}, body={"de": page.body_de})
    assert not AuditEntry.objects.exists()


def test_empty_translation_falls_back_to_german(editor, client: Client):
    page = Page.objects.get(slug="impressum")
    page_update(actor=editor, page=page, title={"de": "Impressum", "en": "  "}, body={"en": ""})
    html = client.get("/en/seite/impressum/").content.decode()
    assert '<h1 class="kern-heading-large">Impressum</h1>' in html


def test_page_without_german_title_is_refused_and_left_as_it_was(editor):
    page = Page.objects.get(slug="impressum")
    with pytest.raises(ContentError) as error:
        page_update(actor=editor, page=page, title={"de": "", "en": "Imprint"}, body={})
    assert "title_de" in error.value.message_dict
    page.refresh_from_db()
    assert page.title_de == "Impressum"
    assert page.title_en == "Legal notice"
    assert not AuditEntry.objects.exists()


def test_legal_pages_stay_in_the_footer(editor):
    page = Page.objects.get(slug="datenschutz")
    with pytest.raises(ContentError) as error:
        page_update(actor=editor, page=page, title={}, body={}, slot=Page.Slot.NONE)
    assert "Fußzeile" in error.value.message_dict["slot"][0]
    page.refresh_from_db()
    assert page.slot == Page.Slot.FOOTER


def test_creating_a_page_records_it_in_the_audit_log(editor):
    page = page_create(
        actor=editor,
        slug="hilfe-im-alltag",
        title={"de": "Hilfe im Alltag", "en": None, "ar": None},
        body={"de": "Text", "en": None, "ar": None},
        slot=Page.Slot.NONE,
        position=60,
    )
    entry = AuditEntry.objects.get()
    assert entry.action == "core.page_created"
    assert entry.before is None
    assert entry.after["slug"] == "hilfe-im-alltag"
    assert entry.after["title_de"] == "Hilfe im Alltag"
    assert entry.object_id == str(page.pk)


@pytest.mark.parametrize("slug", ["Hilfe", "hilfe im alltag", "über-uns", "hilfe--doppelt", ""])
def test_new_page_address_must_be_simple(editor, slug):
    with pytest.raises(ContentError) as error:
        page_create(actor=editor, slug=slug, title={"de": "Hilfe"}, body={})
    assert "slug" in error.value.message_dict
    assert not Page.objects.filter(title_de="Hilfe").exists()


def test_new_page_address_must_be_free(editor):
    with pytest.raises(ContentError) as error:
        page_create(actor=editor, slug="impressum", title={"de": "Noch ein Impressum"}, body={})
    assert "gibt es schon" in error.value.message_dict["slug"][0]


def test_site_settings_update_records_the_change(editor, media):
    site_settings_update(actor=editor, **settings_arguments(accent_color="#1B5E20"))
    current = SiteSettings.load()
    assert current.accent_color == "#1b5e20"
    entry = AuditEntry.objects.get()
    assert entry.action == "core.sitesettings_changed"
    changes = {name: (old, new) for name, old, new in entry.changes}
    assert changes["accent_color"] == ("#0b5c8e", "#1b5e20")
    assert changes["contact_email"] == ("", "info@musterstadt.example")


def test_too_light_accent_colour_is_refused(editor):
    with pytest.raises(ContentError) as error:
        site_settings_update(actor=editor, **settings_arguments(accent_color="#ffff00"))
    assert "zu hell" in error.value.message_dict["accent_color"][0]
    assert SiteSettings.load().accent_color == "#0b5c8e"
    assert not AuditEntry.objects.exists()


def test_logo_needs_an_alternative_text(editor, media):
    logo = SimpleUploadedFile("wappen.svg", SVG, content_type="image/svg+xml")
    with pytest.raises(ContentError) as error:
        site_settings_update(actor=editor, logo=logo, **settings_arguments())
    assert "logo_alt_de" in error.value.message_dict
    assert not SiteSettings.load().logo


def test_logo_is_stored_with_its_alternative_text(editor, media):
    logo = SimpleUploadedFile("wappen.svg", SVG, content_type="image/svg+xml")
    site_settings_update(
        actor=editor,
        logo=logo,
        **settings_arguments(logo_alt={"de": "Wappen von Musterstadt", "en": None, "ar": None}),
    )
    current = SiteSettings.load()
    assert current.logo.name.startswith("site/wappen")
    assert (media / current.logo.name).exists()
    entry = AuditEntry.objects.get()
    assert entry.after["logo"] == current.logo.name
    site_settings_update(actor=editor, remove_logo=True, **settings_arguments())
    assert not SiteSettings.load().logo


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("programm.exe", b"MZ\x90\x00", "kein Bild"),
        ("logo.png", b"MZ\x90\x00", "passt nicht"),
        ("logo.png", PNG + b"\x00" * (1024 * 1024), "höchstens 1 MB"),
        (
            "logo.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
            "Skripte",
        ),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "Skripte"),
        (
            "logo.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'><a href=' javascript:alert(1)'>x</a></svg>",
            "Skripte",
        ),
        ("logo.svg", b'<!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>', "passt nicht"),
        ("logo.svg", b"<html><body>kein svg</body></html>", "passt nicht"),
    ],
)
def test_logo_must_be_a_small_passive_image(name, content, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        validate_logo_file(SimpleUploadedFile(name, content))
    assert message in error.value.messages[0]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.png", PNG),
        ("logo.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 16),
        ("logo.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 "),
        ("logo.svg", SVG),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
            b'<defs><path id="p" d="M0 0h1"/></defs><use xlink:href="#p"/></svg>',
        ),
    ],
)
def test_ordinary_logos_are_accepted(name, content):
    validate_logo_file(SimpleUploadedFile(name, content))
