"""A small public directory for the widget and the events feed: two topics, two districts."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from sozialraum.areas.models import Area
from sozialraum.directory.models import (
    Event,
    Organization,
    Service,
    Taxonomy,
    TaxonomyTerm,
)
from tests.areas.factories import AreaFactory, AreaLevelFactory

from .factories import (
    AddressFactory,
    AttributeFactory,
    EventFactory,
    LocationFactory,
    OrganizationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)
from .factories_public import term


def service_in(area: Area, **kwargs) -> Service:
    service = ServiceFactory(**kwargs)
    location = LocationFactory(organization=service.organization)
    AddressFactory(location=location, area=area)
    ServiceAtLocationFactory(service=service, location=location)
    return service


@dataclass
class SmallDirectory:
    debts: TaxonomyTerm
    housing: TaxonomyTerm
    mitte: Area
    moabit: Area
    pankow: Area
    charity: Organization
    debt_advice: Service
    tenant_advice: Service
    debt_advice_pankow: Service
    closed_service: Service
    defunct_service: Service


def create_small_directory() -> SmallDirectory:
    """Mitte (with Moabit below it) and Pankow; debt advice in Moabit and in Pankow, tenant
    advice in Mitte; one temporarily closed service and one defunct one."""
    district = AreaLevelFactory(name="Bezirk", rank=1)
    mitte = AreaFactory(level=district, code="01", name="Mitte")
    pankow = AreaFactory(level=district, code="03", name="Pankow")
    moabit = AreaFactory(
        level=AreaLevelFactory(name="Ortsteil", rank=2), code="0102", name="Moabit", parent=mitte
    )
    debts = term(Taxonomy.TOPICS, "schulden", "Schulden")
    housing = term(Taxonomy.TOPICS, "wohnen", "Wohnen")
    charity = OrganizationFactory(name="Diakonie Mitte")
    debt_advice = service_in(
        moabit,
        organization=charity,
        name="Schuldnerberatung Moabit",
        short_description="Hilfe, wenn das Geld nicht reicht.",
    )
    AttributeFactory(service=debt_advice, taxonomy_term=debts)
    tenant_advice = service_in(mitte, organization=charity, name="Mieterberatung Mitte")
    AttributeFactory(service=tenant_advice, taxonomy_term=housing)
    debt_advice_pankow = service_in(pankow, name="Schuldnerberatung Pankow")
    AttributeFactory(service=debt_advice_pankow, taxonomy_term=debts)
    closed_service = service_in(
        pankow, name="Sozialberatung Pankow", status=Service.Status.TEMPORARILY_CLOSED
    )
    defunct_service = service_in(
        mitte, organization=charity, name="Alte Beratung", status=Service.Status.DEFUNCT
    )
    AttributeFactory(service=defunct_service, taxonomy_term=debts)
    return SmallDirectory(
        debts=debts,
        housing=housing,
        mitte=mitte,
        moabit=moabit,
        pankow=pankow,
        charity=charity,
        debt_advice=debt_advice,
        tenant_advice=tenant_advice,
        debt_advice_pankow=debt_advice_pankow,
        closed_service=closed_service,
        defunct_service=defunct_service,
    )


def event_of(service: Service, *, days: int = 7, **kwargs) -> Event:
    """An event of the service at its first location, `days` from now."""
    if "location" not in kwargs:
        at_location = service.service_at_locations.select_related("location").first()
        kwargs["location"] = at_location.location if at_location else None
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)
    return EventFactory(
        organization=service.organization,
        service=service,
        start=start,
        end=start + datetime.timedelta(hours=2),
        **kwargs,
    )
