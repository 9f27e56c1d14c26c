"""Free times: weekly hours, exceptions, parallel counsellors, topics' durations, the booking
window, and daylight-saving changes in Europe/Berlin."""

import datetime

import pytest

from sozialraum.appointments.models import Appointment, Resource, SpecialDay, WeeklyHours
from sozialraum.appointments.slots import free_slots

from .factories import MONDAY, berlin, closed, create_offer

pytestmark = pytest.mark.django_db

NOW = berlin(MONDAY - datetime.timedelta(days=7), 8)  # a week before


def times(slots):
    return [f"{slot.start:%Y-%m-%d %H:%M}" for slot in slots]


def test_weekly_hours_are_cut_into_slots_of_the_topics_length():
    offer = create_offer()
    slots = free_slots(offer, offer.topics.get(), MONDAY, MONDAY, now=NOW)
    assert [f"{s.start:%H:%M}" for s in slots] == [
        "09:00", "09:30", "10:00", "10:30", "11:00", "11:30",
    ]  # fmt: skip


def test_a_longer_topic_starts_on_the_grid_and_ends_before_closing():
    offer = create_offer(duration=60)
    slots = free_slots(offer, offer.topics.get(), MONDAY, MONDAY, now=NOW)
    assert [f"{s.start:%H:%M}" for s in slots] == ["09:00", "09:30", "10:00", "10:30", "11:00"]
    assert slots[-1].end == berlin(MONDAY, 12)


def test_a_booked_appointment_blocks_every_slot_it_overlaps():
    offer = create_offer()
    topic = offer.topics.get()
    Appointment.objects.create(
        offer=offer, resource=offer.resources.get(), topic=topic, name="A",
        start=berlin(MONDAY, 10), end=berlin(MONDAY, 11), status="confirmed",
    )  # fmt: skip
    slots = free_slots(offer, topic, MONDAY, MONDAY, now=NOW)
    assert [f"{s.start:%H:%M}" for s in slots] == ["09:00", "09:30", "11:00", "11:30"]


def test_two_counsellors_offer_a_time_until_both_are_booked():
    offer = create_offer(resources=2)
    topic = offer.topics.get()
    first, second = offer.resources.order_by("pk")
    for resource in (first, second):
        Appointment.objects.create(
            offer=offer, resource=resource, topic=topic, name="A",
            start=berlin(MONDAY, 9), end=berlin(MONDAY, 9, 30), status="confirmed",
        )  # fmt: skip
        slots = free_slots(offer, topic, MONDAY, MONDAY, now=NOW)
        assert ("09:00" in [f"{s.start:%H:%M}" for s in slots]) == (resource == first)


def test_a_reservation_nobody_confirmed_in_time_no_longer_blocks():
    offer = create_offer()
    topic = offer.topics.get()
    Appointment.objects.create(
        offer=offer, resource=offer.resources.get(), topic=topic, name="A",
        start=berlin(MONDAY, 9), end=berlin(MONDAY, 9, 30), status="pending",
        hold_until=NOW + datetime.timedelta(minutes=30),
    )  # fmt: skip
    assert "09:00" not in [
        f"{s.start:%H:%M}" for s in free_slots(offer, topic, MONDAY, MONDAY, now=NOW)
    ]
    later = NOW + datetime.timedelta(minutes=31)
    assert "09:00" in [
        f"{s.start:%H:%M}" for s in free_slots(offer, topic, MONDAY, MONDAY, now=later)
    ]


def test_closed_days_and_a_counsellors_leave_remove_their_times():
    offer = create_offer(resources=2)
    topic = offer.topics.get()
    closed(offer, MONDAY, note="Feiertag")
    first = offer.resources.order_by("pk").first()
    closed(
        offer,
        MONDAY + datetime.timedelta(days=1),
        last_day=MONDAY + datetime.timedelta(days=2),
        resource=first,
    )
    slots = free_slots(offer, topic, MONDAY, MONDAY + datetime.timedelta(days=3), now=NOW)
    assert not [s for s in slots if s.day == MONDAY]
    tuesday = [s for s in slots if s.day == MONDAY + datetime.timedelta(days=1)]
    assert tuesday and all(
        s.resource_ids == (offer.resources.order_by("pk")[1].pk,) for s in tuesday
    )
    thursday = [s for s in slots if s.day == MONDAY + datetime.timedelta(days=3)]
    assert all(len(s.resource_ids) == 2 for s in thursday)


