"""`areas_import`: what gets imported, what is refused and how the operator is told."""

import datetime

import pytest
from django.utils import translation

from sozialraum.areas.models import Area, AreaLevel
from sozialraum.areas.services import AreaImportError, areas_import

from .factories import feature, square

pytestmark = pytest.mark.django_db

BOWTIE = {
    "type": "Polygon",
    "coordinates": [
        [[13.30, 52.50], [13.31, 52.51], [13.31, 52.50], [13.30, 52.51], [13.30, 52.50]]
    ],
}


def run(path, **options):
    return areas_import(
        path=path,
        level=options.pop("level", "Planungsraum"),
        id_field="id",
        name_field="name",
        **options,
    )


def messages(error: AreaImportError) -> list[str]:
    return [str(issue) for issue in error.issues]


def test_areas_are_imported_with_their_ids_as_written(geojson):
    path = geojson(
        [
            feature("01011101", "Stülerstraße", square(13.33, 52.50)),
            feature("01011102", "Großer Tiergarten", square(13.35, 52.50)),
        ]
    )

    report = run(path, source="Amt für Statistik")

    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    area = Area.objects.get(code="01011101")
    assert area.name == "Stülerstraße"
    assert area.level.name == "Planungsraum"
    assert area.level.slug == "planungsraum"
    assert area.geometry == square(13.33, 52.50)
    assert area.bbox == pytest.approx([13.33, 52.50, 13.34, 52.51])
    assert 13.33 < area.point_lon < 13.34 and 52.50 < area.point_lat < 52.51
    assert area.source == "Amt für Statistik"
    assert "2 neu, 0 geändert, 0 unverändert, 0 übersprungen" in report.summary()


def test_multipolygons_are_accepted(geojson):
    multi = {
        "type": "MultiPolygon",
        "coordinates": [
            square(13.30, 52.50)["coordinates"],
            square(13.32, 52.50)["coordinates"],
        ],
    }

    run(geojson([feature("01", "Zwei Teile", multi)]), level="Bezirk")

    assert Area.objects.get(code="01").geometry["type"] == "MultiPolygon"


def test_numeric_ids_are_stored_as_text_with_a_warning_about_lost_zeros(geojson):
    path = geojson([feature(1011, "Zahl", square(13.30, 52.50))])

    report = run(path)

    assert Area.objects.get().code == "1011"
    assert len(report.warnings) == 1
    assert "Feature 1: 1011" in str(report.warnings[0])
    assert "Führende Nullen" in str(report.warnings[0])


def test_reimporting_the_same_file_changes_nothing(geojson):
    features = [
        feature("01", "Mitte", square(13.30, 52.50)),
        feature("02", "Nord", square(13.32, 52.50)),
    ]
    path = geojson(features)
    run(path)
    first = {area.code: area.modified for area in Area.objects.all()}

    report = run(path)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert Area.objects.count() == 2
    assert {area.code: area.modified for area in Area.objects.all()} == first


def test_reimport_updates_changed_names_and_outlines(geojson):
    run(
        geojson(
            [
                feature("01", "Mitte", square(13.30, 52.50)),
                feature("02", "Nord", square(13.32, 52.50)),
            ]
        )
    )

    report = run(
        geojson(
            [
                feature("01", "Berlin-Mitte", square(13.30, 52.50)),
                feature("02", "Nord", square(13.32, 52.51)),
            ]
        )
    )

    assert (report.created, report.updated, report.unchanged) == (0, 2, 0)
    assert Area.objects.get(code="01").name == "Berlin-Mitte"
    assert Area.objects.get(code="02").bbox[1] == pytest.approx(52.51)


# Each faulty feature: the message names the file, the feature number and the id.
@pytest.mark.parametrize(
    ("faulty", "expected"),
    [
        (feature("02", "Ohne Umriss", None), "Die Geometrie fehlt."),
        (
            feature("02", "Punkt", {"type": "Point", "coordinates": [13.3, 52.5]}),
            "Der Geometrietyp „Point“ wird nicht unterstützt; erlaubt sind Polygon und "
            "MultiPolygon.",
        ),
        (feature("02", "Schleife", BOWTIE), "Die Geometrie ist ungültig: Self-intersection"),
        (
            feature("02", "Kaputt", {"type": "Polygon", "coordinates": [[[13.3, 52.5]]]}),
            "Die Geometrie ist fehlerhaft aufgebaut",
        ),
        (
            feature("02", "Projiziert", square(389000, 5819000, 100)),
            "Die Koordinaten liegen außerhalb von Länge/Breite (z. B. 389000.0, 5819000.0)",
        ),
        (feature("02", "", square(13.32, 52.50)), "Der Name fehlt (Eigenschaft „name“)."),
    ],
)
def test_a_faulty_feature_is_reported_with_file_number_and_id(geojson, faulty, expected):
    path = geojson([feature("01", "Gut", square(13.30, 52.50)), faulty])

    with pytest.raises(AreaImportError) as error:
        run(path)

    assert len(error.value.issues) == 1
    message = str(error.value.issues[0])
    assert message.startswith(f"{path}, Feature 2 (Kennziffer 02): ")
    assert expected in message


