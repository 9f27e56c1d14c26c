"""Export of all public directory data as HSDS 3.0: JSON, CSV (zip) and XLSX (docs/export.md).

- JSON: an array of fully nested public services (the same objects as ``/api/hsds/services/{id}``,
  the organization with its own contacts, phones, programs and funding), streamed in batches.
- CSV: the HSDS tabular files (``services.csv``, ``phones.csv`` …) in one zip, with a
  ``datapackage.json`` naming them. The rows come from the same nested objects, flattened: every
  object once, with the id of the object it hangs from (``service_id``, ``location_id`` …).
- XLSX: the same tables, one sheet each.

Files are written to a temporary file beside the target and renamed into place, so a reader
(the download view) sees the old file or the new one, never half of one.
"""

import csv
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Protocol

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation

from sozialraum.core.spreadsheets import inert

from ..models import Service
from .serializers import (
    HSDS_VERSION,
    Json,
    Serializer,
    common_lookups,
    fetch,
    prefetch_full_services,
)

FORMATS = ("json", "zip", "xlsx")
CONTENT_TYPES = {
    "json": "application/json",
    "zip": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
BATCH = 200

#: HSDS 3.0 tables: file name and columns (the scalar fields of each schema), in HSDS's order.
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "organization": (
        "organizations.csv",
        (
            "id", "name", "alternate_name", "description", "email", "website", "tax_status",
            "tax_id", "year_incorporated", "legal_status", "logo", "uri",
            "parent_organization_id",
        ),
    ),
    "program": (
        "programs.csv", ("id", "organization_id", "name", "alternate_name", "description")
    ),
    "service": (
        "services.csv",
        (
            "id", "organization_id", "program_id", "name", "alternate_name", "description",
            "url", "email", "status", "interpretation_services", "application_process",
            "fees_description", "wait_time", "fees", "accreditations",
            "eligibility_description", "minimum_age", "maximum_age", "assured_date",
            "assurer_email", "licenses", "alert", "last_modified",
        ),
    ),
    "attribute": (
        "attributes.csv",
        ("id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"),
    ),
    "service_at_location": (
        "service_at_location.csv", ("id", "service_id", "location_id", "description")
    ),
    "location": (
        "locations.csv",
        (
            "id", "location_type", "url", "organization_id", "name", "alternate_name",
            "description", "transportation", "latitude", "longitude", "external_identifier",
            "external_identifier_type",
        ),
    ),
    "phone": (
        "phones.csv",
        (
            "id", "location_id", "service_id", "organization_id", "contact_id",
            "service_at_location_id", "number", "extension", "type", "description",
        ),
    ),
    "contact": (
        "contacts.csv",
        (
            "id", "organization_id", "service_id", "service_at_location_id", "location_id",
            "name", "title", "department", "email",
        ),
    ),
    "address": (
        "addresses.csv",
        (
            "id", "location_id", "attention", "address_1", "address_2", "city", "region",
            "state_province", "postal_code", "country", "address_type",
        ),
    ),
    "schedule": (
        "schedules.csv",
        (
            "id", "service_id", "location_id", "service_at_location_id", "valid_from",
            "valid_to", "dtstart", "timezone", "until", "count", "wkst", "freq", "interval",
            "byday", "byweekno", "bymonthday", "byyearday", "description", "opens_at",
            "closes_at", "schedule_link", "attending_type", "notes",
        ),
    ),
    "funding": ("funding.csv", ("id", "organization_id", "service_id", "source")),
    "service_area": (
        "service_areas.csv",
        ("id", "service_id", "name", "description", "extent", "extent_type", "uri"),
    ),
    "required_document": ("required_documents.csv", ("id", "service_id", "document", "uri")),
    "language": (
        "languages.csv", ("id", "service_id", "location_id", "phone_id", "name", "code", "note")
    ),
    "accessibility": (
        "accessibility.csv", ("id", "location_id", "description", "details", "url")
    ),
    "taxonomy_term": (
        "taxonomy_terms.csv",
        (
            "id", "code", "name", "description", "parent_id", "taxonomy", "language",
            "taxonomy_id", "term_uri",
        ),
    ),
    "cost_option": (
        "cost_options.csv",
        (
            "id", "service_id", "valid_from", "valid_to", "option", "currency", "amount",
            "amount_description",
        ),
    ),
    "organization_identifier": (
        "organization_identifiers.csv",
        ("id", "organization_id", "identifier_scheme", "identifier_type", "identifier"),
    ),
    "taxonomy": ("taxonomies.csv", ("id", "name", "description", "uri", "version")),
}  # fmt: skip