def test_an_extra_day_opens_times_on_a_saturday():
    offer = create_offer()
    saturday = MONDAY + datetime.timedelta(days=5)
    SpecialDay.objects.create(
        offer=offer, kind="open", first_day=saturday,
        start=datetime.time(10), end=datetime.time(11), note="Aktionstag",
    )  # fmt: skip
    slots = free_slots(offer, offer.topics.get(), saturday, saturday, now=NOW)
    assert times(slots) == ["2025-03-29 10:00", "2025-03-29 10:30"]


def test_hours_for_one_counsellor_only_apply_to_them():
    offer = create_offer(weekdays=())
    second = Resource.objects.create(offer=offer, name="Beraterin 2")
    WeeklyHours.objects.create(
        offer=offer, weekday=0, start=datetime.time(14), end=datetime.time(15), resource=second
    )
    slots = free_slots(offer, offer.topics.get(), MONDAY, MONDAY, now=NOW)
    assert [(f"{s.start:%H:%M}", s.resource_ids) for s in slots] == [
        ("14:00", (second.pk,)), ("14:30", (second.pk,)),
    ]  # fmt: skip


def test_booking_opens_horizon_days_ahead_and_closes_notice_hours_before():
    offer = create_offer(notice_hours=24, horizon_days=7)
    now = berlin(MONDAY, 10)
    slots = free_slots(
        offer, offer.topics.get(), MONDAY, MONDAY + datetime.timedelta(days=30), now=now
    )
    assert slots[0].start == berlin(MONDAY + datetime.timedelta(days=1), 10)
    assert slots[-1].day == MONDAY + datetime.timedelta(days=7)


def test_staff_may_book_today_without_notice_but_not_in_the_past_days():
    offer = create_offer(notice_hours=48)
    now = berlin(MONDAY, 10)
    staff = free_slots(offer, offer.topics.get(), MONDAY, MONDAY, now=now, staff=True)
    citizens = free_slots(offer, offer.topics.get(), MONDAY, MONDAY, now=now)
    assert staff and not citizens
    assert not free_slots(
        offer,
        offer.topics.get(),
        MONDAY - datetime.timedelta(days=1),
        MONDAY - datetime.timedelta(days=1),
        now=now,
        staff=True,
    )


def test_nine_oclock_stays_nine_oclock_across_the_change_to_summer_time():
    offer = create_offer()
    topic = offer.topics.get()
    before = free_slots(
        offer, topic, datetime.date(2025, 3, 28), datetime.date(2025, 3, 28), now=NOW
    )
    after = free_slots(
        offer, topic, datetime.date(2025, 3, 31), datetime.date(2025, 3, 31), now=NOW
    )
    assert f"{before[0].start:%H:%M}" == f"{after[0].start:%H:%M}" == "09:00"
    assert before[0].start.astimezone(datetime.UTC).hour == 8  # CET, UTC+1
    assert after[0].start.astimezone(datetime.UTC).hour == 7  # CEST, UTC+2


def test_the_hour_that_does_not_exist_in_spring_is_left_out():
    offer = create_offer(weekdays=())
    sunday = datetime.date(2025, 3, 30)
    SpecialDay.objects.create(
        offer=offer, kind="open", first_day=sunday, start=datetime.time(1), end=datetime.time(4)
    )
    slots = free_slots(offer, offer.topics.get(), sunday, sunday, now=NOW)
    assert [f"{s.start:%H:%M}" for s in slots] == ["01:00", "01:30", "03:00", "03:30"]
    # 01:30 CET to 03:00 CEST is 30 real minutes: the 01:30 appointment ends at 03:00
    assert slots[1].end == slots[2].start


def test_the_hour_that_happens_twice_in_autumn_is_offered_once():
    offer = create_offer(weekdays=())
    sunday = datetime.date(2025, 10, 26)
    SpecialDay.objects.create(
        offer=offer, kind="open", first_day=sunday, start=datetime.time(1), end=datetime.time(4)
    )
    now = berlin(datetime.date(2025, 10, 20), 8)
    slots = free_slots(offer, offer.topics.get(), sunday, sunday, now=now)
    assert [f"{s.start:%H:%M}" for s in slots] == [
        "01:00",
        "01:30",
        "02:00",
        "02:30",
        "03:00",
        "03:30",
    ]
    assert len({s.start.astimezone(datetime.UTC) for s in slots}) == 6
