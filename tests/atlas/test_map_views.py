# ruff: noqa: RUF001  (the legend separates with an en dash)
"""The Sozialatlas map page: its address holds every choice; map, legend and table agree;
small numbers are suppressed; restricted indicators stay with the planners; downloads."""

import csv
import io
import json
import re

import pytest
from django.test import Client
from openpyxl import load_workbook

from sozialraum.atlas.models import IndicatorValue
from tests.factories import UserFactory, give_totp

from .factories import create_map_figures

pytestmark = pytest.mark.django_db

URL = "/de/sozialatlas/karte/"


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def table_rows(html: str) -> list[str]:
    body = html.split('<tbody class="kern-table__body">', 1)[1].split("</tbody>", 1)[0]
    return [text(row) for row in body.split("</tr>")[:-1]]


@pytest.fixture
def figures(areas):
    return create_map_figures(areas)


def test_the_page_shows_map_legend_and_table_of_the_asked_indicator(client: Client, figures):
    response = client.get(
        URL, {"indikator": "arbeitslose-anteil", "ebene": "planungsraum", "stichtag": "2019-12-31"}
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert "Arbeitslosenanteil nach Planungsraum, Stand 31. Dezember 2019" in text(html)
    assert html.count("<path d=") == 6  # one shape per area
    assert "<title>Stülerstraße: 10,0 %, Klasse" in html
    rows = table_rows(html)
    assert rows[0].startswith("01011101 Stülerstraße 10,0")
    assert len(rows) == 6
    assert 'id="map-values"' in html  # the figures for the enhanced map


def test_without_parameters_the_page_picks_an_indicator_the_finest_level_and_the_newest_day(
    client: Client, figures
):
    html = client.get(URL).content.decode()

    assert "nach Planungsraum, Stand 31. Dezember 2019" in text(html)
    assert '<option value="2017-12-31">' in html  # the other day is offered


def test_an_earlier_day_is_a_link_and_an_address(client: Client, figures):
    html = client.get(URL, {"indikator": "einwohner"}).content.decode()

    assert "stichtag=2017-12-31" in html
    html = client.get(URL, {"indikator": "einwohner", "stichtag": "2017-12-31"}).content.decode()
    assert "Stand 31. Dezember 2017" in text(html)


def test_a_day_without_figures_falls_back_to_the_newest_and_says_so(client: Client, figures):
    html = client.get(URL, {"indikator": "einwohner", "stichtag": "2000-01-01"}).content.decode()

    assert "Für den gewünschten Stichtag gibt es keine Zahlen" in text(html)
    assert "Stand 31. Dezember 2019" in text(html)


def test_only_levels_with_figures_are_offered(client: Client, figures):
    html = client.get(URL, {"indikator": "einwohner"}).content.decode()
    select = html.split('name="ebene"', 1)[1].split("</select>", 1)[0]

    assert "planungsraum" in select
    assert "bezirk" not in select


def test_restricted_indicators_are_not_found_by_the_public(client: Client, figures):
    assert client.get(URL, {"indikator": "z-s1"}).status_code == 404
    assert client.get("/de/sozialatlas/karte.csv", {"indikator": "z-s1"}).status_code == 404
    assert "z-Wert" not in client.get(URL).content.decode()


def test_planners_see_restricted_indicators(client: Client, figures):
    planner = UserFactory(roles=["planner"])
    give_totp(planner)
    client.force_login(planner)

    response = client.get(URL, {"indikator": "z-s1"})

    assert response.status_code == 200
    assert "Arbeitslosigkeit: z-Wert nach Planungsraum" in text(response.content.decode())


def test_small_counts_and_rates_resting_on_them_are_suppressed(client: Client, figures):
    counts = table_rows(client.get(URL, {"indikator": "arbeitslose"}).content.decode())
    rates = table_rows(client.get(URL, {"indikator": "arbeitslose-anteil"}).content.decode())

    tiergarten = "01011102 Großer Tiergarten . (geheim gehalten: weniger als 3 Fälle)"
    assert counts[1].startswith(tiergarten)
    assert rates[1].startswith(tiergarten)
    assert counts[4].startswith("01011105 Zentrum . (geheim gehalten oder unbekannt)")
    assert rates[4].startswith("01011105 Zentrum … (keine Angabe)")


def test_suppressed_values_never_reach_the_page(client: Client, figures):
    html = client.get(URL, {"indikator": "arbeitslose", "sortierung": "-wert"}).content.decode()

    assert json.loads(html.split('id="map-values" type="application/json">')[1].split("<")[0])[
        "01011102"
    ] == [0, ".", None]
    assert "<title>Großer Tiergarten: . (geheim gehalten" in html


def test_the_threshold_is_a_setting(client: Client, figures, settings):
    settings.ATLAS_SUPPRESSION_THRESHOLD = 120

    rows = table_rows(client.get(URL, {"indikator": "arbeitslose"}).content.decode())

    assert rows[0].startswith("01011101 Stülerstraße . (geheim gehalten: weniger als 120 Fälle)")
    assert rows[2].startswith("01011103 Alexanderplatz 150")


@pytest.mark.parametrize(
    ("sort", "first", "last"),
    [
        ("wert", "Ärztehaus", "Zentrum"),  # 5 % lowest; rows without a figure last
        ("-wert", "Alexanderplatz", "Zentrum"),  # 30 %; rows without a figure still last
        ("name", "Alexanderplatz", "Zentrum"),  # Ä sorts with A
        ("-rang", "Ärztehaus", "Zentrum"),
    ],
)
def test_the_table_sorts_on_the_server(client: Client, figures, sort, first, last):
    html = client.get(URL, {"indikator": "arbeitslose-anteil", "sortierung": sort}).content.decode()
    rows = table_rows(html)

    assert first in rows[0]
    assert last in rows[-1]


def test_the_sorted_column_says_so(client: Client, figures):
    html = client.get(URL, {"indikator": "einwohner", "sortierung": "-wert"}).content.decode()

    assert 'aria-sort="descending"' in html
    assert "sortierung=wert" in html  # the next click sorts ascending


def test_classes_and_methods_come_from_the_address(client: Client, figures):
    html = client.get(
        URL, {"indikator": "einwohner", "methode": "gleiche-abstaende", "klassen": "2"}
    ).content.decode()
    legend = text(html.split('id="legend-heading"', 1)[1].split("</section>", 1)[0])

    assert "Gleiche Abstände" in legend
    assert "Klasse 1: 300 bis 2.150 Personen – 5 Gebiete" in legend
    assert "Klasse 2: über 2.150 bis 4.000 Personen – 1 Gebiet" in legend


def test_manual_breaks(client: Client, figures):
    html = client.get(
        URL, {"indikator": "einwohner", "methode": "manuell", "grenzen": "600; 1500"}
    ).content.decode()
    legend = text(html.split('id="legend-heading"', 1)[1].split("</section>", 1)[0])

    assert "Klasse 1: 300 bis 600 Personen – 2 Gebiete" in legend
    assert "Klasse 3: über 1.500 bis 4.000 Personen – 2 Gebiete" in legend
    assert "grenzen=600%3B+1500" in html  # kept in the sorting links


def test_unusable_manual_breaks_are_explained_at_the_field(client: Client, figures):
    html = client.get(
        URL, {"indikator": "einwohner", "methode": "manuell", "grenzen": "viel"}
    ).content.decode()

    assert "„viel“ ist keine Zahl" in html
    assert 'aria-invalid="true"' in html
    assert "Ohne gültige eigene Grenzen teilt die Karte nach Quantilen ein." in html


def test_a_selected_area_is_shown_with_its_figures(client: Client, figures):
    html = client.get(URL, {"indikator": "einwohner", "gebiet": "01011106"}).content.decode()
    selected = text(html.split('id="auswahl"', 1)[1].split("</section>", 1)[0])

    assert "Ausgewählt: Beusselkiez" in selected
    assert "Wert 4.000 Personen" in selected
    assert "Rang 1 von 6" in selected
    assert 'class="sr-choropleth__selected"' in html


def test_an_unknown_indicator_is_not_found(client: Client, figures):
    assert client.get(URL, {"indikator": "gibt-es-nicht"}).status_code == 404


def test_without_figures_there_is_no_map(client: Client, areas):
    assert client.get(URL).status_code == 404


def test_csv_download_has_the_rows_suppression_and_source(client: Client, figures):
    response = client.get("/de/sozialatlas/karte.csv", {"indikator": "arbeitslose-anteil"})

    assert response["Content-Type"].startswith("text/csv")
    assert "arbeitslose-anteil-planungsraum-2019-12-31.csv" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 6
    assert rows[0]["wert"] == "10.0" and rows[0]["quelle"] == "Amt für Statistik (CC BY 3.0 DE)"
    assert rows[1]["wert"] == "" and rows[1]["zeichen"] == "."
    assert rows[1]["stichtag"] == "2019-12-31"


def test_xlsx_download_has_data_and_a_sheet_about_them(client: Client, figures):
    response = client.get("/de/sozialatlas/karte.xlsx", {"indikator": "arbeitslose"})
    workbook = load_workbook(io.BytesIO(response.content))

    data = list(workbook["Daten"].iter_rows(values_only=True))
    assert data[0][:3] == ("kennziffer", "gebiet", "ebene")
    assert data[2][5] is None and data[2][6] == "."  # Großer Tiergarten: 2 people, suppressed
    about = dict(workbook["Angaben"].iter_rows(values_only=True))
    assert about["Stichtag"] == "2019-12-31"
    assert "weniger als 3" in about["Geheimhaltung"]


def test_geojson_download_has_outlines_and_figures(client: Client, figures):
    response = client.get("/de/sozialatlas/karte.geojson", {"indikator": "einwohner"})
    collection = json.loads(response.content)

    assert collection["metadata"]["Stichtag"] == "2019-12-31"
    feature = collection["features"][0]
    assert feature["id"] == "01011101"
    assert feature["properties"]["wert"] == 1000
    assert feature["geometry"]["type"] == "Polygon"


def test_an_unknown_download_format_is_not_found(client: Client, figures):
    assert client.get("/de/sozialatlas/karte.pdf").status_code == 404


def test_imported_values_remain_untouched(client: Client, figures):
    """The page reads, never writes (suppression is applied on the way out)."""
    before = IndicatorValue.objects.count()
    client.get(URL, {"indikator": "arbeitslose"})
    assert IndicatorValue.objects.count() == before


def test_downloads_never_carry_an_active_formula(client: Client, figures):
    """An area name or indicator source from an imported file could be a spreadsheet formula;
    the downloads write it as text."""
    figures[0].name = '=HYPERLINK("http://example.org","Stülerstraße")'
    figures[0].save()

    response = client.get("/de/sozialatlas/karte.csv", {"indikator": "arbeitslose"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0]["gebiet"].startswith("'=HYPERLINK")

    response = client.get("/de/sozialatlas/karte.xlsx", {"indikator": "arbeitslose"})
    data = list(load_workbook(io.BytesIO(response.content))["Daten"].iter_rows(values_only=True))
    assert data[1][1].startswith("'=HYPERLINK")
