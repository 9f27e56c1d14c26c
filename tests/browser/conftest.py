"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server."""

import importlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; our test code talks to the database
# synchronously beside it, which is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: run `make test` (installs it) or "
            "apt-get install chromium"
        )
    from playwright.sync_api import sync_playwright

    # launch() gives every browser a fresh, temporary profile of its own.
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def default_pages(transactional_db) -> None:
    """Transactional tests empty the database; put back what the data migration creates."""
    from sozialraum.core.default_pages import ensure_default_pages
    from sozialraum.core.models import Page

    ensure_default_pages(Page)


@pytest.fixture
def page(browser, live_server) -> Iterator[object]:
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """Run axe-core (from the npm registry) in the page: WCAG 2.2 A/AA rules only."""
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return result["violations"]


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{url}:"]
    for violation in violations:
        targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        lines.append(
            f"  {violation['id']} ({violation['impact']}): {violation['help']} -> {targets}"
        )
    return "\n".join(lines)


def wait_for_map(page) -> None:
    """A page with a directory map is checked once the map has settled (markers drawn at their
    final zoom), not while its data is still loading."""
    from playwright.sync_api import expect

    expect(page.locator("[data-map]:not([hidden]):not([data-map-ready])")).to_have_count(0)


def assert_accessible(page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
    wait_for_map(page)
    violations = axe_violations(page)
    assert not violations, format_violations(url, violations)


@pytest.fixture
def seeded_taxonomies():
    """The topics, target groups and features a migration seeds. Browser tests run in
    transactions that end with a flush, which removes data from migrations; this puts it back."""
    from django.apps import apps

    seed_migration = importlib.import_module("sozialraum.directory.migrations.0005_seed_taxonomies")
    seed_migration.seed(apps, None)
