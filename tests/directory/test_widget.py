"""The embeddable list for partner websites and its snippet generator."""

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from sozialraum.core.models import SiteSettings

from .factories import OrganizationFactory, ServiceFactory
from .factories_widget import create_small_directory

pytestmark = pytest.mark.django_db

WIDGET = "/de/angebote/widget/"


@pytest.fixture
def directory():
    return create_small_directory()


def names(response) -> list[str]:
    html = response.content.decode()
    return [
        unescape(name)
        for name in re.findall(r'class="sr-widget__name"><a[^>]*><span dir="auto">([^<]*)<', html)
    ]


def test_widget_lists_public_services_but_not_defunct_ones(client: Client, directory):
    response = client.get(WIDGET)
    assert response.status_code == 200
    shown = names(response)
    assert "Schuldnerberatung Moabit" in shown
    assert "Sozialberatung Pankow" in shown
    assert "Alte Beratung" not in shown


def test_temporarily_closed_services_are_marked(client: Client, directory):
    html = client.get(WIDGET, {"q": "Sozialberatung"}).content.decode()
    assert "Vorübergehend geschlossen" in html


def test_topic_filter_shows_only_services_with_that_topic(client: Client, directory):
    shown = names(client.get(WIDGET, {"topic": "schulden"}))
    assert sorted(shown) == ["Schuldnerberatung Moabit", "Schuldnerberatung Pankow"]


def test_district_filter_includes_the_areas_below_it(client: Client, directory):
    shown = names(client.get(WIDGET, {"district": "01"}))
    assert sorted(shown) == ["Mieterberatung Mitte", "Schuldnerberatung Moabit"]


def test_filters_combine(client: Client, directory):
    shown = names(client.get(WIDGET, {"topic": "schulden", "district": "01"}))
    assert shown == ["Schuldnerberatung Moabit"]


def test_organization_filter(client: Client, directory):
    shown = names(client.get(WIDGET, {"organization": str(directory.charity.pk)}))
    assert sorted(shown) == ["Mieterberatung Mitte", "Schuldnerberatung Moabit"]


def test_search_filter_uses_the_directory_search(client: Client, directory):
    assert names(client.get(WIDGET, {"q": "Pankow"})) == [
        "Schuldnerberatung Pankow",
        "Sozialberatung Pankow",
    ]


def test_limit_caps_the_list_and_links_to_all_services(client: Client, directory):
    response = client.get(WIDGET, {"limit": "2"})
    assert len(names(response)) == 2
    assert "Alle 4 Angebote ansehen" in response.content.decode()


def test_the_link_to_all_services_keeps_the_filters(client: Client, directory):
    response = client.get(WIDGET, {"limit": "1", "district": "01", "q": "Beratung"})
    link = re.search(r'href="([^"]*)"[^>]*>Alle \d+ Angebote ansehen', response.content.decode())
    assert link is not None
    assert link.group(1) == "/de/angebote/?district=01&amp;q=Beratung"


@pytest.mark.parametrize(
    "params",
    [{"topic": "gibt-es-nicht"}, {"district": "99"}, {"organization": "kaputt"}, {"limit": "x"}],
)
def test_unknown_filter_values_are_shown_as_an_error_not_as_everything(
    client: Client, directory, params
):
    response = client.get(WIDGET, params)
    assert response.status_code == 400
    assert names(response) == []
    assert "falsch eingestellt" in response.content.decode()


def test_each_service_links_to_its_page_in_a_new_window_with_a_label(client: Client, directory):
    html = client.get(WIDGET, {"topic": "wohnen"}).content.decode()
    url = reverse("directory:service", kwargs={"service_id": directory.tenant_advice.pk})
    link = re.search(rf'<a [^>]*href="{url}"[^>]*>(.*?)</a>', html)
    assert link is not None
    assert 'target="_blank"' in link.group(0) and 'rel="noopener"' in link.group(0)
    assert "öffnet in einem neuen Fenster" in link.group(1)


def test_source_is_shown_with_the_city_name_and_a_link_to_the_directory(client: Client, directory):
    SiteSettings.objects.update_or_create(pk=1, defaults={"city_name_de": "Neustadt"})
    html = client.get(WIDGET).content.decode()
    assert re.search(
        r'Daten: <a [^>]*href="/de/angebote/"[^>]*>Neustadt \N{EN DASH} Sozialraum', html
    ), html[-800:]


def test_widget_has_its_own_small_layout_without_the_site_navigation(client: Client, directory):
    html = client.get(WIDGET).content.decode()
    assert "Hauptnavigation" not in html
    assert "sozialraum/widget/widget.css" in html
    assert '<html lang="de" dir="ltr">' in html


def test_widget_in_arabic_is_right_to_left(client: Client, directory):
    html = client.get("/ar/angebote/widget/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_html_in_names_is_escaped(client: Client, directory):
    organization = OrganizationFactory(name="<b>Träger</b>")
    ServiceFactory(
        organization=organization,
        name='<script>alert("x")</script> Beratung',
        short_description="<img src=x onerror=alert(1)>",
    )
    html = client.get(WIDGET).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Beratung" in html
    assert "<img src=x" not in html
    assert "&lt;b&gt;Träger&lt;/b&gt;" in html


def test_widget_sets_no_cookies_even_for_a_new_language(client: Client, directory):
    """RememberLanguageMiddleware would set the language cookie on /ar/..., the session and
    CSRF middleware might set theirs: the widget's response carries none of them."""
    for path in (WIDGET, "/ar/angebote/widget/", "/en/angebote/widget/?topic=unknown"):
        response = client.get(path)
        assert not response.cookies, path
        assert "Set-Cookie" not in response.headers, path
        assert not any(header.lower() == "set-cookie" for header, _ in response.items())


def test_widget_sets_no_cookies_for_a_signed_in_visitor(client: Client, directory, user):
    client.force_login(user)
    response = client.get("/en/angebote/widget/")
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response.headers


def test_widget_may_be_cached_by_the_partners_visitors(client: Client, directory):
    response = client.get(WIDGET)
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]


