# ruff: noqa: RUF002  (German text uses the en dash as its dash)
"""Free times: the weekly hours and exceptions of an offer, cut into slots, minus what is booked.

Hours are wall-clock times in Europe/Berlin. A slot's start is a wall-clock time on the grid
(9:00, 9:30 …); its end is start + the topic's duration in real minutes. On the night clocks
go forward, times that do not exist (2:00–2:59) are left out; on the night they go back, a
time that exists twice is offered once (the first time).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from .models import Appointment, AppointmentOffer, Resource, SpecialDay, Topic, WeeklyHours

UTC = datetime.UTC


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def local_datetime(day: datetime.date, time: datetime.time) -> datetime.datetime | None:
    """The aware local datetime, or None when the wall-clock time does not exist that day."""
    zone = local_zone()
    value = datetime.datetime.combine(day, time, tzinfo=zone)
    if value.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != value.replace(tzinfo=None):
        return None
    return value


def _local_end(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """An interval's end; a time that does not exist counts as the moment clocks jump."""
    zone = local_zone()
    return datetime.datetime.combine(day, time, tzinfo=zone).astimezone(UTC).astimezone(zone)


def later(value: datetime.datetime, delta: datetime.timedelta) -> datetime.datetime:
    """`value` + `delta` in real time (Python adds to the wall clock within one zone)."""
    return (value.astimezone(UTC) + delta).astimezone(local_zone())


@dataclass(frozen=True)
class Slot:
    start: datetime.datetime  # aware, local time
    end: datetime.datetime
    resource_ids: tuple[int, ...]  # the resources free at this time

    @property
    def day(self) -> datetime.date:
        return self.start.date()


Interval = tuple[datetime.datetime, datetime.datetime]


class Calendar:
    """An offer's hours, exceptions and blocking appointments, read once for a range of days."""

    def __init__(
        self,
        offer: AppointmentOffer,
        first_day: datetime.date,
        last_day: datetime.date,
        *,
        now: datetime.datetime,
        exclude: Appointment | None = None,
        resources: Iterable[Resource] | None = None,
    ) -> None:
        self.offer = offer
        self.resources = list(
            resources
            if resources is not None
            else offer.resources.filter(is_active=True).order_by("pk")
        )
        self.weekly = list(WeeklyHours.objects.filter(offer=offer))
        self.special = list(
            SpecialDay.objects.filter(offer=offer, first_day__lte=last_day)
            .exclude(last_day__lt=first_day)
            .exclude(last_day__isnull=True, first_day__lt=first_day)
        )
        range_start = datetime.datetime.combine(first_day, datetime.time(0), tzinfo=local_zone())
        range_end = datetime.datetime.combine(
            last_day + datetime.timedelta(days=1), datetime.time(0), tzinfo=local_zone()
        )
        booked = (
            Appointment.objects.blocking(now)
            .filter(resource__in=[resource.pk for resource in self.resources])
            .overlapping(range_start, range_end + datetime.timedelta(days=1))
        )
        if exclude is not None:
            booked = booked.exclude(pk=exclude.pk)
        self.booked: dict[int, list[Interval]] = defaultdict(list)
        for resource_id, start, end in booked.values_list("resource_id", "start", "end"):
            self.booked[resource_id].append((start, end))

    def open_intervals(self, resource: Resource, day: datetime.date) -> list[Interval]:
        """When the resource takes appointments on the day (local wall-clock hours)."""

        def applies(item: WeeklyHours | SpecialDay) -> bool:
            return item.resource_id is None or item.resource_id == resource.pk

        special = [item for item in self.special if item.covers(day) and applies(item)]
        if any(item.kind == SpecialDay.Kind.CLOSED for item in special):
            return []
        hours = [(h.start, h.end) for h in self.weekly if h.weekday == day.weekday() and applies(h)]
        hours += [
            (item.start, item.end)
            for item in special
            if item.kind == SpecialDay.Kind.OPEN and item.start and item.end
        ]
        return [(_local_end(day, start), _local_end(day, end)) for start, end in sorted(hours)]

    def is_free(self, resource: Resource, start: datetime.datetime, end: datetime.datetime) -> bool:
        return not any(s < end and e > start for s, e in self.booked.get(resource.pk, []))

    def slots(
        self,
        topic: Topic,
        first_day: datetime.date,
        last_day: datetime.date,
        *,
        earliest: datetime.datetime,
    ) -> list[Slot]:
        """Free slots for the topic between the days (inclusive), none before `earliest`."""
        step = datetime.timedelta(minutes=self.offer.slot_minutes)
        duration = topic.duration
        found: dict[datetime.datetime, list[int]] = defaultdict(list)
        day = first_day
        while day <= last_day:
            for resource in self.resources:
                for open_start, open_end in self.open_intervals(resource, day):
                    # walk the grid in wall-clock time, from the interval's local start
                    wall = datetime.datetime.combine(day, open_start.time())
                    while True:
                        start = local_datetime(day, wall.time())
                        if wall.date() != day:
                            break
                        wall += step
                        if start is None:
                            continue  # clocks jump forward over this time
                        end = later(start, duration)
                        if start.astimezone(UTC) < open_start.astimezone(UTC):
                            continue
                        if end.astimezone(UTC) > open_end.astimezone(UTC):
                            break
                        if start < earliest or not self.is_free(resource, start, end):
                            continue
                        if resource.pk not in found[start]:
                            found[start].append(resource.pk)
            day += datetime.timedelta(days=1)
        return [
            Slot(start=start, end=later(start, duration), resource_ids=tuple(ids))
            for start, ids in sorted(found.items(), key=lambda item: item[0].astimezone(UTC))
        ]


