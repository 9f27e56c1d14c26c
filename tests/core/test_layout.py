import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"), [("en-GB,en;q=0.9", "/en/"), ("ar", "/ar/"), ("fr", "/de/")]
)
def test_first_visit_picks_the_language_from_the_browser(client: Client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize(
    ("language", "direction", "heading"),
    [
        ("de", "ltr", "Hilfe und Angebote in Musterstadt"),
        ("en", "ltr", "Help and services in Musterstadt"),
        ("ar", "rtl", 'dir="rtl"'),
    ],
)
def test_start_page_speaks_the_language_of_its_url(client: Client, language, direction, heading):
    html = client.get(f"/{language}/").content.decode()
    assert f'<html lang="{language}" dir="{direction}">' in html
    assert heading in html


def test_start_page_leads_to_the_modules_and_has_a_skip_link(client: Client):
    html = client.get("/de/").content.decode()
    assert '<a class="sr-skip-link" href="#main">' in html
    assert 'id="main"' in html
    for url in ("/de/angebote/", "/de/sozialatlas/", "/de/veranstaltungen/"):
        assert f'href="{url}"' in html
        assert client.get(url).status_code == 200


def test_language_switcher_links_to_the_same_page_in_each_language(client: Client):
    html = client.get("/de/seite/impressum/").content.decode()
    assert 'href="/en/seite/impressum/" lang="en"' in html
    assert 'href="/ar/seite/impressum/" lang="ar"' in html


def test_footer_links_the_legal_pages(client: Client):
    html = client.get("/de/").content.decode()
    for slug in ("impressum", "datenschutz", "barrierefreiheit", "leichte-sprache", "kontakt"):
        assert f'href="/de/seite/{slug}/"' in html


def test_pages_send_a_strict_content_security_policy(client: Client):
    response = client.get("/de/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "http" not in policy  # nothing from third-party hosts


def test_no_third_party_resources_are_referenced(client: Client):
    html = client.get("/de/").content.decode()
    for marker in ('src="http', 'href="http', "//cdn", "googleapis"):
        assert marker not in html


def test_chosen_language_is_remembered_for_the_next_visit(client: Client):
    client.get("/en/seite/impressum/", headers={"accept-language": "de"})
    response = client.get("/", headers={"accept-language": "de"})
    assert response["Location"] == "/en/"


def test_unknown_address_gets_a_helpful_404_page_in_the_layout(client: Client):
    response = client.get("/de/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Diese Seite gibt es nicht" in html
    assert 'class="sr-mainnav"' in html


def test_city_name_set_in_german_shows_in_every_language(client: Client):
    from sozialraum.core.models import SiteSettings

    site = SiteSettings.load()
    SiteSettings.objects.filter(pk=site.pk).update(city_name_de="Neustadt")
    for language in ("de", "en", "ar"):
        assert (
            '<span class="sr-brand__name">Neustadt</span>'
            in client.get(f"/{language}/").content.decode()
        )


@pytest.mark.parametrize(
    "url", ["/de/", "/de/konto/login/", "/de/konto/signup/", "/de/seite/impressum/"]
)
def test_every_page_shows_the_city_name_and_accent_colour(client: Client, url):
    """Views with a `site` of their own (allauth) must not hide the platform's settings."""
    html = client.get(url).content.decode()
    assert '<span class="sr-brand__name">Musterstadt</span>' in html
    assert "--sr-accent: #0b5c8e;" in html
