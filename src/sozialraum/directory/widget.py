"""Syndication to partner websites: the filters of the embeddable list and of the events feed.

A partner website (a town, a charity) embeds a list of our public services in an iframe, or
subscribes to our events as an iCalendar feed. Both take the same preset filters from the query
string: ``topic`` (code of a term in the "themen" taxonomy, narrower terms included),
``district`` (code of an area; areas below it are included), ``organization`` (its id) and ``q``
(the same search as the directory page). The widget also takes ``limit`` and ``compact``.

Unknown values are errors, not silently ignored: a partner whose preset no longer matches
anything should see that, rather than a list of everything.
"""

import datetime
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

from dateutil import rrule as dateutil_rrule
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.areas.models import Area

from .models import Address, Attribute, Event, Organization, Service, Taxonomy, TaxonomyTerm
from .models.offers import area_with_descendant_ids
from .search import SearchResults, search_services

logger = logging.getLogger(__name__)

DEFAULT_LIMIT = 10
MAX_LIMIT = 50
MAX_QUERY_LENGTH = 200

#: The events feed holds events that ended at most this long ago ...
FEED_PAST = datetime.timedelta(days=30)
#: ... and events (or the first date of a series) starting at most this far ahead.
FEED_FUTURE = datetime.timedelta(days=365)


