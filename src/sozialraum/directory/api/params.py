"""Query parameters of the HSDS API: parsed and checked, each error naming its parameter.

Unknown parameters are ignored (HSDS clients send what their profile knows); a known parameter
with a value we cannot read is an error (400), never silently dropped.
"""

import datetime
import math
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from sozialraum.areas.models import Area

from ..models import Address, Attribute, Location, Service, ServiceAtLocation, TaxonomyTerm
from ..models.offers import area_with_descendant_ids
from ..search import SearchResults, search_services

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500
MAX_SEARCH_LENGTH = 200
#: Proximity is a radius around a postcode's centre; beyond this it stops being a filter.
MAX_PROXIMITY_METRES = 100_000
EARTH_RADIUS_METRES = 6_371_000
LANGUAGE_CODE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


class ParameterError(ValueError):
    """A query parameter's value cannot be used; ``parameter`` names it for the client."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def boolean(params: Mapping[str, str], name: str) -> bool:
    value = params.get(name, "").strip().lower()
    if value in {"", "false", "0", "no"}:
        return False
    if value in {"true", "1", "yes"}:
        return True
    raise ParameterError(name, _("Erlaubt sind true oder false."))


def positive_integer(params: Mapping[str, str], name: str, default: int, maximum: int) -> int:
    raw = params.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise ParameterError(name, _("Bitte eine ganze Zahl ab 1 angeben."))
    value = int(raw)
    if value > maximum:
        raise ParameterError(name, _("Höchstens %(maximum)d.") % {"maximum": maximum})
    return value


def identifier(params: Mapping[str, str], name: str) -> uuid.UUID | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise ParameterError(name, _("Das ist keine gültige UUID.")) from None


@dataclass(frozen=True)
class Paging:
    page: int
    per_page: int

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> "Paging":
        return cls(
            page=positive_integer(params, "page", 1, 10**9),
            per_page=positive_integer(params, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE),
        )

    def window(self) -> slice:
        start = (self.page - 1) * self.per_page
        return slice(start, start + self.per_page)

    def page_info(self, total_items: int, size: int) -> dict[str, object]:
        """The HSDS Page fields (``contents`` is added by the caller)."""
        total_pages = math.ceil(total_items / self.per_page)
        return {
            "total_items": total_items,
            "total_pages": total_pages,
            "page_number": self.page,
            "size": size,
            "first_page": self.page == 1,
            "last_page": self.page >= total_pages,
            "empty": total_items == 0,
        }


def output_format(params: Mapping[str, str]) -> str:
    value = params.get("format", "json").strip().lower() or "json"
    if value not in {"json", "ndjson"}:
        raise ParameterError("format", _("Erlaubt sind json oder ndjson."))
    return value


def search_text(params: Mapping[str, str]) -> str:
    text = params.get("search", "").strip()
    if len(text) > MAX_SEARCH_LENGTH:
        raise ParameterError(
            "search", _("Höchstens %(maximum)d Zeichen.") % {"maximum": MAX_SEARCH_LENGTH}
        )
    return text


def modified_after(params: Mapping[str, str]) -> datetime.datetime | None:
    raw = params.get("modified_after", "").strip()
    if not raw:
        return None
    try:
        moment = parse_datetime(raw.replace(" ", "+"))  # a "+" arrives as a space if unescaped
        if moment is None:
            day = parse_date(raw)
            moment = datetime.datetime.combine(day, datetime.time.min) if day else None
    except ValueError:
        moment = None
    if moment is None:
        raise ParameterError(
            "modified_after",
            _("Bitte ein Datum oder einen Zeitpunkt nach ISO 8601 angeben, z. B. 2025-01-31."),
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def district(params: Mapping[str, str]) -> Area | None:
    """The area named by ``district``: its code, its name (current areas) or its id."""
    raw = params.get("district", "").strip()
    if not raw:
        return None
    current = Area.objects.current().without_geometry()
    for lookup in ({"code": raw}, {"name__iexact": raw}):
        matches = list(current.filter(**lookup).order_by("level__rank")[:2])
        if len(matches) == 1 or (len(matches) == 2 and matches[0].level_id != matches[1].level_id):
            return matches[0]
        if matches:
            raise ParameterError(
                "district", _("Mehrere Gebiete heißen so; bitte die Kennziffer angeben.")
            )
    if raw.isdigit():
        area = Area.objects.without_geometry().filter(pk=int(raw)).first()
        if area is not None:
            return area
    raise ParameterError("district", _("Kein Gebiet mit dieser Kennziffer oder diesem Namen."))


def language(params: Mapping[str, str]) -> str:
    code = params.get("language", "").strip()
    if code and not LANGUAGE_CODE.match(code):
        raise ParameterError(
            "language", _("Bitte einen Sprachcode nach ISO 639 angeben, z. B. tr.")
        )
    return code


@dataclass(frozen=True)
class Proximity:
    """``postcode`` alone: places with that postcode; with ``proximity`` (metres): places within
    that distance of the postcode's centre, the mean position of our places with that
    postcode (we have no postcode geometry)."""

    postcode: str
    metres: float | None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> "Proximity | None":
        postcode = params.get("postcode", "").strip()
        raw = params.get("proximity", "").strip()
        if raw and not postcode:
            raise ParameterError("proximity", _("Nur zusammen mit postcode."))
        if not postcode:
            return None
        if not re.fullmatch(r"[0-9A-Za-z -]{3,10}", postcode):
            raise ParameterError("postcode", _("Das ist keine Postleitzahl."))
        metres = None
        if raw:
            try:
                metres = float(raw)
            except ValueError:
                metres = -1
            if not 0 < metres <= MAX_PROXIMITY_METRES:
                raise ParameterError(
                    "proximity",
                    _("Bitte eine Entfernung in Metern angeben, höchstens %(maximum)d.")
                    % {"maximum": MAX_PROXIMITY_METRES},
                )
        return cls(postcode=postcode, metres=metres)

    def location_ids(self) -> "QuerySet[Location, uuid.UUID] | list[uuid.UUID]":
        at_postcode = Address.objects.filter(postal_code=self.postcode)
        if self.metres is None:
            return Location.objects.filter(addresses__in=at_postcode).values_list("pk", flat=True)
        points = [
            (point_lat, point_lon)
            for point_lat, point_lon in Location.objects.filter(
                addresses__in=at_postcode, latitude__isnull=False, longitude__isnull=False
            ).values_list("latitude", "longitude")
            if point_lat is not None and point_lon is not None
        ]
        if not points:
            raise ParameterError(
                "postcode", _("Für diese Postleitzahl kennen wir keinen Ort mit Koordinaten.")
            )
        lat = sum(point[0] for point in points) / len(points)
        lon = sum(point[1] for point in points) / len(points)
        # a bounding box in the database, then the exact distance for the few inside it
        dlat = math.degrees(self.metres / EARTH_RADIUS_METRES)
        dlon = dlat / max(math.cos(math.radians(lat)), 0.01)
        candidates = Location.objects.filter(
            latitude__range=(lat - dlat, lat + dlat), longitude__range=(lon - dlon, lon + dlon)
        ).values_list("pk", "latitude", "longitude")
        return [
            pk
            for pk, other_lat, other_lon in candidates
            if other_lat is not None
            and other_lon is not None
            and distance_metres(lat, lon, other_lat, other_lon) <= self.metres
        ]


def distance_metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_METRES * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class ServiceFilters:
    """The filters of /services and /service_at_locations; they combine with AND."""

    search: str = ""
    taxonomy_term_id: uuid.UUID | None = None
    taxonomy_id: uuid.UUID | None = None
    organization_id: uuid.UUID | None = None
    modified_after: datetime.datetime | None = None
    language: str = ""
    district: Area | None = None
    proximity: Proximity | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> "ServiceFilters":
        return cls(
            search=search_text(params),
            taxonomy_term_id=identifier(params, "taxonomy_term_id"),
            taxonomy_id=identifier(params, "taxonomy_id"),
            organization_id=identifier(params, "organization_id"),
            modified_after=modified_after(params),
            language=language(params),
            district=district(params),
            proximity=Proximity.from_params(params),
        )

    def services(self, *, with_modified_after: bool = True) -> SearchResults:
        """Public services matching every filter, best search match first (else by name)."""
        services = Service.objects.public()
        if self.taxonomy_term_id is not None:
            term = TaxonomyTerm.objects.filter(pk=self.taxonomy_term_id).first()
            services = services.with_term(term) if term else services.none()
        if self.taxonomy_id is not None:
            services = services.filter(
                Exists(
                    Attribute.objects.filter(
                        service=OuterRef("pk"), taxonomy_term__taxonomy_id=self.taxonomy_id
                    )
                )
            )
        if self.organization_id is not None:
            services = services.filter(organization_id=self.organization_id)
        if self.modified_after is not None and with_modified_after:
            services = services.filter(modified__gte=self.modified_after)
        if self.language:
            services = services.with_language(self.language)
        if self.district is not None:
            services = services.in_area(self.district)
        if self.proximity is not None:
            services = services.filter(
                Exists(
                    ServiceAtLocation.objects.filter(
                        service=OuterRef("pk"), location__in=self.proximity.location_ids()
                    )
                )
            )
        return search_services(services, self.search).map(
            lambda found: found.order_by(*found.query.order_by, "pk")
        )

    def service_at_locations(self) -> QuerySet[ServiceAtLocation]:
        """Places of matching services; district and postcode apply to the place itself."""
        at_locations = ServiceAtLocation.objects.filter(
            service__in=ServiceFilters(
                search=self.search,
                taxonomy_term_id=self.taxonomy_term_id,
                taxonomy_id=self.taxonomy_id,
                organization_id=self.organization_id,
                language=self.language,
            )
            .services()
            .queryset.order_by()
            .values("pk")
        )
        if self.modified_after is not None:
            at_locations = at_locations.filter(modified__gte=self.modified_after)
        if self.district is not None:
            at_locations = at_locations.filter(
                Exists(
                    Address.objects.filter(
                        location=OuterRef("location"),
                        address_type=Address.AddressType.PHYSICAL,
                        area__in=area_with_descendant_ids(self.district),
                    )
                )
            )
        if self.proximity is not None:
            at_locations = at_locations.filter(location__in=self.proximity.location_ids())
        # by service: the foreign key index orders them without joining services and places
        return at_locations.order_by("service_id", "pk")


def term_filter(params: Mapping[str, str]) -> Q:
    """/taxonomy_terms: ``taxonomy_id``, ``parent_id``, ``top_only`` and ``search``."""
    condition = Q()
    taxonomy_id = identifier(params, "taxonomy_id")
    if taxonomy_id is not None:
        condition &= Q(taxonomy_id=taxonomy_id)
    parent_id = identifier(params, "parent_id")
    if parent_id is not None:
        condition &= Q(parent_id=parent_id)
    if boolean(params, "top_only"):
        condition &= Q(parent__isnull=True)
    text = search_text(params)
    if text:
        condition &= Q(name__icontains=text) | Q(code__icontains=text)
    return condition