@pytest.mark.parametrize(
    ("field", "long_feature", "expected"),
    [
        (
            "name",
            feature("02", "N" * 201, square(13.32, 52.50)),
            "Feature 2 (Kennziffer 02): Der Name ist 201 Zeichen lang (Eigenschaft „name“); "
            "erlaubt sind höchstens 200 Zeichen.",
        ),
        (
            "code",
            feature("0" * 41, "Lang", square(13.32, 52.50)),
            f"Feature 2 (Kennziffer {'0' * 41}): Die Kennziffer ist 41 Zeichen lang "
            "(Eigenschaft „id“); erlaubt sind höchstens 40 Zeichen.",
        ),
    ],
)
def test_a_text_longer_than_its_column_is_reported_and_nothing_written(
    geojson, field, long_feature, expected
):
    """SQLite would store it silently; PostgreSQL would fail the whole import."""
    assert Area._meta.get_field(field).max_length == {"name": 200, "code": 40}[field]
    path = geojson([feature("01", "Gut", square(13.30, 52.50)), long_feature])

    with pytest.raises(AreaImportError) as error:
        run(path)

    assert messages(error.value) == [f"{path}, {expected}"]
    assert not Area.objects.exists()
    report = run(path, skip_invalid=True)
    assert [str(issue) for issue in report.skipped] == [f"{path}, {expected}"]
    assert list(Area.objects.values_list("code", flat=True)) == ["01"]


def test_texts_as_long_as_their_column_are_imported(geojson):
    path = geojson([feature("0" * 40, "N" * 200, square(13.30, 52.50))])

    run(path)

    assert Area.objects.get().name == "N" * 200


@pytest.mark.parametrize(
    ("nul_feature", "expected"),
    [
        (
            feature("02", "Mit\u0000Null", square(13.32, 52.50)),
            "Feature 2 (Kennziffer 02): Der Name enthält ein Nullzeichen (Eigenschaft „name“).",
        ),
        (
            feature("0\u00002", "Null in der Kennziffer", square(13.32, 52.50)),
            "Feature 2 (Kennziffer 0\u00002): Die Kennziffer enthält ein Nullzeichen "
            "(Eigenschaft „id“).",
        ),
    ],
)
def test_a_nul_character_is_reported_not_a_crash(geojson, nul_feature, expected):
    """PostgreSQL cannot store NUL in text, nor take it as a query parameter."""
    path = geojson([feature("01", "Gut", square(13.30, 52.50)), nul_feature])

    with pytest.raises(AreaImportError) as error:
        run(path)

    assert messages(error.value) == [f"{path}, {expected}"]
    report = run(path, skip_invalid=True)
    assert [str(issue) for issue in report.skipped] == [f"{path}, {expected}"]
    assert list(Area.objects.values_list("code", flat=True)) == ["01"]


def test_a_level_name_longer_than_its_column_is_refused(geojson):
    path = geojson([feature("01", "Gut", square(13.30, 52.50))])

    with pytest.raises(AreaImportError) as error:
        run(path, level="Ebene" * 21)

    assert messages(error.value)[0].startswith(
        f"{path}: Der Name der Ebene (--level) ist zu lang: erlaubt sind höchstens 100 Zeichen"
    )
    assert not AreaLevel.objects.exists()


def test_the_list_of_allowed_geometry_types_is_in_the_readers_language(geojson, translations):
    translations("en", {"letztes Glied einer Aufzählung\x04und": "and"})
    path = geojson([feature("01", "Punkt", {"type": "Point", "coordinates": [13.3, 52.5]})])

    with translation.override("en"), pytest.raises(AreaImportError) as error:
        run(path)

    assert "allowed are Polygon and MultiPolygon." in messages(error.value)[0]


def test_a_feature_without_id_is_reported_by_its_number(geojson):
    path = geojson(
        [feature("01", "Gut", square(13.30, 52.50)), feature(None, "Ohne", square(13.32, 52.50))]
    )

    with pytest.raises(AreaImportError) as error:
        run(path)

    assert messages(error.value) == [f"{path}, Feature 2: Die Kennziffer fehlt (Eigenschaft „id“)."]


