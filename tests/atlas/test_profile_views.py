"""The profile and compare pages: addresses, figures, suppression, restricted indicators."""

import re

import pytest
from django.test import Client

from tests.factories import UserFactory, give_totp

from .factories import create_map_figures

pytestmark = pytest.mark.django_db

PROFILE = "/de/sozialatlas/profil/planungsraum/01011101/"
COMPARE = "/de/sozialatlas/vergleich/"


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def figures(areas):
    return create_map_figures(areas)


def test_the_profile_shows_value_rank_comparisons_chart_and_table(client: Client, figures):
    response = client.get(PROFILE)
    html = response.content.decode()
    page = text(html)

    assert response.status_code == 200
    assert "Profil: Stülerstraße" in page
    assert "Stand 31.12.2019 1.000 Personen" in page
    assert "Rang 3 von 6 (Planungsraum)" in page
    assert "Tiergarten Süd 8.600 Personen (aus den Teilgebieten berechnet)" in page
    assert "Berlin 8.600 Personen" in page
    assert "<svg" in html and "sr-chart__line" in html
    assert "bis 31. Dezember 2019 unverändert bei 1.000 Personen." in page  # the summary
    assert "<details>" in html and "31.12.2017" in page  # the figures as a table
    assert (
        "/de/sozialatlas/karte/?indikator=einwohner&amp;ebene=planungsraum&amp;"
        "stichtag=2019-12-31&amp;gebiet=01011101#auswahl"
    ) in html


def test_topics_group_the_indicators(client: Client, figures):
    page = text(client.get(PROFILE).content.decode())

    assert page.index("Bevölkerung") < page.index("Arbeit und Grundsicherung")


def test_a_suppressed_figure_never_reaches_the_page(client: Client, figures):
    html = client.get("/de/sozialatlas/profil/planungsraum/01011102/").content.decode()
    page = text(html)

    card = page.split("Arbeitslose (Personen)", 1)[1].split("auf der Karte", 1)[0]
    assert "geheim gehalten: weniger als 3 Fälle" in card
    assert " 2 " not in card.replace("2017", "").replace("2019", "")


def test_unknown_area_or_level_is_404(client: Client, figures):
    assert client.get("/de/sozialatlas/profil/planungsraum/99999999/").status_code == 404
    assert client.get("/de/sozialatlas/profil/ortsteil/01011101/").status_code == 404


def test_restricted_indicators_only_for_planners(client: Client, figures):
    assert "z-Wert" not in client.get(PROFILE).content.decode()

    planner = UserFactory(roles=["planner"])
    give_totp(planner)
    client.force_login(planner)
    page = text(client.get(PROFILE).content.decode())
    assert "Arbeitslosigkeit: z-Wert" in page
    assert "nur für die Sozialplanung" in page


def test_the_area_links_its_parent_children_and_the_compare_page(client: Client, figures):
    html = client.get("/de/sozialatlas/profil/bezirksregion/010111/").content.decode()

    assert 'href="/de/sozialatlas/profil/planungsraum/01011101/"' in html
    assert 'href="/de/sozialatlas/profil/bezirk/01/"' in html
    assert 'href="/de/sozialatlas/vergleich/?gebiet=bezirksregion%2F010111"' in html


def test_compare_shows_shared_indicators_side_by_side(client: Client, figures):
    response = client.get(COMPARE, {"gebiet": ["planungsraum/01011101", "planungsraum/01011106"]})
    html = response.content.decode()
    page = text(html)

    assert response.status_code == 200
    assert "Stülerstraße" in page and "Beusselkiez" in page
    row = page.split("Einwohnerinnen und Einwohner (Personen)", 1)[1]
    assert row.index("1.000") < row.index("4.000")
    assert html.count("sr-chart__line") >= 2
    # removing one keeps the other in the address
    assert 'href="/de/sozialatlas/vergleich/?gebiet=planungsraum%2F01011106"' in html


def test_compare_form_offers_areas_of_a_level_and_keeps_the_chosen(client: Client, figures):
    html = client.get(COMPARE, {"gebiet": "planungsraum/01011101"}).content.decode()

    assert '<input type="hidden" name="gebiet" value="planungsraum/01011101">' in html
    assert '<option value="planungsraum/01011106">' in html
    assert '<option value="planungsraum/01011101">' not in html
    assert "mindestens zwei Gebiete" in text(html)


def test_compare_mixes_levels_and_reports_unknown_areas(client: Client, figures):
    page = text(
        client.get(
            COMPARE, {"gebiet": ["planungsraum/01011101", "stadt/0", "planungsraum/42"]}
        ).content.decode()
    )

    assert "Das Gebiet „planungsraum/42“ gibt es nicht." in page
    assert "mindestens zwei Gebiete" not in page


def test_compare_takes_at_most_six_areas(client: Client, figures):
    codes = [f"planungsraum/0101110{n}" for n in range(1, 7)] + ["bezirk/01"]
    page = text(client.get(COMPARE, {"gebiet": codes}).content.decode())

    assert "höchstens 6 Gebiete" in page


def test_the_map_and_the_area_page_link_the_profile(client: Client, figures):
    html = client.get(
        "/de/sozialatlas/karte/", {"indikator": "einwohner", "gebiet": "01011101"}
    ).content.decode()
    assert 'href="/de/sozialatlas/profil/planungsraum/01011101/"' in html

    html = client.get("/de/sozialatlas/gebiete/planungsraum/01011101/").content.decode()
    assert 'href="/de/sozialatlas/profil/planungsraum/01011101/"' in html


def test_chart_coordinates_are_svg_numbers_in_every_language(client: Client, figures):
    for language in ("de", "en", "ar"):
        html = client.get(f"/{language}/sozialatlas/profil/planungsraum/01011101/").content.decode()
        coordinates = re.findall(r'<circle class="sr-chart__mark" cx="([^"]+)" cy="([^"]+)"', html)
        assert coordinates
        assert all(
            re.fullmatch(r"-?\d+(\.\d+)?", number) for pair in coordinates for number in pair
        )
