"""HSDS 3.0 JSON for the directory's models: one module for the API and the export.

Every function maps one model to the HSDS object of the same name. Rules that hold throughout:

- Fields without a value (``None`` or an empty text) are left out, except where HSDS requires
  them (an organization's ``description`` is written as ``""``). The HSDS schemas type every
  field as a plain string or number, so ``null`` would not validate.
- Text is written in the active language (django-modeltranslation, German fallback).
- Nothing about provider staff leaves this module: no users, no memberships, no invitations,
  and not the e-mail address of the person who confirmed a service (``assurer_email``).
  Contacts are the contact points a provider published for an organization, service or place.
- ``Serializer.newest`` is the newest ``modified`` of everything written, for Last-Modified.

The querysets in ``prefetch_*`` load everything a serializer touches in a fixed number of
queries, whatever the number of records (tests check it).
"""

import datetime
import decimal
import uuid
import zoneinfo
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from ..models import (
    Attribute,
    Contact,
    Location,
    Organization,
    Phone,
    Program,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

HSDS_VERSION = "3.0"

Json = dict[str, Any]

SERVICE_FIELDS = (
    "name",
    "alternate_name",
    "description",
    "url",
    "email",
    "status",
    "interpretation_services",
    "application_process",
    "fees_description",
    "wait_time",
    "accreditations",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "assured_date",
    "licenses",
    "alert",
)
ORGANIZATION_FIELDS = (
    "name",
    "alternate_name",
    "description",
    "email",
    "website",
    "tax_status",
    "tax_id",
    "year_incorporated",
    "legal_status",
    "logo",
    "uri",
)
LOCATION_FIELDS = (
    "location_type",
    "url",
    "name",
    "alternate_name",
    "description",
    "transportation",
    "latitude",
    "longitude",
    "external_identifier",
    "external_identifier_type",
)
ADDRESS_FIELDS = (
    "attention",
    "address_1",
    "address_2",
    "city",
    "region",
    "state_province",
    "postal_code",
    "country",
    "address_type",
)
SCHEDULE_FIELDS = (
    "valid_from",
    "valid_to",
    "dtstart",
    "until",
    "count",
    "wkst",
    "freq",
    "interval",
    "byday",
    "byweekno",
    "bymonthday",
    "byyearday",
    "description",
    "schedule_link",
    "attending_type",
    "notes",
)


def plain(value: object) -> object:
    """A model value as JSON: dates as ISO text, decimals as numbers, UUIDs as text."""
    if isinstance(value, datetime.datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if hasattr(value, "__str__") and not isinstance(value, str | int | float | bool):
        return str(value)  # lazy translations
    return value


def put(data: Json, name: str, value: object) -> None:
    """Set a field unless it has no value (HSDS leaves optional fields out)."""
    if value is None or value == "":
        return
    data[name] = plain(value)


#: Prefetched lists live in ``hsds_<relation>`` (Prefetch ``to_attr``): Django then skips
#: building a queryset for every record, which dominated the time of big pages and the export.
PREFETCHED = "hsds_"


def related(obj: Any, name: str) -> list[Any]:
    """The records of a reverse relation: prefetched by ``fetch`` if it was, else queried."""
    cached = getattr(obj, PREFETCHED + name, None)
    if cached is not None:
        return cached
    return list(getattr(obj, name).all())


def fetch(path: str, queryset: QuerySet[Any] | None = None) -> Prefetch:
    return Prefetch(path, queryset, to_attr=PREFETCHED + path.rsplit("__", 1)[-1])


class Serializer:
    """Writes HSDS objects and remembers the newest change among them (``newest``)."""

    def __init__(self, *, now: datetime.datetime | None = None) -> None:
        self.now = now or timezone.now()
        self.newest: datetime.datetime | None = None

    def base(self, obj: Any, fields: tuple[str, ...] = ()) -> Json:
        modified = getattr(obj, "modified", None)
        if modified is not None and (self.newest is None or modified > self.newest):
            self.newest = modified
        data: Json = {"id": str(obj.pk)}
        for name in fields:
            put(data, name, getattr(obj, name))
        return data

    # --- small objects -------------------------------------------------------------------

    def language(self, language: Any) -> Json:
        return self.base(language, ("name", "code", "note"))

    def phone(self, phone: Phone) -> Json:
        data = self.base(phone, ("number", "extension", "type", "description"))
        data["languages"] = [self.language(language) for language in related(phone, "languages")]
        return data

    def contact(self, contact: Contact) -> Json:
        data = self.base(contact, ("name", "title", "department", "email"))
        data["phones"] = [self.phone(phone) for phone in related(contact, "phones")]
        return data

    def schedule(self, schedule: Schedule) -> Json:
        data = self.base(schedule, SCHEDULE_FIELDS)
        # HSDS wants a UTC offset; we keep the IANA zone, so the offset valid now is written,
        # and the times carry it too ("09:00+01:00"), as HSDS recommends.
        zone = zoneinfo.ZoneInfo(schedule.timezone or "Europe/Berlin")
        offset = self.now.astimezone(zone).utcoffset() or datetime.timedelta(0)
        hours = offset.total_seconds() / 3600
        data["timezone"] = int(hours) if hours.is_integer() else hours
        suffix = self.now.astimezone(zone).strftime("%z")
        suffix = f"{suffix[:3]}:{suffix[3:]}"
        for name in ("opens_at", "closes_at"):
            time = getattr(schedule, name)
            if time is not None:
                data[name] = f"{time:%H:%M}{suffix}"
        return data

    def taxonomy(self, taxonomy: Taxonomy) -> Json:
        data = self.base(taxonomy, ("name", "description", "uri", "version"))
        data.setdefault("description", "")
        return data

    def taxonomy_term(self, term: TaxonomyTerm) -> Json:
        data = self.base(term, ("code", "name", "description", "language", "term_uri"))
        data.setdefault("description", "")
        put(data, "parent_id", term.parent_id)
        put(data, "taxonomy", term.taxonomy.name)
        data["taxonomy_id"] = str(term.taxonomy_id)
        data["taxonomy_detail"] = self.taxonomy(term.taxonomy)
        return data

    def attribute(self, attribute: Attribute) -> Json:
        data = self.base(attribute, ("link_type", "value"))
        data["link_id"] = str(attribute.link_id)
        data["link_entity"] = attribute.link_entity
        data["taxonomy_term_id"] = str(attribute.taxonomy_term_id)
        data["taxonomy_term"] = self.taxonomy_term(attribute.taxonomy_term)
        return data

    def program(self, program: Program) -> Json:
        data = self.base(program, ("name", "alternate_name", "description"))
        data["organization_id"] = str(program.organization_id)
        data.setdefault("description", "")
        return data

    # --- organizations -------------------------------------------------------------------

    def organization(self, organization: Organization) -> Json:
        """The organization's own fields (HSDS organization_list)."""
        data = self.base(organization, ORGANIZATION_FIELDS)
        data.setdefault("description", "")
        put(data, "parent_organization_id", organization.parent_organization_id)
        return data

    def organization_full(
        self,
        organization: Organization,
        *,
        services: list[Service] | None,
        full_services: bool = False,
        with_locations: bool = True,
    ) -> Json:
        """The organization with its details; ``services`` None leaves them out (the export
        nests the organization in each service), ``with_locations`` False its places."""
        data = self.organization(organization)
        data["funding"] = [
            self.base(funding, ("source",)) for funding in related(organization, "funding")
        ]
        data["contacts"] = [self.contact(contact) for contact in related(organization, "contacts")]
        data["phones"] = [self.phone(phone) for phone in related(organization, "phones")]
        if with_locations:
            places = related(organization, "locations")
            data["locations"] = [self.location(place) for place in places]
        data["programs"] = [self.program(program) for program in related(organization, "programs")]
        data["organization_identifiers"] = [
            self.base(identifier, ("identifier_scheme", "identifier_type", "identifier"))
            for identifier in related(organization, "organization_identifiers")
        ]
        data["attributes"] = [self.attribute(a) for a in related(organization, "attributes")]
        if services is not None:
            data["services"] = [
                self.service_full(service) if full_services else self.service(service)
                for service in services
            ]
        return data

    # --- locations -----------------------------------------------------------------------

    def location(self, location: Location) -> Json:
        data = self.base(location, LOCATION_FIELDS)
        put(data, "organization_id", location.organization_id)
        data["languages"] = [self.language(language) for language in related(location, "languages")]
        data["addresses"] = [
            {**self.base(address, ADDRESS_FIELDS), "location_id": str(location.pk)}
            for address in related(location, "addresses")
        ]
        data["contacts"] = [self.contact(contact) for contact in related(location, "contacts")]
        data["accessibility"] = [
            self.base(accessibility, ("description", "details", "url"))
            for accessibility in related(location, "accessibility")
        ]
        data["phones"] = [self.phone(phone) for phone in related(location, "phones")]
        data["schedules"] = [self.schedule(schedule) for schedule in related(location, "schedules")]
        data["attributes"] = [self.attribute(a) for a in related(location, "attributes")]
        return data

    def service_at_location(self, at_location: ServiceAtLocation, *, full: bool) -> Json:
        """HSDS service_at_location: with ``full`` its contacts, phones, schedules, the full
        location and the full service (without its other places); else the basic service and
        location fields, as in HSDS's service_at_location_list."""
        data = self.base(at_location, ("description",))
        data["service_id"] = str(at_location.service_id)
        data["location_id"] = str(at_location.location_id)
        if full:
            data.update(self.service_at_location_parts(at_location))
            data["service"] = self.service_full(at_location.service, with_locations=False)
        else:
            data["location"] = self.base(at_location.location, LOCATION_FIELDS)
            data["service"] = self.service(at_location.service)
        return data

    def service_at_location_parts(self, at_location: ServiceAtLocation) -> Json:
        return {
            "contacts": [self.contact(contact) for contact in related(at_location, "contacts")],
            "phones": [self.phone(phone) for phone in related(at_location, "phones")],
            "schedules": [self.schedule(item) for item in related(at_location, "schedules")],
            "attributes": [self.attribute(a) for a in related(at_location, "attributes")],
            "location": self.location(at_location.location),
        }

    # --- services ------------------------------------------------------------------------

    def service(self, service: Service) -> Json:
        """The service's one-to-one fields with its organization and program (service_list)."""
        data = self.base(service, SERVICE_FIELDS)
        data["organization_id"] = str(service.organization_id)
        put(data, "program_id", service.program_id)
        data["last_modified"] = plain(service.modified)
        data["organization"] = self.organization(service.organization)
        if service.program is not None:
            data["program"] = self.program(service.program)
        return data

    def service_full(self, service: Service, *, with_locations: bool = True) -> Json:
        """The fully nested service (HSDS compiled service)."""
        data = self.service(service)
        data["phones"] = [self.phone(phone) for phone in related(service, "phones")]
        data["schedules"] = [self.schedule(schedule) for schedule in related(service, "schedules")]
        data["service_areas"] = [
            self.base(area, ("name", "description", "extent", "extent_type", "uri"))
            for area in related(service, "service_areas")
        ]
        if with_locations:
            data["service_at_locations"] = [
                {
                    **self.base(at_location, ("description",)),
                    "service_id": str(service.pk),
                    "location_id": str(at_location.location_id),
                    **self.service_at_location_parts(at_location),
                }
                for at_location in related(service, "service_at_locations")
            ]
        data["languages"] = [self.language(language) for language in related(service, "languages")]
        data["funding"] = [self.base(item, ("source",)) for item in related(service, "funding")]
        data["cost_options"] = [
            self.base(
                option,
                ("valid_from", "valid_to", "option", "currency", "amount", "amount_description"),
            )
            for option in related(service, "cost_options")
        ]
        data["required_documents"] = [
            self.base(document, ("document", "uri"))
            for document in related(service, "required_documents")
        ]
        data["contacts"] = [self.contact(contact) for contact in related(service, "contacts")]
        data["attributes"] = [self.attribute(a) for a in related(service, "attributes")]
        return data


# --- querysets that load what the serializers touch ----------------------------------------


def attributes_queryset() -> QuerySet[Attribute]:
    return Attribute.objects.select_related("taxonomy_term__taxonomy").order_by(
        "taxonomy_term__taxonomy__slug", "taxonomy_term__position", "taxonomy_term__code"
    )


def phones_queryset() -> QuerySet[Phone]:
    return Phone.objects.prefetch_related(fetch("languages")).order_by("number", "id")


def contacts_queryset() -> QuerySet[Contact]:
    return Contact.objects.prefetch_related(fetch("phones", phones_queryset())).order_by(
        "name", "id"
    )


Lookups = list[Prefetch]


def common_lookups(prefix: str = "") -> Lookups:
    """Contacts, phones and attributes: most HSDS objects have them."""
    return [
        fetch(f"{prefix}contacts", contacts_queryset()),
        fetch(f"{prefix}phones", phones_queryset()),
        fetch(f"{prefix}attributes", attributes_queryset()),
    ]


def location_lookups(prefix: str = "") -> Lookups:
    return [
        *common_lookups(prefix),
        fetch(f"{prefix}languages"),
        fetch(f"{prefix}addresses"),
        fetch(f"{prefix}accessibility"),
        fetch(f"{prefix}schedules"),
    ]


def service_at_location_lookups(prefix: str = "") -> Lookups:
    return [
        *common_lookups(prefix),
        fetch(f"{prefix}schedules"),
        *location_lookups(f"{prefix}location__"),
    ]


def service_lookups(prefix: str = "", *, with_locations: bool = True) -> Lookups:
    lookups: Lookups = [
        *common_lookups(prefix),
        fetch(f"{prefix}schedules"),
        fetch(f"{prefix}service_areas"),
        fetch(f"{prefix}languages"),
        fetch(f"{prefix}funding"),
        fetch(f"{prefix}cost_options"),
        fetch(f"{prefix}required_documents"),
    ]
    if with_locations:
        lookups.append(
            fetch(
                f"{prefix}service_at_locations",
                ServiceAtLocation.objects.select_related("location")
                .prefetch_related(*service_at_location_lookups())
                .order_by("location__name", "id"),
            )
        )
    return lookups


def prefetch_services(services: QuerySet[Service]) -> QuerySet[Service]:
    """For ``Serializer.service``: organization and program in the same query."""
    return services.select_related("organization", "program")


def prefetch_full_services(services: QuerySet[Service]) -> QuerySet[Service]:
    """For ``Serializer.service_full``: a fixed number of queries per batch, whatever its size."""
    return prefetch_services(services).prefetch_related(*service_lookups())


def prefetch_full_organizations(
    organizations: QuerySet[Organization], *, services: QuerySet[Service], full_services: bool
) -> QuerySet[Organization]:
    """For ``Serializer.organization_full``; ``services`` (say, the public ones) end up in
    ``organization.listed_services``, fully loaded if ``full_services``."""
    services = prefetch_full_services(services) if full_services else prefetch_services(services)
    return organizations.prefetch_related(
        Prefetch("services", services, to_attr="listed_services"),
        *common_lookups(),
        fetch("funding"),
        fetch("programs"),
        fetch("organization_identifiers"),
        fetch(
            "locations",
            # only places where a public service is offered: an address used by an inactive
            # service (or by none) may be one that must not be published, like a shelter's
            Location.objects.filter(
                Exists(
                    ServiceAtLocation.objects.filter(
                        location=OuterRef("pk"), service__in=Service.objects.public()
                    )
                )
            )
            .prefetch_related(*location_lookups())
            .order_by("name", "id"),
        ),
    )


def prefetch_service_at_locations(
    at_locations: QuerySet[ServiceAtLocation], *, full: bool
) -> QuerySet[ServiceAtLocation]:
    at_locations = at_locations.select_related(
        "location", "service__organization", "service__program"
    )
    if not full:
        return at_locations
    return at_locations.prefetch_related(
        *service_at_location_lookups(),
        *service_lookups("service__", with_locations=False),
    )