def test_every_feature_with_a_duplicate_id_is_reported_with_all_its_numbers(geojson):
    path = geojson(
        [
            feature("01", "Erstes", square(13.30, 52.50)),
            feature("02", "Anderes", square(13.32, 52.50)),
            feature("01", "Zweites", square(13.34, 52.50)),
        ]
    )

    with pytest.raises(AreaImportError) as error:
        run(path)

    assert [(issue.feature, issue.code) for issue in error.value.issues] == [(1, "01"), (3, "01")]
    for message in messages(error.value):
        assert (
            "Die Kennziffer kommt mehrfach vor: "
            "Features 1 (bei 13.305, 52.505), 3 (bei 13.345, 52.505)." in message
        )


def test_all_problems_are_listed_and_nothing_is_written(geojson):
    path = geojson(
        [
            feature("01", "Gut", square(13.30, 52.50)),
            feature("02", "Ohne Umriss", None),
            feature("03", "Schleife", BOWTIE),
            feature(None, "Ohne Kennziffer", square(13.34, 52.50)),
        ]
    )

    with pytest.raises(AreaImportError) as error:
        run(path)

    assert [issue.feature for issue in error.value.issues] == [2, 3, 4]
    assert not Area.objects.exists()
    assert not AreaLevel.objects.exists()


def test_a_faulty_reimport_leaves_the_imported_areas_alone(geojson):
    run(geojson([feature("01", "Mitte", square(13.30, 52.50))]))

    with pytest.raises(AreaImportError):
        run(geojson([feature("01", "Neuer Name", square(13.30, 52.50)), feature("02", "X", None)]))

    assert Area.objects.get().name == "Mitte"


def test_skip_invalid_imports_the_valid_features_and_lists_the_others(geojson):
    path = geojson(
        [
            feature("01", "Gut", square(13.30, 52.50)),
            feature("02", "Ohne Umriss", None),
            feature("03", "Auch gut", square(13.32, 52.50)),
        ]
    )

    report = run(path, skip_invalid=True)

    assert sorted(Area.objects.values_list("code", flat=True)) == ["01", "03"]
    assert (report.created, len(report.skipped)) == (2, 1)
    assert str(report.skipped[0]) == f"{path}, Feature 2 (Kennziffer 02): Die Geometrie fehlt."


def test_skip_invalid_still_refuses_a_file_without_any_valid_feature(geojson):
    with pytest.raises(AreaImportError) as error:
        run(geojson([feature("01", "X", None)]), skip_invalid=True)

    assert "Kein Feature ist gültig." in str(error.value)
    assert not AreaLevel.objects.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"type": "FeatureCollection", "features": [', "Die Datei ist kein gültiges JSON"),
        ('{"type": "Feature", "geometry": null}', "keine GeoJSON-FeatureCollection"),
        ('{"type": "FeatureCollection", "features": []}', "Die Datei enthält keine Features."),
    ],
)
def test_a_broken_file_is_refused_as_a_whole(tmp_path, content, expected):
    path = tmp_path / "kaputt.geojson"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(AreaImportError) as error:
        run(path)

    assert len(error.value.issues) == 1
    assert messages(error.value)[0].startswith(f"{path}: ")
    assert expected in messages(error.value)[0]


def test_invalid_json_says_where(tmp_path):
    path = tmp_path / "kaputt.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [}', encoding="utf-8")

    with pytest.raises(AreaImportError) as error:
        run(path)

    assert "in Zeile 2, Spalte" in str(error.value)


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(AreaImportError, match="Die Datei gibt es nicht"):
        run(tmp_path / "gibt-es-nicht.geojson")


def test_a_projected_coordinate_system_is_refused(geojson):
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::25833"}}
    path = geojson([feature("01", "Mitte", square(389000, 5819000, 100))], crs=crs)

    with pytest.raises(AreaImportError) as error:
        run(path)

    assert len(error.value.issues) == 1
    message = messages(error.value)[0]
    assert "Das Koordinatensystem urn:ogc:def:crs:EPSG::25833 wird nicht unterstützt" in message
    assert "ogr2ogr -t_srs EPSG:4326" in message


@pytest.mark.parametrize(
    "name", ["urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:EPSG::4326", "EPSG:4326"]
)
def test_wgs84_coordinate_systems_are_accepted(geojson, name):
    crs = {"type": "name", "properties": {"name": name}}

    run(geojson([feature("01", "Mitte", square(13.30, 52.50))], crs=crs))

    assert Area.objects.count() == 1