class WidgetFilterError(ValueError):
    """The query string names a topic, district or organization we do not know."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(" ".join(messages))
        self.messages = messages


@dataclass
class WidgetFilters:
    topic: TaxonomyTerm | None = None
    district: Area | None = None
    organization: Organization | None = None
    query: str = ""
    limit: int = DEFAULT_LIMIT
    compact: bool = False
    errors: list[str] = field(default_factory=list)

    def params(self) -> dict[str, str]:
        """The filters as query parameters, in a fixed order, defaults left out."""
        params: dict[str, str] = {}
        if self.topic:
            params["topic"] = self.topic.code
        if self.district:
            params["district"] = self.district.code
        if self.organization:
            params["organization"] = str(self.organization.pk)
        if self.query:
            params["q"] = self.query
        if self.limit != DEFAULT_LIMIT:
            params["limit"] = str(self.limit)
        if self.compact:
            params["compact"] = "1"
        return params


def topic_terms() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.in_taxonomy(Taxonomy.TOPICS)


def widget_filters_from(params: Mapping[str, str]) -> WidgetFilters:
    """Parse the query string of the widget or the feed; raise WidgetFilterError if it names
    something we do not know."""
    filters = WidgetFilters()
    errors: list[str] = []
    if code := params.get("topic", "").strip():
        filters.topic = topic_terms().filter(code=code).first()
        if filters.topic is None:
            errors.append(_("Das Thema „%(code)s“ gibt es nicht.") % {"code": code})
    if code := params.get("district", "").strip():
        filters.district = Area.objects.current().without_geometry().coarsest_with_code(code)
        if filters.district is None:
            errors.append(_("Das Gebiet „%(code)s“ gibt es nicht.") % {"code": code})
    if value := params.get("organization", "").strip():
        try:
            filters.organization = Organization.objects.filter(pk=uuid.UUID(value)).first()
        except ValueError:
            filters.organization = None
        if filters.organization is None:
            errors.append(_("Die Organisation „%(id)s“ gibt es nicht.") % {"id": value})
    filters.query = params.get("q", "").strip()[:MAX_QUERY_LENGTH]
    if value := params.get("limit", "").strip():
        try:
            filters.limit = min(max(int(value), 1), MAX_LIMIT)
        except ValueError:
            errors.append(_("Die Anzahl „%(value)s“ ist keine Zahl.") % {"value": value})
    filters.compact = params.get("compact", "") in {"1", "true", "on"}
    if errors:
        raise WidgetFilterError(errors)
    return filters


def widget_services(filters: WidgetFilters) -> SearchResults:
    """Public services matching the filters, best match first (all of them: slice for the page)."""
    services = Service.objects.public()
    if filters.topic:
        services = services.with_term(filters.topic)
    if filters.district:
        services = services.in_area(filters.district)
    if filters.organization:
        services = services.filter(organization=filters.organization)
    return search_services(services, filters.query).map(
        lambda found: found.select_related("organization")
    )


def filter_description(filters: WidgetFilters) -> str:
    """What the list shows, in words: "Angebote zum Thema Schulden in Mitte"."""
    parts = [_("Angebote")]
    if filters.topic:
        parts.append(_("zum Thema %(topic)s") % {"topic": filters.topic.name})
    if filters.district:
        parts.append(_("in %(district)s") % {"district": filters.district.name})
    if filters.organization:
        parts.append(_("von %(organization)s") % {"organization": filters.organization.name})
    if filters.query:
        parts.append(_("zur Suche „%(query)s“") % {"query": filters.query})
    return " ".join(parts)


# --- Events -------------------------------------------------------------------------------------


def public_events() -> QuerySet[Event]:
    """Events the public may see: of a public service, or (without a service) of an
    organization that offers at least one public service."""
    public_services = Service.objects.public()
    organization_is_public = Exists(public_services.filter(organization=OuterRef("organization")))
    return Event.objects.alias(organization_is_public=organization_is_public).filter(
        Q(service__in=public_services) | Q(service__isnull=True, organization_is_public=True)
    )


def feed_events(filters: WidgetFilters, *, now: datetime.datetime | None = None) -> list[Event]:
    """Public events matching the filters that are recent or upcoming (FEED_PAST, FEED_FUTURE).

    Topic: the event's service has the term, or the event itself does. District: the event's
    place has a physical address in the area; an event without a place counts where its service
    is offered. A series counts while its rule still has dates after the window's start.
    """
    now = now or timezone.now()
    since, until = now - FEED_PAST, now + FEED_FUTURE
    events = public_events().filter(
        Q(rrule="", start__gte=since) | Q(rrule="", end__gte=since) | ~Q(rrule=""),
        start__lte=until,
    )
    if filters.topic:
        term_ids = filters.topic.with_narrower_ids()
        events = events.filter(
            Q(service__in=Service.objects.with_term(filters.topic))
            | Exists(Attribute.objects.filter(event=OuterRef("pk"), taxonomy_term__in=term_ids))
        )
    if filters.district:
        place_in_area = Address.objects.filter(
            location=OuterRef("location"),
            address_type=Address.AddressType.PHYSICAL,
            area__in=area_with_descendant_ids(filters.district),
        )
        events = events.filter(
            Exists(place_in_area)
            | Q(location__isnull=True, service__in=Service.objects.in_area(filters.district))
        )
    if filters.organization:
        events = events.filter(organization=filters.organization)
    if filters.query:
        events = events.filter(
            Q(title__icontains=filters.query)
            | Q(description__icontains=filters.query)
            | Q(
                service__in=search_services(
                    Service.objects.public(), filters.query
                ).queryset.values("pk")
            )
        )
    events = events.select_related("service", "location", "organization").order_by("start")
    return [event for event in events if not event.rrule or series_continues(event, since)]


def parse_event_rrule(event: Event) -> dateutil_rrule.rrule | None:
    """The event's recurrence rule, or None if it has none or it is not valid RFC 5545."""
    text = event.rrule.strip()
    if not text:
        return None
    text = text.removeprefix("RRULE:").removeprefix("rrule:")
    try:
        # local wall-clock times, so that a weekly 18:00 stays 18:00 across daylight saving time
        rule = dateutil_rrule.rrulestr(text, dtstart=timezone.localtime(event.start))
    except (ValueError, TypeError) as error:
        logger.warning(
            "Event %s: invalid RRULE %r left out of the feed (%s)", event.pk, text, error
        )
        return None
    if not isinstance(rule, dateutil_rrule.rrule):
        return None
    return rule


def series_continues(event: Event, since: datetime.datetime) -> bool:
    """True if the series has a date at or after `since` (an invalid rule: its first date)."""
    rule = parse_event_rrule(event)
    if rule is None:
        return (event.end or event.start) >= since
    duration = event.end - event.start if event.end else datetime.timedelta()
    return rule.after(since - duration, inc=True) is not None
