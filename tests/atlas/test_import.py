# ruff: noqa: RUF001  (the dashes of official statistics)
"""`indicators_import`: messy statistics files in, values per area and day out, or every problem."""

import datetime

import openpyxl
import pytest

from sozialraum.atlas.importing import IndicatorImportError, Mapping
from sozialraum.atlas.models import Flag, ImportRun, Indicator, IndicatorValue, Kind, Topic
from sozialraum.atlas.services import indicators_import

from .factories import IndicatorFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2019, 12, 31)
WIDE = """id;name;einwohner;arbeitslose
01011101;Stülerstraße;3.384;212
01011102;Großer Tiergarten;199;.
"""
METADATA = {
    "einwohner": {"name": "Einwohnerinnen und Einwohner", "kind": "count", "unit": "Personen"},
    "arbeitslose": {
        "name": "Arbeitslose",
        "kind": "count",
        "topic": "arbeit-grundsicherung",
        "interpretation": "higher-worse",
        "restricted": True,
    },
}


def wide_mapping(**changes) -> Mapping:
    values = {
        "format": "wide",
        "level": "planungsraum",
        "date": DAY,
        "ignore": ["name"],
        "indicators": METADATA,
        **changes,
    }
    return Mapping(**values)


def stored(key: str) -> dict[str, tuple[float | None, str]]:
    return {
        value.area.code: (value.value, value.flag)
        for value in IndicatorValue.objects.filter(indicator__key=key).select_related("area")
    }


def test_wide_file_creates_indicators_and_values_per_area_and_day(areas, write):
    report = indicators_import(path=write("mss.csv", WIDE), mapping=wide_mapping())

    assert report.created == 4
    assert report.indicators_created == ["einwohner", "arbeitslose"]
    assert report.dates == [DAY]
    assert stored("einwohner") == {"01011101": (3384.0, ""), "01011102": (199.0, "")}
    assert stored("arbeitslose") == {"01011101": (212.0, ""), "01011102": (None, Flag.SUPPRESSED)}
    unemployed = Indicator.objects.get(key="arbeitslose")
    assert unemployed.topic == Topic.WORK
    assert unemployed.restricted
    assert unemployed.latest_date() == DAY
    assert ImportRun.objects.get().created_count == 4


def test_importing_the_same_file_again_changes_nothing(areas, write):
    path = write("mss.csv", WIDE)
    indicators_import(path=path, mapping=wide_mapping())

    again = indicators_import(path=path, mapping=wide_mapping())

    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert IndicatorValue.objects.count() == 4
    assert Indicator.objects.count() == 2


def test_a_corrected_file_updates_values_instead_of_adding_them(areas, write):
    indicators_import(path=write("mss.csv", WIDE), mapping=wide_mapping())
    corrected = WIDE.replace("3.384;212", "3.390;212").replace("199;.", "199;5")

    report = indicators_import(path=write("mss.csv", corrected), mapping=wide_mapping())

    assert (report.created, report.updated, report.unchanged) == (0, 2, 2)
    assert stored("einwohner")["01011101"] == (3390.0, "")
    assert stored("arbeitslose")["01011102"] == (5.0, "")
    assert IndicatorValue.objects.count() == 4


def test_long_file_with_german_dates_and_indicator_names_of_the_office(areas, write):
    IndicatorFactory(key="einwohner", kind=Kind.COUNT)
    content = (
        "Gebiet,Merkmal,Stichtag,Wert\n"
        "01011101,EW insgesamt,30.06.2019,3384\n"
        "01011101,EW insgesamt,31.12.2019,3400\n"
        "01011102,EW insgesamt,31.12.2019,199\n"
    )
    mapping = Mapping(
        format="long",
        level="Planungsraum",  # the name works as well as the slug
        area_column="Gebiet",
        indicator_column="Merkmal",
        date_column="Stichtag",
        value_column="Wert",
        columns={"EW insgesamt": "einwohner"},
    )

    report = indicators_import(path=write("ew.csv", content), mapping=mapping)

    assert report.created == 3
    assert report.dates == [datetime.date(2019, 6, 30), DAY]
    series = IndicatorValue.objects.filter(area__code="01011101").order_by("date")
    assert [(v.date.month, v.value) for v in series] == [(6, 3384.0), (12, 3400.0)]


