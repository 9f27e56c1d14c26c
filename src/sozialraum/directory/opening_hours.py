"""Opening hours for the public pages: which services are open now or on a weekday, and the
hours of one service in words.

A schedule belongs to a service, to a service at a location, or to a location. The most
specific level that has any schedule decides for a service: hours of the service at a location
come before the service's own hours, and those before the hours of its locations (a counselling
service open on Mondays in a building open all week is open on Mondays only).

Checking every schedule's rule with dateutil for every request would be slow on a county-sized
directory, so `opening_state` evaluates each *distinct* rule once (real directories repeat a few
dozen patterns: "MO-FR 9-17") and keeps the result in the cache for the current minute (for a
weekday: for the day), keyed on the schedules' last change.
"""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from . import change_signs
from .models import Schedule, ServiceAtLocation
from .models.schedules import DEFAULT_TIMEZONE, open_at_local_time

#: The columns that decide whether a schedule is open; schedules equal in them share one answer.
RULE_FIELDS = (
    "freq",
    "interval",
    "byday",
    "bymonthday",
    "byweekno",
    "byyearday",
    "dtstart",
    "until",
    "count",
    "wkst",
    "valid_from",
    "valid_to",
    "opens_at",
    "closes_at",
    "timezone",
)
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
CACHE_SECONDS = 120
#: Opening states kept in this process (now, and a few weekdays), oldest dropped first.
RECENT_STATES = 8
_recent: dict[str, "OpeningState"] = {}


@dataclass
class OpeningState:
    """Services open at the moment (or on the day) asked about, and services whose hours are
    known at all (a rule, not just a description); the others show no open/closed state."""

    open_ids: set[uuid.UUID] = field(default_factory=set)
    known_ids: set[uuid.UUID] = field(default_factory=set)

    def state(self, service_id: uuid.UUID) -> str:
        """ "open", "closed" or "" (no rule to tell)."""
        if service_id in self.open_ids:
            return "open"
        if service_id in self.known_ids:
            return "closed"
        return ""


def next_weekday(code: str, today: datetime.date | None = None) -> datetime.date:
    """The next day (today included) that is this weekday ("MO" … "SU")."""
    today = today or timezone.localdate()
    ahead = (WEEKDAY_CODES.index(code) - today.weekday()) % 7
    return today + datetime.timedelta(days=ahead)


def _schedules_version() -> str:
    count, changed = change_signs.current().count_and_newest(Schedule)
    # as SQLite returns it, "2026-12-05 20:14:42.503797": no spaces in cache keys
    return f"{count}-{changed or '-'}".replace(" ", "T")


def opening_state(
    *, moment: datetime.datetime | None = None, day: datetime.date | None = None
) -> OpeningState:
    """Which services are open at `moment` (default: now), or, if `day` is given, on that day."""
    if day is None:
        moment = (moment or timezone.now()).replace(second=0, microsecond=0)
        when = moment.isoformat()
    else:
        when = day.isoformat()
    key = f"directory-opening-{when}-{_schedules_version()}"
    # In this process first: unpickling thousands of UUIDs from the cache costs more than the
    # page's queries.
    state = _recent.get(key)
    if state is None:
        state = cache.get(key)
        if state is None:
            state = _compute_opening_state(moment=moment, day=day)
            cache.set(key, state, CACHE_SECONDS if day is None else 60 * 60)
        if len(_recent) >= RECENT_STATES:
            _recent.pop(next(iter(_recent)))
        _recent[key] = state
    return state


#: The columns that decide on which days a schedule opens (its times aside).
DAY_FIELDS = RULE_FIELDS[:12]


class _RuleCache:
    """Answers for distinct rules. Whether a rule opens on a day is asked once per distinct
    recurrence (a few dozen in a real directory), whatever the opening times are."""

    def __init__(self) -> None:
        self.days: dict[tuple[Any, ...], bool] = {}
        self.rules: dict[tuple[Any, ...], bool] = {}

    def opens_on(self, rule: tuple[Any, ...], day: datetime.date) -> bool:
        key = (*rule[: len(DAY_FIELDS)], day)
        if key not in self.days:
            schedule = Schedule(**dict(zip(DAY_FIELDS, rule[: len(DAY_FIELDS)], strict=True)))
            self.days[key] = schedule.opens_on(day)
        return self.days[key]

    def is_open(
        self, rule: tuple[Any, ...], moment: datetime.datetime | None, day: datetime.date | None
    ) -> bool:
        if rule not in self.rules:
            self.rules[rule] = self._is_open(rule, moment, day)
        return self.rules[rule]

    def _is_open(
        self, rule: tuple[Any, ...], moment: datetime.datetime | None, day: datetime.date | None
    ) -> bool:
        """Schedule.is_open_at, with the day answers shared between rules."""
        if day is not None:
            return self.opens_on(rule, day)
        assert moment is not None
        opens, closes, zone = rule[len(DAY_FIELDS) :]
        local = moment.astimezone(Schedule(timezone=zone or DEFAULT_TIMEZONE).tzinfo)
        return open_at_local_time(
            local.date(),
            local.time().replace(tzinfo=None),
            opens=opens,
            closes=closes,
            opens_on=lambda day: self.opens_on(rule, day),
        )


