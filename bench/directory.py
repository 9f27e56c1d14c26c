"""Time the public directory's search page and map data on a county-sized synthetic directory.

    .venv/bin/python bench/directory.py         # SQLite (a throw-away file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_directory \
        .venv/bin/python bench/directory.py

(The PostgreSQL database is created if missing and emptied first: use a database of its own.)
With BENCH_REUSE=1 the database named by DATABASE_URL is used as it is: it must hold a
synthetic directory already (bench/synthetic_directory.py --database-url ... --keep), which
saves generating and indexing it for every run.

1. Builds the Berlin areas and 20,000 services at 8,000 places (bench/synthetic_directory.py).
2. Server time: each URL through Django's test client in this process (middleware, queries,
   templates; no network): the first request (cold: facet counts and the open-now set not yet
   cached), then REPEAT times: median and p95 of the wall-clock time, and the median CPU time
   of this process (with SQLite, the whole request including the database; it is what a busy,
   shared machine does not distort).
3. Throughput: the same URLs served by gunicorn (WORKERS sync workers, CONN_MAX_AGE on) and
   fetched by CLIENTS threads for SECONDS each: requests per second, median and p95 as the
   client sees them; and the same for a static file of the search page's size served by
   whitenoise from the same gunicorn (the yardstick: what the server does with no work at all).

Search uses directory/search.py as it is on the branch (the search index: generating the
directory indexes it, which takes minutes; see BENCH_REUSE above).
"""

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

SERVICES = int(os.environ.get("BENCH_SERVICES", "20000"))
LOCATIONS = int(os.environ.get("BENCH_LOCATIONS", "8000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "60"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "6"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2)))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", str(2 * (os.cpu_count() or 2))))
REUSE = os.environ.get("BENCH_REUSE") == "1"
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

workdir = Path(tempfile.mkdtemp(prefix="sozialraum-bench-directory-"))
database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
os.environ.update(
    {
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench",
        "DJANGO_SETTINGS_MODULE": "sozialraum.settings",
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "STATIC_MANIFEST": "0",
        "STATIC_ROOT": str(workdir / "static"),
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        "DEBUG": "0",
    }
)

import django  # noqa: E402

if database_url.startswith("postgres") and not REUSE:
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.management.color import no_style  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402


class Sink:
    def write(self, text: str) -> None:
        pass


def build_directory() -> None:
    """20,000 services at 8,000 places in Berlin's areas (bench/synthetic_directory.py)."""
    from synthetic_directory import generate

    generate(services=SERVICES, locations=LOCATIONS)


URLS = [
    ("search page, no filter", "/de/angebote/"),
    ("search page, topic + district", "/de/angebote/?topic=schulden&district=02"),
    ("search page, text + district", "/de/angebote/?q=Beratung&district=04"),
    ("search page, open now + free", "/de/angebote/?open=now&free=on"),
    ("search page, near a postal code (2 km)", "/de/angebote/?place=10245&radius=2"),
    (
        "search page, language + wheelchair, page 3",
        "/de/angebote/?language=tr&wheelchair=on&page=3",
    ),
    ("map data, one district", "/de/angebote/karte.geojson?district=02"),
    ("map data, topic", "/de/angebote/karte.geojson?topic=schulden"),
    ("map data, district + topic", "/de/angebote/karte.geojson?district=02&topic=schulden"),
]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def server_times() -> dict[str, int]:
    client = Client()
    sizes = {}
    print(
        f"{'server time (Django test client, ms)':<46} {'first':>7} {'median':>7} {'p95':>7}"
        f" {'cpu':>7} {'size':>9}"
    )
    for label, url in URLS:
        start = time.perf_counter()
        response = client.get(url)
        first = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (url, response.status_code)
        sizes[url] = len(response.content)
        timings, cpu = [], []
        for _ in range(REPEAT):
            start, start_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        print(
            f"{label:<46} {first:7.1f} {statistics.median(timings):7.1f}"
            f" {percentile(timings, 0.95):7.1f} {statistics.median(cpu):7.1f}"
            f" {sizes[url] / 1024:7.1f} KB"
        )
    return sizes


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load(base: str, url: str) -> tuple[float, float, float]:
    """CLIENTS threads fetch the URL for SECONDS: requests/s, median and p95 latency (ms)."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.perf_counter() + SECONDS

    def worker() -> None:
        own = []
        while time.perf_counter() < stop:
            start = time.perf_counter()
            with urllib.request.urlopen(base + url) as response:  # noqa: S310  # our http URL
                response.read()
            own.append((time.perf_counter() - start) * 1000)
        with lock:
            latencies.extend(own)

    threads = [threading.Thread(target=worker) for _ in range(CLIENTS)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return len(latencies) / elapsed, statistics.median(latencies), percentile(latencies, 0.95)


def throughput(sizes: dict[str, int]) -> None:
    static_root = Path(os.environ["STATIC_ROOT"])
    call_command("collectstatic", interactive=False, verbosity=0)
    yardsticks = {}
    for url, size in sizes.items():
        if url in ("/de/angebote/", "/de/angebote/karte.geojson?district=02"):
            name = f"yardstick-{size}.txt"
            (static_root / name).write_bytes(b"x" * size)
            yardsticks[url] = f"/static/{name}"
    port = free_port()
    server = subprocess.Popen(  # noqa: S603  # our own command line
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "sozialraum.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={WORKERS}",
            "--log-level=warning",
        ],
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz").read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        print(f"\ngunicorn, {WORKERS} sync workers, {CLIENTS} client threads, {SECONDS:.0f} s each")
        print(f"{'':<46} {'req/s':>7} {'median':>7} {'p95':>7}")
        rows = [(label, url) for label, url in URLS]
        for url, static in yardsticks.items():
            rows.append((f"yardstick: static file, {sizes[url] / 1024:.0f} KB", static))
        for label, url in rows:
            load(base, url)  # warm-up: every worker's connection and caches
            rate, median, p95 = load(base, url)
            print(f"{label:<46} {rate:7.1f} {median:7.1f} {p95:7.1f}")
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    started = time.perf_counter()
    if not REUSE:
        call_command("migrate", verbosity=0)
        from sozialraum.areas import demo

        demo.load(Sink(), no_style())
        build_directory()
    # statistics for the planner, as autovacuum (PostgreSQL) or `ANALYZE` in operation provide;
    # right after a bulk load PostgreSQL has none and picks nested loops over everything
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    from sozialraum.directory.models import Location, Service

    print(
        f"{connection.vendor}: {Service.objects.count()} services, {Location.objects.count()} "
        f"places, built in {time.perf_counter() - started:.0f} s"
    )
    # as sozialraum/wsgi.py does in the server processes
    from sozialraum.core.memory import freeze_startup_objects

    freeze_startup_objects()
    sizes = server_times()
    throughput(sizes)
    print(json.dumps({"database": connection.vendor, "services": SERVICES}))


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