def test_latin1_file_with_decimal_commas_thousands_separators_and_statistics_symbols(areas, write):
    content = (
        "Kennziffer;Name;Anteil;Anzahl;Veränderung;Wohnungen\n"
        "01011101;Stülerstraße;6,38;1.234;-;x\n"
        "01011102;Großer Tiergarten;-0,5;12 345 p;.;\n"
    )
    mapping = Mapping(
        level="planungsraum",
        area_column="Kennziffer",
        date=DAY,
        ignore=["Name"],
        indicators={
            key: {"name": key.title(), "kind": "value"}
            for key in ("anteil", "anzahl", "veraenderung", "wohnungen")
        },
        columns={
            "Anteil": "anteil",
            "Anzahl": "anzahl",
            "Veränderung": "veraenderung",
            "Wohnungen": "wohnungen",
        },
    )

    indicators_import(path=write("latin1.csv", content, encoding="latin-1"), mapping=mapping)

    assert stored("anteil") == {"01011101": (6.38, ""), "01011102": (-0.5, "")}
    assert stored("anzahl") == {"01011101": (1234.0, ""), "01011102": (12345.0, "")}
    # "-" is "nichts vorhanden" (exactly nothing), "." is secret or unknown
    assert stored("veraenderung") == {"01011101": (0.0, ""), "01011102": (None, Flag.SUPPRESSED)}
    # "x": no sensible figure; an empty cell: no value at all
    assert stored("wohnungen") == {"01011101": (None, Flag.NOT_APPLICABLE)}


@pytest.mark.parametrize("dash", ["-", "–", "—"])
def test_a_dash_means_nothing_there_so_zero(areas, write, dash):
    indicators_import(
        path=write("ew.csv", f"id;einwohner\n01011101;{dash}\n"), mapping=wide_mapping()
    )
    assert stored("einwohner") == {"01011101": (0.0, "")}


def test_ids_that_lost_their_leading_zeros_in_a_spreadsheet_still_match(areas, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["id", "einwohner"])
    sheet.append([1011101, 3384])
    sheet.append([1011102.0, 199.0])
    path = tmp_path / "einwohner.xlsx"
    workbook.save(path)

    report = indicators_import(path=path, mapping=wide_mapping())

    assert report.created == 2
    assert stored("einwohner") == {"01011101": (3384.0, ""), "01011102": (199.0, "")}


def test_words_in_a_number_column_name_file_row_and_column_and_nothing_is_written(areas, write):
    content = "id,name,z_d3\n01011101,Stülerstraße,mittel\n01011102,Großer Tiergarten,0.5\n"
    mapping = wide_mapping(indicators={"z-d3": {"name": "z-Wert d3"}}, columns={"z_d3": "z-d3"})

    path = write("mss-3.csv", content)
    with pytest.raises(IndicatorImportError) as error:
        indicators_import(path=path, mapping=mapping)

    assert error.value.issues.lines() == [
        f"{path}, Zeile 2, Spalte „z_d3“: „mittel“ ist keine Zahl."
    ]
    assert not Indicator.objects.exists()
    assert not IndicatorValue.objects.exists()
    assert not ImportRun.objects.exists()


def test_skip_invalid_imports_the_rest_and_lists_what_was_skipped(areas, write):
    content = "id;einwohner\n01011101;3384\n09999999;12\n01011102;viele\n"
    path = write("ew.csv", content)

    report = indicators_import(path=path, mapping=wide_mapping(), skip_invalid=True)

    assert report.created == 1
    assert report.skipped.lines() == [
        f"{path}, Zeile 4, Spalte „einwohner“: „viele“ ist keine Zahl.",
        f"{path}, Zeile 3, Spalte „id“: Ein Gebiet „09999999“ gibt es in der Ebene "
        "„Planungsraum“ nicht.",
    ]
    assert stored("einwohner") == {"01011101": (3384.0, "")}