#: Which table a nested key of the HSDS JSON belongs to.
NESTED_TABLES = {
    "organization": "organization",
    "program": "program",
    "programs": "program",
    "services": "service",
    "attributes": "attribute",
    "service_at_locations": "service_at_location",
    "location": "location",
    "locations": "location",
    "phones": "phone",
    "contacts": "contact",
    "addresses": "address",
    "schedules": "schedule",
    "funding": "funding",
    "service_areas": "service_area",
    "required_documents": "required_document",
    "languages": "language",
    "accessibility": "accessibility",
    "taxonomy_term": "taxonomy_term",
    "taxonomy_detail": "taxonomy",
    "cost_options": "cost_option",
    "organization_identifiers": "organization_identifier",
}


def export_services() -> QuerySet[Service]:
    """Every public service, fully loaded, its organization's own details included."""
    services = prefetch_full_services(Service.objects.public().order_by("name", "pk"))
    return services.prefetch_related(
        *common_lookups("organization__"),
        fetch("organization__funding"),
        fetch("organization__programs"),
        fetch("organization__organization_identifiers"),
    )


def full_services(language: str | None = None) -> Iterator[Json]:
    """The export's objects: full services, each with its organization's own details."""
    with translation.override(language or settings.LANGUAGE_CODE):
        serializer = Serializer()
        for service in export_services().iterator(chunk_size=BATCH):
            data = serializer.service_full(service)
            data["organization"] = serializer.organization_full(
                service.organization, services=None, with_locations=False
            )
            yield data


def flatten(service: Json) -> Iterator[tuple[str, Json]]:
    """The rows of the HSDS tables in one nested service: (table, row) for every object."""

    def walk(table: str, obj: Json, parent: tuple[str, str] | None) -> Iterator[tuple[str, Json]]:
        columns = TABLES[table][1]
        row = {name: value for name, value in obj.items() if name in columns}
        if parent is not None:
            link = f"{parent[0]}_id"
            if link in columns:
                row.setdefault(link, parent[1])
        yield table, row
        for key, value in obj.items():
            nested = NESTED_TABLES.get(key)
            if nested is None:
                continue
            for child in value if isinstance(value, list) else [value]:
                yield from walk(nested, child, (table, obj["id"]))

    yield from walk("service", service, None)


class TableSink(Protocol):
    def append(self, table: str, row: Json) -> None: ...


def fill_tables(sink: TableSink, services: Iterable[Json]) -> None:
    """Every object once (the same organization hangs from many services)."""
    seen: dict[str, set[str]] = {table: set() for table in TABLES}
    for service in services:
        for table, row in flatten(service):
            if row["id"] in seen[table]:
                continue
            seen[table].add(row["id"])
            sink.append(table, row)


def cell(value: Any) -> Any:
    """A table cell: empty for None, never an active formula (core/spreadsheets.py)."""
    return "" if value is None else inert(value)