def booking_window(
    offer: AppointmentOffer, now: datetime.datetime
) -> tuple[datetime.datetime, datetime.date]:
    """The earliest start citizens may book, and the last day they may book."""
    earliest = now + datetime.timedelta(hours=offer.notice_hours)
    last_day = timezone.localtime(now).date() + datetime.timedelta(days=offer.horizon_days)
    return earliest, last_day


def free_slots(
    offer: AppointmentOffer,
    topic: Topic,
    first_day: datetime.date,
    last_day: datetime.date,
    *,
    now: datetime.datetime | None = None,
    staff: bool = False,
    exclude: Appointment | None = None,
) -> list[Slot]:
    """The free slots citizens (or, with `staff`, the team: no notice, no horizon, but not
    before the start of today) may book between the days."""
    now = now or timezone.now()
    if staff:
        today = timezone.localtime(now).date()
        earliest = datetime.datetime.combine(today, datetime.time(0), tzinfo=local_zone())
    else:
        earliest, horizon_end = booking_window(offer, now)
        last_day = min(last_day, horizon_end)
    if last_day < first_day:
        return []
    calendar = Calendar(offer, first_day, last_day, now=now, exclude=exclude)
    return calendar.slots(topic, first_day, last_day, earliest=earliest)


def group_by_day(slots: Iterable[Slot]) -> list[tuple[datetime.date, list[Slot]]]:
    days: dict[datetime.date, list[Slot]] = {}
    for slot in slots:
        days.setdefault(slot.day, []).append(slot)
    return list(days.items())


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def booked_outside_hours(
    offer: AppointmentOffer, *, now: datetime.datetime | None = None
) -> list[Appointment]:
    """Upcoming booked appointments that the hours, special days and counsellors no longer
    allow (after the team changed them): the team cancels them or calls the people."""
    now = now or timezone.now()
    upcoming = list(
        Appointment.objects.blocking(now)
        .filter(offer=offer, start__gte=now)
        .select_related("resource")
        .order_by("start")
    )
    if not upcoming:
        return []
    first_day = timezone.localtime(upcoming[0].start).date()
    last_day = timezone.localtime(upcoming[-1].start).date()
    calendar = Calendar(offer, first_day, last_day, now=now, resources=offer.resources.all())

    def fits(appointment: Appointment) -> bool:
        day = timezone.localtime(appointment.start).date()
        return appointment.resource.is_active and any(
            start <= appointment.start and appointment.end <= end
            for start, end in calendar.open_intervals(appointment.resource, day)
        )

    return [appointment for appointment in upcoming if not fits(appointment)]