def test_projected_coordinates_without_crs_are_reported_once_for_the_file(geojson):
    path = geojson(
        [
            feature("01", "Mitte", square(389000, 5819000, 100)),
            feature("02", "Nord", square(390000, 5819000, 100)),
        ]
    )

    with pytest.raises(AreaImportError) as error:
        run(path)

    assert len(error.value.issues) == 1
    assert "Alle Features haben Koordinaten außerhalb von Länge/Breite" in str(error.value)


def test_a_property_that_no_feature_has_is_a_typo_in_the_command(geojson):
    path = geojson([feature("01", "Mitte", square(13.30, 52.50))])

    with pytest.raises(AreaImportError) as error:
        areas_import(path=path, level="Bezirk", id_field="ID", name_field="name")

    assert messages(error.value) == [
        f"{path}: Kein Feature hat die Eigenschaft „ID“ (--id-field). Vorhandene "
        "Eigenschaften: id, name."
    ]


def test_valid_until_before_valid_from_is_refused(geojson):
    path = geojson([feature("01", "Mitte", square(13.30, 52.50))])

    with pytest.raises(AreaImportError, match="Das Ende der Gültigkeit liegt vor ihrem Anfang"):
        run(
            path,
            valid_from=datetime.date(2021, 1, 1),
            valid_until=datetime.date(2020, 12, 31),
        )


# Parents


def test_unknown_parent_level_is_refused_with_the_known_levels(districts, geojson):
    path = geojson([feature("0101", "Teil", square(13.31, 52.51))])

    with pytest.raises(AreaImportError) as error:
        run(path, parent_level="Ortsteil")

    assert messages(error.value) == [
        f"{path}: Die übergeordnete Ebene „Ortsteil“ gibt es nicht. Vorhandene Ebenen: bezirk."
    ]


def test_parent_is_the_area_whose_id_is_the_longest_prefix(districts, geojson):
    # 020101 lies inside district 01 on the map, but its id says district 02: the id wins,
    # and the contradiction is reported.
    path = geojson(
        [
            feature("010101", "Im Westen", square(13.31, 52.51)),
            feature("020101", "Falsch gezeichnet", square(13.32, 52.51)),
        ]
    )

    report = run(path, level="Bezirksregion", parent_level="Bezirk")

    assert Area.objects.get(code="010101").parent.code == "01"
    assert Area.objects.get(code="020101").parent.code == "02"
    assert [str(warning) for warning in report.warnings] == [
        f"{path}, Feature 2 (Kennziffer 020101): Laut Kennziffer gehört das Gebiet zu 02 Nord, "
        "nach seinem Umriss liegt es aber in 01 Mitte. Übernommen wird 02 Nord; bitte prüfen."
    ]
    level = AreaLevel.objects.get(slug="bezirksregion")
    assert (level.parent.slug, level.rank) == ("bezirk", 1)


def test_without_a_matching_prefix_the_parent_is_the_area_around_it(districts, geojson):
    path = geojson([feature("A7", "Ohne Präfix", square(13.45, 52.55))])

    run(path, level="Bezirksregion", parent_level="bezirk")

    assert Area.objects.get(code="A7").parent.code == "02"


def test_an_area_outside_every_parent_is_an_unknown_parent(districts, geojson):
    path = geojson([feature("990101", "Woanders", square(10.0, 50.0))])

    with pytest.raises(AreaImportError) as error:
        run(path, level="Bezirksregion", parent_level="Bezirk")

    message = messages(error.value)[0]
    assert message.startswith(f"{path}, Feature 1 (Kennziffer 990101): Kein übergeordnetes Gebiet")
    assert "der Ebene „Bezirk“" in message


def test_parent_field_names_the_parent_explicitly(districts, geojson):
    path = geojson(
        [
            feature("A1", "Eins", square(13.31, 52.51), bezirk="02"),
            feature("A2", "Zwei", square(13.32, 52.51), bezirk="77"),
        ]
    )

    with pytest.raises(AreaImportError) as error:
        run(path, level="Ortsteil", parent_level="Bezirk", parent_field="bezirk")

    assert messages(error.value) == [
        f"{path}, Feature 2 (Kennziffer A2): Das übergeordnete Gebiet 77 (Eigenschaft „bezirk“) "
        "gibt es in der Ebene „Bezirk“ nicht."
    ]
    run(path, level="Ortsteil", parent_level="Bezirk", parent_field="bezirk", skip_invalid=True)
    assert Area.objects.get(code="A1").parent.code == "02"


