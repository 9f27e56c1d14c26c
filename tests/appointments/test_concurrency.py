"""Never overbooked: many people ask for the same time at the same moment. Needs real row locks,
so PostgreSQL only:
DATABASE_URL=postgres://postgres@127.0.0.1:5432/ap_helper pytest tests/appointments
"""

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sozialraum.appointments import services
from sozialraum.appointments.models import Appointment
from sozialraum.appointments.slots import free_slots

from .factories import create_offer

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no row locks, it serialises whole transactions",
    ),
    pytest.mark.django_db(transaction=True),
]

REQUESTS = 50


def at_once(count: int, call) -> list:
    """Run call(index) in `count` threads that start together; their results or errors."""
    start = threading.Barrier(count)
    results: list = [None] * count

    def worker(index: int) -> None:
        try:
            start.wait()
            results[index] = call(index)
        except Exception as error:  # handed back to the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def first_free_slot(offer):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return free_slots(offer, offer.topics.get(), tomorrow, tomorrow)[0]


def test_fifty_requests_for_one_slot_give_exactly_one_booking(settings):
    # all from one address: above the limit per visitor (core/rate_limits.py)
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "appointment_request": ""}
    offer = create_offer(
        weekdays=(0, 1, 2, 3, 4, 5, 6), hours=(datetime.time(8), datetime.time(18))
    )
    topic = offer.topics.get()
    slot = first_free_slot(offer)
    url = reverse(
        "appointments:book", kwargs={"service_id": offer.service_id, "topic_id": topic.pk}
    )

    def post(index: int):
        return Client().post(
            url,
            {"beginn": slot.start.isoformat(), "name": f"Person {index}",
             "email": f"person{index}@example.org"},
        )  # fmt: skip

    responses = at_once(REQUESTS, post)

    errors = [r for r in responses if isinstance(r, Exception)]
    assert not errors, errors[:3]
    booked = [r for r in responses if r["Location"].endswith("/gesendet/")]
    refused = [r for r in responses if "?woche=" in r["Location"]]
    assert len(booked) == 1
    assert len(refused) == REQUESTS - 1
    assert Appointment.objects.count() == 1
    # the refused see a clear message on the list they are sent back to
    client = refused[0].client
    assert "nicht mehr frei" in client.get(refused[0]["Location"]).content.decode()


def test_two_parallel_counsellors_take_exactly_two_of_many_requests():
    offer = create_offer(
        resources=2, weekdays=(0, 1, 2, 3, 4, 5, 6), hours=(datetime.time(8), datetime.time(18))
    )
    topic = offer.topics.get()
    slot = first_free_slot(offer)

    def request(index: int):
        return services.appointment_request(
            offer=offer, topic=topic, start=slot.start, name="P",
            email=f"p{index}@example.org",
        )  # fmt: skip

    results = at_once(20, request)
    assert sum(isinstance(r, Appointment) for r in results) == 2
    assert sum(isinstance(r, services.SlotTaken) for r in results) == 18
    assert set(Appointment.objects.values_list("resource", flat=True)) == set(
        offer.resources.values_list("pk", flat=True)
    )


def test_two_moves_to_the_same_time_at_once_leave_both_with_a_time():
    offer = create_offer(
        weekdays=(0, 1, 2, 3, 4, 5, 6), hours=(datetime.time(8), datetime.time(18))
    )
    topic = offer.topics.get()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    slots = free_slots(offer, topic, tomorrow, tomorrow)
    appointments = []
    for index, slot in enumerate(slots[:2]):
        appointment = services.appointment_request(
            offer=offer, topic=topic, start=slot.start, name="P", email=f"p{index}@example.org"
        )
        appointments.append(services.appointment_confirm(appointment=appointment))
    target = slots[5].start

    results = at_once(
        2, lambda index: services.appointment_move(appointment=appointments[index], start=target)
    )

    assert sorted(type(r).__name__ for r in results) == ["Appointment", "SlotTaken"]
    starts = sorted(Appointment.objects.values_list("start", flat=True))
    assert target in starts and len(set(starts)) == 2  # nobody lost their time


def test_overlapping_requests_of_different_lengths_never_share_a_counsellor():
    """The unique constraint alone would not catch these (different start times): the lock does."""
    offer = create_offer(
        weekdays=(0, 1, 2, 3, 4, 5, 6), hours=(datetime.time(8), datetime.time(18))
    )
    short = offer.topics.get()
    long = offer.topics.create(name="Ausführlich", duration_minutes=60)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    slots = free_slots(offer, long, tomorrow, tomorrow)
    first, second = slots[0].start, slots[1].start  # 60 minutes from the first overlaps the second

    def request(index: int):
        topic, start = (long, first) if index % 2 == 0 else (short, second)
        return services.appointment_request(
            offer=offer, topic=topic, start=start, name="P", email=f"p{index}@example.org"
        )

    results = at_once(20, request)
    assert sum(isinstance(r, Appointment) for r in results) == 1
    assert Appointment.objects.count() == 1
