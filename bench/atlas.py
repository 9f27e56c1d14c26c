"""Time the Sozialatlas for a synthetic large city: import, social index, map data, map page, API.

    .venv/bin/python bench/atlas.py [--areas 2000] [--indicators 50] [--dates 15] [--requests 30]
        [--page-requests 10]
    .venv/bin/python bench/atlas.py --database-url postgres://postgres@127.0.0.1:5432/bench_atlas

The city: --areas planning areas (squares on a grid) in 40 regions (a 2-level hierarchy),
--indicators indicators (inhabitants, counts and rates) on --dates days (31 December of
consecutive years), one wide CSV per day imported with `indicators_import`. Then it times:
the import (all days, and per file), `social_index_compute` for the newest day (4 rates,
dynamics over 2 years; see also bench/social_index.py for the index alone), the size of the
map data (`areas:level_geojson` of the planning areas, raw and gzip), and the median and p95 of
--requests requests through Django's test client to the map data (first request uncached, then
from the cache), --page-requests to the map page (`atlas:map`, a rate derived from two
counts) and --requests to the Sozialatlas API (`/api/sozialatlas/values`, 500 areas per
page; `/indicators`). Targets (issue 4): index under 1 s; map-data p95 under 100 ms.

Without --database-url on a throw-away SQLite file; a PostgreSQL database is dropped and created
afresh: use one of its own.
"""

import argparse
import datetime
import gzip
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--areas", type=int, default=2000)
parser.add_argument("--indicators", type=int, default=50)
parser.add_argument("--dates", type=int, default=15)
parser.add_argument("--requests", type=int, default=30)
parser.add_argument(
    "--page-requests", type=int, default=10, help="for the map page, which takes seconds"
)
parser.add_argument("--database-url")
arguments = parser.parse_args()

workdir = Path(tempfile.mkdtemp(prefix="sozialraum-bench-atlas-"))
database_url = arguments.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
os.environ.update(
    {
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench",
        "DJANGO_SETTINGS_MODULE": "sozialraum.settings",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_MANIFEST": "0",
        "LOG_LEVEL": "WARNING",
        "DEBUG": "0",
    }
)

import django  # noqa: E402

if database_url.startswith("postgres"):
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')

django.setup()

import numpy as np  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from sozialraum.areas.models import Area, AreaLevel  # noqa: E402
from sozialraum.atlas.models import (  # noqa: E402
    Indicator,
    Kind,
    SocialIndex,
    SocialIndexComponent,
)
from sozialraum.atlas.services import Mapping, indicators_import  # noqa: E402
from sozialraum.atlas.social_index_service import social_index_compute  # noqa: E402

REGIONS = 40
SIDE = 0.005  # degrees: a square of about 350 m by 550 m


