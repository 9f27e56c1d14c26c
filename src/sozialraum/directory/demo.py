"""The demo directory (`sozialraum load_demo`): fictional organizations and services in Berlin.

Every record has a fixed id (uuid5 of its demo key), so loading again updates the same rows:
organizations, services, locations and events are upserted; what hangs off them (addresses,
opening hours, languages, terms, phones, prices, documents) is replaced. Records that providers
add to a demo organization are left alone. Addresses are linked to Berlin's planning areas of the
demo (LOR until 2020), so load the areas first.
"""

import datetime
import re
import uuid
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from sozialraum.areas.demo import LOR_UNTIL
from sozialraum.areas.locate import AreaLocator
from sozialraum.areas.models import Area

from .demo_data import (
    LANGUAGE_NAMES,
    ORGANIZATIONS,
    PROGRAMS,
    DemoEvent,
    DemoLocation,
    DemoOrganization,
    DemoService,
)
from .demo_events import EVENTS
from .demo_locations import LOCATIONS
from .demo_services_advice import ADVICE_SERVICES
from .demo_services_community import COMMUNITY_SERVICES
from .demo_services_health import HEALTH_SERVICES
from .models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Event,
    Funding,
    Language,
    Location,
    Organization,
    OrganizationIdentifier,
    Phone,
    Program,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from .search import index_services

NAMESPACE = uuid.UUID("0d3c5b6e-8f0a-5a8e-b2c1-5d1e9a7c4f21")
SERVICES: list[DemoService] = [*ADVICE_SERVICES, *COMMUNITY_SERVICES, *HEALTH_SERVICES]
#: Monday of the week every "every second week" rule counts from.
SERIES_START = datetime.date(2025, 1, 6)
FREE_OF_CHARGE = "Kostenlos."
FUNDING = {
    "e. V.": "Mitgliedsbeiträge, Spenden und Zuwendungen des Bezirks",
    "gGmbH": "Leistungsentgelte und Zuwendungen des Landes",
    "Stiftung bürgerlichen Rechts": "Erträge des Stiftungsvermögens und Spenden",
}
_TERM_TAXONOMIES = {"topics": Taxonomy.TOPICS, "groups": Taxonomy.TARGET_GROUPS}
_HOURS = re.compile(
    r"^(?:(?P<interval>\d+)/)?(?P<days>[-0-9A-Z,]+)\s+(?P<opens>\d\d:\d\d)-(?P<closes>\d\d:\d\d)$"
)
_MONTHLY_DAY = re.compile(r"^-?\d[A-Z]{2}$")


def demo_id(kind: str, key: str) -> uuid.UUID:
    """The fixed id of a demo record, e.g. ``demo_id("organization", "am-kanal")``."""
    return uuid.uuid5(NAMESPACE, f"{kind}/{key}")


def organization_id(name: str) -> uuid.UUID:
    """The id of the demo organization with this name (the demo accounts use it)."""
    for organization in ORGANIZATIONS:
        if organization.name == name:
            return demo_id("organization", organization.key)
    raise KeyError(name)


def service_key(service: DemoService) -> str:
    return f"{service.organization}/{service.name}"


def load(stdout, style) -> None:
    counts = load_directory()
    stdout.write(
        style.SUCCESS(
            "Demo directory: {organizations} organizations, {services} services, "
            "{locations} locations, {events} events".format(**counts)
        )
    )