def test_an_area_outside_its_validity_period_is_an_error(areas, write):
    mapping = wide_mapping(date=datetime.date(2021, 6, 30))

    with pytest.raises(IndicatorImportError) as error:
        indicators_import(path=write("ew.csv", "id;einwohner\n01011101;3384\n"), mapping=mapping)

    assert "Das Gebiet „01011101“ der Ebene „Planungsraum“ gilt am 30.06.2021 nicht." in str(
        error.value
    )


def test_a_column_without_indicator_is_an_error_until_it_is_ignored(areas, write):
    path = write("ew.csv", "id;Name;einwohner\n01011101;Stülerstraße;3384\n")
    with pytest.raises(IndicatorImportError) as error:
        indicators_import(path=path, mapping=wide_mapping(ignore=[]))
    assert "ew.csv, Spalte „Name“: Zu dieser Spalte gibt es keinen Indikator." in str(error.value)

    report = indicators_import(path=path, mapping=wide_mapping(ignore=["Name"]))
    assert report.created == 1


def test_a_value_twice_in_the_file_is_an_error(areas, write):
    content = "id;einwohner\n01011101;3384\n01011101;3385\n"
    with pytest.raises(IndicatorImportError) as error:
        indicators_import(path=write("ew.csv", content), mapping=wide_mapping())
    assert "Zeile 3, Spalte „einwohner“: Dieser Wert steht schon in Zeile 2" in str(error.value)


def test_rows_of_small_areas_can_be_left_out(areas, write):
    content = "id;inhabitants;einwohner\n01011101;3384;3384\n01011102;180;0\n"
    mapping = wide_mapping(
        ignore=["inhabitants"], skip_rows_below={"column": "inhabitants", "value": 300}
    )

    report = indicators_import(path=write("mss.csv", content), mapping=mapping)

    assert report.excluded_rows == 1
    assert stored("einwohner") == {"01011101": (3384.0, "")}


def test_rows_of_zeros_only_can_be_left_out(areas, write):
    """Some statistics write a row of zeros for an area they leave out; a single zero in a row
    with other figures is a figure."""
    content = "id;einwohner;arbeitslose\n01011101;3384;0\n01011102;0;0,0\n"

    report = indicators_import(
        path=write("mss.csv", content), mapping=wide_mapping(skip_all_zero_rows=True)
    )

    assert report.excluded_rows == 1
    assert stored("einwohner") == {"01011101": (3384.0, "")}
    assert stored("arbeitslose") == {"01011101": (0.0, "")}


def test_skip_all_zero_rows_must_be_true_or_false(write):
    with pytest.raises(IndicatorImportError) as error:
        Mapping.from_dict({"skip_all_zero_rows": "ja"}, file="zuordnung.json")
    assert "„skip_all_zero_rows“ ist true oder false." in str(error.value)


def test_a_long_list_of_errors_is_capped(areas, write):
    rows = "".join(f"0101{n:04d};viele\n" for n in range(200))

    with pytest.raises(IndicatorImportError) as error:
        indicators_import(path=write("ew.csv", "id;einwohner\n" + rows), mapping=wide_mapping())

    lines = error.value.issues.lines(limit=50)
    assert len(error.value.issues) == 200
    assert len(lines) == 51
    assert lines[-1] == "… und 150 weitere."


def test_the_decimal_separator_that_does_not_fit_the_file_is_named(areas, write):
    mapping = wide_mapping(decimal=",")
    with pytest.raises(IndicatorImportError) as error:
        indicators_import(path=write("ew.csv", "id;einwohner\n01011101;3.5\n"), mapping=mapping)
    assert "„3.5“ passt nicht zum Dezimaltrennzeichen „,“" in str(error.value)


def test_a_derived_rate_names_its_numerator_and_denominator(areas, write):
    metadata = {
        **METADATA,
        "arbeitslose-anteil": {
            "name": "Arbeitslose je 100 Einwohner",
            "numerator": "arbeitslose",
            "denominator": "einwohner",
        },
    }
    indicators_import(path=write("mss.csv", WIDE), mapping=wide_mapping(indicators=metadata))

    rate = Indicator.objects.get(key="arbeitslose-anteil")
    assert rate.kind == Kind.RATE
    assert (rate.numerator.key, rate.denominator.key) == ("arbeitslose", "einwohner")


