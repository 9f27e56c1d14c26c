"""What the export writes, the import reads back: other systems can exchange data with us."""

import json

import pytest

from sozialraum.directory.api.export import export_bytes
from sozialraum.directory.hsds_import import hsds_import
from sozialraum.directory.models import Service
from tests.directory.factories_api import full_service

pytestmark = pytest.mark.django_db


def without_times(export: bytes) -> object:
    """The export without `last_modified`, which records when we wrote the rows."""

    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "last_modified"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(json.loads(export))


def test_importing_our_own_export_finds_everything_unchanged(tmp_path):
    full_service()
    path = tmp_path / "export.json"
    path.write_bytes(export_bytes("json"))

    report = hsds_import(paths=[path])

    assert report.counts["service"].unchanged == 1
    totals = report.totals()
    assert totals.created == totals.updated == 0, report.as_dict()


def test_our_export_fills_an_empty_directory_with_the_same_services(tmp_path):
    service = full_service()
    path = tmp_path / "export.json"
    path.write_bytes(export_bytes("json"))
    exported = export_bytes("json")
    Service.objects.all().delete()
    service.organization.delete()

    hsds_import(paths=[path])

    assert Service.objects.get(pk=service.pk).name == service.name
    assert without_times(export_bytes("json")) == without_times(exported)
