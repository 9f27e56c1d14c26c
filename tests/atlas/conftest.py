import json
from pathlib import Path

import pytest
from django.utils import translation

from tests.areas.factories import create_sample_areas


@pytest.fixture(autouse=True)
def german():
    """Messages are asserted in German, the default language, whatever ran before."""
    with translation.override("de"):
        yield


@pytest.fixture
def areas(db):
    """City 0 > district 01 > region 010111 > planning areas 01011101 and 01011102."""
    return create_sample_areas()


@pytest.fixture
def write(tmp_path):
    """Write text (or bytes) to a file in a temporary directory; returns its path."""

    def write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding=encoding)
        return path

    return write


@pytest.fixture
def mapping_file(write):
    def make(data: dict, name: str = "zuordnung.json") -> Path:
        return write(name, json.dumps(data, ensure_ascii=False))

    return make