def test_a_derived_rate_rests_on_counts_not_on_rates(areas, write):
    metadata = {
        **METADATA,
        "quote": {"name": "Quote", "kind": "rate"},
        "quote-anteil": {"name": "Unsinn", "numerator": "quote", "denominator": "einwohner"},
    }
    with pytest.raises(IndicatorImportError) as error:
        indicators_import(path=write("mss.csv", WIDE), mapping=wide_mapping(indicators=metadata))
    assert "„numerator“ muss eine Anzahl sein (Art „count“), „quote“ ist keine." in str(error.value)


def test_mapping_file_problems_name_the_mapping_file(areas, write, mapping_file):
    path = mapping_file(
        {
            "format": "breit",
            "date": "31.12.2019",
            "level": "planungsraum",
            "indicators": {"ew": {"name": "EW", "topic": "Wetter", "numerator": "ew"}},
        }
    )
    with pytest.raises(IndicatorImportError) as error:
        mapping = Mapping.from_file(path)
        indicators_import(path=write("ew.csv", "id;ew\n01011101;1\n"), mapping=mapping)

    message = str(error.value)
    assert "zuordnung.json: „format“ muss „long“ oder „wide“ sein, nicht „breit“." in message


def test_ignore_in_the_mapping_file_is_a_list(mapping_file):
    path = mapping_file({"level": "planungsraum", "date": "2019-12-31", "ignore": "name"})
    with pytest.raises(IndicatorImportError, match="„ignore“ ist eine Liste von Spalten"):
        Mapping.from_file(path)


def test_indicator_metadata_problems_are_all_listed(areas, write):
    mapping = wide_mapping(
        indicators={"ew": {"name": "EW", "topic": "Wetter", "numerator": "ew", "farbe": "rot"}}
    )
    with pytest.raises(IndicatorImportError) as error:
        indicators_import(path=write("ew.csv", "id;ew\n01011101;1\n"), mapping=mapping)

    lines = error.value.issues.lines()
    assert any("„Wetter“ passt nicht zu „topic“" in line for line in lines)
    assert any("unbekannte Angabe „farbe“" in line for line in lines)
    assert any("braucht „numerator“ und „denominator“" in line for line in lines)


def test_an_unknown_level_lists_the_levels_there_are(areas, write):
    with pytest.raises(IndicatorImportError, match="Die Gebietsebene „ortsteil“ gibt es nicht"):
        indicators_import(path=write("ew.csv", "id;x\n"), mapping=wide_mapping(level="ortsteil"))


def test_xlsx_with_a_title_row_a_named_sheet_and_date_cells(areas, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Hinweise"
    sheet = workbook.create_sheet("Daten")
    sheet.append(["Einwohner nach Planungsräumen, Quelle: Amt für Statistik"])
    sheet.append(["Stichtag", "PLR", "einwohner"])
    sheet.append([datetime.datetime(2019, 12, 31), "01011101", "3 384"])
    sheet.append([datetime.datetime(2019, 12, 31), "01011102", 199])
    path = tmp_path / "einwohner.xlsx"
    workbook.save(path)
    mapping = wide_mapping(
        date=None, date_column="Stichtag", area_column="PLR", sheet="Daten", header_row=2
    )

    report = indicators_import(path=path, mapping=mapping)

    assert report.dates == [DAY]
    assert stored("einwohner") == {"01011101": (3384.0, ""), "01011102": (199.0, "")}


def test_a_utf8_file_with_byte_order_mark_from_excel(areas, write):
    content = "\ufeffid;einwohner\r\n01011101;3384\r\n".encode()

    report = indicators_import(path=write("ew.csv", content), mapping=wide_mapping())

    assert report.created == 1


def test_a_missing_sheet_names_the_sheets_there_are(areas, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Tabelle1"
    path = tmp_path / "leer.xlsx"
    workbook.save(path)

    with pytest.raises(
        IndicatorImportError, match="kein Tabellenblatt „Daten“; vorhanden: Tabelle1"
    ):
        indicators_import(path=path, mapping=wide_mapping(sheet="Daten"))
