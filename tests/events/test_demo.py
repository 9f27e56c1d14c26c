"""The demo registrations: `make demo` shows a nearly full event, a full one with a waiting list
and a series."""

from io import StringIO

import pytest
from django.core.management.color import no_style
from django.db import transaction
from django.test import Client
from django.utils import timezone

from sozialraum.areas import demo as areas_demo
from sozialraum.directory import demo as directory_demo
from sozialraum.events import demo
from sozialraum.events.models import Booking, BookingStatus, Registration


@pytest.fixture(scope="module")
def demo_directory(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        areas_demo.load(StringIO(), no_style())
        directory_demo.load_directory()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo_directory, db):
    out = StringIO()
    demo.load(out, no_style())
    return out.getvalue()


def free_places(title: str) -> int:
    registration = Registration.objects.get(event__title_de__startswith=title)
    return registration.occurrences.order_by("start").first().places_free(timezone.now())


def test_demo_has_a_nearly_full_and_a_full_event_and_a_series(loaded, client: Client):
    assert "3 events open for registration" in loaded
    assert free_places("Kinderkochkurs") == 2
    assert free_places("Ferienausflug") == 0
    assert Booking.objects.filter(status=BookingStatus.WAITING).count() == 2
    series = Registration.objects.get(event__title_de__startswith="Elternkurs")
    assert series.occurrences.count() >= 7

    html = client.get("/de/veranstaltungen/").content.decode()
    for title in ("Kinderkochkurs", "Ferienausflug in den Tierpark", "Elternkurs"):
        assert title in html


def test_loading_again_starts_afresh(loaded):
    before = Booking.objects.count()
    demo.load(StringIO(), no_style())
    assert Booking.objects.count() == before
    assert Registration.objects.count() == 3
