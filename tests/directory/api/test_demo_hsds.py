"""The whole demo directory, as the API and the export write it, is valid HSDS 3.0."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management.color import no_style

from sozialraum.directory.api.export import export_bytes

demo = pytest.importorskip("sozialraum.directory.demo")

pytestmark = pytest.mark.django_db


def test_demo_directory_is_valid_hsds_everywhere(client, hsds):
    from sozialraum.areas import demo as areas_demo

    areas_demo.load(StringIO(), no_style())
    demo.load_directory(today=datetime.date(2026, 3, 2))

    services = json.loads(export_bytes("json"))
    assert len(services) >= 50
    for service in services:
        hsds.validate(service, "service")
    for path, schema in [
        ("services?full=true&per_page=500", "service"),
        ("organizations?full=true&full_service=true&per_page=500", "organization"),
        ("service_at_locations?full=true&per_page=500", "service_at_location"),
        ("taxonomy_terms?per_page=500", "taxonomy_term"),
    ]:
        page = client.get(f"/api/hsds/{path}").json()
        assert page["last_page"], path
        hsds.validate_page(page, schema)
