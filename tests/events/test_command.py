"""`sozialraum process_waitlists`: offers move on without visitors; old data is deleted."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from sozialraum.events.models import Booking, BookingStatus, Participant
from sozialraum.events.services import booking_cancel, booking_confirm
from sozialraum.events.services_provider import personal_data_delete

from .factories import book, first_date, open_registration

pytestmark = pytest.mark.django_db


def test_the_command_lets_unconfirmed_holds_go_and_offers_the_places(capsys):
    occurrence = first_date(open_registration(capacity=1))
    unconfirmed = book(occurrence, "Mia Muster")
    waiting = book(occurrence, "Ali Ahmad", join_waitlist=True)
    booking_confirm(token=waiting.token)
    # the hour for confirming has passed
    Booking.objects.filter(pk=unconfirmed.pk).update(
        hold_until=timezone.now() - datetime.timedelta(minutes=1)
    )

    call_command("process_waitlists")

    assert Booking.objects.get(pk=unconfirmed.pk).status == BookingStatus.EXPIRED
    assert Booking.objects.get(pk=waiting.pk).status == BookingStatus.OFFERED
    assert "Termine geprüft: 1" in capsys.readouterr().out


def test_participant_data_is_deleted_days_after_the_date(settings):
    settings.EVENTS_DELETE_AFTER_DAYS = 30
    occurrence = first_date(open_registration())
    booking = book(occurrence, "Mia Muster", "Tom Muster")
    booking_confirm(token=booking.token)
    after_the_date = occurrence.start + datetime.timedelta(days=29)

    assert personal_data_delete(now=after_the_date) == 0
    assert personal_data_delete(now=after_the_date + datetime.timedelta(days=2)) == 1
    assert not Participant.objects.exists()
    occurrence.refresh_from_db()  # the date stays


def test_waiting_lists_end_when_the_date_begins():
    occurrence = first_date(open_registration(capacity=1))
    first = book(occurrence, "Mia Muster")
    booking_confirm(token=first.token)
    waiting = book(occurrence, "Ali Ahmad", join_waitlist=True)
    booking_confirm(token=waiting.token)

    from sozialraum.events.services import waitlists_process

    waitlists_process(now=occurrence.start + datetime.timedelta(minutes=1))
    booking_cancel(token=first.token)  # too late: nobody is offered a place any more

    assert Booking.objects.get(pk=waiting.pk).status == BookingStatus.EXPIRED
    assert timezone.now() < occurrence.start
