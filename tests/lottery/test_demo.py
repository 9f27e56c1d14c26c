"""The demo holiday programme: `make demo` shows a programme in its wish phase with three
lottery events, and it can be drawn."""

from io import StringIO

import pytest
from django.core.management.color import no_style
from django.db import transaction
from django.test import Client

from sozialraum.areas import demo as areas_demo
from sozialraum.directory import demo as directory_demo
from sozialraum.events.models import Allocation, Booking
from sozialraum.lottery import demo
from sozialraum.lottery.models import Application, Programme
from sozialraum.lottery.services import programme_draw
from sozialraum.passes import demo as passes_demo

from .factories import after_phase


@pytest.fixture(scope="module")
def demo_directory(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        areas_demo.load(StringIO(), no_style())
        directory_demo.load_directory()
        passes_demo.load(StringIO(), no_style())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo_directory, db):
    out = StringIO()
    demo.load(out, no_style())
    return out.getvalue()


def test_the_demo_programme_takes_wishes_and_can_be_drawn(loaded, client: Client):
    assert "in its wish phase with 3 lottery events" in loaded
    programme = Programme.objects.get()
    assert programme.pass_type.code == "FP"
    assert programme.links.filter(registration__allocation=Allocation.LOTTERY).count() == 3
    html = client.get(f"/de/ferienprogramm/{programme.pk}/").content.decode()
    assert "Kanutour auf dem Kanal" in html and 'name="c0-wish_1"' in html

    demo.load(StringIO(), no_style())  # loading again starts afresh
    programme = Programme.objects.get()
    assert Application.objects.count() == 3

    programme_draw(programme_id=programme.pk, user=None, now=after_phase(programme))
    assert Booking.objects.filter(status="confirmed").count() == 3
