"""The documented production set-up runs: collectstatic, gunicorn, whitenoise, HTTPS proxy."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - local test server
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    work = tmp_path_factory.mktemp("production")
    port = free_port()
    keep = {"PATH", "HOME", "LANG"}
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        SECRET_KEY="production-like-secret-key-for-this-test-only-0123456789",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{work / 'db.sqlite3'}",
        STATIC_ROOT=str(work / "static"),
        EMAIL_HOST="localhost",
        GUNICORN_BIND=f"127.0.0.1:{port}",
        GUNICORN_WORKERS="1",
    )
    for command in (["migrate", "--no-input"], ["collectstatic", "--no-input", "-v", "0"]):
        subprocess.run(
            [str(BIN / "sozialraum"), *command], env=env, check=True, cwd=ROOT, capture_output=True
        )
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            fetch(base + "/")
            break
        except OSError:
            time.sleep(0.1)
    yield base
    server.terminate()
    server.wait(timeout=10)


def test_plain_http_is_redirected_to_https(gunicorn):
    status, headers, _ = fetch(gunicorn + "/de/")
    assert status == 301
    assert headers["Location"].startswith("https://")


def test_start_page_is_served_securely_behind_the_proxy(gunicorn):
    status, headers, body = fetch(gunicorn + "/de/", **{"X-Forwarded-Proto": "https"})
    assert status == 200
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert b'<html lang="de" dir="ltr">' in body


def test_static_files_are_hashed_compressed_and_cached_for_long(gunicorn):
    _, _, body = fetch(gunicorn + "/de/", **{"X-Forwarded-Proto": "https"})
    css = next(part.split('"')[0] for part in body.decode().split('href="') if "kern.min." in part)
    assert (
        css.startswith("/static/vendor/kern/kern.min.")
        and css != "/static/vendor/kern/kern.min.css"
    )
    status, headers, _ = fetch(
        gunicorn + css, **{"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
    )
    assert status == 200
    assert headers.get("Content-Encoding") == "gzip"
    assert "immutable" in headers["Cache-Control"]


def test_health_check_answers_over_plain_http_for_load_balancers(gunicorn):
    status, _, body = fetch(gunicorn + "/healthz")
    assert status == 200
    assert body == b"ok\n"