def test_other_pages_still_remember_the_language(client: Client, directory):
    """The cookie rule is the widget's alone."""
    response = client.get("/ar/angebote/einbetten/")
    assert "django_language" in response.cookies


def test_any_site_may_frame_the_widget(client: Client, directory):
    response = client.get(WIDGET)
    assert "X-Frame-Options" not in response.headers
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors *" in policy
    assert "script-src 'self'" in policy  # the rest of the policy stays as strict


def test_other_pages_still_may_not_be_framed(client: Client, directory):
    response = client.get("/de/angebote/einbetten/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


def test_widget_loads_nothing_from_other_hosts(client: Client, directory):
    html = client.get(WIDGET).content.decode()
    sources = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert sources
    assert all(source.startswith("/") for source in sources), sources


# --- Snippet generator ---------------------------------------------------------------------------

SNIPPET = "/de/angebote/einbetten/"


def snippet_of(response) -> str:
    match = re.search(
        r'<textarea[^>]*id="snippet-code"[^>]*>(.*?)</textarea>', response.content.decode(), re.S
    )
    assert match is not None
    return unescape(match.group(1))


def test_generator_offers_topics_districts_and_organizations(client: Client, directory):
    html = client.get(SNIPPET).content.decode()
    assert '<option value="schulden">Schulden</option>' in html
    assert '<option value="0102">Moabit</option>' in html
    assert f'<option value="{directory.charity.pk}">Diakonie Mitte</option>' in html
    assert "snippet-code" not in html  # no code before the form is sent


def test_generator_makes_an_iframe_with_the_chosen_filters_and_the_script(
    client: Client, directory
):
    response = client.get(
        SNIPPET,
        {
            "topic": "schulden",
            "district": "01",
            "organization": str(directory.charity.pk),
            "limit": "5",
            "language": "en",
            "height": "500",
            "with_script": "on",
        },
    )
    assert response.status_code == 200
    snippet = snippet_of(response)
    iframe = re.search(r'<iframe src="([^"]*)" title="([^"]*)" height="500"', snippet)
    assert iframe is not None, snippet
    assert unescape(iframe.group(1)) == (
        "http://testserver/en/angebote/widget/?topic=schulden&district=01"
        f"&organization={directory.charity.pk}&limit=5"
    )
    title = unescape(iframe.group(2))
    assert (
        "in Mitte" in title
        and "Diakonie Mitte" in title
        and title.endswith("\N{EN DASH} Musterstadt")
    )
    assert (
        '<script src="http://testserver/static/sozialraum/widget/embed.js" defer></script>'
        in snippet
    )
    html = response.content.decode()
    assert 'class="sr-snippet__preview"' in html  # live preview


def test_generator_leaves_out_the_script_when_not_wanted(client: Client, directory):
    response = client.get(SNIPPET, {"language": "de", "limit": "10", "height": "600"})
    snippet = snippet_of(response)
    assert snippet.startswith('<iframe src="http://testserver/de/angebote/widget/" title=')
    assert "<script" not in snippet


def test_generator_shows_errors_at_their_fields(client: Client, directory):
    response = client.get(SNIPPET, {"language": "de", "limit": "500", "height": "600"})
    html = response.content.decode()
    assert "snippet-code" not in html
    assert (
        'aria-describedby="id_limit_helptext id_limit_error"' in html
        or 'id="id_limit_error"' in html
    )


def test_generator_names_the_ical_feed_with_the_same_filters(client: Client, directory):
    response = client.get(
        SNIPPET, {"topic": "schulden", "language": "de", "limit": "3", "height": "600"}
    )
    assert "http://testserver/de/angebote/veranstaltungen.ics?topic=schulden" in (
        response.content.decode()
    )


def test_generator_escapes_html_in_organization_names(client: Client, directory):
    organization = OrganizationFactory(name='<script>alert("x")</script>')
    ServiceFactory(organization=organization)
    html = client.get(SNIPPET).content.decode()
    assert '<script>alert("x")' not in html
    response = client.get(
        SNIPPET,
        {"organization": str(organization.pk), "language": "de", "limit": "3", "height": "600"},
    )
    snippet = snippet_of(response)
    assert "<script>alert" not in snippet
    assert "&lt;script&gt;" in snippet  # in the title attribute of the snippet


def test_urls_have_names(directory):
    with translation.override("en"):
        assert reverse("directory:widget") == "/en/angebote/widget/"
        assert reverse("directory:widget_snippet") == "/en/angebote/einbetten/"


def test_a_widget_for_one_organization_does_not_promise_a_count_it_cannot_show(
    client: Client, directory
):
    response = client.get(WIDGET, {"limit": "1", "organization": str(directory.charity.pk)})
    html = response.content.decode()
    assert "Mehr Angebote im Verzeichnis" in html
    assert "Angebote ansehen" not in html
