"""Booking, double opt-in, the waiting list and holding times (services.py)."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from sozialraum.core.models import AuditEntry
from sozialraum.events.models import Booking, BookingStatus
from sozialraum.events.services import (
    BookingError,
    ParticipantData,
    booking_accept_offer,
    booking_cancel,
    booking_confirm,
    booking_create,
    waitlists_process,
)

from .factories import add_question, book, first_date, open_registration

pytestmark = pytest.mark.django_db

Status = BookingStatus


def later(minutes: int = 0, hours: int = 0) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(minutes=minutes, hours=hours)


def test_a_registration_holds_places_until_confirmed_and_the_confirmation_mail_has_an_ics():
    occurrence = first_date(open_registration(capacity=3))
    booking = book(occurrence, "Mia Muster", "Tom Muster")

    assert booking.status == Status.PENDING
    assert occurrence.places_free(timezone.now()) == 1
    (ask,) = mail.outbox
    assert ask.to == ["mia@example.org"]
    assert f"/de/veranstaltungen/buchung/{booking.token}/" in ask.body
    assert "Bestätigen" in ask.body

    booking_confirm(token=booking.token)

    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED
    confirmation = mail.outbox[1]
    assert "bestätigt" in confirmation.subject
    (name, content, mimetype) = confirmation.attachments[0]
    assert (name, mimetype) == ("termin.ics", "text/calendar")
    assert "BEGIN:VEVENT" in content
    assert booking.token in content


def test_an_unconfirmed_registration_gives_its_places_back_after_the_holding_time(settings):
    settings.EVENTS_CONFIRMATION_MINUTES = 30
    occurrence = first_date(open_registration(capacity=2))
    booking = book(occurrence, "Mia Muster", "Tom Muster")

    assert occurrence.places_free(later(minutes=29)) == 0
    assert occurrence.places_free(later(minutes=31)) == 2
    waitlists_process(now=later(minutes=31))
    booking.refresh_from_db()
    assert booking.status == Status.EXPIRED
    with pytest.raises(BookingError, match="abgelaufen"):
        booking_confirm(token=booking.token, now=later(minutes=32))


def test_a_full_date_refuses_with_a_message_unless_asked_to_join_the_waiting_list():
    occurrence = first_date(open_registration(capacity=1))
    book(occurrence, "Mia Muster")

    with pytest.raises(BookingError, match=r"ausgebucht.*Warteliste") as error:
        book(occurrence, "Ali Ahmad")
    assert error.value.code == "full"
    waiting = book(occurrence, "Ali Ahmad", join_waitlist=True)
    assert waiting.status == Status.WAITING
    assert waiting.places == 0
    assert "Warteliste" in mail.outbox[-1].subject


def test_a_group_counts_every_person_and_may_not_exceed_the_free_places():
    occurrence = first_date(open_registration(capacity=4))
    book(occurrence, "Mia Muster", "Tom Muster")

    with pytest.raises(BookingError, match=r"nicht mehr genug Plätze frei \(noch 2\)"):
        book(occurrence, "Ali Ahmad", "Lea Ahmad", "Omar Ahmad")


def test_waitlisted_person_is_offered_a_freed_place_and_can_accept_it(settings):
    settings.EVENTS_OFFER_HOURS = 12
    occurrence = first_date(open_registration(capacity=1))
    first = book(occurrence, "Mia Muster")
    booking_confirm(token=first.token)
    waiting = book(occurrence, "Ali Ahmad", join_waitlist=True)
    booking_confirm(token=waiting.token)
    assert Booking.objects.get(pk=waiting.pk).status == Status.WAITING

    booking_cancel(token=first.token)

    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    assert waiting.places == 1
    assert later(hours=11) < waiting.hold_until < later(hours=13)
    offer = mail.outbox[-1]
    assert offer.to == ["ali@example.org"]
    assert "Platz ist frei" in offer.subject
    assert waiting.token in offer.body

    booking_accept_offer(token=waiting.token)
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert mail.outbox[-1].attachments


def test_an_offer_not_accepted_in_time_goes_to_the_next_person(settings):
    settings.EVENTS_OFFER_HOURS = 2
    occurrence = first_date(open_registration(capacity=1))
    first = book(occurrence, "Mia Muster")
    booking_confirm(token=first.token)
    second = book(occurrence, "Ali Ahmad", join_waitlist=True)
    third = book(occurrence, "Lea Schmidt", join_waitlist=True)
    booking_confirm(token=second.token)
    booking_confirm(token=third.token)
    booking_cancel(token=first.token)
    second.refresh_from_db()
    assert second.status == Status.OFFERED

    # nobody visits a page: the timer's command moves the offer on
    waitlists_process(now=later(hours=3))

    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == Status.EXPIRED
    assert third.status == Status.OFFERED
    assert {m.to[0] for m in mail.outbox[-2:]} == {"ali@example.org", "lea@example.org"}
    with pytest.raises(BookingError, match="gilt nicht mehr"):
        booking_accept_offer(token=second.token, now=later(hours=3))


def test_unconfirmed_people_on_the_waiting_list_get_no_offers():
    occurrence = first_date(open_registration(capacity=1))
    first = book(occurrence, "Mia Muster")
    booking_confirm(token=first.token)
    unconfirmed = book(occurrence, "Ali Ahmad", join_waitlist=True)
    confirmed = book(occurrence, "Lea Schmidt", join_waitlist=True)
    booking_confirm(token=confirmed.token)

    booking_cancel(token=first.token)

    assert Booking.objects.get(pk=unconfirmed.pk).status == Status.WAITING
    assert Booking.objects.get(pk=confirmed.pk).status == Status.OFFERED


def test_a_place_on_the_waiting_list_confirmed_too_late_is_lost():
    """Unconfirmed, the entry runs out like a registration; a late click does not bring back
    the early place in the queue (even before the timer has expired it)."""
    occurrence = first_date(open_registration(capacity=1))
    book(occurrence, "Mia Muster")
    waiting = book(occurrence, "Ali Ahmad", join_waitlist=True)

    with pytest.raises(BookingError) as error:
        booking_confirm(token=waiting.token, now=later(minutes=61))

    assert error.value.code == "expired"
    assert Booking.objects.get(pk=waiting.pk).email_confirmed_at is None
    waitlists_process(now=later(minutes=61))
    assert Booking.objects.get(pk=waiting.pk).status == Status.EXPIRED


def test_a_family_waits_for_all_its_places_and_keeps_its_position():
    occurrence = first_date(open_registration(capacity=3))
    one = book(occurrence, "Mia Muster")
    two = book(occurrence, "Tom Muster", "Tina Muster")
    for booking in (one, two):
        booking_confirm(token=booking.token)
    family = book(occurrence, "Ali Ahmad", "Lea Ahmad", "Omar Ahmad", join_waitlist=True)
    single = book(occurrence, "Eva Single", join_waitlist=True)
    booking_confirm(token=family.token)
    booking_confirm(token=single.token)

    booking_cancel(token=one.token)  # one place free: too few for the family
    assert Booking.objects.get(pk=family.pk).status == Status.WAITING
    assert Booking.objects.get(pk=single.pk).status == Status.OFFERED

    booking_cancel(token=single.token)
    booking_cancel(token=two.token)  # three places free
    family.refresh_from_db()
    assert (family.status, family.places) == (Status.OFFERED, 3)


def test_a_family_that_accepts_fewer_places_chooses_who_comes():
    occurrence = first_date(open_registration(capacity=2))
    first = book(occurrence, "Mia Muster", "Tom Muster")
    booking_confirm(token=first.token)
    family = book(
        occurrence, "Ali Ahmad", "Lea Ahmad", "Omar Ahmad", join_waitlist=True, accept_fewer=True
    )
    booking_confirm(token=family.token)

    booking_cancel(token=first.token)
    family.refresh_from_db()
    assert (family.status, family.places, family.size) == (Status.OFFERED, 2, 3)

    ids = list(family.participants.values_list("pk", flat=True))
    with pytest.raises(BookingError, match="höchstens"):
        booking_accept_offer(token=family.token, participant_ids=ids)
    booking_accept_offer(token=family.token, participant_ids=ids[1:])
    family.refresh_from_db()
    assert (family.status, family.size, family.places) == (Status.CONFIRMED, 2, 2)
    assert [p.name for p in family.participants.all()] == ["Lea Ahmad", "Omar Ahmad"]


def test_ages_are_checked_against_the_limits():
    occurrence = first_date(open_registration(min_age=6, max_age=12))

    with pytest.raises(BookingError, match="Alter"):
        book(occurrence, "Mia Muster")
    with pytest.raises(BookingError, match=r"Mia Muster ist 4 Jahre alt.*6 bis 12 Jahre"):
        book(occurrence, "Mia Muster", age=4)
    assert book(occurrence, "Mia Muster", age=8).participants.get().age == 8


def test_ages_are_not_stored_when_the_event_has_no_limits():
    occurrence = first_date(open_registration())
    assert book(occurrence, "Mia Muster", age=8).participants.get().age is None


def test_answers_are_checked_by_type_and_required_questions_must_be_answered():
    registration = open_registration()
    allergy = add_question(registration, "Allergien")
    shirt = add_question(registration, "T-Shirt-Größe", "choice", choices="S\nM\nL", required=True)
    occurrence = first_date(registration)

    def register(answers):
        return booking_create(
            occurrence_id=occurrence.pk,
            name="Mia Muster",
            email="mia@example.org",
            participants=[ParticipantData(name="Mia Muster", answers=answers)],
        )

    with pytest.raises(BookingError, match=r"T-Shirt-Größe.*beantworten"):
        register({allergy.key: "Nüsse"})
    with pytest.raises(BookingError, match="eine der Antworten"):
        register({shirt.key: "XXL"})
    booking = register({shirt.key: "M", allergy.key: "Nüsse"})
    assert booking.participants.get().answers == {shirt.key: "M", allergy.key: "Nüsse"}


def test_registration_window_and_closed_registration_are_respected():
    registration = open_registration(opens_at=later(hours=24))
    occurrence = first_date(registration)
    with pytest.raises(BookingError, match="beginnt erst"):
        book(occurrence)
    registration.opens_at = None
    registration.is_open = False
    registration.save()
    with pytest.raises(BookingError, match="geschlossen"):
        book(occurrence)


def test_group_size_is_limited():
    occurrence = first_date(open_registration(max_group_size=2))
    with pytest.raises(BookingError, match="höchstens 2 Personen"):
        book(occurrence, "A B", "C D", "E F")


def test_price_is_per_person():
    # pass prices: tests/events/test_passes.py
    occurrence = first_date(open_registration(price=Decimal("3.50")))
    assert book(occurrence, "Mia Muster", "Tom Muster").price == Decimal("7.00")


def test_lottery_events_refuse_direct_registration():
    occurrence = first_date(open_registration(allocation="lottery"))
    with pytest.raises(BookingError, match="verlost"):
        book(occurrence)


def test_changes_to_bookings_are_logged_without_personal_data():
    occurrence = first_date(open_registration())
    booking = book(occurrence, "Mia Muster")
    booking_confirm(token=booking.token)

    entries = AuditEntry.objects.filter(object_type="events.Booking").order_by("id")
    assert [e.action for e in entries] == ["events.booking_created", "events.booking_confirmed"]
    for entry in entries:
        text = f"{entry.object_repr} {entry.before} {entry.after}"
        assert "Mia" not in text
        assert "example.org" not in text
        assert booking.token not in text


def test_a_series_has_a_date_per_occurrence_each_with_its_own_capacity():
    from tests.directory.factories import EventFactory

    start = timezone.now() + datetime.timedelta(days=2)
    event = EventFactory(
        start=start, end=start + datetime.timedelta(hours=1), rrule="FREQ=WEEKLY;COUNT=4"
    )
    registration = open_registration(event=event, capacity=5)

    dates = list(registration.occurrences.order_by("start"))
    assert len(dates) == 4
    assert all(d.capacity == 5 for d in dates)
    assert dates[1].start - dates[0].start == datetime.timedelta(days=7)
    book(dates[0], "Mia Muster")
    assert dates[1].places_free(timezone.now()) == 5
