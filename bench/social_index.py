"""Time the social index (docs/atlas-index.md) for a synthetic city of 2,000 planning areas.

    .venv/bin/python bench/social_index.py [--areas 2000] [--repeat 20]
    .venv/bin/python bench/social_index.py --database-url postgres://postgres@127.0.0.1:5432/bench

Prints seconds for (1) the computation alone (`social_index.compute`: 4 status and 4 dynamics
indicators, median and slowest of --repeat runs) and (2) `social_index_compute` with the
database: reading the 8 indicators' values, computing and storing the 5 results per area: first
run, again with nothing changed (median of 5), and after S1 and D1 changed in every area (most
results change). Without --database-url on a throw-away SQLite file.
"""

import argparse
import datetime
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--areas", type=int, default=2000)
parser.add_argument("--repeat", type=int, default=20)
parser.add_argument("--database-url")
arguments = parser.parse_args()

directory = None
if arguments.database_url:
    database_url = arguments.database_url
else:
    directory = Path(tempfile.mkdtemp(prefix="sozialraum-bench-"))
    database_url = f"sqlite:///{directory / 'bench.sqlite3'}"
os.environ.update(
    {
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench",
        "DJANGO_SETTINGS_MODULE": "sozialraum.settings",
        "LOG_LEVEL": "WARNING",
    }
)

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db.models import F  # noqa: E402

from sozialraum.areas.models import Area, AreaLevel  # noqa: E402
from sozialraum.atlas import social_index  # noqa: E402
from sozialraum.atlas.models import (  # noqa: E402
    Indicator,
    IndicatorValue,
    SocialIndex,
    SocialIndexComponent,
)
from sozialraum.atlas.social_index import Component, Method  # noqa: E402
from sozialraum.atlas.social_index_service import social_index_compute  # noqa: E402

DAY = datetime.date(2024, 12, 31)


def synthetic(n: int, rng: np.random.Generator) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Four correlated shares (a common "disadvantage" factor), their changes, inhabitants."""
    factor = rng.normal(size=n)
    values = {}
    for number, base in enumerate((8.0, 3.0, 15.0, 25.0), start=1):
        values[f"s{number}"] = np.clip(base * (1 + 0.5 * factor + 0.2 * rng.normal(size=n)), 0, 100)
        values[f"d{number}"] = rng.normal(scale=base / 10, size=n)
    population = rng.integers(50, 20_000, size=n).astype(np.float64)
    return values, population


def seconds(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    rng = np.random.default_rng(2026)
    values, population = synthetic(arguments.areas, rng)
    method = Method(
        status=[Component(f"s{n}") for n in range(1, 5)],
        dynamics=[Component(f"d{n}") for n in range(1, 5)],
    )
    times = seconds(lambda: social_index.compute(method, values, population), arguments.repeat)
    print(
        f"compute, {arguments.areas} areas: median {statistics.median(times) * 1000:.2f} ms, "
        f"slowest {max(times) * 1000:.2f} ms ({arguments.repeat} runs)"
    )

    call_command("migrate", verbosity=0)
    level, _created = AreaLevel.objects.get_or_create(
        slug="bench-planungsraum", defaults={"name": "Bench-Planungsraum", "rank": 9}
    )
    SocialIndex.objects.filter(key="bench").delete()
    IndicatorValue.objects.filter(area__level=level).delete()
    Area.objects.filter(level=level).delete()
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    areas = Area.objects.bulk_create(
        Area(level=level, code=f"{n:06d}", name=f"Gebiet {n}", geometry=square)
        for n in range(arguments.areas)
    )
    indicators = {
        key: Indicator.objects.update_or_create(
            key=f"bench-{key}", defaults={"name": key, "kind": "value"}
        )[0]
        for key in [*values, "einwohner"]
    }
    IndicatorValue.objects.bulk_create(
        (
            IndicatorValue(indicator=indicators[key], area=area, date=DAY, value=float(value))
            for key, column in [*values.items(), ("einwohner", population)]
            for area, value in zip(areas, column.tolist(), strict=True)
        ),
        batch_size=2000,
    )
    index = SocialIndex.objects.create(
        key="bench", name="Bench", population=indicators["einwohner"]
    )
    for n in range(1, 5):
        SocialIndexComponent.objects.create(
            index=index, indicator=indicators[f"s{n}"], change=indicators[f"d{n}"], position=n
        )
    first = seconds(lambda: social_index_compute(index=index, date=DAY, level=level), 1)
    again = seconds(lambda: social_index_compute(index=index, date=DAY, level=level), 5)
    IndicatorValue.objects.filter(indicator=indicators["s1"]).update(value=F("value") * 1.01)
    IndicatorValue.objects.filter(indicator=indicators["d1"]).update(value=F("value") + 0.1)
    changed = seconds(lambda: social_index_compute(index=index, date=DAY, level=level), 1)
    report = social_index_compute(index=index, date=DAY, level=level)
    print(
        f"social_index_compute ({django.db.connection.vendor}), {arguments.areas} areas, "
        f"{report.status.total()} with index, {report.unchanged} result values: "
        f"first {first[0]:.3f} s, again (nothing changed) median "
        f"{statistics.median(again):.3f} s, after S1 and D1 changed {changed[0]:.3f} s"
    )
    SocialIndex.objects.filter(key="bench").delete()
    IndicatorValue.objects.filter(area__level=level).delete()
    Area.objects.filter(level=level).delete()
    Indicator.objects.filter(key__startswith="bench-").delete()
    level.delete()


try:
    main()
finally:
    if directory is not None:
        shutil.rmtree(directory)