def square(x: float, y: float) -> dict:
    ring = [[x, y], [x + SIDE, y], [x + SIDE, y + SIDE], [x, y + SIDE], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def build_areas(count: int) -> tuple[AreaLevel, AreaLevel]:
    regions = AreaLevel.objects.create(name="Bezirksregion", slug="bezirksregion", rank=1)
    planning = AreaLevel.objects.create(
        name="Planungsraum", slug="planungsraum", rank=2, parent=regions
    )
    per_row = int(np.ceil(np.sqrt(count)))
    origin_x, origin_y = 13.1, 52.3
    region_side = int(np.ceil(per_row / np.sqrt(REGIONS)))
    parents = Area.objects.bulk_create(
        Area(
            level=regions,
            code=f"{n:04d}",
            name=f"Region {n}",
            geometry=square(origin_x + n * SIDE, origin_y - SIDE),
        )
        for n in range(REGIONS)
    )
    Area.objects.bulk_create(
        (
            Area(
                level=planning,
                code=f"{n:08d}",
                name=f"Planungsraum {n}",
                parent=parents[
                    ((n // per_row) // region_side * region_side + (n % per_row) // region_side)
                    % REGIONS
                ],
                geometry=square(origin_x + (n % per_row) * SIDE, origin_y + (n // per_row) * SIDE),
            )
            for n in range(count)
        ),
        batch_size=1000,
    )
    return regions, planning


def indicator_metadata(count: int) -> dict[str, dict]:
    """Inhabitants, then alternately counts and rates (shares in %)."""
    metadata = {"einwohner": {"name": "Einwohnerinnen und Einwohner", "kind": "count"}}
    for n in range(1, count):
        if n % 2:
            metadata[f"anzahl-{n:02d}"] = {"name": f"Anzahl {n}", "kind": "count"}
        else:
            metadata[f"anteil-{n:02d}"] = {"name": f"Anteil {n}", "kind": "rate", "unit": "%"}
    return metadata


def write_csvs(metadata: dict, days: list[datetime.date], codes: list[str]) -> list[Path]:
    rng = np.random.default_rng(2026)
    keys = list(metadata)
    people = rng.integers(50, 20_000, size=len(codes))
    paths = []
    for day in days:
        lines = [";".join(["id", *keys])]
        columns = []
        for key in keys:
            if key == "einwohner":
                columns.append([str(int(p)) for p in people])
            elif metadata[key]["kind"] == "count":
                # some areas below the suppression threshold
                columns.append([str(int(v)) for v in rng.poisson(people * 0.02)])
            else:
                columns.append(
                    [f"{v:.2f}".replace(".", ",") for v in rng.uniform(0, 40, len(codes))]
                )
        for row, code in enumerate(codes):
            lines.append(";".join([code, *(column[row] for column in columns)]))
        path = workdir / f"werte-{day.isoformat()}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed_requests(client: Client, url: str, count: int) -> tuple[float, float, float, int]:
    """First request, then median and p95 of the next `count`, in ms; and the body size."""
    times = []
    size = 0
    for _ in range(count + 1):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        size = len(response.content)
    rest = times[1:]
    return times[0], statistics.median(rest), percentile(rest, 0.95), size


def main() -> None:
    setup_test_environment()  # the test client's host and response details
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}, load average {os.getloadavg()[0]:.1f}")

    start = time.perf_counter()
    _regions, planning = build_areas(arguments.areas)
    codes = list(
        Area.objects.filter(level=planning).order_by("code").values_list("code", flat=True)
    )
    print(
        f"areas: {len(codes)} planning areas in {REGIONS} regions, "
        f"{time.perf_counter() - start:.1f} s"
    )

    newest = 2010 + arguments.dates - 1
    days = [datetime.date(year, 12, 31) for year in range(2010, newest + 1)]
    metadata = indicator_metadata(arguments.indicators)
    paths = write_csvs(metadata, days, codes)
    per_file = []
    start = time.perf_counter()
    for day, path in zip(days, paths, strict=True):
        mapping = Mapping(format="wide", level="planungsraum", date=day, indicators=metadata)
        file_start = time.perf_counter()
        indicators_import(path=path, mapping=mapping)
        per_file.append(time.perf_counter() - file_start)
    import_total = time.perf_counter() - start
    values = len(codes) * len(metadata) * len(days)
    print(
        f"import: {values:,} values ({len(days)} files of {len(codes)} rows, {len(metadata)} "
        f"columns): {import_total:.1f} s, median per file {statistics.median(per_file):.2f} s"
    )

    inhabitants = Indicator.objects.get(key="einwohner")
    counts = list(Indicator.objects.filter(kind=Kind.COUNT).exclude(key="einwohner"))
    derived = Indicator.objects.create(
        key="bench-quote",
        name="Quote (aus Anzahl 1 und Einwohnern)",
        kind=Kind.RATE,
        unit="%",
        numerator=counts[0],
        denominator=inhabitants,
    )
    index = SocialIndex.objects.create(key="bench", name="Bench", population=inhabitants)
    rates = list(Indicator.objects.filter(key__startswith="anteil-").order_by("key")[:4])
    for position, rate in enumerate(rates):
        SocialIndexComponent.objects.create(index=index, indicator=rate, position=position)
    start = time.perf_counter()
    report = social_index_compute(index=index, date=days[-1], level=planning)
    first = time.perf_counter() - start
    start = time.perf_counter()
    social_index_compute(index=index, date=days[-1], level=planning)
    again = time.perf_counter() - start
    print(
        f"social index: {report.status.total()} areas with an index, first {first:.2f} s, "
        f"again {again:.2f} s (target < 1 s: {'met' if first < 1 else 'NOT met'})"
    )

    client = Client()
    with translation.override("de"):
        geojson = reverse("areas:level_geojson", kwargs={"level_slug": planning.slug})
        map_page = reverse("atlas:map")
    body = client.get(geojson).content
    print(
        f"map data ({len(codes)} areas): {len(body) / 1024:.0f} KiB, "
        f"gzip {len(gzip.compress(body)) / 1024:.0f} KiB"
    )
    query = f"indikator={derived.key}&ebene={planning.slug}&stichtag={days[-1].isoformat()}"
    results = [
        ("map data (GeoJSON)", geojson),
        ("map page, derived rate", f"{map_page}?{query}"),
        (
            "API values, 500 areas",
            f"/api/sozialatlas/values?indicator={derived.key}&per_page=500",
        ),
        ("API indicators", "/api/sozialatlas/indicators"),
    ]
    cache.clear()  # the first map-data request builds the GeoJSON
    print(f"\n{'request':<28}{'first ms':>10}{'median ms':>11}{'p95 ms':>9}{'KiB':>8}")
    for label, url in results:
        count = arguments.page_requests if label.startswith("map page") else arguments.requests
        first_ms, median, p95, size = timed_requests(client, url, count)
        print(f"{label:<28}{first_ms:>10.0f}{median:>11.1f}{p95:>9.1f}{size / 1024:>8.0f}")
        if label.startswith("map data"):
            map_p95 = p95
    print(f"\nmap-data p95 target < 100 ms: {'met' if map_p95 < 100 else 'NOT met'}")
    print(f"load average {os.getloadavg()[0]:.1f}")


try:
    main()
finally:
    shutil.rmtree(workdir, ignore_errors=True)
