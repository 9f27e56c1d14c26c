"""Time the HSDS API (lists, details, NDJSON) and the export on a synthetic county directory.

    .venv/bin/python bench/hsds_api.py [--services 20000] [--locations 8000] [--repeat 50] [--quick]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_hsds .venv/bin/python bench/hsds_api.py

Without DATABASE_URL it uses a throw-away SQLite file. The directory comes from
bench/synthetic_directory.py when it exists (the shared generator), otherwise from the small
generator below: every service with an organization, one or two places with an address, a
phone, opening hours, a language and two taxonomy terms. Prints median and p95 server time per
request (Django test client, so without network and HTTP parsing).
"""

import argparse
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

parser = argparse.ArgumentParser()
parser.add_argument("--services", type=int, default=20_000)
parser.add_argument("--locations", type=int, default=8_000)
parser.add_argument("--repeat", type=int, default=50)
parser.add_argument("--quick", action="store_true", help="skip the NDJSON stream and the export")
arguments = parser.parse_args()

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
if "DATABASE_URL" not in os.environ:
    database = Path(tempfile.mkdtemp(prefix="sozialraum-bench-hsds-api-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
os.environ.update(
    {
        "SECRET_KEY": "bench",
        "DJANGO_SETTINGS_MODULE": "sozialraum.settings",
        "ALLOWED_HOSTS": "testserver",
        "STATIC_MANIFEST": "0",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
    }
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from sozialraum.directory.models import (  # noqa: E402
    Address,
    Attribute,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)

WORDS = (  # noqa: SIM905
    "Beratung Schulden Familie Wohnen Pflege Sucht Arbeit Migration Gesundheit Bildung Treff "
    "Frauen Jugend Senioren Recht Kinder Alltag Hilfe Sprache Nachbarschaft"
).split()


def generate(services: int, locations: int) -> None:
    """A county-sized directory, written with bulk_create (a minute or two on SQLite)."""
    rng = random.Random(42)  # noqa: S311
    terms = list(TaxonomyTerm.objects.all())
    organizations = Organization.objects.bulk_create(
        Organization(name=f"Träger {n}", name_de=f"Träger {n}") for n in range(services // 10)
    )
    places = Location.objects.bulk_create(
        Location(
            organization=rng.choice(organizations),
            name=f"Ort {n}",
            name_de=f"Ort {n}",
            latitude=52.3 + rng.random() * 0.4,
            longitude=13.1 + rng.random() * 0.6,
        )
        for n in range(locations)
    )
    Address.objects.bulk_create(
        Address(
            location=place,
            address_1=f"Hauptstraße {n}",
            city="Musterstadt",
            state_province="Brandenburg",
            postal_code=f"1{n % 90:02d}00",
        )
        for n, place in enumerate(places)
    )
    batch = 2_000
    for start in range(0, services, batch):
        created = Service.objects.bulk_create(
            Service(
                organization=rng.choice(organizations),
                name=f"{rng.choice(WORDS)}-{rng.choice(WORDS)} {n}",
                name_de=f"{rng.choice(WORDS)}-{rng.choice(WORDS)} {n}",
                description=" ".join(rng.choices(WORDS, k=40)),
                description_de=" ".join(rng.choices(WORDS, k=40)),
            )
            for n in range(start, min(start + batch, services))
        )
        ServiceAtLocation.objects.bulk_create(
            ServiceAtLocation(service=service, location=place)
            for service in created
            for place in rng.sample(places, rng.choice((1, 1, 2)))
        )
        Phone.objects.bulk_create(
            Phone(service=service, number="030 123456") for service in created
        )
        Schedule.objects.bulk_create(
            Schedule(service=service, freq="WEEKLY", byday="MO,WE", opens_at="09:00")
            for service in created
        )
        Language.objects.bulk_create(Language(service=service, code="de") for service in created)
        Attribute.objects.bulk_create(
            Attribute(service=service, taxonomy_term=term)
            for service in created
            for term in rng.sample(terms, 2)
        )


def measure(client: Client, label: str, urls: list[str]) -> None:
    times = []
    size = 0
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        if response.streaming:
            size = sum(len(chunk) for chunk in response.streaming_content)
        else:
            size = len(response.content)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(
        f"{label:<48} median {statistics.median(times):8.1f} ms   p95 {p95:8.1f} ms"
        f"   {size / 1024:9.1f} KB   n={len(times)}"
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    try:
        from bench.synthetic_directory import generate as shared_generate  # type: ignore

        shared_generate(services=arguments.services, locations=arguments.locations)
        source = "bench/synthetic_directory.py"
    except ImportError:
        generate(arguments.services, arguments.locations)
        source = "bench/hsds_api.py"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics, as autovacuum would gather them
    print(
        f"{connection.vendor}: {Service.objects.count()} services, "
        f"{Location.objects.count()} locations ({source}, {time.perf_counter() - start:.0f} s)"
    )
    rng = random.Random(7)  # noqa: S311
    ids = list(Service.objects.public().values_list("pk", flat=True))
    term = TaxonomyTerm.objects.filter(attributes__isnull=False).first()
    pages = [rng.randint(1, 100) for _ in range(arguments.repeat)]
    client = Client()
    repeat = arguments.repeat
    # the yardstick: a request that does almost nothing, through the same middleware
    measure(client, "GET /healthz (yardstick)", ["/healthz"] * repeat)
    measure(client, "GET /services (50 per page)", [f"/api/hsds/services?page={p}" for p in pages])
    measure(
        client,
        "GET /services?full=true (50 per page)",
        [f"/api/hsds/services?full=true&page={p}" for p in pages],
    )
    measure(
        client,
        "GET /services?taxonomy_term_id&language",
        [
            f"/api/hsds/services?taxonomy_term_id={term.pk}&language=de&page={p % 5 + 1}"
            for p in pages
        ],
    )
    measure(
        client,
        "GET /services?search=schulden beratung",
        [f"/api/hsds/services?search=schulden%20beratung&page={p % 5 + 1}" for p in pages],
    )
    measure(
        client,
        "GET /services/{id} (fully nested)",
        [f"/api/hsds/services/{rng.choice(ids)}" for _ in range(repeat)],
    )
    measure(
        client,
        "GET /service_at_locations?full=true",
        [f"/api/hsds/service_at_locations?full=true&page={p}" for p in pages],
    )
    if arguments.quick:
        return
    measure(
        client,
        "GET /services?format=ndjson&full=true (all)",
        ["/api/hsds/services?format=ndjson&full=true"],
    )
    export_path = Path(tempfile.mkdtemp(prefix="sozialraum-bench-hsds-api-export-"))
    for file_format in ("json", "csv", "xlsx"):
        start = time.perf_counter()
        target = export_path / f"hsds.{file_format}"
        call_command(
            "export_hsds", "--format", file_format, "--output", str(target), stdout=io.StringIO()
        )
        print(
            f"export_hsds --format {file_format:<27} {time.perf_counter() - start:8.1f} s"
            f"            {target.stat().st_size / 1024 / 1024:9.1f} MB"
        )


main()