def _compute_opening_state(
    *, moment: datetime.datetime | None, day: datetime.date | None
) -> OpeningState:
    # Plain tuples without model instances: tens of thousands of rows once a minute.
    rows = Schedule.objects.values_list(
        "service_id", "service_at_location__service_id", "location_id", *RULE_FIELDS
    )
    answers = _RuleCache()
    # per level: services (or locations) with any schedule, and those open
    levels: dict[str, tuple[set[Any], set[Any]]] = {
        "sal": (set(), set()),
        "service": (set(), set()),
        "location": (set(), set()),
    }
    known_rule: dict[str, set[Any]] = {"sal": set(), "service": set(), "location": set()}
    for service_id, sal_service_id, location_id, *rule_values in rows:
        rule = tuple(rule_values)
        if sal_service_id is not None:
            level, owner = "sal", sal_service_id
        elif service_id is not None:
            level, owner = "service", service_id
        elif location_id is not None:
            level, owner = "location", location_id
        else:
            continue
        having, opened = levels[level]
        having.add(owner)
        if not rule[0]:  # no freq: described in words only
            continue
        known_rule[level].add(owner)
        if answers.is_open(rule, moment, day):
            opened.add(owner)
    sal_having, sal_open = levels["sal"]
    service_having, service_open = levels["service"]
    location_having, location_open = levels["location"]
    open_ids = set(sal_open) | (service_open - sal_having)
    known_ids = set(known_rule["sal"]) | (known_rule["service"] - sal_having)
    if location_having:
        decided = sal_having | service_having
        for service_id, location_id in ServiceAtLocation.objects.filter(
            location_id__in=known_rule["location"]
        ).values_list("service_id", "location_id"):
            if service_id in decided:
                continue
            known_ids.add(service_id)
            if location_id in location_open:
                open_ids.add(service_id)
    return OpeningState(open_ids=open_ids, known_ids=known_ids)


# --- One service's hours in words --------------------------------------------------------------


def weekday_name(code: str) -> str:
    return str(Schedule.Weekday(code).label)


def describe_days(schedule: Schedule) -> str:
    """The days of a rule in words: "Montag, Dienstag", "erster Montag im Monat"."""
    ordinals = {
        1: _("erster"),
        2: _("zweiter"),
        3: _("dritter"),
        4: _("vierter"),
        5: _("fünfter"),
        -1: _("letzter"),
    }
    if not schedule.freq:
        return ""
    parts = []
    for token in [t.strip().upper() for t in schedule.byday.split(",") if t.strip()]:
        code, ordinal = token[-2:], token[:-2]
        if code not in WEEKDAY_CODES:
            continue
        if ordinal:
            try:
                number = int(ordinal)
            except ValueError:
                continue
            if number in ordinals:
                parts.append(
                    _("%(ordinal)s %(day)s im Monat")
                    % {"ordinal": ordinals[number], "day": weekday_name(code)}
                )
        else:
            parts.append(weekday_name(code))
    if schedule.bymonthday:
        numbers = [day.strip() for day in schedule.bymonthday.split(",") if day.strip()]
        days = ", ".join(
            _("letzten Tag") if day == "-1" else pgettext("Tag im Monat", "%(day)s.") % {"day": day}
            for day in numbers
        )
        parts.append(_("am %(days)s des Monats") % {"days": days})
    text = ", ".join(parts)
    if schedule.interval and schedule.interval > 1 and schedule.freq == Schedule.Freq.WEEKLY:
        every = ngettext("jede Woche", "alle %(count)d Wochen", schedule.interval) % {
            "count": schedule.interval
        }
        text = f"{text} ({every})" if text else every
    return text


def describe_times(schedule: Schedule) -> str:
    if schedule.opens_at and schedule.closes_at:
        return _("%(opens)s bis %(closes)s Uhr") % {
            "opens": schedule.opens_at.strftime("%H:%M"),
            "closes": schedule.closes_at.strftime("%H:%M"),
        }
    if schedule.opens_at:
        return _("ab %(opens)s Uhr") % {"opens": schedule.opens_at.strftime("%H:%M")}
    return ""


def effective_schedules(
    service_schedules: Iterable[Schedule],
    sal_schedules: Iterable[Schedule],
    location_schedules: Iterable[Schedule],
) -> list[Schedule]:
    """The schedules that decide (see the module's docstring): the most specific level."""
    for level in (list(sal_schedules), list(service_schedules), list(location_schedules)):
        if level:
            return level
    return []


def is_open_now(schedules: Iterable[Schedule], moment: datetime.datetime | None = None) -> bool:
    moment = moment or timezone.now()
    return any(schedule.is_open_at(moment) for schedule in schedules)
