"""bench/synthetic_directory.py: a reproducible synthetic directory in the city's areas."""

import sys
from io import StringIO
from pathlib import Path

import pytest

from sozialraum.areas.models import Area
from sozialraum.directory.models import Address, Location, Organization, Service
from tests.areas.factories import AreaFactory, square

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from synthetic_directory import generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_districts():
    return [
        AreaFactory(code="01", name="West", geometry=square(13.30, 52.50, 0.1)),
        AreaFactory(code="02", name="Ost", geometry=square(13.40, 52.50, 0.1)),
    ]


def service_ids() -> list:
    return list(Service.objects.order_by("pk").values_list("pk", flat=True))


def test_same_seed_gives_the_same_directory_and_replaces_the_earlier_one(two_districts):
    out = StringIO()
    counts = generate(services=200, locations=80, seed=3, stdout=out)
    first = service_ids()

    generate(services=200, locations=80, seed=3)

    assert service_ids() == first
    assert Service.objects.count() == counts["services"] == 200
    assert Location.objects.count() == 80
    assert Organization.objects.count() == 15
    assert "200 services" in out.getvalue()
    generate(services=200, locations=80, seed=4)
    assert set(service_ids()).isdisjoint(first)


def test_every_address_lies_in_the_area_it_is_linked_to(two_districts):
    from shapely.geometry import Point, shape

    generate(services=100, locations=60, seed=1)

    shapes = {area.pk: shape(area.geometry) for area in Area.objects.all()}
    addresses = Address.objects.select_related("location")
    assert addresses.count() >= 50
    for address in addresses:
        point = Point(address.location.longitude, address.location.latitude)
        assert shapes[address.area_id].covers(point)
    assert {address.area_id for address in addresses} == {area.pk for area in two_districts}


def test_generated_services_can_be_filtered_like_real_ones(two_districts):
    generate(services=300, locations=100, seed=1)

    public = Service.objects.public()
    assert 0.9 * 300 < public.count() < 300
    assert public.in_area(two_districts[0]).exists()
    assert Service.objects.with_language("de").count() == 300
    assert Service.objects.filter(name__icontains="beratung").exists()
    assert Service.objects.digital_contact_points().exists()
    service = Service.objects.first()
    assert service.schedules.exists() and service.attributes.exists()