@transaction.atomic
def load_directory(today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    organizations = _load_organizations()
    locations = _load_locations(organizations)
    services = _load_services(organizations, locations, today)
    events = _load_events(organizations, locations, services, today)
    index_services([service.pk for service in services.values()])
    return {
        "organizations": len(organizations),
        "services": len(services),
        "locations": len(locations),
        "events": len(events),
    }


def _upsert(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """Insert the objects or update the rows with their ids (keeping ``created``)."""
    fields = [
        field.name
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name != "created"
    ]
    model._default_manager.bulk_create(  # type: ignore[attr-defined]
        objects, update_conflicts=True, unique_fields=["id"], update_fields=fields
    )


def _translations(field: str, de: str, en: str = "", ar: str = "") -> dict[str, str]:
    return {field: de, f"{field}_de": de, f"{field}_en": en, f"{field}_ar": ar}


# --- organizations ----------------------------------------------------------------------------


def _load_organizations() -> dict[str, Organization]:
    organizations = {}
    for data in ORGANIZATIONS:
        organizations[data.key] = Organization(
            id=demo_id("organization", data.key),
            **_translations("name", data.name, data.name_en),
            **_translations("description", data.description, data.description_en),
            email=f"info@{data.domain}",
            website=f"https://www.{data.domain}/",
            legal_status=data.legal_status,
            year_incorporated=data.year,
            is_trusted=data.trusted,
        )
    _upsert(Organization, list(organizations.values()))
    for data in ORGANIZATIONS:
        if data.parent:
            Organization.objects.filter(pk=organizations[data.key].pk).update(
                parent_organization=organizations[data.parent]
            )
    ids = [organization.pk for organization in organizations.values()]
    OrganizationIdentifier.objects.filter(organization__in=ids).delete()
    Phone.objects.filter(organization__in=ids).delete()
    OrganizationIdentifier.objects.bulk_create(
        _identifier(data, organizations[data.key], number)
        for number, data in enumerate(ORGANIZATIONS)
        if data.legal_status == "e. V."
    )
    Phone.objects.bulk_create(
        Phone(
            id=demo_id("phone", f"organization/{data.key}"),
            organization=organizations[data.key],
            number=data.phone,
            description="Geschäftsstelle",
        )
        for data in ORGANIZATIONS
        if data.phone
    )
    Contact.objects.filter(organization__in=ids).delete()
    Funding.objects.filter(organization__in=ids).delete()
    Contact.objects.bulk_create(
        Contact(
            id=demo_id("contact", data.key),
            organization=organizations[data.key],
            department="Geschäftsstelle",
            email=f"info@{data.domain}",
        )
        for data in ORGANIZATIONS
    )
    Funding.objects.bulk_create(
        Funding(
            id=demo_id("funding", data.key),
            organization=organizations[data.key],
            source=FUNDING.get(data.legal_status, FUNDING["e. V."]),
        )
        for data in ORGANIZATIONS
    )
    _upsert(
        Program,
        [
            Program(
                id=demo_id("program", f"{organization}/{name}"),
                organization=organizations[organization],
                **_translations("name", name),
                **_translations("description", description),
            )
            for organization, name, description, _services in PROGRAMS
        ],
    )
    return organizations


def _identifier(
    data: DemoOrganization, organization: Organization, number: int
) -> OrganizationIdentifier:
    return OrganizationIdentifier(
        id=demo_id("identifier", data.key),
        organization=organization,
        identifier_scheme="DE-VR",
        identifier_type="Vereinsregister (Amtsgericht Charlottenburg)",
        identifier=f"VR {24100 + number * 37} B",
    )


# --- locations --------------------------------------------------------------------------------


def _load_locations(organizations: dict[str, Organization]) -> dict[str, Location]:
    locator = AreaLocator(LOR_UNTIL)
    locations = {}
    for data in LOCATIONS:
        locations[data.key] = Location(
            id=demo_id("location", data.key),
            location_type=(
                Location.LocationType.VIRTUAL if data.is_virtual else Location.LocationType.PHYSICAL
            ),
            organization=organizations[data.organization] if data.organization else None,
            url=data.url,
            **_translations("name", data.name, data.name_en),
            **_translations("transportation", data.transportation),
            latitude=data.latitude,
            longitude=data.longitude,
        )
    _upsert(Location, list(locations.values()))
    ids = [location.pk for location in locations.values()]
    for model in (Address, Accessibility, Language, Phone, Schedule):
        model._default_manager.filter(location__in=ids).delete()  # type: ignore[attr-defined]
    physical = [data for data in LOCATIONS if not data.is_virtual]
    Address.objects.bulk_create(_address(data, locations[data.key], locator) for data in physical)
    Accessibility.objects.bulk_create(
        Accessibility(
            id=demo_id("accessibility", data.key),
            location=locations[data.key],
            **_translations("description", data.accessibility),
        )
        for data in physical
        if data.accessibility
    )
    Language.objects.bulk_create(
        _languages("location", data.key, data.languages, location=locations[data.key])
    )
    return locations


def _address(data: DemoLocation, location: Location, locator: AreaLocator) -> Address:
    assert data.longitude is not None and data.latitude is not None
    return Address(
        id=demo_id("address", data.key),
        location=location,
        address_1=data.street,
        city="Berlin",
        state_province="Berlin",
        postal_code=data.postal_code,
        country="DE",
        address_type=Address.AddressType.PHYSICAL,
        area_id=locator.locate_id(data.longitude, data.latitude),
    )


def _languages(owner: str, key: str, codes: Iterable[str], **parent: Any) -> list[Language]:
    return [
        Language(
            id=demo_id("language", f"{owner}/{key}/{code}"),
            code=code,
            name=LANGUAGE_NAMES[code],
            **parent,
        )
        for code in codes
    ]


# --- services ---------------------------------------------------------------------------------


def _load_services(
    organizations: dict[str, Organization],
    locations: dict[str, Location],
    today: datetime.date,
) -> dict[str, Service]:
    services = {}
    for number, data in enumerate(SERVICES):
        organization = organizations[data.organization]
        services[service_key(data)] = _service(data, organization, number, today)
    _upsert(Service, list(services.values()))
    ids = [service.pk for service in services.values()]
    for model in (
        ServiceAtLocation,
        Schedule,
        Language,
        Attribute,
        CostOption,
        RequiredDocument,
        Phone,
    ):
        model._default_manager.filter(service__in=ids).delete()  # type: ignore[attr-defined]
    terms = _terms()
    organization_phones = {data.key: data.phone for data in ORGANIZATIONS}
    by_location = {data.key: data for data in LOCATIONS}
    at_locations, schedules, languages, attributes = [], [], [], []
    costs, documents, phones = [], [], []
    for data in SERVICES:
        key = service_key(data)
        service = services[key]
        for location_key in data.at:
            at_locations.append(
                ServiceAtLocation(
                    id=demo_id("service_at_location", f"{key}/{location_key}"),
                    service=service,
                    location=locations[location_key],
                )
            )
        schedules += _schedules(key, data.hours, service=service)
        languages += _languages("service", key, data.languages, service=service)
        attributes += [
            Attribute(
                id=demo_id("attribute", f"{key}/{term.pk}"),
                service=service,
                taxonomy_term=term,
            )
            for term in _service_terms(data, terms, [by_location[k] for k in data.at])
        ]
        if data.cost:
            amount, what = data.cost
            costs.append(
                CostOption(
                    id=demo_id("cost_option", key),
                    service=service,
                    amount=Decimal(amount),
                    currency="EUR",
                    **_translations("amount_description", what),
                )
            )
        documents += [
            RequiredDocument(
                id=demo_id("required_document", f"{key}/{position}"),
                service=service,
                **_translations("document", document),
            )
            for position, document in enumerate(data.documents)
        ]
        phones.append(
            Phone(
                id=demo_id("phone", f"service/{key}"),
                service=service,
                number=data.phone or organization_phones[data.organization],
            )
        )
    ServiceAtLocation.objects.bulk_create(at_locations)
    Schedule.objects.bulk_create(schedules)
    Language.objects.bulk_create(languages)
    Attribute.objects.bulk_create(attributes)
    CostOption.objects.bulk_create(costs)
    RequiredDocument.objects.bulk_create(documents)
    Phone.objects.bulk_create(phones)
    for owner, program, _description, names in PROGRAMS:
        Service.objects.filter(pk__in=[services[f"{owner}/{name}"].pk for name in names]).update(
            program=demo_id("program", f"{owner}/{program}")
        )
    ServiceArea.objects.filter(service__in=ids).delete()
    ServiceArea.objects.bulk_create(_home_visit_areas(services))
    return services


def _home_visit_areas(services: dict[str, Service]) -> list[ServiceArea]:
    """Services that come to people's homes serve the district of their first place."""
    areas = {
        pk: (parent, level, name)
        for pk, parent, level, name in Area.objects.values_list(
            "pk", "parent", "level__slug", "name"
        )
    }
    area_of_location = dict(
        Address.objects.filter(
            location__in=[demo_id("location", d.key) for d in LOCATIONS]
        ).values_list("location", "area")
    )
    rows = []
    for data in SERVICES:
        if "hausbesuche" not in data.features:
            continue
        area_id = area_of_location.get(demo_id("location", data.at[0]))
        while area_id is not None and areas[area_id][1] != "bezirk":
            area_id = areas[area_id][0]
        if area_id is None:
            continue
        key = service_key(data)
        rows.append(
            ServiceArea(
                id=demo_id("service_area", key),
                service=services[key],
                area_id=area_id,
                name=areas[area_id][2],
                description="Hausbesuche im ganzen Bezirk",
            )
        )
    return rows


def _service(
    data: DemoService, organization: Organization, number: int, today: datetime.date
) -> Service:
    # Most entries were confirmed in the last months; a few (assured_days_ago) long ago.
    days_ago = data.assured_days_ago or 3 + (number * 37) % 240
    name_en, short_en = data.en or ("", "")
    name_ar, short_ar = data.ar or ("", "")
    if data.fees:
        fees = data.fees
    elif data.cost:
        fees = f"{data.cost[0].replace('.', ',')} Euro {data.cost[1]}."
    else:
        fees = FREE_OF_CHARGE
    domain = organization.website.removeprefix("https://www.").rstrip("/")
    minimum_age, maximum_age = data.ages
    return Service(
        id=demo_id("service", service_key(data)),
        organization=organization,
        kind=data.kind,
        status=data.status,
        **_translations("name", data.name, name_en, name_ar),
        **_translations("short_description", data.short_description, short_en, short_ar),
        **_translations("description", data.description),
        **_translations("application_process", data.application),
        **_translations("eligibility_description", data.eligibility),
        **_translations(
            "fees_description", fees, "Free of charge." if fees == FREE_OF_CHARGE else ""
        ),
        **_translations("alert", data.alert),
        **_translations("alternate_name", ""),
        wait_time=data.wait_time,
        minimum_age=minimum_age,
        maximum_age=maximum_age,
        url=f"https://www.{domain}/",
        email=f"info@{domain}",
        assured_date=today - datetime.timedelta(days=days_ago),
        assurer_email=f"info@{domain}",
    )


def _terms() -> dict[tuple[str, str], TaxonomyTerm]:
    return {
        (term.taxonomy.slug, term.code): term
        for term in TaxonomyTerm.objects.select_related("taxonomy")
    }


def _service_terms(
    data: DemoService,
    terms: dict[tuple[str, str], TaxonomyTerm],
    locations: list[DemoLocation],
) -> list[TaxonomyTerm]:
    """The terms listed for the service, plus the features its data imply (free of charge,
    wheelchair accessible when every place it is offered at is, multilingual)."""
    codes = [(Taxonomy.TOPICS, code) for code in data.topics]
    codes += [(Taxonomy.TARGET_GROUPS, code) for code in data.groups]
    features = list(data.features)
    if not data.cost and not data.fees:
        features.append("kostenlos")
    physical = [location for location in locations if not location.is_virtual]
    if physical and all(location.wheelchair for location in physical):
        features.append("rollstuhlgerecht")
    if len(data.languages) >= 3:
        features.append("mehrsprachig")
    if not physical and "online" not in features and "telefonisch" not in features:
        features.append("online")
    codes += [(Taxonomy.FEATURES, code) for code in dict.fromkeys(features)]
    return [terms[code] for code in codes]


def _schedules(key: str, hours: str, **parent: Any) -> list[Schedule]:
    """Opening hours from the compact notation of DemoService.hours."""
    schedules = []
    for position, part in enumerate(hours.split("|")):
        match = _HOURS.match(part.strip())
        if not match:
            raise ValueError(f"Cannot read the opening hours {part!r} of {key}")
        days = match["days"]
        monthly = all(_MONTHLY_DAY.match(day) for day in days.split(","))
        interval = int(match["interval"]) if match["interval"] else None
        schedules.append(
            Schedule(
                id=demo_id("schedule", f"{key}/{position}"),
                freq=Schedule.Freq.MONTHLY if monthly else Schedule.Freq.WEEKLY,
                byday=days,
                interval=interval,
                dtstart=SERIES_START if interval else None,
                opens_at=datetime.time.fromisoformat(match["opens"]),
                closes_at=datetime.time.fromisoformat(match["closes"]),
                **parent,
            )
        )
    return schedules


# --- events -----------------------------------------------------------------------------------


def _load_events(
    organizations: dict[str, Organization],
    locations: dict[str, Location],
    services: dict[str, Service],
    today: datetime.date,
) -> list[Event]:
    events = [_event(data, organizations, locations, services, today) for data in EVENTS]
    _upsert(Event, events)
    Attribute.objects.filter(event__in=events).delete()
    topics = {term.code: term for term in TaxonomyTerm.objects.in_taxonomy(Taxonomy.TOPICS)}
    Attribute.objects.bulk_create(
        Attribute(
            id=demo_id("attribute", f"event/{event.pk}/{code}"),
            event=event,
            taxonomy_term=topics[code],
        )
        for data, event in zip(EVENTS, events, strict=True)
        for code in data.topics
    )
    return events


def _event(
    data: DemoEvent,
    organizations: dict[str, Organization],
    locations: dict[str, Location],
    services: dict[str, Service],
    today: datetime.date,
) -> Event:
    day = today + datetime.timedelta(days=data.in_days)
    opens, closes = (datetime.time.fromisoformat(time) for time in data.time.split("-"))
    zone = timezone.get_default_timezone()
    return Event(
        id=demo_id("event", f"{data.organization}/{data.title}"),
        organization=organizations[data.organization],
        service=services.get(f"{data.organization}/{data.service}") if data.service else None,
        location=locations[data.location],
        **_translations("title", data.title, data.title_en),
        **_translations("description", data.description),
        **_translations("registration_hint", data.registration),
        start=datetime.datetime.combine(day, opens, tzinfo=zone),
        end=datetime.datetime.combine(day, closes, tzinfo=zone),
        rrule=data.rrule,
        capacity=data.capacity,
    )
