import json
from pathlib import Path

import pytest
from django.utils import translation

from .factories import feature, square


@pytest.fixture(autouse=True)
def german():
    """Messages are asserted in German, the default language, whatever ran before."""
    with translation.override("de"):
        yield


@pytest.fixture
def geojson(tmp_path):
    """Write a FeatureCollection of the given features to a file; returns its path."""

    def write(features, name="gebiete.geojson", **members) -> Path:
        path = tmp_path / name
        collection = {"type": "FeatureCollection", **members, "features": features}
        path.write_text(json.dumps(collection), encoding="utf-8")
        return path

    return write


@pytest.fixture
def districts(db, geojson):
    """Two districts side by side: 01 Mitte (13.30-13.40) and 02 Nord (13.40-13.50)."""
    from sozialraum.areas.services import areas_import

    path = geojson(
        [
            feature("01", "Mitte", square(13.30, 52.50, 0.1)),
            feature("02", "Nord", square(13.40, 52.50, 0.1)),
        ],
        name="bezirke.geojson",
    )
    areas_import(path=path, level="Bezirk", id_field="id", name_field="name")


@pytest.fixture
def translations(monkeypatch):
    """Add entries to a language's catalog for one test, as a translator's .po file would.

    Keys are msgids, or (msgid, plural form) for plurals; pgettext keys are "context\\x04msgid".
    """
    from django.utils.translation import trans_real

    def add(language: str, entries: dict) -> None:
        catalog = trans_real.translation(language)._catalog._catalogs[0]
        for key, value in entries.items():
            monkeypatch.setitem(catalog, key, value)

    return add
