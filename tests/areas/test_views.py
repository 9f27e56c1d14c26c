"""The public area pages: what a visitor sees."""

import datetime
import json
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from sozialraum.areas import views
from sozialraum.areas.models import Area, AreaLevel

from .factories import AreaFactory, AreaLevelFactory, create_sample_areas, square

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas():
    return create_sample_areas()


def text(html: str) -> str:
    """The visible text, tags removed and spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_atlas_start_page_leads_to_the_areas(client: Client, areas):
    html = client.get("/de/sozialatlas/").content.decode()

    assert '<h1 class="kern-heading-large">Sozialatlas</h1>' in html
    assert 'href="/de/sozialatlas/gebiete/"' in html
    assert 'href="/de/sozialatlas/gebiete/planungsraum/"' in html
    assert "Zahlen zu den Gebieten" in html
    assert "wird gerade aufgebaut" not in html  # the placeholder is gone


def test_areas_index_lists_the_levels_with_counts(client: Client, areas):
    page = text(client.get("/de/sozialatlas/gebiete/").content.decode())

    assert "Stadt 1 gilt heute" in page
    assert "Bezirk 1 gilt heute" in page
    assert "Planungsraum 2 galt bis zum 31. Dezember 2020" in page


def test_areas_index_without_areas_says_so(client: Client):
    response = client.get("/de/sozialatlas/gebiete/")

    assert response.status_code == 200
    assert "Es sind noch keine Gebiete eingetragen." in response.content.decode()


def test_level_page_shows_id_name_and_parent(client: Client, areas):
    html = client.get("/de/sozialatlas/gebiete/planungsraum/").content.decode()
    page = text(html)

    assert "Hier stehen die 2 Gebiete, die am 31. Dezember 2020 galten." in page
    assert "Diese Einteilung gilt heute nicht mehr." in page
    assert "01011101 Stülerstraße Tiergarten Süd (010111)" in page
    assert 'href="/de/sozialatlas/gebiete/planungsraum/01011101/"' in html
    assert 'href="/de/sozialatlas/gebiete/bezirksregion/010111/"' in html
    assert "Quelle: Amt für Statistik Berlin-Brandenburg (CC BY 3.0 DE)" in page


def test_level_page_sorts_by_the_column_link(client: Client, areas):
    by_code = text(client.get("/de/sozialatlas/gebiete/planungsraum/").content.decode())
    html = client.get("/de/sozialatlas/gebiete/planungsraum/?sortierung=name").content.decode()
    by_name = text(html)

    assert by_code.index("Stülerstraße") < by_code.index("Großer Tiergarten")
    assert by_name.index("Großer Tiergarten") < by_name.index("Stülerstraße")
    assert 'aria-sort="ascending"' in html
    assert 'href="?sortierung=-name"' in html  # a second click sorts the other way
    descending = client.get("/de/sozialatlas/gebiete/planungsraum/?sortierung=-name")
    page = text(descending.content.decode())
    assert page.index("Stülerstraße") < page.index("Großer Tiergarten")


def test_sorting_by_name_puts_umlauts_with_their_letter(client: Client):
    level = AreaLevelFactory(name="Ortsteil")
    for code, name in [("1", "Zehlendorf"), ("2", "Östliche Vorstadt"), ("3", "Pankow")]:
        AreaFactory(level=level, code=code, name=name)

    page = text(client.get("/de/sozialatlas/gebiete/ortsteil/?sortierung=name").content.decode())

    assert page.index("Östliche") < page.index("Pankow") < page.index("Zehlendorf")


def test_level_page_is_paginated(client: Client, areas, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 1)

    html = client.get("/de/sozialatlas/gebiete/planungsraum/?seite=2").content.decode()

    assert "Großer Tiergarten" in html and "Stülerstraße" not in html
    assert "Seite 2 von 2" in text(html)
    assert 'href="?sortierung=kennziffer&amp;seite=1"' in html


def test_level_page_links_the_sets_before_and_after_a_redraw(client: Client, areas):
    planning = AreaLevel.objects.get(slug="planungsraum")
    AreaFactory(level=planning, code="01100101", name="Neu", valid_from=datetime.date(2021, 1, 1))

    html = client.get("/de/sozialatlas/gebiete/planungsraum/").content.decode()
    page = text(html)

    assert "Hier steht 1 Gebiet, das heute gilt." in page
    assert "gültig bis zum 31. Dezember 2020 (2 Gebiete)" in page
    assert "gültig ab dem 1. Januar 2021 (1 Gebiet)" in page
    assert 'href="?stichtag=2020-12-31"' in html
    old = text(
        client.get("/de/sozialatlas/gebiete/planungsraum/?stichtag=2020-12-31").content.decode()
    )
    assert "Stülerstraße" in old and "Neu" not in old


def test_area_page_shows_the_area_its_parents_and_children(client: Client, areas):
    html = client.get("/de/sozialatlas/gebiete/bezirksregion/010111/").content.decode()
    page = text(html)

    assert '<h1 class="kern-heading-large">Tiergarten Süd</h1>' in html
    assert "Ebene Bezirksregion Kennziffer 010111" in page
    assert "Gehört zu Mitte (Bezirk), Berlin (Stadt)" in page
    assert "Gültigkeit gültig bis zum 31. Dezember 2020 (gilt heute nicht mehr)" in page
    assert "Sozialatlas Gebiete Berlin Mitte Tiergarten Süd" in page  # breadcrumb
    assert "Planungsraum: 2 Gebiete, gültig bis zum 31. Dezember 2020" in page
    assert 'href="/de/sozialatlas/gebiete/planungsraum/01011102/"' in html


def test_area_page_draws_the_outline_with_a_text_alternative(client: Client, areas):
    html = client.get("/de/sozialatlas/gebiete/bezirksregion/010111/").content.decode()

    svg = re.search(r"<svg[^>]*>.*?</svg>", html, re.DOTALL)
    assert svg is not None
    assert 'role="img"' in svg.group() and 'aria-labelledby="area-outline-title"' in svg.group()
    assert (
        '<title id="area-outline-title">Umriss von Tiergarten Süd mit den Grenzen der Gebiete '
        "der Ebene „Planungsraum“ darin</title>"
    ) in svg.group()
    assert svg.group().count("<path") == 3  # the area and its two children


def test_area_with_a_start_of_validity_has_its_own_address(client: Client, areas):
    planning = AreaLevel.objects.get(slug="planungsraum")
    new = AreaFactory(
        level=planning,
        code="01011101",
        name="Neuer Zuschnitt",
        valid_from=datetime.date(2021, 1, 1),
    )

    assert new.get_absolute_url() == "/de/sozialatlas/gebiete/planungsraum/01011101/ab-2021-01-01/"
    page = text(client.get(new.get_absolute_url()).content.decode())
    assert "Neuer Zuschnitt" in page
    assert "Dieselbe Kennziffer in anderen Gebietsständen Stülerstraße" in page


@pytest.mark.parametrize(
    "url",
    [
        "/de/sozialatlas/gebiete/gibt-es-nicht/",
        "/de/sozialatlas/gebiete/bezirk/99/",
        "/de/sozialatlas/gebiete/planungsraum/01011101/ab-kein-datum/",
        "/de/sozialatlas/gebiete/gibt-es-nicht.geojson",
    ],
)
def test_unknown_areas_are_not_found(client: Client, areas, url):
    assert client.get(url).status_code == 404


def test_area_pages_speak_the_visitors_language(client: Client, areas):
    level = AreaLevel.objects.get(slug="bezirk")
    level.name_en = "District"
    level.save()

    html = client.get("/en/sozialatlas/gebiete/bezirk/01/").content.decode()

    assert '<html lang="en"' in html
    assert "District" in html
    assert client.get("/ar/sozialatlas/gebiete/bezirk/01/").status_code == 200


def test_geojson_of_a_level_for_maps(client: Client, areas):
    detailed = AreaLevelFactory(name="Fein")
    ring = [[13.3 + i * 1e-7, 52.5 + (i % 2) * 1e-7] for i in range(200)]
    ring += [[13.31, 52.51], [13.3, 52.51], ring[0]]
    AreaFactory(level=detailed, code="1", geometry={"type": "Polygon", "coordinates": [ring]})

    response = client.get("/de/sozialatlas/gebiete/planungsraum.geojson")
    collection = json.loads(response.content)
    fine = json.loads(client.get("/de/sozialatlas/gebiete/fein.geojson").content)

    assert response["Content-Type"] == "application/geo+json"
    assert collection["type"] == "FeatureCollection"
    assert [feature["properties"] for feature in collection["features"]] == [
        {
            "id": "01011101",
            "name": "Stülerstraße",
            "parent": "010111",
            "level": "planungsraum",
            "valid_from": None,
            "valid_until": "2020-12-31",
        },
        {
            "id": "01011102",
            "name": "Großer Tiergarten",
            "parent": "010111",
            "level": "planungsraum",
            "valid_from": None,
            "valid_until": "2020-12-31",
        },
    ]
    assert collection["features"][0]["geometry"]["type"] == "Polygon"
    assert "Amt für Statistik" in collection["attribution"]
    assert len(fine["features"][0]["geometry"]["coordinates"][0]) < 10  # simplified


def test_level_page_links_the_geojson(client: Client, areas):
    html = client.get("/de/sozialatlas/gebiete/bezirk/").content.decode()

    assert 'href="/de/sozialatlas/gebiete/bezirk.geojson"' in html


def test_outline_keeps_holes(client: Client):
    outer = square(13.0, 52.0, 1.0)["coordinates"][0]
    hole = square(13.4, 52.4, 0.2)["coordinates"][0][::-1]
    area = AreaFactory(geometry={"type": "Polygon", "coordinates": [outer, hole]})

    html = client.get(area.get_absolute_url()).content.decode()

    path = re.search(r'class="sr-area-outline__area" fill-rule="evenodd" d="([^"]+)"', html)
    assert path is not None and path.group(1).count("M") == 2


def test_level_page_for_a_day_without_areas_says_so(client: Client, areas):
    response = client.get("/de/sozialatlas/gebiete/planungsraum/?stichtag=2035-01-01")

    assert "Für den 1. Januar 2035 sind keine Gebiete dieser Ebene eingetragen." in text(
        response.content.decode()
    )


def test_level_page_of_a_future_set_speaks_of_the_future(client: Client):
    AreaFactory(level=AreaLevelFactory(name="Sozialraum"), valid_from=datetime.date(2099, 1, 1))

    page = text(client.get("/de/sozialatlas/gebiete/sozialraum/").content.decode())

    assert "Hier steht 1 Gebiet, das am 1. Januar 2099 gelten wird." in page


def test_validity_phrases_are_whole_sentences_a_translator_can_reorder(
    client: Client, areas, translations
):
    translations(
        "en",
        {
            "gültig bis zum %(end)s": "%(end)s is the last valid day",
            ("%(level)s: %(counter)s Gebiet, %(validity)s", 1): (
                "%(counter)s areas of the level %(level)s (%(validity)s)"
            ),
        },
    )

    html = client.get("/en/sozialatlas/gebiete/bezirksregion/010111/").content.decode()

    caption = re.search(r"<caption[^>]*>(.*?)</caption>", html, re.S)
    assert caption is not None
    assert text(caption.group(1)) == (
        "2 areas of the level Planungsraum (Dec. 31, 2020 is the last valid day)"
    )


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (None, None, "unbefristet gültig"),
        (datetime.date(2021, 1, 1), None, "gültig ab dem 1. Januar 2021"),
        (None, datetime.date(2020, 12, 31), "gültig bis zum 31. Dezember 2020"),
        (
            datetime.date(2021, 1, 1),
            datetime.date(2025, 12, 31),
            "gültig vom 1. Januar 2021 bis zum 31. Dezember 2025",
        ),
    ],
)
def test_validity_is_one_phrase(start, end, expected):
    assert Area(valid_from=start, valid_until=end).validity == expected


# The GeoJSON download is cached per set of areas, not per day.


@pytest.fixture
def simplifications(monkeypatch):
    """Count the simplification runs of the GeoJSON download, starting with an empty cache."""
    cache.clear()
    calls = []
    simplify = views.simplified_geojson

    def counted(geometry):
        calls.append(geometry)
        return simplify(geometry)

    monkeypatch.setattr(views, "simplified_geojson", counted)
    yield calls
    cache.clear()


def test_days_that_select_the_same_areas_share_one_cached_geojson(
    client: Client, areas, simplifications
):
    url = "/de/sozialatlas/gebiete/planungsraum.geojson"

    first = client.get(url, {"stichtag": "2019-05-01"})
    second = client.get(url, {"stichtag": "2020-12-31"})

    assert len(simplifications) == 2  # two planning areas, simplified once
    assert first.content == second.content
    assert "2020-12-31.geojson" in second["Content-Disposition"]


def test_a_changed_or_other_set_of_areas_gets_its_own_geojson(
    client: Client, areas, simplifications
):
    url = "/de/sozialatlas/gebiete/planungsraum.geojson"
    client.get(url, {"stichtag": "2019-05-01"})
    areas["tiergarten"].name = "Tiergarten"
    areas["tiergarten"].save()

    changed = json.loads(client.get(url, {"stichtag": "2019-05-01"}).content)
    later = json.loads(client.get(url, {"stichtag": "2021-01-01"}).content)

    assert len(simplifications) == 4
    assert [feature["properties"]["name"] for feature in changed["features"]] == [
        "Stülerstraße",
        "Tiergarten",
    ]
    assert later["features"] == []


def test_the_outline_follows_the_children_valid_on_the_day(client: Client, monkeypatch):
    """Two sets of children of the same size: the cached drawing must not mix them up."""
    cache.clear()
    level = AreaLevelFactory(name="Ortsteil", rank=1)
    district = AreaFactory(code="01", geometry=square(13.3, 52.5, 0.1))
    AreaFactory(
        level=level,
        code="0101",
        parent=district,
        geometry=square(13.3, 52.5, 0.02),
        valid_until=datetime.date(2020, 12, 31),
    )
    AreaFactory(
        level=level,
        code="0101",
        parent=district,
        geometry=square(13.35, 52.55, 0.05),
        valid_from=datetime.date(2021, 1, 1),
    )
    district.save()  # the district is now the newest change of them all

    def child_paths(today: datetime.date) -> list[str]:
        monkeypatch.setattr(timezone, "localdate", lambda *args: today)
        html = client.get(district.get_absolute_url()).content.decode()
        return re.findall(r'class="sr-area-outline__child" d="([^"]+)"', html)

    before = child_paths(datetime.date(2020, 6, 1))
    after = child_paths(datetime.date(2022, 6, 1))

    assert len(before) == len(after) == 1
    assert before != after
    cache.clear()
