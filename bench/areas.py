"""Time the Berlin area import and the area pages on a throw-away SQLite database.

    .venv/bin/python bench/areas.py

Prints seconds per step: first import, re-import (nothing changes), and the pages.
"""

import os
import shutil
import tempfile
import time
from pathlib import Path

database = Path(tempfile.mkdtemp(prefix="sozialraum-bench-")) / "bench.sqlite3"
os.environ.update(
    {
        "DATABASE_URL": f"sqlite:///{database}",
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
from django.core.management.color import no_style  # noqa: E402
from django.test import Client  # noqa: E402


class Sink:
    def write(self, text: str) -> None:
        pass


def timed(label: str, action) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    action()
    print(f"{label:<55} {time.perf_counter() - start:6.3f} s")


def get(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)


call_command("migrate", verbosity=0)
from sozialraum.areas import demo  # noqa: E402

timed("load Berlin areas (city, 12, 138, 448 features)", lambda: demo.load(Sink(), no_style()))
timed("load them again (nothing changes)", lambda: demo.load(Sink(), no_style()))
client = Client()
for url in [
    "/de/sozialatlas/gebiete/",
    "/de/sozialatlas/gebiete/planungsraum/",
    "/de/sozialatlas/gebiete/planungsraum/?sortierung=name",
    "/de/sozialatlas/gebiete/stadt/0/",
    "/de/sozialatlas/gebiete/bezirk/04/",
    "/de/sozialatlas/gebiete/planungsraum/01011101/",
    "/de/sozialatlas/gebiete/planungsraum.geojson",
    "/de/sozialatlas/gebiete/planungsraum.geojson",  # cached
]:
    timed(f"GET {url}", lambda url=url: get(client, url))

shutil.rmtree(database.parent, ignore_errors=True)