class CsvTables:
    """HSDS tabular files in a zip: one CSV each (UTF-8, header row) and a datapackage.json."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.files: dict[str, IO[str]] = {}
        self.writers: dict[str, Any] = {}
        for table, (filename, columns) in TABLES.items():
            handle = (directory / filename).open("w", newline="", encoding="utf-8")
            self.files[table] = handle
            self.writers[table] = csv.writer(handle)
            self.writers[table].writerow(columns)

    def append(self, table: str, row: Json) -> None:
        self.writers[table].writerow([cell(row.get(name)) for name in TABLES[table][1]])

    def write_zip(self, out: IO[bytes]) -> None:
        for handle in self.files.values():
            handle.close()
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("datapackage.json", json.dumps(datapackage(), indent=2))
            for filename, _columns in TABLES.values():
                archive.write(self.directory / filename, filename)


def datapackage() -> Json:
    return {
        "name": "hsds-export",
        "profile": "tabular-data-package",
        "hsds_version": HSDS_VERSION,
        "resources": [
            {
                "name": table,
                "path": filename,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [{"name": name} for name in columns]},
            }
            for table, (filename, columns) in TABLES.items()
        ],
    }


class XlsxTables:
    """The same tables in one workbook, one sheet each (openpyxl, write-only mode)."""

    def __init__(self) -> None:
        from openpyxl import Workbook

        self.workbook = Workbook(write_only=True)
        self.sheets: dict[str, Any] = {}
        for table, (_filename, columns) in TABLES.items():
            sheet = self.workbook.create_sheet(title=table)
            sheet.append(list(columns))
            self.sheets[table] = sheet

    def append(self, table: str, row: Json) -> None:
        self.sheets[table].append([cell(row.get(name)) for name in TABLES[table][1]])

    def save(self, out: IO[bytes]) -> None:
        self.workbook.save(out)


def write_json(out: IO[bytes], services: Iterable[Json]) -> int:
    """A JSON array, written one service at a time; returns the number of services."""
    count = 0
    out.write(b"[")
    for service in services:
        out.write(b",\n" if count else b"\n")
        out.write(json.dumps(service, ensure_ascii=False).encode())
        count += 1
    out.write(b"\n]\n" if count else b"]\n")
    return count


def write_zip(out: IO[bytes], services: Iterable[Json]) -> None:
    with tempfile.TemporaryDirectory(prefix="hsds-csv-") as directory:
        tables = CsvTables(Path(directory))
        fill_tables(tables, services)
        tables.write_zip(out)


def write_xlsx(out: IO[bytes], services: Iterable[Json]) -> None:
    tables = XlsxTables()
    fill_tables(tables, services)
    tables.save(out)


WRITERS = {"json": write_json, "zip": write_zip, "xlsx": write_xlsx}


@contextmanager
def atomic_file(path: Path) -> Iterator[IO[bytes]]:
    """A file that appears at ``path`` complete or not at all (temporary file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115  # renamed below, not a context
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o644)  # NamedTemporaryFile creates 0600; the web server reads it
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def hsds_export(*, file_format: str, path: Path, language: str | None = None) -> None:
    """Write all public services as HSDS in ``file_format`` (json, zip or xlsx) to ``path``."""
    if file_format not in WRITERS:
        raise ValueError(f"Unbekanntes Format {file_format!r}; möglich sind: {', '.join(FORMATS)}.")
    with atomic_file(path) as out:
        WRITERS[file_format](out, full_services(language))  # type: ignore[operator]


def download_path(file_format: str) -> Path:
    """Where the downloads live: HSDS_EXPORT_DIR/hsds.json, .zip, .xlsx."""
    return Path(settings.HSDS_EXPORT_DIR) / f"hsds.{file_format}"


def hsds_export_downloads() -> list[Path]:
    """Regenerate every download file (the command's ``--downloads`` and the task)."""
    paths = []
    for file_format in FORMATS:
        path = download_path(file_format)
        hsds_export(file_format=file_format, path=path)
        paths.append(path)
    return paths


def export_bytes(file_format: str) -> bytes:
    """The export in memory (tests, small directories)."""
    buffer = io.BytesIO()
    WRITERS[file_format](buffer, full_services())  # type: ignore[operator]
    return buffer.getvalue()
