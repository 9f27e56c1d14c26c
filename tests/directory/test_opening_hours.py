"""Open now / on a day for many services at once agrees with Schedule.is_open_at / opens_on."""

import datetime
import zoneinfo

import pytest

from sozialraum.directory.models import Schedule
from sozialraum.directory.opening_hours import describe_days, opening_state

from .factories import ScheduleFactory, ServiceFactory

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
RULES = [
    {"byday": "MO,TU", "opens_at": datetime.time(9), "closes_at": datetime.time(12)},
    {"byday": "FR", "opens_at": datetime.time(22), "closes_at": datetime.time(2)},  # overnight
    {"byday": "SA", "opens_at": datetime.time(10), "closes_at": None},
    {"byday": "WE", "opens_at": None, "closes_at": None},
    {"freq": Schedule.Freq.MONTHLY, "byday": "1MO", "opens_at": datetime.time(14)},
    {"byday": "TH", "interval": 2, "dtstart": datetime.date(2026, 1, 1)},
    {"byday": "MO", "valid_to": datetime.date(2026, 3, 1)},
    {"freq": "", "byday": "", "description": "nach Vereinbarung"},
]
MOMENTS = [
    datetime.datetime(2026, 3, 2, 9, 30, tzinfo=BERLIN),  # Monday, first of the month
    datetime.datetime(2026, 3, 2, 12, 0, tzinfo=BERLIN),  # closing time is exclusive
    datetime.datetime(2026, 3, 7, 1, 0, tzinfo=BERLIN),  # Saturday night after Friday 22:00
    datetime.datetime(2026, 3, 7, 11, 0, tzinfo=datetime.UTC),  # Saturday, in UTC
    datetime.datetime(2026, 3, 12, 15, 0, tzinfo=BERLIN),  # Thursday, an odd week
    datetime.datetime(2026, 3, 11, 8, 0, tzinfo=BERLIN),  # Wednesday
    datetime.datetime(2026, 3, 29, 2, 30, tzinfo=datetime.UTC),  # the DST change
]


@pytest.fixture
def schedules() -> list[Schedule]:
    return [ScheduleFactory(service=ServiceFactory(), **rule) for rule in RULES]


@pytest.mark.parametrize("moment", MOMENTS)
def test_open_now_for_all_services_agrees_with_each_schedule(schedules, moment):
    state = opening_state(moment=moment)
    for schedule in schedules:
        assert (schedule.service_id in state.open_ids) == schedule.is_open_at(moment), (
            schedule,
            moment,
        )


@pytest.mark.parametrize("day", [m.astimezone(BERLIN).date() for m in MOMENTS])
def test_open_on_a_day_agrees_with_each_schedule(schedules, day):
    state = opening_state(day=day)
    for schedule in schedules:
        assert (schedule.service_id in state.open_ids) == schedule.opens_on(day), (schedule, day)


def test_a_schedule_in_words_only_gives_no_open_or_closed_state(schedules):
    state = opening_state(moment=MOMENTS[0])
    in_words = schedules[-1]
    assert state.state(in_words.service_id) == ""
    assert state.state(schedules[0].service_id) == "open"


@pytest.mark.parametrize(
    ("fields", "german"),
    [
        (
            {"freq": "MONTHLY", "byday": "1MO,-1FR"},
            "erster Montag im Monat, letzter Freitag im Monat",
        ),
        (
            {"freq": "MONTHLY", "byday": "", "bymonthday": "1,15,-1"},
            "am 1., 15., letzten Tag des Monats",
        ),
    ],
)
def test_monthly_days_in_words(fields, german):
    assert describe_days(Schedule(**fields)) == german
