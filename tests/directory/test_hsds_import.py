"""`hsds_import` and `sozialraum import_hsds`: HSDS 3.0 JSON into the directory."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.utils import translation

from sozialraum.core.models import AuditEntry
from sozialraum.directory.hsds_import import HsdsImportError, ImportLimits, hsds_import
from sozialraum.directory.models import (
    Address,
    Attribute,
    Contact,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

from ..areas.factories import AreaFactory, AreaLevelFactory, square
from .factories import LocationFactory
from .hsds_data import (
    address,
    directory,
    location,
    new_id,
    openreferral_example,
    organization,
    phone,
    service,
    write,
)

pytestmark = pytest.mark.django_db


def errors_of(paths, **options) -> list[str]:
    with pytest.raises(HsdsImportError) as caught:
        hsds_import(paths=paths, **options)
    return [str(problem) for problem in caught.value.problems]


def nothing_written() -> bool:
    return not (
        Organization.objects.exists()
        or Service.objects.exists()
        or Location.objects.exists()
        or Phone.objects.exists()
    )


# --- what gets imported ---------------------------------------------------------------------


def test_the_standards_example_imports_with_everything_nested(tmp_path: Path):
    path = write(tmp_path, "service_full.json", openreferral_example())

    report = hsds_import(paths=[path])

    counselling = Service.objects.get(pk="ac148810-d857-441c-9679-408f346de14b")
    assert counselling.name == "Community Counselling"
    assert counselling.organization.name == "Example Organization Inc."
    assert counselling.program is not None and counselling.program.name
    assert counselling.minimum_age == 12
    assert counselling.cost_options.count() == 1
    assert counselling.required_documents.count() == 1
    assert counselling.service_areas.count() == 1
    assert counselling.funding.count() == 1
    at_location = counselling.service_at_locations.get()
    assert at_location.location.name == "MyCity Civic Center"
    assert at_location.location.addresses.get().postal_code == "ABC 1234"
    assert at_location.location.accessibility.count() == 1
    term = Attribute.objects.get(service=counselling).taxonomy_term
    assert term.taxonomy.name == "name"  # from taxonomy_detail
    schedule = Schedule.objects.get()
    assert schedule.opens_at.hour == 10
    assert schedule.timezone == "Etc/GMT-3"  # the example's offset of +3 hours
    assert report.counts["service"].created == 1
    assert report.counts["phone"].created == 1


def test_repeated_nested_objects_with_the_same_id_and_content_are_merged(tmp_path: Path):
    """The example nests one phone under the service, its contact, its location and more."""
    hsds_import(paths=[write(tmp_path, "service_full.json", openreferral_example())])

    reception = Phone.objects.get()
    assert reception.service_id is not None
    assert reception.contact_id is not None
    assert reception.location_id is not None
    assert reception.service_at_location_id is not None
    assert reception.organization_id is not None
    assert Contact.objects.count() == 1
    urdu = Language.objects.get()
    assert {urdu.service_id, urdu.location_id, urdu.phone_id} == {
        reception.service_id,
        reception.location_id,
        reception.pk,
    }


def test_an_array_of_organizations_with_nested_services_imports(tmp_path: Path):
    report = hsds_import(paths=[write(tmp_path, "directory.json", directory())])

    diakonie = Organization.objects.get()
    assert sorted(diakonie.services.values_list("name", flat=True)) == [
        "Offenes Café",
        "Schuldnerberatung",
    ]
    counselling = Service.objects.get(name="Schuldnerberatung")
    assert counselling.service_at_locations.get().location.organization == diakonie
    assert counselling.phones.get().number == "030 1234567"
    assert counselling.languages.get().code == "tr"
    assert counselling.schedules.get().timezone == "Europe/Berlin"
    assert report.counts["organization"].created == 1
    assert report.counts["service"].created == 2


def test_a_single_service_object_with_its_organization_imports(tmp_path: Path):
    provider = organization()
    offer = service(organization=provider)
    hsds_import(paths=[write(tmp_path, "one.json", offer)])

    assert Service.objects.get().organization_id is not None
    assert str(Service.objects.get().organization_id) == provider["id"]


def test_a_service_at_a_location_with_its_service_and_location_imports(tmp_path: Path):
    provider = organization()
    item = {"id": new_id(), "service": service(organization=provider), "location": location()}
    hsds_import(paths=[write(tmp_path, "sal.json", [item])])

    at_location = ServiceAtLocation.objects.get()
    assert at_location.service.organization.name == provider["name"]
    assert at_location.location.addresses.count() == 1


def test_services_may_point_to_an_organization_in_another_file_of_the_folder(tmp_path: Path):
    provider = organization()
    write(tmp_path, "b_services.json", [service(organization_id=provider["id"])])
    write(tmp_path, "a_organizations.json", [provider])

    report = hsds_import(paths=[tmp_path])

    assert [Path(name).name for name in report.files] == [
        "a_organizations.json",
        "b_services.json",
    ]
    assert Service.objects.get().organization.name == provider["name"]


def test_an_existing_record_can_be_referenced_by_id(tmp_path: Path):
    known = LocationFactory()
    offer = service(service_at_locations=[{"id": new_id(), "location_id": str(known.pk)}])
    hsds_import(paths=[write(tmp_path, "x.json", [organization(services=[offer])])])

    assert ServiceAtLocation.objects.get().location == known


def test_a_term_named_only_by_its_taxonomys_name_joins_that_taxonomy(tmp_path: Path):
    topics = Taxonomy.objects.get(slug=Taxonomy.TOPICS)
    term = {"id": new_id(), "code": "schuldnerberatung", "name": "Schuldnerberatung"}
    term["description"] = ""
    term["taxonomy"] = "themen"
    offer = service(attributes=[{"id": new_id(), "taxonomy_term": term}])
    hsds_import(paths=[write(tmp_path, "x.json", [organization(services=[offer])])])

    assert TaxonomyTerm.objects.get(code="schuldnerberatung").taxonomy == topics


def test_texts_go_into_the_chosen_language_and_german_is_filled_when_empty(tmp_path: Path):
    path = write(tmp_path, "x.json", [organization(services=[service("Debt advice")])])
    hsds_import(paths=[path], language="en")

    imported = Service.objects.get()
    assert imported.name_en == "Debt advice"
    assert imported.name_de == "Debt advice"  # the fallback every language shows
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM directory_service")
        assert cursor.fetchall() == [("Debt advice",)]  # the column without a language too


# --- idempotent, atomic ---------------------------------------------------------------------


def test_importing_twice_changes_nothing_the_second_time(tmp_path: Path):
    path = write(tmp_path, "service_full.json", openreferral_example())

    first = hsds_import(paths=[path])
    second = hsds_import(paths=[path])

    assert first.counts.keys() == second.counts.keys()
    for kind, count in second.counts.items():
        assert count.created == count.updated == 0, kind
        assert count.unchanged == first.counts[kind].created, kind
    assert Service.objects.count() == 1
    assert Phone.objects.count() == 1
    assert hsds_import(paths=[path]).as_dict() == second.as_dict()


def test_a_changed_value_updates_the_record_and_nothing_else(tmp_path: Path):
    data = directory()
    path = write(tmp_path, "x.json", data)
    hsds_import(paths=[path])
    data[0]["services"][0]["name"] = "Schulden- und Insolvenzberatung"
    write(tmp_path, "x.json", data)

    report = hsds_import(paths=[path])

    assert report.counts["service"].updated == 1
    assert report.counts["service"].unchanged == 1
    assert report.counts["organization"].unchanged == 1
    assert Service.objects.filter(name="Schulden- und Insolvenzberatung").exists()
    assert Service.objects.count() == 2


def test_an_error_in_the_last_file_writes_nothing_at_all(tmp_path: Path):
    write(tmp_path, "1.json", directory())
    broken = service(organization_id=new_id())  # an organization nobody knows
    write(tmp_path, "2.json", [broken])

    problems = errors_of([tmp_path])

    assert any("2.json: $[0].organization_id: Unbekannter Verweis" in p for p in problems)
    assert nothing_written()
    assert not AuditEntry.objects.filter(action="directory.hsds_import").exists()


def test_a_dry_run_counts_but_writes_nothing(tmp_path: Path, monkeypatch):
    indexed = []
    monkeypatch.setattr("sozialraum.directory.search.index_services", indexed.append)
    report = hsds_import(paths=[write(tmp_path, "x.json", directory())], dry_run=True)

    assert report.counts["service"].created == 2
    assert nothing_written()
    assert indexed == []
    assert not AuditEntry.objects.exists()


def test_an_import_is_one_audit_entry_and_reindexes_the_services(tmp_path: Path, monkeypatch):
    indexed = []
    monkeypatch.setattr("sozialraum.directory.search.index_services", indexed.append)
    hsds_import(paths=[write(tmp_path, "x.json", directory())])

    entry = AuditEntry.objects.get(action="directory.hsds_import")
    assert entry.actor_label == "system"
    assert entry.after["counts"]["service"]["created"] == 2
    assert sorted(map(str, indexed[0])) == sorted(
        str(pk) for pk in Service.objects.values_list("pk", flat=True)
    )


# --- errors: file, JSON path, reason --------------------------------------------------------


def test_invalid_json_is_reported_with_line_and_column(tmp_path: Path):
    path = tmp_path / "broken.json"
    path.write_text('[\n  {"id": "x",\n   "name": }\n]', encoding="utf-8")

    [problem] = errors_of([path])

    assert problem == f"{path}: Kein gültiges JSON in Zeile 3, Spalte 12: Expecting value"


def test_a_schema_violation_names_the_json_path(tmp_path: Path):
    offer = service(phones=[phone(), {"id": new_id(), "type": "voice"}])
    path = write(tmp_path, "x.json", [organization(), organization(services=[offer])])

    problems = errors_of([path])

    assert problems == [f"{path}: $[1].services[0].phones[1].number: Pflichtfeld fehlt (HSDS 3.0)."]
    assert nothing_written()


def test_wrong_types_and_values_are_schema_violations(tmp_path: Path):
    offer = service(status="open", minimum_age="zwölf")
    path = write(tmp_path, "x.json", [offer | {"organization": organization()}])

    problems = errors_of([path])

    assert f'{path}: $[0].minimum_age: Erwartet wird Zahl, nicht "zwölf" (HSDS 3.0).' in problems
    assert any(p.startswith(f"{path}: $[0].status: „open“ ist nicht erlaubt") for p in problems)


def test_an_unknown_location_of_a_service_at_location_is_an_error(tmp_path: Path):
    missing = new_id()
    offer = service(service_at_locations=[{"id": new_id(), "location_id": missing}])
    path = write(tmp_path, "x.json", [organization(services=[offer])])

    [problem] = errors_of([path])

    assert problem.startswith(f"{path}: $[0].services[0].service_at_locations[0].location_id: ")
    assert f"location {missing}, das es weder in den Daten noch in der Datenbank gibt" in problem


def test_the_same_id_with_different_content_is_a_conflicting_duplicate(tmp_path: Path):
    number = phone()
    other = number | {"number": "030 999"}
    offer = service(phones=[number], contacts=[{"id": new_id(), "phones": [other]}])
    path = write(tmp_path, "x.json", [organization(services=[offer])])

    [problem] = errors_of([path])

    assert problem.startswith(f"{path}: $[0].services[0].contacts[0].phones[0].number: ")
    assert f"steht auch in {path}: $[0].services[0].phones[0].number" in problem
    assert "'030 1234567'" in problem and "'030 999'" in problem


def test_a_nested_object_under_two_different_parents_of_one_kind_is_a_conflict(tmp_path: Path):
    shared = address()
    first, second = location(addresses=[shared]), location(addresses=[shared])
    path = write(tmp_path, "x.json", [organization(locations=[first, second])])

    [problem] = errors_of([path])

    assert problem.startswith(f"{path}: $[0].locations[1].addresses[0]: Widersprüchliche Angaben")


def test_coordinates_outside_the_earth_are_refused(tmp_path: Path):
    place = location(latitude=91, longitude=13)
    path = write(tmp_path, "x.json", [organization(locations=[place])])

    [problem] = errors_of([path])

    assert problem == f"{path}: $[0].locations[0].latitude: " + (
        "91.0 liegt außerhalb des Bereichs von -90 bis 90."
    )


def test_a_number_too_large_for_a_float_is_refused(tmp_path: Path):
    path = tmp_path / "x.json"
    text = json.dumps([organization(locations=[location(latitude=52.5, longitude=13.4)])])
    path.write_text(text.replace("52.5", "1e400"), encoding="utf-8")

    problems = errors_of([path])

    assert f"{path}: $[0].locations[0].latitude: Die Zahl ist zu groß." in problems


def test_the_unmodified_example_of_the_standard_is_refused_with_each_reason(tmp_path: Path):
    path = write(tmp_path, "service_full.json", openreferral_example(fixed=False))

    problems = errors_of([path])

    assert f"{path}: $.organization.parent_organization_id: Unbekannter Verweis" in "\n".join(
        problems
    )
    text = "\n".join(problems)
    assert "$.attributes[0].taxonomy_term.parent_id: Unbekannter Verweis" in text
    assert any("location.latitude: 100.0 liegt außerhalb" in p for p in problems)
    assert nothing_written()


def test_a_text_longer_than_the_field_allows_is_refused(tmp_path: Path):
    path = write(tmp_path, "x.json", [organization(services=[service("B" * 300)])])

    [problem] = errors_of([path])

    assert problem.startswith(f"{path}: $[0].services[0].name: ")
    assert "255" in problem


def test_absurd_sizes_are_refused_by_the_limits(tmp_path: Path):
    many = [phone() for _ in range(6)]
    path = write(
        tmp_path,
        "x.json",
        [organization(description="x" * 600, services=[service(phones=many)])],
    )
    limits = ImportLimits(max_string_length=500, max_list_length=5)

    problems = errors_of([path], limits=limits)

    assert (
        f"{path}: $[0].description: Der Text ist 600 Zeichen lang; erlaubt sind höchstens 500."
        in problems
    )
    assert (
        f"{path}: $[0].services[0].phones: Die Liste hat 6 Einträge; erlaubt sind höchstens 5."
        in problems
    )
    [too_big] = errors_of([path], limits=ImportLimits(max_file_bytes=100))
    assert too_big.startswith(f"{path}: Die Datei ist ")


def test_every_error_is_reported_up_to_the_cap(tmp_path: Path):
    broken = [
        service(organization_id=new_id()),
        service(organization_id=new_id()),
        service(organization_id=new_id()),
    ]
    path = write(tmp_path, "x.json", broken)

    assert len(errors_of([path])) == 3
    assert len(errors_of([path], limits=ImportLimits(max_errors=2))) == 2


def test_a_missing_path_is_an_error(tmp_path: Path):
    [problem] = errors_of([tmp_path / "nope.json"])

    assert "Die Datei oder den Ordner gibt es nicht." in problem


# --- areas ----------------------------------------------------------------------------------


@pytest.fixture
def districts():
    level = AreaLevelFactory(name="Bezirk", rank=1)
    return {
        "neukoelln": AreaFactory(level=level, name="Neukölln", geometry=square(13.40, 52.45)),
        "mitte": AreaFactory(level=level, name="Mitte", geometry=square(13.30, 52.50)),
    }


def test_the_region_is_matched_to_an_area_whatever_the_case_or_umlauts(tmp_path: Path, districts):
    places = [
        location(addresses=[address(region="NEUKOELLN")]),
        location(addresses=[address(region="neukölln")]),
    ]
    hsds_import(paths=[write(tmp_path, "x.json", [organization(locations=places)])])

    assert {a.area for a in Address.objects.all()} == {districts["neukoelln"]}


def test_the_point_wins_over_the_region(tmp_path: Path, districts):
    place = location(latitude=52.505, longitude=13.305, addresses=[address(region="Neukölln")])
    hsds_import(paths=[write(tmp_path, "x.json", [organization(locations=[place])])])

    assert Address.objects.get().area == districts["mitte"]


def test_a_region_that_matches_no_area_is_a_warning(tmp_path: Path, districts):
    place = location(addresses=[address(region="Atlantis")])
    path = write(tmp_path, "x.json", [organization(locations=[place])])

    report = hsds_import(paths=[path])

    assert [str(w) for w in report.warnings] == [
        f"{path}: $[0].locations[0].addresses[0].region: "
        "Kein Gebiet heißt „Atlantis“; die Adresse bleibt ohne Gebiet."
    ]
    assert Address.objects.get().area is None


def test_without_any_areas_one_warning_says_so(tmp_path: Path):
    places = [location(addresses=[address(region="Mitte")]) for _ in range(3)]
    report = hsds_import(paths=[write(tmp_path, "x.json", [organization(locations=places)])])

    [warning] = report.warnings
    assert "Es sind keine Gebiete geladen" in str(warning)


# --- HTML is text ---------------------------------------------------------------------------


def test_html_in_a_name_is_stored_as_text_and_escaped_on_the_detail_page(
    tmp_path: Path, client: Client
):
    name = "<script>alert('x')</script>Beratung"
    hsds_import(paths=[write(tmp_path, "x.json", [organization(services=[service(name)])])])
    imported = Service.objects.get()
    assert imported.name == name

    with translation.override("de"):
        html = client.get(f"/de/angebote/{imported.pk}/").content.decode()

    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(" in html


# --- the command ----------------------------------------------------------------------------


def test_the_command_prints_counts_per_kind(tmp_path: Path):
    path = write(tmp_path, "x.json", directory())
    out = StringIO()

    call_command("import_hsds", str(path), stdout=out, stderr=StringIO())

    assert "Angebote: 2 neu, 0 geändert, 0 unverändert" in out.getvalue()
    assert "Organisationen: 1 neu, 0 geändert, 0 unverändert" in out.getvalue()


def test_the_command_records_the_actor_in_the_audit_log(tmp_path: Path, user):
    path = write(tmp_path, "x.json", directory())
    call_command("import_hsds", str(path), "--actor", user.email.upper(), stdout=StringIO())

    assert AuditEntry.objects.get(action="directory.hsds_import").actor == user


def test_the_command_dry_run_writes_nothing(tmp_path: Path):
    out = StringIO()
    path = write(tmp_path, "x.json", directory())
    call_command("import_hsds", str(path), "--dry-run", stdout=out)

    assert "Probelauf" in out.getvalue()
    assert nothing_written()


def test_the_command_fails_with_the_problems_on_stderr(tmp_path: Path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps([service(organization_id=new_id())]), encoding="utf-8")
    err = StringIO()

    with pytest.raises(CommandError, match="Nichts importiert: 1 Fehler"):
        call_command("import_hsds", str(path), stdout=StringIO(), stderr=err)

    assert f"{path}: $[0].organization_id: Unbekannter Verweis" in err.getvalue()


def test_a_rule_that_names_no_day_is_kept_out_and_warned_about(tmp_path: Path):
    """The standard's example rule asks for days 2 to 4 of the year in weeks 41 and 42."""
    report = hsds_import(paths=[write(tmp_path, "x.json", openreferral_example())])

    schedule = Schedule.objects.get()
    assert schedule.freq == ""
    assert schedule.description.startswith("The service is available from 10 am")
    assert any("ergibt keinen einzigen Termin" in str(w) for w in report.warnings)


def test_a_weekly_rule_is_imported_and_opens_on_its_days(tmp_path: Path):
    import datetime

    hsds_import(paths=[write(tmp_path, "x.json", directory())])

    schedule = Schedule.objects.get()
    assert (schedule.freq, schedule.byday) == ("WEEKLY", "MO,TH")
    assert schedule.opens_on(datetime.date(2026, 12, 7))  # a Monday
    assert not schedule.opens_on(datetime.date(2026, 12, 8))


def test_an_id_that_is_no_uuid_is_a_schema_violation(tmp_path: Path):
    path = write(tmp_path, "x.json", [organization(id="diakonie-1")])

    [problem] = errors_of([path])

    assert problem == f"{path}: $[0].id: „diakonie-1“ ist keine gültige Angabe im Format uuid " + (
        "(HSDS 3.0)."
    )
