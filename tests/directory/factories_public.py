"""A small public directory with places on the map: the search page's and the map's tests."""

import datetime
from dataclasses import dataclass

from sozialraum.areas.models import Area
from sozialraum.directory.models import (
    Language,
    Organization,
    Service,
    Taxonomy,
    TaxonomyTerm,
)
from tests.areas.factories import AreaFactory, AreaLevelFactory, square

from .factories import (
    AddressFactory,
    AttributeFactory,
    LocationFactory,
    OrganizationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)


def term(slug: str, code: str, name: str) -> TaxonomyTerm:
    """A term of a seeded taxonomy (browser tests flush the seed, so create it if missing)."""
    taxonomy, _ = Taxonomy.objects.get_or_create(slug=slug, defaults={"name": slug.title()})
    found, _ = TaxonomyTerm.objects.get_or_create(
        taxonomy=taxonomy, code=code, defaults={"name": name}
    )
    return found


def service_at(
    area: Area | None,
    latitude: float,
    longitude: float,
    *,
    postal_code: str = "10559",
    street: str = "",
    **kwargs,
) -> Service:
    """A service at a new place with coordinates and a physical address in the area."""
    service = ServiceFactory(**kwargs)
    location = LocationFactory(
        organization=service.organization,
        latitude=latitude,
        longitude=longitude,
        name=f"Haus {service.name}",
    )
    address_kwargs = {"address_1": street} if street else {}
    AddressFactory(location=location, area=area, postal_code=postal_code, **address_kwargs)
    ServiceAtLocationFactory(service=service, location=location)
    return service


@dataclass
class PublicDirectory:
    debts: TaxonomyTerm
    housing: TaxonomyTerm
    families: TaxonomyTerm
    wheelchair: TaxonomyTerm
    free: TaxonomyTerm
    mitte: Area
    moabit: Area
    pankow: Area
    charity: Organization
    debt_advice: Service
    tenant_advice: Service
    debt_advice_pankow: Service
    closed_service: Service
    defunct_service: Service
    inactive_service: Service
    digital_help: Service


def create_public_directory() -> PublicDirectory:
    """Mitte (Moabit below it) and Pankow, squares 0.1° wide; services with coordinates."""
    district = AreaLevelFactory(name="Bezirk", rank=1)
    mitte = AreaFactory(
        level=district,
        code="01",
        name="Mitte",
        geometry=square(13.3, 52.5, 0.1),
        point_lat=52.52,
        point_lon=13.35,
    )
    pankow = AreaFactory(
        level=district,
        code="03",
        name="Pankow",
        geometry=square(13.4, 52.55, 0.1),
        point_lat=52.58,
        point_lon=13.45,
    )
    moabit = AreaFactory(
        level=AreaLevelFactory(name="Ortsteil", rank=2),
        code="0102",
        name="Moabit",
        parent=mitte,
        geometry=square(13.32, 52.52, 0.03),
        point_lat=52.53,
        point_lon=13.34,
    )
    debts = term(Taxonomy.TOPICS, "schulden", "Schulden")
    housing = term(Taxonomy.TOPICS, "wohnen", "Wohnen")
    families = term(Taxonomy.TARGET_GROUPS, "familien", "Familien")
    wheelchair = term(Taxonomy.FEATURES, "rollstuhlgerecht", "Rollstuhlgerecht")
    free = term(Taxonomy.FEATURES, "kostenlos", "Kostenlos")
    charity = OrganizationFactory(name="Diakonie Mitte")
    today = datetime.date.today()
    debt_advice = service_at(
        moabit,
        52.53,
        13.34,
        organization=charity,
        name="Schuldnerberatung Moabit",
        short_description="Hilfe, wenn das Geld nicht reicht.",
        street="Turmstraße 21",
        assured_date=today,
    )
    for attached in (debts, families, wheelchair, free):
        AttributeFactory(service=debt_advice, taxonomy_term=attached)
    Language.objects.create(service=debt_advice, code="tr", name="Türkisch")
    tenant_advice = service_at(
        mitte, 52.51, 13.31, organization=charity, name="Mieterberatung Mitte", assured_date=today
    )
    AttributeFactory(service=tenant_advice, taxonomy_term=housing)
    AttributeFactory(service=tenant_advice, taxonomy_term=families)
    debt_advice_pankow = service_at(
        pankow,
        52.58,
        13.45,
        name="Schuldnerberatung Pankow",
        postal_code="13187",
        assured_date=today,
    )
    AttributeFactory(service=debt_advice_pankow, taxonomy_term=debts)
    AttributeFactory(service=debt_advice_pankow, taxonomy_term=free)
    closed_service = service_at(
        pankow,
        52.59,
        13.46,
        name="Sozialberatung Pankow",
        postal_code="13187",
        status=Service.Status.TEMPORARILY_CLOSED,
        alert="Wegen Umbau bis Ende des Monats geschlossen.",
        assured_date=today,
    )
    defunct_service = service_at(
        mitte,
        52.51,
        13.32,
        organization=charity,
        name="Alte Beratung",
        status=Service.Status.DEFUNCT,
    )
    AttributeFactory(service=defunct_service, taxonomy_term=debts)
    inactive_service = service_at(
        moabit, 52.53, 13.34, name="Ruhende Schuldnerberatung", status=Service.Status.INACTIVE
    )
    AttributeFactory(service=inactive_service, taxonomy_term=debts)
    digital_help = service_at(
        moabit,
        52.531,
        13.341,
        name="Digitalhilfe im Kiezladen",
        kind=Service.Kind.DIGITAL_CONTACT_POINT,
        short_description="Hilfe mit Smartphone und Online-Formularen.",
        assured_date=today,
    )
    return PublicDirectory(
        debts=debts,
        housing=housing,
        families=families,
        wheelchair=wheelchair,
        free=free,
        mitte=mitte,
        moabit=moabit,
        pankow=pankow,
        charity=charity,
        debt_advice=debt_advice,
        tenant_advice=tenant_advice,
        debt_advice_pankow=debt_advice_pankow,
        closed_service=closed_service,
        defunct_service=defunct_service,
        inactive_service=inactive_service,
        digital_help=digital_help,
    )
