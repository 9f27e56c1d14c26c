"""Factories for the directory's HSDS models; users and organizations come from tests.factories."""

import datetime

import factory
from django.utils import timezone

from sozialraum.directory.models import (
    Address,
    Attribute,
    Event,
    Location,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

__all__ = [
    "AddressFactory",
    "AttributeFactory",
    "EventFactory",
    "LocationFactory",
    "MembershipFactory",
    "OrganizationFactory",
    "ScheduleFactory",
    "ServiceAtLocationFactory",
    "ServiceFactory",
    "TaxonomyFactory",
    "TaxonomyTermFactory",
    "UserFactory",
]


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Beratung {n}")
    short_description = "Hilfe bei Fragen zu Geld und Schulden."
    status = Service.Status.ACTIVE


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Stadtteilzentrum {n}")
    location_type = Location.LocationType.PHYSICAL


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    location = factory.SubFactory(LocationFactory)
    address_1 = factory.Sequence(lambda n: f"Turmstraße {n + 1}")
    city = "Berlin"
    state_province = "Berlin"
    postal_code = "10559"
    country = "DE"
    address_type = Address.AddressType.PHYSICAL


class ServiceAtLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceAtLocation

    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(LocationFactory)


class ScheduleFactory(factory.django.DjangoModelFactory):
    """Mondays and Tuesdays 9:00-12:00 at a service, unless told otherwise."""

    class Meta:
        model = Schedule

    service = factory.SubFactory(ServiceFactory)
    freq = Schedule.Freq.WEEKLY
    byday = "MO,TU"
    opens_at = datetime.time(9, 0)
    closes_at = datetime.time(12, 0)


class TaxonomyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Taxonomy

    slug = factory.Sequence(lambda n: f"taxonomie-{n}")
    name = factory.Sequence(lambda n: f"Taxonomie {n}")


class TaxonomyTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaxonomyTerm

    taxonomy = factory.SubFactory(TaxonomyFactory)
    code = factory.Sequence(lambda n: f"begriff-{n}")
    name = factory.Sequence(lambda n: f"Begriff {n}")


class AttributeFactory(factory.django.DjangoModelFactory):
    """A term attached to a service; pass organization=… (and service=None) for other records."""

    class Meta:
        model = Attribute

    taxonomy_term = factory.SubFactory(TaxonomyTermFactory)
    service = factory.SubFactory(ServiceFactory)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Erzählcafé {n}")
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
