"""`sozialraum import_indicators`: a summary on success, every problem and exit status 1 if not."""

import io

import pytest
from django.core.management import CommandError, call_command

from sozialraum.atlas.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db

MAPPING = {
    "format": "wide",
    "level": "planungsraum",
    "area_column": "id",
    "ignore": ["name"],
    "indicators": {"einwohner": {"name": "Einwohner", "kind": "count", "topic": "bevoelkerung"}},
}


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_indicators", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_with_a_mapping_file_and_a_date_prints_a_summary(areas, write, mapping_file):
    data = write("ew.csv", "id;name;einwohner\n01011101;Stülerstraße;3384\n")

    out, err = run(str(data), "--mapping", str(mapping_file(MAPPING)), "--date", "2019-12-31")

    assert "Neue Indikatoren: einwohner" in out
    assert "Stichtage 31.12.2019: 1 Werte neu, 0 geändert, 0 unverändert, 0 übersprungen." in out
    assert err == ""
    assert IndicatorValue.objects.get().value == 3384


def test_options_alone_suffice_for_known_indicators(areas, write, mapping_file):
    Indicator.objects.create(key="einwohner", name="Einwohner")
    data = write("ew.csv", "Jahr;PLR;einwohner\n31.12.2019;01011101;3384\n")

    out, _err = run(
        str(data), "--level", "planungsraum", "--area-column", "PLR", "--date-column", "Jahr"
    )

    assert "1 Werte neu" in out


def test_errors_are_listed_and_nothing_is_imported(areas, write, mapping_file):
    data = write("ew.csv", "id;name;einwohner\n01011101;Stülerstraße;viele\n")
    err = io.StringIO()

    with pytest.raises(CommandError, match="Nichts importiert: 1 Fehler"):
        call_command(
            "import_indicators",
            str(data),
            "--mapping",
            str(mapping_file(MAPPING)),
            "--date",
            "2019-12-31",
            stderr=err,
        )

    assert f"{data}, Zeile 2, Spalte „einwohner“: „viele“ ist keine Zahl." in err.getvalue()
    assert not Indicator.objects.exists()


def test_skip_invalid_lists_the_skipped_values(areas, write, mapping_file):
    data = write("ew.csv", "id;name;einwohner\n01011101;A;viele\n01011102;B;199\n")

    out, err = run(
        str(data),
        "--mapping",
        str(mapping_file(MAPPING)),
        "--date",
        "2019-12-31",
        "--skip-invalid",
    )

    assert "Zeile 2, Spalte „einwohner“: „viele“ ist keine Zahl." in err
    assert "1 Werte neu, 0 geändert, 0 unverändert, 1 übersprungen." in out


def test_long_format_by_options(areas, write):
    Indicator.objects.create(key="einwohner", name="Einwohner")
    data = write("lang.csv", "id;indicator;value\n01011101;einwohner;3384\n")

    out, _err = run(
        str(data), "--format", "long", "--level", "Planungsraum", "--date", "2019-12-31"
    )

    assert "1 Werte neu" in out


def test_a_broken_mapping_file_is_reported(areas, write):
    mapping = write("kaputt.json", "{format: wide}")
    err = io.StringIO()

    with pytest.raises(CommandError, match="Nichts importiert: 1 Fehler"):
        call_command(
            "import_indicators", str(write("ew.csv", "id\n")), "--mapping", str(mapping), stderr=err
        )

    assert f"{mapping}: Das ist kein gültiges JSON (UTF-8)" in err.getvalue()
