"""Recurrence rules of opening hours: the iCalendar (RFC 5545) subset that HSDS schedules use.

HSDS 3.0 schedules describe regular opening hours with iCalendar parts: ``freq`` (WEEKLY or
MONTHLY), ``interval``, ``byday`` ("MO,TU"; in monthly rules with an ordinal: "1MO", "-1FR"),
``bymonthday`` ("1,15,-1"), ``byweekno``, ``dtstart``, ``until`` and ``count``. This module decides
whether such a rule has an occurrence on a given *local* day; times of day and time zones are the
caller's business (see ``Schedule.is_open_at``), so daylight saving time never enters here.

Written by hand because only this small subset is needed and ``python-dateutil`` is no
dependency of the project; every rule is evaluated for one day, without expanding a series
(except to honour ``count``, which needs the occurrences from ``dtstart`` on).
"""

import calendar
import datetime
import re
from dataclasses import dataclass

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_BYDAY_PART = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")

WEEKLY = "WEEKLY"
MONTHLY = "MONTHLY"


def parse_byday(value: str) -> tuple[tuple[int | None, int], ...]:
    """ "MO,1TU,-1FR" → ((None, 0), (1, 1), (-1, 4)): (ordinal in the month, weekday 0=Monday)."""
    parts: list[tuple[int | None, int]] = []
    for raw in value.split(","):
        token = raw.strip().upper()
        if not token:
            continue
        match = _BYDAY_PART.match(token)
        if match is None:
            raise ValueError(f"Unbekannter Wochentag: {raw.strip()!r}")
        ordinal = int(match.group(1)) if match.group(1) else None
        if ordinal is not None and not 1 <= abs(ordinal) <= 5:
            raise ValueError(f"Ungültige Angabe: {raw.strip()!r}")
        parts.append((ordinal, WEEKDAYS.index(match.group(2))))
    return tuple(parts)


def parse_numbers(value: str, limit: int) -> tuple[int, ...]:
    """ "2,15,-1" → (2, 15, -1); each number non-zero and at most `limit` in magnitude."""
    numbers: list[int] = []
    for raw in value.split(","):
        token = raw.strip()
        if not token:
            continue
        try:
            number = int(token)
        except ValueError:
            raise ValueError(f"Keine Zahl: {token!r}") from None
        if number == 0 or abs(number) > limit:
            raise ValueError(f"Ungültige Zahl: {token!r}")
        numbers.append(number)
    return tuple(numbers)


@dataclass(frozen=True)
class Recurrence:
    freq: str
    interval: int = 1
    byday: tuple[tuple[int | None, int], ...] = ()
    bymonthday: tuple[int, ...] = ()
    byweekno: tuple[int, ...] = ()
    dtstart: datetime.date | None = None
    until: datetime.date | None = None
    count: int | None = None
    wkst: int = 0  # Monday

    @classmethod
    def parse(
        cls,
        *,
        freq: str,
        interval: int | None = None,
        byday: str = "",
        bymonthday: str = "",
        byweekno: str = "",
        dtstart: datetime.date | None = None,
        until: datetime.date | None = None,
        count: int | None = None,
        wkst: str = "",
    ) -> "Recurrence":
        """A rule from the text columns of an HSDS schedule; raises ValueError if malformed."""
        freq = freq.upper()
        if freq not in (WEEKLY, MONTHLY):
            raise ValueError(f"Unbekannte Häufigkeit: {freq!r}")
        if interval is not None and interval < 1:
            raise ValueError("Das Intervall muss mindestens 1 sein.")
        if (interval or 1) > 1 and dtstart is None:
            raise ValueError("Ein Intervall braucht ein Startdatum (dtstart).")
        if count is not None and dtstart is None:
            raise ValueError("Eine Anzahl (count) braucht ein Startdatum (dtstart).")
        days = parse_byday(byday)
        if freq == WEEKLY and any(ordinal is not None for ordinal, _day in days):
            raise ValueError("Wöchentliche Regeln kennen keine Angaben wie „1MO“.")
        return cls(
            freq=freq,
            interval=interval or 1,
            byday=days,
            bymonthday=parse_numbers(bymonthday, 31),
            byweekno=parse_numbers(byweekno, 53),
            dtstart=dtstart,
            until=until,
            count=count,
            wkst=WEEKDAYS.index(wkst.upper()) if wkst else 0,
        )

    def occurs_on(self, day: datetime.date) -> bool:
        if self.dtstart is not None and day < self.dtstart:
            return False
        if self.until is not None and day > self.until:
            return False
        if not self._matches(day):
            return False
        if self.count is not None:
            assert self.dtstart is not None  # guaranteed by parse()
            return self._ordinal(day) <= self.count
        return True

    def _ordinal(self, day: datetime.date) -> int:
        """How many occurrences there are from dtstart up to and including the day."""
        assert self.dtstart is not None
        current, seen = self.dtstart, 0
        while current <= day:
            if self._matches(current):
                seen += 1
                if seen > (self.count or 0):
                    break
            current += datetime.timedelta(days=1)
        return seen

    def _matches(self, day: datetime.date) -> bool:
        if self.freq == WEEKLY:
            return self._matches_weekly(day)
        return self._matches_monthly(day)

    def _matches_weekly(self, day: datetime.date) -> bool:
        weekdays = {weekday for _ordinal, weekday in self.byday}
        if not weekdays:
            if self.dtstart is None:
                return False
            weekdays = {self.dtstart.weekday()}
        if day.weekday() not in weekdays:
            return False
        if self.byweekno and not _in_week_numbers(day, self.byweekno):
            return False
        if self.interval > 1:
            assert self.dtstart is not None
            weeks = (self._week_start(day) - self._week_start(self.dtstart)).days // 7
            if weeks % self.interval:
                return False
        return True

    def _matches_monthly(self, day: datetime.date) -> bool:
        if (
            not self.byday
            and not self.bymonthday
            and (self.dtstart is None or day.day != self.dtstart.day)
        ):
            return False
        if self.byday and not any(
            _is_nth_weekday(day, ordinal, weekday) for ordinal, weekday in self.byday
        ):
            return False
        if self.bymonthday and not _in_month_days(day, self.bymonthday):
            return False
        if self.interval > 1:
            assert self.dtstart is not None
            months = (day.year - self.dtstart.year) * 12 + day.month - self.dtstart.month
            if months % self.interval:
                return False
        return True

    def _week_start(self, day: datetime.date) -> datetime.date:
        return day - datetime.timedelta(days=(day.weekday() - self.wkst) % 7)


def _is_nth_weekday(day: datetime.date, ordinal: int | None, weekday: int) -> bool:
    if day.weekday() != weekday:
        return False
    if ordinal is None:
        return True
    if ordinal > 0:
        return (day.day - 1) // 7 + 1 == ordinal
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    return (days_in_month - day.day) // 7 + 1 == -ordinal


def _in_month_days(day: datetime.date, numbers: tuple[int, ...]) -> bool:
    days_in_month = calendar.monthrange(day.year, day.month)[1]
    return any(
        day.day == (number if number > 0 else days_in_month + number + 1) for number in numbers
    )


def _in_week_numbers(day: datetime.date, numbers: tuple[int, ...]) -> bool:
    iso_year, week, _weekday = day.isocalendar()
    weeks_in_year = datetime.date(iso_year, 12, 28).isocalendar().week
    return any(week == (number if number > 0 else weeks_in_year + number + 1) for number in numbers)
