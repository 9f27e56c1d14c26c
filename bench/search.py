"""Time the German-aware search on a county-sized synthetic directory (20,000 services).

    .venv/bin/python bench/search.py                       # new SQLite file, generated first
    .venv/bin/python bench/search.py --database-url sqlite:////tmp/synth.sqlite3
    .venv/bin/python bench/search.py --database-url postgres://postgres@127.0.0.1:5432/bench

With --database-url the database must hold a directory already (bench/synthetic_directory.py
--database-url ... --keep); without it one is generated on a throw-away SQLite file.

A "search page" is what a results page asks of the database: the public services, narrowed by
the page's filters (topic, district, language; as `filters.filtered_services` applies them),
searched, counted, and the first 20 with their organization. Each combination of query and
filter runs --repeat times after one warm-up; the script prints median and p95 in milliseconds,
for all pages and for the filtered ones.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

QUERIES = [
    "schuldnerberatung",
    "beratung schulden",
    "kein geld für miete",
    "essen umsonst",
    "Schuldnerbratung",
    "fraunhaus",
    "debt advice",
    "women's shelter",
    "deutsch lernen",
    "hilfe",
    "familie kinder beratung",
    "sucht alkohol",
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a database holding a synthetic directory")
    parser.add_argument("--repeat", type=int, default=5, help="runs per combination (5)")
    parser.add_argument(
        "--tuned",
        action="store_true",
        help="per connection: SQLite with a 64 MB page cache and memory-mapped I/O, "
        "PostgreSQL without JIT compilation (see docs/benchmarks.md)",
    )
    options = parser.parse_args(argv)

    sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "src")]
    temporary = None
    database_url = options.database_url
    if not database_url:
        temporary = Path(tempfile.mkdtemp(prefix="sozialraum-search-bench-"))
        database_url = f"sqlite:///{temporary / 'bench.sqlite3'}"
    os.environ.update(
        {
            "DATABASE_URL": database_url,
            "SECRET_KEY": os.environ.get("SECRET_KEY", "bench"),
            "DJANGO_SETTINGS_MODULE": "sozialraum.settings",
            "LOG_LEVEL": "WARNING",
        }
    )
    try:
        run(generate=temporary is not None, repeat=options.repeat, tuned=options.tuned)
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)


def tune(sender, connection, **kwargs) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA cache_size = -65536")
            cursor.execute("PRAGMA mmap_size = 268435456")
        elif connection.vendor == "postgresql":
            cursor.execute("SET jit = off")


def run(*, generate: bool, repeat: int, tuned: bool) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.backends.signals import connection_created

    if tuned:
        connection_created.connect(tune)

    from sozialraum.areas.models import Area
    from sozialraum.directory.filters import Filters, filtered_services
    from sozialraum.directory.models import Service, TaxonomyTerm
    from sozialraum.directory.search import search_services

    if generate:
        from synthetic_directory import generate as generate_directory

        call_command("migrate", verbosity=0)
        generate_directory(services=20000, locations=8000, seed=1, stdout=sys.stdout)
    # Fresh statistics for the query planners (a bulk load leaves none).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    topic = TaxonomyTerm.objects.get(taxonomy__slug="themen", code="familie")
    # A district (Bezirk): an area one level below the whole city.
    district = (
        Area.objects.filter(parent__parent__isnull=True, parent__isnull=False)
        .order_by("code")
        .first()
    )
    # The filters as the search page applies them (directory/filters.py).
    filters = {
        "none": Filters(),
        "topic": Filters(topic=topic),
        "district": Filters(district=district),
        "topic+district": Filters(topic=topic, district=district),
        "language": Filters(language="tr"),
    }
    print(
        f"{connection.vendor}{' (tuned)' if tuned else ''}: {Service.objects.count()} services, "
        f"{Service.objects.public().count()} public"
    )

    def page(query: str, narrow: Filters) -> tuple[int, float]:
        started = time.perf_counter()
        results = search_services(filtered_services(narrow), query)
        count = results.count()
        list(results.map(lambda found: found.select_related("organization"))[:20])
        return count, (time.perf_counter() - started) * 1000

    # The yardstick: the same pages without a query (filters, count, first 20 by name).
    baseline = []
    for name, narrow in filters.items():
        page("", narrow)
        runs = [page("", narrow)[1] for _ in range(repeat)]
        baseline.append(f"{name}: {statistics.median(runs):.1f} ms")
    print("without a query: " + ", ".join(baseline))

    timings: dict[str, list[float]] = {name: [] for name in filters}
    for query in QUERIES:
        line = [f"{query!r:28}"]
        for name, narrow in filters.items():
            count, _warm = page(query, narrow)
            runs = [page(query, narrow)[1] for _ in range(repeat)]
            timings[name].extend(runs)
            line.append(f"{name}: {count:5d} hits {statistics.median(runs):6.1f} ms")
        print("  ".join(line))

    everything = [t for runs in timings.values() for t in runs]
    filtered = [t for name, runs in timings.items() if name != "none" for t in runs]
    for label, values in (("all search pages", everything), ("filtered pages", filtered)):
        print(
            f"{label}: median {statistics.median(values):.1f} ms, "
            f"p95 {percentile(values, 0.95):.1f} ms, "
            f"{1000 / statistics.mean(values):.0f} pages/s (one process) over {len(values)} runs"
        )
    for name, values in timings.items():
        print(
            f"  {name:15} median {statistics.median(values):6.1f} ms  "
            f"p95 {percentile(values, 0.95):6.1f} ms"
        )


if __name__ == "__main__":
    main()
