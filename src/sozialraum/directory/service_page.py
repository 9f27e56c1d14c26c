"""What the public detail page of a service shows beyond its fields: opening hours in words,
a link for directions, and schema.org JSON-LD."""

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.utils.safestring import SafeString, mark_safe

from .models import Address, Location, Phone, Schedule, Service
from .opening_hours import WEEKDAY_CODES, describe_days, describe_times

#: schema.org's day names, for openingHoursSpecification.
SCHEMA_DAYS = dict(
    zip(
        WEEKDAY_CODES,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)
#: Characters that could end the <script> element or confuse an HTML parser, as json_script
#: escapes them.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass
class ScheduleLine:
    days: str
    times: str
    description: str
    notes: str
    valid_from: Any
    valid_to: Any


def service_schedules(schedules: Iterable[Schedule]) -> list[ScheduleLine]:
    return [
        ScheduleLine(
            days=describe_days(schedule),
            times=describe_times(schedule),
            description=str(schedule.description or ""),
            notes=str(schedule.notes or ""),
            valid_from=schedule.valid_from,
            valid_to=schedule.valid_to,
        )
        for schedule in schedules
    ]


def directions_url(location: Location) -> str:
    """OpenStreetMap's route planner with the place as destination (a link the visitor may
    choose to follow; nothing is loaded from there otherwise)."""
    if location.latitude is None or location.longitude is None:
        return ""
    return "https://www.openstreetmap.org/directions?" + urlencode(
        {"to": f"{location.latitude:.6f},{location.longitude:.6f}"}
    )


def tel_href(phone: Phone) -> str:
    digits = "".join(char for char in phone.number if char.isdigit() or char == "+")
    return f"tel:{digits}"


def _opening_specification(schedule: Schedule) -> dict[str, Any] | None:
    if schedule.freq != Schedule.Freq.WEEKLY or not schedule.byday:
        return None
    days = [
        SCHEMA_DAYS[token.strip().upper()]
        for token in schedule.byday.split(",")
        if token.strip().upper() in SCHEMA_DAYS
    ]
    if not days:
        return None
    spec: dict[str, Any] = {"@type": "OpeningHoursSpecification", "dayOfWeek": days}
    if schedule.opens_at:
        spec["opens"] = schedule.opens_at.strftime("%H:%M")
    if schedule.closes_at:
        spec["closes"] = schedule.closes_at.strftime("%H:%M")
    if schedule.valid_from:
        spec["validFrom"] = schedule.valid_from.isoformat()
    if schedule.valid_to:
        spec["validThrough"] = schedule.valid_to.isoformat()
    return spec


def service_json_ld(
    service: Service,
    *,
    locations: list[Location],
    phones: list[Phone],
    schedules: list[Schedule],
    url: str,
) -> SafeString:
    """schema.org JSON-LD (a Service with its provider and places), escaped for a <script>."""
    organization = service.organization
    provider: dict[str, Any] = {"@type": "Organization", "name": str(organization.name)}
    if organization.website:
        provider["url"] = organization.website
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Service",
        "@id": url,
        "url": url,
        "name": str(service.name),
        "provider": provider,
    }
    if service.short_description or service.description:
        data["description"] = str(service.short_description or service.description)
    opening = [spec for s in schedules if (spec := _opening_specification(s))]
    places = []
    for location in locations:
        place: dict[str, Any] = {"@type": "Place", "name": str(location.name or service.name)}
        for address in location.addresses.all():
            if address.address_type == Address.AddressType.PHYSICAL:
                place["address"] = {
                    "@type": "PostalAddress",
                    "streetAddress": address.address_1,
                    "postalCode": address.postal_code,
                    "addressLocality": address.city,
                    "addressCountry": address.country,
                }
                break
        if location.latitude is not None and location.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": location.latitude,
                "longitude": location.longitude,
            }
        if opening:
            place["openingHoursSpecification"] = opening
        places.append(place)
    channel: dict[str, Any] = {"@type": "ServiceChannel"}
    if places:
        channel["serviceLocation"] = places[0] if len(places) == 1 else places
    if phones:
        channel["servicePhone"] = {"@type": "ContactPoint", "telephone": phones[0].number}
    if service.url:
        channel["serviceUrl"] = service.url
    if len(channel) > 1:
        data["availableChannel"] = channel
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(JSON_ESCAPES)
    return mark_safe(text)  # noqa: S308  # <, > and & are escaped above
