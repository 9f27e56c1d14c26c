"""Many people register, cancel and are promoted at the same moment: a date is never overbooked
and no place is given twice. Needs real row locks, so PostgreSQL only:
DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME pytest tests/events
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.db.models import Sum
from django.utils import timezone

from sozialraum.events.models import Booking, BookingStatus, holding
from sozialraum.events.services import (
    BookingError,
    booking_cancel,
    booking_confirm,
    waitlists_process,
)

from .factories import book, first_date, open_registration

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no row locks, it serialises whole transactions",
    ),
    pytest.mark.django_db(transaction=True),
]

#: threads at once: each holds a database connection (PostgreSQL allows 100 by default)
WORKERS = 40

Status = BookingStatus


def run_together(calls):
    """Run the calls in WORKERS threads that all start at the same moment; their outcomes
    (the result or the exception) in order."""
    start = threading.Barrier(min(WORKERS, len(calls)))
    started = threading.local()

    def run(call):
        try:
            if not getattr(started, "done", False):
                started.done = True
                start.wait(timeout=30)
            return call()
        except Exception as error:  # handed back to the test
            return error
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(run, calls))


def places_held(occurrence) -> int:
    return (
        Booking.objects.filter(holding(timezone.now()), occurrence=occurrence).aggregate(
            total=Sum("places")
        )["total"]
        or 0
    )


def test_200_people_at_once_for_20_places_get_exactly_20_and_a_clear_refusal():
    occurrence = first_date(open_registration(capacity=20, waitlist=False))

    outcomes = run_together(
        [lambda n=n: book(occurrence, f"Person {n}", email=f"p{n}@example.org") for n in range(200)]
    )

    booked = [o for o in outcomes if isinstance(o, Booking)]
    refused = [o for o in outcomes if isinstance(o, BookingError)]
    assert len(booked) == 20
    assert len(refused) == 180, [o for o in outcomes if not isinstance(o, Booking | BookingError)]
    assert {error.code for error in refused} == {"full"}
    assert "ausgebucht" in refused[0].message
    assert places_held(occurrence) == 20


def test_200_people_at_once_with_waiting_list_and_groups_never_overbook():
    occurrence = first_date(open_registration(capacity=20))

    def register(n):
        names = [f"Person {n}"] + ([f"Kind {n}"] if n % 3 == 0 else [])
        return book(occurrence, *names, email=f"p{n}@example.org", join_waitlist=True)

    outcomes = run_together([lambda n=n: register(n) for n in range(200)])

    assert all(isinstance(o, Booking) for o in outcomes), outcomes
    assert places_held(occurrence) <= 20
    assert places_held(occurrence) >= 19  # a group of two may not fit into the last place
    held = Booking.objects.filter(occurrence=occurrence, status=Status.PENDING)
    waiting = Booking.objects.filter(occurrence=occurrence, status=Status.WAITING)
    assert held.count() + waiting.count() == 200


def test_cancellations_and_promotions_at_once_never_overbook():
    occurrence = first_date(open_registration(capacity=10))
    registered = [book(occurrence, f"Person {n}", email=f"p{n}@example.org") for n in range(10)]
    waiting = [
        book(occurrence, f"Warte {n}", f"Kind {n}", email=f"w{n}@example.org", join_waitlist=True)
        for n in range(15)
    ]
    for booking in registered + waiting:
        booking_confirm(token=booking.token)

    calls = [lambda b=b: booking_cancel(token=b.token) for b in registered]
    calls += [lambda: waitlists_process() for _ in range(10)]
    outcomes = run_together(calls)

    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert places_held(occurrence) == 10
    offered = Booking.objects.filter(occurrence=occurrence, status=Status.OFFERED)
    assert offered.count() == 5  # five families of two
    assert all(b.places == 2 for b in offered)

    # the offered families accept while others cancel their place on the waiting list
    accepted = [lambda b=b: _accept(b) for b in offered]
    dropped = [
        lambda b=b: booking_cancel(token=b.token)
        for b in Booking.objects.filter(occurrence=occurrence, status=Status.WAITING)[:5]
    ]
    outcomes = run_together(accepted + dropped)
    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert places_held(occurrence) == 10
    assert Booking.objects.filter(occurrence=occurrence, status=Status.CONFIRMED).count() == 5


def _accept(booking):
    from sozialraum.events.services import booking_accept_offer

    return booking_accept_offer(token=booking.token)
