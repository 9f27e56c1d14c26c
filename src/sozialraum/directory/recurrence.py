"""Recurrence rules of opening hours: the iCalendar (RFC 5545) subset that HSDS schedules use.

HSDS 3.0 schedules describe regular opening hours with iCalendar parts: ``freq`` (WEEKLY or
MONTHLY), ``interval``, ``byday`` ("MO,TU"; in monthly rules with an ordinal: "1MO", "-1FR"),
``bymonthday`` ("1,15,-1"), ``byweekno``, ``byyearday``, ``dtstart``, ``until``, ``count`` and
``wkst``. This module checks the text columns (with German messages) and hands them to
``dateutil.rrule``, which does the calendar arithmetic. It decides whether a rule has an
occurrence on a *local* day; times of day and time zones are the caller's business (see
``Schedule.is_open_at``), so daylight saving time never enters here.

The start of the series (``dtstart``) matters for ``interval`` and ``count``, which count from it,
and for a rule without days, which takes the weekday (weekly) or the day of the month (monthly)
of its start. Such rules need a start (``Schedule`` passes its first date, else its "valid from");
a rule without a start opens on no day unless it names its days. A rule without a start has an
interval of 1 and no count, so where its series starts changes nothing: it is anchored on
1 January of the year before the day asked about, early enough for week numbers that reach into
the previous year, and dateutil need not iterate from a distant past.
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from typing import Literal

from dateutil import rrule
from django.utils.translation import gettext as _

FREQUENCIES: dict[str, Literal[1, 2]] = {"WEEKLY": rrule.WEEKLY, "MONTHLY": rrule.MONTHLY}
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY_PART = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")


def _tokens(value: str) -> list[str]:
    return [token.strip() for token in value.split(",") if token.strip()]


def parse_byday(value: str) -> tuple[rrule.weekday, ...]:
    """ "MO,1TU,-1FR" → (MO, TU(+1), FR(-1)); the number is the ordinal in the month."""
    days: list[rrule.weekday] = []
    for token in _tokens(value):
        match = _BYDAY_PART.match(token.upper())
        if match is None:
            raise ValueError(_("Unbekannter Wochentag: „%(value)s“") % {"value": token})
        ordinal = int(match.group(1)) if match.group(1) else None
        if ordinal is not None and not 1 <= abs(ordinal) <= 5:
            raise ValueError(_("Ungültige Angabe: „%(value)s“") % {"value": token})
        days.append(rrule.weekday(WEEKDAYS.index(match.group(2)), ordinal))
    return tuple(days)


def parse_numbers(value: str, limit: int) -> tuple[int, ...]:
    """ "2,15,-1" → (2, 15, -1); each number non-zero and at most `limit` in magnitude."""
    numbers: list[int] = []
    for token in _tokens(value):
        try:
            number = int(token)
        except ValueError:
            raise ValueError(_("Keine Zahl: „%(value)s“") % {"value": token}) from None
        if number == 0 or abs(number) > limit:
            raise ValueError(_("Ungültige Zahl: „%(value)s“") % {"value": token})
        numbers.append(number)
    return tuple(numbers)


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min)


#: How far ahead a new rule must have an occurrence (see Recurrence.parse).
SEARCH_YEARS = 28


def _matches(
    day: datetime.date,
    days: tuple[rrule.weekday, ...],
    monthdays: tuple[int, ...],
    weeknos: tuple[int, ...],
    yeardays: tuple[int, ...],
) -> bool:
    """Whether the day passes every BY part (the filters of RFC 5545, weeks starting Monday)."""
    if days:
        # an ordinal counts within the month (only monthly rules have ordinals)
        month_length = calendar.monthrange(day.year, day.month)[1]
        nth_from_start = (day.day - 1) // 7 + 1
        nth_from_end = -((month_length - day.day) // 7 + 1)
        if not any(
            d.weekday == day.weekday() and (not d.n or d.n in (nth_from_start, nth_from_end))
            for d in days
        ):
            return False
    if monthdays:
        month_length = calendar.monthrange(day.year, day.month)[1]
        if day.day not in monthdays and day.day - month_length - 1 not in monthdays:
            return False
    if weeknos:
        week = day.isocalendar().week
        weeks_in_year = datetime.date(day.year, 12, 28).isocalendar().week
        if week not in weeknos and week - weeks_in_year - 1 not in weeknos:
            return False
    if yeardays:
        yearday = day.timetuple().tm_yday
        year_length = 366 if calendar.isleap(day.year) else 365
        if yearday not in yeardays and yearday - year_length - 1 not in yeardays:
            return False
    return True


def _any_day_matches(
    days: tuple[rrule.weekday, ...],
    monthdays: tuple[int, ...],
    weeknos: tuple[int, ...],
    yeardays: tuple[int, ...],
    dtstart: datetime.date | None,
) -> bool:
    if not (days or monthdays or weeknos or yeardays):
        return True  # the rule repeats its start
    first = dtstart or datetime.date(2000, 1, 1)
    day, last = first, first.replace(year=first.year + SEARCH_YEARS, day=min(first.day, 28))
    one_day = datetime.timedelta(days=1)
    while day <= last:
        if _matches(day, days, monthdays, weeknos, yeardays):
            return True
        day += one_day
    return False


@dataclass(frozen=True)
class Recurrence:
    """A checked rule. ``rule`` is None for a rule that names no days and has no start."""

    rule: rrule.rrule | None
    has_start: bool
    until: datetime.date | None = None
    count: int | None = None

    @classmethod
    def parse(
        cls,
        *,
        freq: str,
        interval: int | None = None,
        byday: str = "",
        bymonthday: str = "",
        byweekno: str = "",
        byyearday: str = "",
        dtstart: datetime.date | None = None,
        until: datetime.date | None = None,
        count: int | None = None,
        wkst: str = "",
    ) -> "Recurrence":
        """A rule from the text columns of an HSDS schedule; raises ValueError if malformed."""
        frequency = FREQUENCIES.get(freq.upper())
        if frequency is None:
            raise ValueError(_("Unbekannte Häufigkeit: „%(value)s“") % {"value": freq})
        if interval is not None and interval < 1:
            raise ValueError(_("Das Intervall muss mindestens 1 sein."))
        if (interval or 1) > 1 and dtstart is None:
            raise ValueError(_("Ein Intervall braucht einen ersten Termin oder „Gültig ab“."))
        if count is not None and dtstart is None:
            raise ValueError(
                _("Eine Anzahl der Termine braucht einen ersten Termin oder „Gültig ab“.")
            )
        if wkst and wkst.upper() not in WEEKDAYS:
            raise ValueError(_("Unbekannter Wochenbeginn: „%(value)s“") % {"value": wkst})
        days = parse_byday(byday)
        if any(day.n for day in days):
            if frequency == rrule.WEEKLY:
                raise ValueError(_("Wöchentliche Regeln kennen keine Angaben wie „1MO“."))
            # dateutil would require "2MO,TU" to be both; iCalendar means either: every Tuesday
            # is the 1st to 5th Tuesday of its month.
            days = tuple(
                nth for day in days for nth in ([day] if day.n else [day(n) for n in range(1, 6)])
            )
        monthdays = parse_numbers(bymonthday, 31)
        weeknos = parse_numbers(byweekno, 53)
        yeardays = parse_numbers(byyearday, 366)
        if dtstart is None and not (days or monthdays or weeknos or yeardays):
            return cls(rule=None, has_start=False, until=until)
        rule = rrule.rrule(
            frequency,
            # Without a start, occurs_on() moves the series next to the day asked about.
            dtstart=_midnight(dtstart or datetime.date(2000, 1, 1)),
            interval=interval or 1,
            wkst=WEEKDAYS.index(wkst.upper()) if wkst else rrule.MO.weekday,
            byweekday=days or None,
            bymonthday=monthdays or None,
            byweekno=weeknos or None,
            byyearday=yeardays or None,
        )
        # Conflicting parts ("1MO" on the 8th) give no day at all; such a rule is malformed.
        # dateutil would search up to the year 9999 for it (seconds, on every question), so the
        # parts are tried on the days of 28 years here: every combination of weekday, date,
        # week number and leap day recurs within them.
        if not _any_day_matches(days, monthdays, weeknos, yeardays, dtstart):
            raise ValueError(_("Diese Regel ergibt keinen einzigen Termin."))
        return cls(rule=rule, has_start=dtstart is not None, until=until, count=count)

    def occurs_on(self, day: datetime.date) -> bool:
        if self.rule is None or (self.until is not None and day > self.until):
            return False
        moment = _midnight(day)
        # The series ends at the day asked about, so dateutil stops there; count and until are
        # therefore applied here (dateutil also deprecates COUNT together with UNTIL).
        if self.has_start:
            series = self.rule.replace(until=moment)
        else:
            anchor = datetime.date(max(day.year - 1, datetime.MINYEAR), 1, 1)
            series = self.rule.replace(dtstart=_midnight(anchor), until=moment)
        occurrences = list(series)
        return (
            bool(occurrences)
            and occurrences[-1] == moment
            and (self.count is None or len(occurrences) <= self.count)
        )
