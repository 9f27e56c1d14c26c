"""Administrators change the city's name, logo, accent colour and contact without code."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sozialraum.core.models import AuditEntry, SiteSettings
from tests.factories import UserFactory, give_totp

pytestmark = pytest.mark.django_db

URL = "/de/verwaltung/einstellungen/"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="5"/></svg>'


@pytest.fixture
def administrator(client: Client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = UserFactory(roles=["administrator"])
    give_totp(user)
    client.force_login(user)
    return user


def form_data(**changes):
    data = {
        "city_name_de": "Musterstadt",
        "city_name_en": "Musterstadt",
        "city_name_ar": "",
        "logo_alt_de": "",
        "logo_alt_en": "",
        "logo_alt_ar": "",
        "accent_color": "#0b5c8e",
        "contact_email": "",
        "contact_phone": "",
        "contact_address_de": "",
        "contact_address_en": "",
        "contact_address_ar": "",
    }
    data.update(changes)
    return data


def test_changes_show_at_once_on_every_page(client: Client, administrator):
    response = client.post(
        URL,
        form_data(
            city_name_de="Neustadt an der Spree",
            city_name_en="New Town on the Spree",
            accent_color="#1b5e20",
            contact_email="buergerbuero@neustadt.example",
            contact_phone="030 9876",
            contact_address_de="Rathausplatz 1\n12345 Neustadt",
        ),
        follow=True,
    )
    assert "Die Einstellungen sind gespeichert." in response.content.decode()
    german = client.get("/de/seite/kontakt/").content.decode()
    assert '<span class="sr-brand__name">Neustadt an der Spree</span>' in german
    assert "--sr-accent: #1b5e20;" in german
    assert 'href="mailto:buergerbuero@neustadt.example"' in german
    assert "Rathausplatz 1<br>12345 Neustadt" in german
    english = client.get("/en/").content.decode()
    assert '<span class="sr-brand__name">New Town on the Spree</span>' in english
    # Untranslated Arabic falls back to German.
    arabic = client.get("/ar/").content.decode()
    assert '<span class="sr-brand__name">Neustadt an der Spree</span>' in arabic


def test_save_writes_one_audit_entry_with_before_and_after(client: Client, administrator):
    client.post(URL, form_data(city_name_de="Neustadt", contact_phone="030 1"))
    entry = AuditEntry.objects.get()
    assert entry.actor == administrator
    assert entry.action == "core.sitesettings_changed"
    changes = {name: (old, new) for name, old, new in entry.changes}
    assert changes["city_name_de"] == ("Musterstadt", "Neustadt")
    assert changes["contact_phone"] == ("", "030 1")


def test_too_light_accent_colour_is_explained_at_the_field(client: Client, administrator):
    response = client.post(URL, form_data(accent_color="#ffdd00", city_name_de="Neustadt"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_accent_color">Akzentfarbe: Die Farbe #ffdd00 ist zu hell' in html
    assert 'aria-describedby="id_accent_color_helptext id_accent_color_error"' in html
    assert "mindestens 4,5:1" in html
    current = SiteSettings.load()
    assert current.accent_color == "#0b5c8e"
    assert current.city_name_de == "Musterstadt"  # nothing at all is saved
    assert not AuditEntry.objects.exists()


def test_empty_german_city_name_is_refused(client: Client, administrator):
    html = client.post(URL, form_data(city_name_de="")).content.decode()
    assert 'href="#id_city_name_de">Name der Stadt oder des Kreises (Deutsch):' in html
    assert SiteSettings.load().city_name_de == "Musterstadt"


def test_logo_is_uploaded_and_shown_in_the_header(client: Client, administrator):
    logo = SimpleUploadedFile("wappen.svg", SVG, content_type="image/svg+xml")
    client.post(URL, {**form_data(logo_alt_de="Wappen von Musterstadt"), "logo": logo})
    current = SiteSettings.load()
    assert current.logo.name.startswith("site/wappen")
    html = client.get("/de/").content.decode()
    assert f'src="/media/{current.logo.name}" alt="Wappen von Musterstadt"' in html
    # Removing it again.
    client.post(URL, {**form_data(logo_alt_de="Wappen von Musterstadt"), "remove_logo": "on"})
    assert not SiteSettings.load().logo
    assert "sr-brand__logo" not in client.get("/de/").content.decode()


def test_logo_without_alternative_text_is_refused(client: Client, administrator):
    logo = SimpleUploadedFile("wappen.svg", SVG, content_type="image/svg+xml")
    html = client.post(URL, {**form_data(), "logo": logo}).content.decode()
    assert 'href="#id_logo_alt_de">Alternativtext des Logos (Deutsch): Bitte beschreiben' in html
    assert not SiteSettings.load().logo


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", b"MZ\x90\x00\x03", "ist kein Bild in einem erlaubten Format"),
        (
            "riesig.png",
            b"\x89PNG\r\n\x1a\n" + b"\x00" * (1024 * 1024 + 1),
            "Erlaubt ist höchstens 1 MB",
        ),
        ("boese.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "Skripte"),
    ],
)
def test_unsuitable_logo_is_refused_with_a_reason(
    client: Client, administrator, name, content, message
):
    upload = SimpleUploadedFile(name, content)
    html = client.post(
        URL, {**form_data(logo_alt_de="Logo", city_name_de="Neustadt"), "logo": upload}
    ).content.decode()
    assert 'href="#id_logo">Neues Logo hochladen: ' in html
    assert message in html
    assert 'id="id_logo_error"' in html
    current = SiteSettings.load()
    assert not current.logo
    assert current.city_name_de == "Musterstadt"
    assert not AuditEntry.objects.exists()


def test_settings_form_groups_languages_with_lang_and_dir(client: Client, administrator):
    html = client.get(URL).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'type="file" name="logo"' in html and 'accept=".svg,.png' in html
    name_ar = html[
        html.index('name="city_name_ar"') - 200 : html.index('name="city_name_ar"') + 200
    ]
    assert 'lang="ar"' in name_ar and 'dir="rtl"' in name_ar
    assert 'type="color"' in html
