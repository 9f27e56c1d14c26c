"""Issue 4's "done when", end to end without a browser: a planner imports a new indicator file
by command and sees it on the map, in the table and in the area's profile. (Reading the map by
keyboard via the table is tests/browser/test_atlas_map.py.)"""

import json
import re

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

FILE = """id;name;wohngeld
01011101;Stülerstraße;1.234
01011102;Großer Tiergarten;56
"""

MAPPING = {
    "format": "wide",
    "level": "planungsraum",
    "area_column": "id",
    "date": "2019-12-31",
    "ignore": ["name"],
    "indicators": {
        "wohngeld": {
            "name": "Haushalte mit Wohngeld",
            "kind": "count",
            "unit": "Haushalte",
            "topic": "wohnen",
            "interpretation": "higher-worse",
            "source": "Wohngeldstelle (Test)",
            "precision": 0,
        }
    },
}


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_an_imported_indicator_file_shows_on_the_map_in_the_table_and_in_the_profile(
    client: Client, areas, write
):
    csv_file = write("wohngeld.csv", FILE)
    mapping = write("wohngeld.json", json.dumps(MAPPING))
    call_command("import_indicators", str(csv_file), "--mapping", str(mapping))

    start = text(client.get("/de/sozialatlas/").content.decode())
    assert "Haushalte mit Wohngeld" in start

    map_page = client.get("/de/sozialatlas/karte/?indikator=wohngeld&ebene=planungsraum")
    assert map_page.status_code == 200
    html = map_page.content.decode()
    assert "Haushalte mit Wohngeld" in text(html)
    # the table beside the map: a row per area with its figure
    table = html[html.index("<table") : html.index("</table>")]
    rows = [text(row) for row in table.split("<tr")[1:]]
    assert any("Stülerstraße" in row and "1.234" in row for row in rows)
    assert any("Großer Tiergarten" in row and "56" in row for row in rows)

    profile = client.get("/de/sozialatlas/profil/planungsraum/01011101/")
    assert profile.status_code == 200
    assert "Haushalte mit Wohngeld" in text(profile.content.decode())
    assert "1.234" in text(profile.content.decode())
