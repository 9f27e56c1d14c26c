"""Opening hours: which days a schedule opens on and whether it is open at a moment.

Schedules are evaluated in German local time, so an opening at 9:00 stays at 9:00 across the
changes to and from daylight saving time.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from sozialraum.directory.models import Schedule
from sozialraum.directory.recurrence import Recurrence

BERLIN = ZoneInfo("Europe/Berlin")
UTC = datetime.UTC


def schedule(**fields) -> Schedule:
    defaults = {
        "freq": Schedule.Freq.WEEKLY,
        "byday": "MO,TU",
        "opens_at": datetime.time(9, 0),
        "closes_at": datetime.time(12, 0),
    }
    return Schedule(**{**defaults, **fields})


def test_weekly_schedule_opens_on_its_weekdays_only():
    hours = schedule(byday="MO,TU")
    # 2025-03-03 is a Monday.
    opened = [day for day in range(3, 10) if hours.opens_on(datetime.date(2025, 3, day))]
    assert opened == [3, 4]


def test_weekly_schedule_is_open_between_opening_and_closing_time():
    hours = schedule(byday="MO")
    monday = datetime.date(2025, 3, 3)

    def at(hour: int, minute: int = 0) -> datetime.datetime:
        return datetime.datetime.combine(monday, datetime.time(hour, minute), tzinfo=BERLIN)

    assert not hours.is_open_at(at(8, 59))
    assert hours.is_open_at(at(9, 0))
    assert hours.is_open_at(at(11, 59))
    assert not hours.is_open_at(at(12, 0))  # closing time itself is closed


def test_opening_hours_follow_german_local_time_in_winter_and_summer():
    hours = schedule(byday="SU", opens_at=datetime.time(9), closes_at=datetime.time(10))
    # Winter (CET, UTC+1): 9:30 local is 8:30 UTC.
    assert hours.is_open_at(datetime.datetime(2025, 1, 5, 8, 30, tzinfo=UTC))
    assert not hours.is_open_at(datetime.datetime(2025, 1, 5, 7, 30, tzinfo=UTC))
    # Summer (CEST, UTC+2): 9:30 local is 7:30 UTC; 8:30 UTC is already 10:30 local.
    assert hours.is_open_at(datetime.datetime(2025, 7, 6, 7, 30, tzinfo=UTC))
    assert not hours.is_open_at(datetime.datetime(2025, 7, 6, 8, 30, tzinfo=UTC))


@pytest.mark.parametrize(
    ("utc_time", "is_open"),
    [
        # 30 March 2025: clocks go from 2:00 to 3:00 CET→CEST. 9:00-10:00 local = 7:00-8:00 UTC.
        (datetime.datetime(2025, 3, 30, 6, 59, tzinfo=UTC), False),
        (datetime.datetime(2025, 3, 30, 7, 0, tzinfo=UTC), True),
        (datetime.datetime(2025, 3, 30, 8, 0, tzinfo=UTC), False),
        # 26 October 2025: clocks go back. 9:00-10:00 local = 8:00-9:00 UTC.
        (datetime.datetime(2025, 10, 26, 7, 30, tzinfo=UTC), False),
        (datetime.datetime(2025, 10, 26, 8, 0, tzinfo=UTC), True),
        (datetime.datetime(2025, 10, 26, 8, 59, tzinfo=UTC), True),
    ],
)
def test_opening_hours_on_the_days_the_clocks_change(utc_time, is_open):
    hours = schedule(byday="SU", opens_at=datetime.time(9), closes_at=datetime.time(10))
    assert hours.is_open_at(utc_time) is is_open


def test_the_weekday_is_taken_in_local_time_not_utc():
    """Monday 0:30 in Berlin is still Sunday in UTC."""
    hours = schedule(byday="MO", opens_at=datetime.time(0), closes_at=datetime.time(1))
    sunday_utc = datetime.datetime(2025, 3, 2, 23, 30, tzinfo=UTC)
    assert hours.is_open_at(sunday_utc)


def test_naive_moments_are_read_as_local_time():
    hours = schedule(byday="MO")
    assert hours.is_open_at(datetime.datetime(2025, 3, 3, 9, 30))


def test_opening_past_midnight_counts_for_the_next_morning():
    hours = schedule(byday="FR", opens_at=datetime.time(22), closes_at=datetime.time(2))
    friday = datetime.date(2025, 3, 7)
    assert hours.is_open_at(datetime.datetime.combine(friday, datetime.time(23), tzinfo=BERLIN))
    saturday_night = datetime.datetime(2025, 3, 8, 1, 30, tzinfo=BERLIN)
    assert hours.is_open_at(saturday_night)
    assert not hours.is_open_at(datetime.datetime(2025, 3, 8, 23, tzinfo=BERLIN))


def test_fortnightly_schedule_counts_weeks_from_its_first_date():
    hours = schedule(byday="WE", interval=2, dtstart=datetime.date(2025, 3, 5))
    assert hours.opens_on(datetime.date(2025, 3, 5))
    assert not hours.opens_on(datetime.date(2025, 3, 12))
    assert hours.opens_on(datetime.date(2025, 3, 19))
    assert not hours.opens_on(datetime.date(2025, 2, 19))  # before the first date


@pytest.mark.parametrize(
    ("byday", "opening_days"),
    [
        ("1MO", [datetime.date(2025, 3, 3)]),
        ("-1FR", [datetime.date(2025, 3, 28)]),
        ("2TU,4TU", [datetime.date(2025, 3, 11), datetime.date(2025, 3, 25)]),
    ],
)
def test_monthly_schedule_opens_on_the_nth_weekday(byday, opening_days):
    hours = schedule(freq=Schedule.Freq.MONTHLY, byday=byday)
    march = [datetime.date(2025, 3, day) for day in range(1, 32)]
    assert [day for day in march if hours.opens_on(day)] == opening_days


def test_monthly_schedule_by_day_of_month_including_the_last_day():
    hours = schedule(freq=Schedule.Freq.MONTHLY, byday="", bymonthday="15,-1")
    assert hours.opens_on(datetime.date(2025, 2, 15))
    assert hours.opens_on(datetime.date(2025, 2, 28))
    assert not hours.opens_on(datetime.date(2025, 2, 27))
    assert hours.opens_on(datetime.date(2024, 2, 29))  # leap year


def test_schedule_opens_only_within_its_validity_period():
    hours = schedule(
        byday="MO", valid_from=datetime.date(2025, 3, 10), valid_to=datetime.date(2025, 3, 17)
    )
    assert not hours.opens_on(datetime.date(2025, 3, 3))
    assert hours.opens_on(datetime.date(2025, 3, 10))
    assert hours.opens_on(datetime.date(2025, 3, 17))
    assert not hours.opens_on(datetime.date(2025, 3, 24))


def test_series_ends_after_until_or_count():
    until = schedule(byday="MO", until=datetime.date(2025, 3, 10))
    assert until.opens_on(datetime.date(2025, 3, 10))
    assert not until.opens_on(datetime.date(2025, 3, 17))
    counted = schedule(byday="MO", count=2, dtstart=datetime.date(2025, 3, 3))
    assert counted.opens_on(datetime.date(2025, 3, 10))
    assert not counted.opens_on(datetime.date(2025, 3, 17))


def test_schedule_described_only_in_words_opens_on_no_day():
    hours = schedule(freq="", byday="", description="Nach Vereinbarung")
    assert not hours.opens_on(datetime.date(2025, 3, 3))
    assert not hours.is_open_at(datetime.datetime(2025, 3, 3, 10, tzinfo=BERLIN))


def test_malformed_rules_are_rejected_when_validated():
    with pytest.raises(ValidationError):
        schedule(byday="MONTAG").clean()
    with pytest.raises(ValidationError):
        schedule(byday="1MO").clean()  # ordinals only in monthly rules
    with pytest.raises(ValidationError):
        schedule(interval=2).clean()  # an interval needs a first date
    # A malformed rule never claims to be open.
    assert not schedule(byday="MONTAG").opens_on(datetime.date(2025, 3, 3))


def test_unknown_timezone_is_rejected():
    hours = schedule(timezone="Europe/Gotham")
    with pytest.raises(ValidationError) as error:
        hours.clean_fields(exclude=["id", "created", "modified"])
    assert "timezone" in error.value.message_dict


def test_recurrence_with_week_numbers():
    rule = Recurrence.parse(freq="WEEKLY", byday="MO", byweekno="1,-1")
    assert rule.occurs_on(datetime.date(2024, 12, 30))  # ISO week 1 of 2025
    assert rule.occurs_on(datetime.date(2025, 12, 22))  # last ISO week (52) of 2025
    assert not rule.occurs_on(datetime.date(2025, 1, 6))


def test_interval_and_count_start_at_valid_from_without_a_first_date():
    hours = schedule(byday="WE", interval=2, count=2, valid_from=datetime.date(2025, 3, 5))
    hours.clean()
    opened = [day for day in range(1, 32) if hours.opens_on(datetime.date(2025, 3, day))]
    assert opened == [5, 19]


def test_days_of_the_year_are_evaluated():
    hours = schedule(byday="", byyearday="1,-1")
    assert hours.opens_on(datetime.date(2025, 1, 1))
    assert hours.opens_on(datetime.date(2024, 12, 31))
    assert not hours.opens_on(datetime.date(2025, 1, 2))


def test_more_malformed_rules_are_rejected_and_never_open():
    for fields in (
        {"count": 3},  # a count needs a start
        {"bymonthday": "32"},
        {"byyearday": "0"},
        {"byweekno": "x"},
        {"wkst": "XX"},
        {"freq": "DAILY"},
    ):
        hours = schedule(**fields)
        with pytest.raises(ValidationError):
            hours.clean()
        assert not hours.opens_on(datetime.date(2025, 3, 3))


def test_rule_without_any_day_is_rejected():
    hours = schedule(freq=Schedule.Freq.MONTHLY, byday="1MO", bymonthday="8")
    with pytest.raises(ValidationError):
        hours.clean()
    assert not hours.opens_on(datetime.date(2025, 3, 3))


def test_monthly_rule_mixing_ordinal_and_plain_weekdays_opens_on_either():
    hours = schedule(freq=Schedule.Freq.MONTHLY, byday="2MO,TU")
    march = [datetime.date(2025, 3, day) for day in range(1, 32)]
    assert [day.day for day in march if hours.opens_on(day)] == [4, 10, 11, 18, 25]


@pytest.mark.parametrize(
    "parts",
    [
        {"freq": "MONTHLY", "byday": "1MO", "bymonthday": "7"},
        {"freq": "MONTHLY", "byday": "-1FR", "bymonthday": "-1"},
        {"freq": "WEEKLY", "byday": "MO", "byweekno": "53"},
        {"freq": "WEEKLY", "byyearday": "366"},
    ],
)
def test_rules_that_occur_only_rarely_are_accepted(parts):
    Recurrence.parse(**parts)


def test_a_rule_that_never_occurs_is_rejected_without_searching_for_millennia():
    # dateutil alone would look for the first day until the year 9999: seconds per question
    with pytest.raises(ValueError, match="keinen einzigen Termin"):
        Recurrence.parse(freq="MONTHLY", byday="1MO", bymonthday="8")
    with pytest.raises(ValueError, match="keinen einzigen Termin"):
        Recurrence.parse(freq="MONTHLY", byyearday="1", bymonthday="2")
