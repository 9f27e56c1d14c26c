"""Time the HSDS import on a throw-away SQLite database (or DATABASE_URL if set).

    .venv/bin/python bench/hsds_import.py [SERVICES]

Generates SERVICES services (default 2,000) of SERVICES / 5 organizations, each service with a
location, an address with a region, a phone, a weekly schedule, a language and a topic, writes
them as HSDS JSON into one file, then prints seconds for: a dry run, the first import, the same
import again (nothing changes) and an import after one name changed in every tenth service.
"""

import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

folder = Path(tempfile.mkdtemp(prefix="sozialraum-bench-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
os.environ.update(
    {
        "SECRET_KEY": "bench",
        "DJANGO_SETTINGS_MODULE": "sozialraum.settings",
        "LOG_LEVEL": "WARNING",
    }
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from sozialraum.directory.hsds_import import hsds_import  # noqa: E402
from sozialraum.directory.models import TaxonomyTerm  # noqa: E402

SERVICES = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
REGIONS = ["Mitte", "Neukölln", "Pankow", "Spandau", "Lichtenberg"]


def ident() -> str:
    return str(uuid.uuid4())


def generate(term_ids: list[str]) -> list[dict[str, Any]]:
    organizations = []
    for number in range(SERVICES // 5):
        services = []
        for index in range(5):
            place = {
                "id": ident(),
                "location_type": "physical",
                "name": f"Beratungsstelle {number}-{index}",
                "latitude": 52.4 + (number % 100) / 500,
                "longitude": 13.2 + index / 20,
                "addresses": [
                    {
                        "id": ident(),
                        "address_1": f"Hauptstraße {index + 1}",
                        "city": "Berlin",
                        "region": REGIONS[number % len(REGIONS)],
                        "state_province": "Berlin",
                        "postal_code": "10115",
                        "country": "DE",
                        "address_type": "physical",
                    }
                ],
            }
            services.append(
                {
                    "id": ident(),
                    "name": f"Beratung {number}-{index}",
                    "description": "Beratung und Hilfe, kostenlos und vertraulich. " * 5,
                    "status": "active",
                    "phones": [{"id": ident(), "number": f"030 {number:05d}{index}"}],
                    "schedules": [
                        {
                            "id": ident(),
                            "freq": "WEEKLY",
                            "byday": "MO,WE",
                            "opens_at": "09:00",
                            "closes_at": "13:00",
                        }
                    ],
                    "languages": [{"id": ident(), "name": "Türkisch", "code": "tr"}],
                    "service_at_locations": [{"id": ident(), "location": place}],
                    "attributes": [
                        {"id": ident(), "taxonomy_term_id": term_ids[number % len(term_ids)]}
                    ],
                }
            )
        organizations.append(
            {
                "id": ident(),
                "name": f"Träger {number}",
                "description": "Ein Träger der freien Wohlfahrtspflege.",
                "services": services,
            }
        )
    return organizations


def timed(label: str, action) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    report = action()
    totals = report.totals()
    print(
        f"{label:<45} {time.perf_counter() - start:7.2f} s   "
        f"({totals.created} neu, {totals.updated} geändert, {totals.unchanged} unverändert)"
    )


call_command("migrate", verbosity=0)
terms = [str(pk) for pk in TaxonomyTerm.objects.values_list("pk", flat=True)]
data = generate(terms)
path = folder / "directory.json"
path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
print(f"{SERVICES} services, {path.stat().st_size / 1e6:.1f} MB, {os.environ['DATABASE_URL']}")
timed("dry run", lambda: hsds_import(paths=[path], dry_run=True))
timed("first import", lambda: hsds_import(paths=[path]))
timed("same import again", lambda: hsds_import(paths=[path]))
for organization in data[::2]:
    organization["services"][0]["name"] += " (neu)"
path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
timed("import with 10 % of the names changed", lambda: hsds_import(paths=[path]))
shutil.rmtree(folder, ignore_errors=True)