def test_the_stored_parent_level_is_used_again_on_reimport(districts, geojson):
    path = geojson([feature("010101", "Teil", square(13.31, 52.51))])
    run(path, level="Bezirksregion", parent_level="Bezirk")

    report = run(path, level="Bezirksregion")

    assert report.unchanged == 1
    assert Area.objects.get(code="010101").parent.code == "01"


# Validity


def test_redrawn_boundaries_are_a_second_set_of_the_same_level(geojson):
    old = geojson([feature("0101", "Alt", square(13.30, 52.50))], name="alt.geojson")
    new = geojson(
        [feature("0101", "Neu", square(13.30, 52.50, 0.02)), feature("0102", "Dazu", None)],
        name="neu.geojson",
    )
    run(old)

    report = run(new, valid_from=datetime.date(2021, 1, 1), skip_invalid=True)

    assert "aus einem anderen Gebietsstand gilt im selben Zeitraum" in str(report.warnings[0])
    report = run(old, valid_until=datetime.date(2020, 12, 31))
    assert report.updated == 1
    assert Area.objects.filter(code="0101").count() == 2
    names_on = {
        day: list(
            Area.objects.valid_on(datetime.date.fromisoformat(day)).values_list("name", flat=True)
        )
        for day in ["2020-12-31", "2021-01-01"]
    }
    assert names_on == {"2020-12-31": ["Alt"], "2021-01-01": ["Neu"]}


def test_command_prints_a_summary(geojson, capsys):
    from django.core.management import call_command

    path = geojson([feature("01", "Mitte", square(13.30, 52.50))])

    call_command(
        "import_areas", str(path), "--level", "Bezirk", "--id-field", "id", "--name-field", "name"
    )

    assert "Ebene „Bezirk“: 1 neu, 0 geändert, 0 unverändert, 0 übersprungen." in (
        capsys.readouterr().out
    )


def test_command_lists_every_error_on_stderr_and_fails(geojson):
    from io import StringIO

    from django.core.management import CommandError, call_command

    path = geojson([feature("01", "Mitte", None), feature("02", "Nord", BOWTIE)])
    stderr = StringIO()

    with pytest.raises(CommandError, match="Nichts importiert: 2 Fehler"):
        call_command(
            "import_areas",
            str(path),
            "--level=Bezirk",
            "--id-field=id",
            "--name-field=name",
            stderr=stderr,
        )

    lines = stderr.getvalue().splitlines()
    assert lines[0] == f"{path}, Feature 1 (Kennziffer 01): Die Geometrie fehlt."
    assert lines[1].startswith(f"{path}, Feature 2 (Kennziffer 02): Die Geometrie ist ungültig")


def test_command_with_skip_invalid_lists_the_skipped_features(geojson):
    from io import StringIO

    from django.core.management import call_command

    path = geojson([feature("01", "Mitte", None), feature("02", "Nord", square(13.3, 52.5))])
    stdout, stderr = StringIO(), StringIO()

    call_command(
        "import_areas",
        str(path),
        "--level=Bezirk",
        "--id-field=id",
        "--name-field=name",
        "--skip-invalid",
        "--valid-from=2021-01-01",
        stdout=stdout,
        stderr=stderr,
    )

    assert f"Übersprungen: {path}, Feature 1 (Kennziffer 01): Die Geometrie fehlt." in (
        stderr.getvalue()
    )
    assert "1 neu, 0 geändert, 0 unverändert, 1 übersprungen." in stdout.getvalue()
    assert Area.objects.get().valid_from == datetime.date(2021, 1, 1)


def test_leading_zeros_are_kept(geojson):
    path = geojson([feature("0007", "Mit Nullen", square(13.30, 52.50))])

    run(path)

    assert Area.objects.get().code == "0007"
    assert Area.objects.filter(code="7").count() == 0


def test_command_help_is_german_like_its_output(capsys):
    from django.core.management import call_command

    with pytest.raises(SystemExit):
        call_command("import_areas", "--help")

    out = capsys.readouterr().out
    assert "Importiert die Gebiete einer Ebene" in out
    assert "Eigenschaft mit der Kennziffer des Gebiets" in out
    assert "property holding" not in out


def test_command_help_is_marked_for_translation(translations, capsys):
    from django.core.management import call_command

    translations(
        "en",
        {
            "Eigenschaft mit der Kennziffer des Gebiets, z. B. id": "property with the area's id",
            "erster Tag der Gültigkeit, JJJJ-MM-TT": "first valid day, YYYY-MM-DD",
        },
    )

    with translation.override("en"), pytest.raises(SystemExit):
        call_command("import_areas", "--help")

    out = capsys.readouterr().out
    assert "property with the area's id" in out
    assert "first valid day, YYYY-MM-DD" in out
