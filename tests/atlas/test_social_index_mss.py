"""Acceptance: the index computed from the MSS tables reproduces every published class.

For each report year the index indicators (table -2-1: s1-s4, d1-d4, inhabitants) go through
`social_index.compute` with the MSS method, and the status class, the dynamics class and the
matrix cell of every planning area must equal the published ones (table -1), exactly. The
published z-values of the status indicators (table -3) must agree to their printed digits.

The data: the published tables are in tests/atlas/data/mss (the -1 tables, and 2021) and in
the demo's copy src/sozialraum/demo/berlin/mss (2013-2019); SOZIALRAUM_MSS_DATA names another
directory with all of them (e.g. ../shared/data/berlin/mss).

The table -2-1 writes 0 into every cell of an area the report left out
(`all_zero_is_missing`: 1-2 areas a year have 300 inhabitants or more and are left out all the
same, e.g. 10010203 "Gewerbegebiet Bitterfelder Straße").
"""

import csv
import os
from pathlib import Path

import numpy as np
import pytest

from sozialraum.atlas import social_index
from sozialraum.atlas.social_index import Component, Method

ROOT = Path(__file__).resolve().parents[2]
PLACES = (
    [Path(os.environ["SOZIALRAUM_MSS_DATA"])]
    if os.environ.get("SOZIALRAUM_MSS_DATA")
    else [Path(__file__).resolve().parent / "data" / "mss", ROOT / "src/sozialraum/demo/berlin/mss"]
)
YEARS = (2013, 2015, 2017, 2019, 2021)


def table(year: int, name: str) -> Path:
    file = f"berlin-lor-monitoring-social-urban-development-{year}-00-{name}.csv"
    for place in PLACES:
        if (place / file).is_file():
            return place / file
    pytest.fail(f"MSS table {file} not found in {', '.join(map(str, PLACES))}")


def read(year: int, name: str) -> list[dict[str, str]]:
    with table(year, name).open(encoding="utf-8") as file:
        return list(csv.DictReader(file))


def index_indicators(year: int) -> tuple[list[str], dict[str, np.ndarray], np.ndarray]:
    rows = read(year, "2-1")
    columns = [c for c in rows[0] if c[:1] in "sd" and c[1:2].isdigit()]
    values = {c: np.array([float(row[c]) for row in rows]) for c in columns}
    population = np.array([float(row["inhabitants"]) for row in rows])
    return [row["id"] for row in rows], values, population


def mss_method(columns) -> Method:
    return Method(
        status=[Component(c) for c in columns if c.startswith("s")],
        dynamics=[Component(c) for c in columns if c.startswith("d")],
        minimum_population=300,
        all_zero_is_missing=True,
    )


@pytest.fixture(scope="module", params=YEARS)
def year_result(request):
    year = request.param
    ids, values, population = index_indicators(year)
    method = mss_method(values)
    result = social_index.compute(method, values, population)
    published = {row["id"]: row for row in read(year, "1")}
    return year, ids, method, result, published


def test_the_index_covers_exactly_the_published_areas(year_result):
    _year, ids, _method, result, published = year_result
    computed = {
        area for area, taking_part in zip(ids, result.status.included, strict=True) if taking_part
    }
    assert computed == set(published)
    assert result.dynamics is not None
    assert set(np.array(ids)[result.dynamics.included]) == set(published)


def test_status_classes_reproduce_the_published_ones_exactly(year_result):
    _year, ids, method, result, published = year_result
    differences = []
    for position, area in enumerate(ids):
        if area not in published:
            continue
        number = int(result.status.classes[position])
        label = method.status_labels[number - 1]
        expected = published[area]
        if (number, label) != (
            int(float(expected["status_index"])),
            expected["status_index_class"],
        ):
            differences.append((area, result.status.index[position], number, expected))
    assert differences == []


def test_dynamics_classes_reproduce_the_published_ones_exactly(year_result):
    _year, ids, method, result, published = year_result
    assert result.dynamics is not None
    differences = []
    for position, area in enumerate(ids):
        if area not in published:
            continue
        number = int(result.dynamics.classes[position])
        computed = (method.dynamics_symbols[number - 1], method.dynamics_labels[number - 1])
        expected = published[area]
        if computed != (expected["dynamic_index"], expected["dynamic_index_class"]):
            differences.append((area, result.dynamics.index[position], computed, expected))
    assert differences == []


def test_matrix_cells_reproduce_the_published_ones_exactly(year_result):
    _year, ids, method, result, published = year_result
    differences = []
    for position, area in enumerate(ids):
        if area not in published:
            continue
        code = result.matrix_code(position, method)
        status, dynamics = divmod(int(result.matrix[position]), 10)
        text = (
            f"Status {method.status_labels[status - 1]}, "
            f"Dynamik {method.dynamics_labels[dynamics - 1]}"
        )
        expected = published[area]
        # 2021 writes "Status mittel , Dynamik stabil" (a space before the comma).
        expected_text = expected["status_dynamic_index_class"].replace(" ,", ",")
        if (code, text) != (expected["status_dynamic_index"], expected_text):
            differences.append((area, code, text, expected))
    assert differences == []


def test_status_z_values_agree_with_the_published_ones(year_result):
    year, ids, _method, result, _published = year_result
    published = {row["id"]: row for row in read(year, "3")}
    taking_part = [
        position for position, area in enumerate(ids) if result.status.included[position]
    ]
    for key, z in result.status.z.items():
        expected = np.array(
            [float(published[ids[position]]["z_" + key]) for position in taking_part]
        )
        # Published with five decimals.
        assert np.abs(z[taking_part] - expected).max() < 2e-5, key
