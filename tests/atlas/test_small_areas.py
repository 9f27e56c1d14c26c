"""Areas with too few inhabitants: every figure but the population is suppressed, in the page,
the table, the API, the downloads, the profiles and the reports (ATLAS_MINIMUM_POPULATION)."""

import csv
import datetime
import io
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from openpyxl import load_workbook

from sozialraum.atlas.maps import Status, level_figures
from sozialraum.atlas.models import Indicator, IndicatorValue
from sozialraum.atlas.profiles import area_profile
from sozialraum.atlas.small_areas import nearest_day

from .factories import MAP_DAY, create_map_figures
from .test_map_views import table_rows

pytestmark = pytest.mark.django_db

MAP = "/de/sozialatlas/karte/"
ALEXANDERPLATZ = "01011103"  # 500 inhabitants, 150 unemployed
SMALL = "geheim gehalten: weniger als 600 Menschen leben im Gebiet"


@pytest.fixture
def figures(areas, settings):
    settings.ATLAS_MINIMUM_POPULATION = 600
    settings.ATLAS_POPULATION_INDICATOR = "einwohner"
    return create_map_figures(areas)


def test_the_map_table_shows_the_symbol_and_why(client: Client, figures):
    html = client.get(MAP, {"indikator": "arbeitslose"}).content.decode()
    rows = table_rows(html)

    assert rows[2].startswith(f"01011103 Alexanderplatz . ({SMALL})")
    assert rows[3].startswith("01011104 Ärztehaus 40")  # 800 inhabitants
    # suppressed at the source stays so, with its own reason
    assert rows[4].startswith("01011105 Zentrum . (geheim gehalten oder unbekannt)")
    values = json.loads(html.split('id="map-values" type="application/json">')[1].split("<")[0])
    assert values[ALEXANDERPLATZ] == [0, ".", None]
    assert "150" not in values[ALEXANDERPLATZ]
    assert "weniger als 600 Menschen leben, zeigen wir nur die Einwohnerzahl" in html


def test_rates_of_small_areas_are_suppressed_and_take_no_rank(client: Client, figures):
    rows = table_rows(client.get(MAP, {"indikator": "arbeitslose-anteil"}).content.decode())

    assert rows[2].startswith(f"01011103 Alexanderplatz . ({SMALL})")
    assert rows[2].endswith("keine \N{EN DASH} keiner")


def test_the_population_itself_stays_visible(client: Client, figures):
    rows = table_rows(client.get(MAP, {"indikator": "einwohner"}).content.decode())

    assert rows[2].startswith("01011103 Alexanderplatz 500")


def test_the_api_and_every_download_suppress_small_areas(client: Client, figures):
    api = client.get("/api/sozialatlas/values", {"indicator": "arbeitslose"}).json()
    row = next(row for row in api["contents"] if row["area"] == ALEXANDERPLATZ)
    assert row["value"] is None
    assert row["status"] == "small-area"
    assert row["symbol"] == "."
    assert row["explanation"] == SMALL

    response = client.get("/de/sozialatlas/karte.csv", {"indikator": "arbeitslose"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[2]["wert"] == "" and rows[2]["zeichen"] == "."

    response = client.get("/de/sozialatlas/karte.xlsx", {"indikator": "arbeitslose"})
    workbook = load_workbook(io.BytesIO(response.content))
    data = list(workbook["Daten"].iter_rows(values_only=True))
    assert data[3][5] is None and data[3][6] == "."
    about = dict(workbook["Angaben"].iter_rows(values_only=True))
    assert "weniger als 600 Einwohnerinnen und Einwohnern" in about["Geheimhaltung"]

    response = client.get("/de/sozialatlas/karte.geojson", {"indikator": "arbeitslose"})
    feature = next(f for f in json.loads(response.content)["features"] if f["id"] == ALEXANDERPLATZ)
    assert feature["properties"]["wert"] is None


def test_the_profile_hides_the_series_but_not_the_population(areas, figures):
    alexanderplatz = figures[2]
    profile = area_profile(alexanderplatz, AnonymousUser())
    found = {entry.indicator.key: entry for entry in profile.entries}

    for key in ("arbeitslose", "arbeitslose-anteil"):
        assert all(point.status == Status.SMALL_AREA for point in found[key].series)
        assert all(point.value is None for point in found[key].series)
        assert found[key].rank is None
        # the region is large enough: its figure is shown (here missing: Zentrum is suppressed)
        assert found[key].parent is not None
        assert found[key].parent.point.status != Status.SMALL_AREA
    assert [point.value for point in found["einwohner"].series] == [500, 500]


def test_the_profile_page_says_why(client: Client, figures):
    html = client.get(f"/de/sozialatlas/profil/planungsraum/{ALEXANDERPLATZ}/").content.decode()

    assert SMALL in html


def test_the_rule_is_off_with_a_minimum_of_zero(figures, settings):
    settings.ATLAS_MINIMUM_POPULATION = 0
    unemployed = Indicator.objects.get(key="arbeitslose")

    shown = level_figures(indicator=unemployed, level=figures[2].level, date=MAP_DAY)

    assert shown[figures[2].pk] == (150, Status.SHOWN)


def test_the_nearest_population_day_counts(figures):
    """Population is counted on other days than the social figures: the latest day on or
    before the figure's counts, else the earliest after it."""
    inhabitants = Indicator.objects.get(key="einwohner")
    unemployed = Indicator.objects.get(key="arbeitslose")
    alexanderplatz = figures[2]
    later = datetime.date(2020, 6, 30)
    for area in figures:
        IndicatorValue.objects.create(indicator=inhabitants, area=area, date=later, value=5000)
        IndicatorValue.objects.create(indicator=unemployed, area=area, date=later, value=50)

    shown = level_figures(indicator=unemployed, level=alexanderplatz.level, date=later)
    assert shown[alexanderplatz.pk] == (50, Status.SHOWN)
    shown = level_figures(indicator=unemployed, level=alexanderplatz.level, date=MAP_DAY)
    assert shown[alexanderplatz.pk] == (None, Status.SMALL_AREA)


def test_a_larger_area_without_a_population_figure_sums_up_its_parts(areas, figures, settings):
    """The region (no stored population; 8,600 inhabitants in its planning areas) is shown;
    with a minimum above that it is hidden."""
    unemployed = Indicator.objects.get(key="arbeitslose")
    region = areas["region"]
    IndicatorValue.objects.create(indicator=unemployed, area=region, date=MAP_DAY, value=900)

    assert level_figures(indicator=unemployed, level=region.level, date=MAP_DAY)[region.pk] == (
        900,
        Status.SHOWN,
    )
    settings.ATLAS_MINIMUM_POPULATION = 9000
    assert level_figures(indicator=unemployed, level=region.level, date=MAP_DAY)[region.pk] == (
        None,
        Status.SMALL_AREA,
    )


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2019, 1, 1), datetime.date(2018, 12, 31)),
        (datetime.date(2018, 12, 31), datetime.date(2018, 12, 31)),
        (datetime.date(2010, 1, 1), datetime.date(2017, 12, 31)),
        (datetime.date(2030, 1, 1), datetime.date(2019, 6, 30)),
    ],
)
def test_nearest_day(day, expected):
    days = [datetime.date(2017, 12, 31), datetime.date(2018, 12, 31), datetime.date(2019, 6, 30)]
    assert nearest_day(days, day) == expected
    assert nearest_day([], day) is None
