"""The map's outlines on the real Berlin data: the 447 planning areas load as at most 250 KB
(gzip) of map data, as the Sozialatlas issue demands. The enhanced map reads them from
`areas:level_geojson` (simplified to about 5 m, six decimals)."""

import gzip

import pytest
from django.test import Client

from sozialraum.areas.demo import DATA, LOR_UNTIL
from sozialraum.areas.services import areas_import

pytestmark = pytest.mark.django_db

LIMIT = 250 * 1024


def test_the_planning_area_map_of_berlin_loads_as_at_most_250_kb_gzip(client: Client):
    areas_import(
        path=DATA / "berlin-lor-planning-areas-until-2020.geojson",
        level="Planungsraum",
        id_field="id",
        name_field="name",
        valid_until=LOR_UNTIL,
        skip_invalid=True,
    )

    response = client.get(
        "/de/sozialatlas/gebiete/planungsraum.geojson", {"stichtag": LOR_UNTIL.isoformat()}
    )
    body = response.content
    compressed = len(gzip.compress(body, compresslevel=6))

    assert len(response.json()["features"]) >= 440
    assert compressed <= LIMIT, f"{compressed / 1024:.0f} KB gzip (raw {len(body) / 1024:.0f} KB)"
    print(f"planning areas: {len(body) / 1024:.0f} KB raw, {compressed / 1024:.0f} KB gzip")
