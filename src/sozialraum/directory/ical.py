"""The events feed as iCalendar (RFC 5545), written with the `icalendar` library."""

import logging
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.core.models import SiteSettings

from .models import Address, Event
from .widget import WidgetFilters, feed_events, parse_event_rrule

logger = logging.getLogger(__name__)


def event_location_text(event: Event) -> str:
    """ "Stadtteilzentrum, Turmstraße 1, 10559 Berlin": the place's name and physical address."""
    location = event.location
    if location is None:
        return ""
    parts = [str(location.name)] if location.name else []
    addresses = list(location.addresses.all())
    physical = [a for a in addresses if a.address_type == Address.AddressType.PHYSICAL]
    if address := next(iter(physical or addresses), None):
        parts.append(address.address_1)
        if address.address_2:
            parts.append(address.address_2)
        parts.append(f"{address.postal_code} {address.city}".strip())
    return ", ".join(part for part in parts if part)


def event_description(event: Event) -> str:
    paragraphs = [str(event.description).strip()]
    if event.registration_hint:
        paragraphs.append(_("Anmeldung: %(hint)s") % {"hint": str(event.registration_hint)})
    if event.capacity:
        paragraphs.append(_("Plätze: %(capacity)s") % {"capacity": event.capacity})
    paragraphs.append(_("Veranstalter: %(name)s") % {"name": event.organization.name})
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def valid_rrule(event: Event) -> icalendar.vRecur | None:
    """The event's RRULE as icalendar value if both dateutil and icalendar accept it."""
    if not event.rrule.strip() or parse_event_rrule(event) is None:
        return None
    text = event.rrule.strip().removeprefix("RRULE:").removeprefix("rrule:")
    try:
        return icalendar.vRecur.from_ical(text)
    except ValueError as error:
        logger.warning(
            "Event %s: invalid RRULE %r left out of the feed (%s)", event.pk, text, error
        )
        return None


def events_calendar(filters: WidgetFilters, *, request: HttpRequest) -> bytes:
    """The feed: a VCALENDAR with a VEVENT per event and the VTIMEZONE of our time zone.

    UIDs are the event's id at our host name, so they stay the same from one download to the
    next and calendar programs update an event instead of adding it twice.
    """
    zone = ZoneInfo(settings.TIME_ZONE)
    domain = request.get_host().rsplit(":", 1)[0] if request.get_host() else "sozialraum"
    city = SiteSettings.load().city_name
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Sozialraum//Veranstaltungen//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Veranstaltungen in %(city)s") % {"city": city})
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    now = timezone.now()
    events = feed_events(filters, now=now)
    prefetch_related_objects(events, Prefetch("location__addresses"))
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", f"{event.pk}@{domain}")
        # with METHOD, DTSTAMP is when this file was made (RFC 5545, 3.8.7.2)
        entry.add("dtstamp", now)
        entry.add("last-modified", event.modified or now)
        entry.add("summary", str(event.title))
        entry.add("dtstart", event.start.astimezone(zone))
        if event.end:
            entry.add("dtend", event.end.astimezone(zone))
        if rule := valid_rrule(event):
            entry.add("rrule", rule)
        if location := event_location_text(event):
            entry.add("location", location)
        place = event.location
        if place and place.latitude is not None and place.longitude is not None:
            entry.add("geo", (place.latitude, place.longitude))
        if event.service_id:
            service_path = reverse("directory:service", kwargs={"service_id": event.service_id})
            entry.add("url", request.build_absolute_uri(service_path))
        entry.add("description", event_description(event))
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
