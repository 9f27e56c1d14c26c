# ruff: noqa: RUF001  (German text uses the en dash as its dash)
"""Booking, double opt-in, moving, cancelling, reminders and deletion of personal data."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command

from sozialraum.appointments import services
from sozialraum.appointments.models import Appointment
from sozialraum.core.models import AuditEntry
from tests.factories import UserFactory

from .factories import MONDAY, berlin, create_offer

pytestmark = pytest.mark.django_db

NOW = berlin(MONDAY - datetime.timedelta(days=7), 8)


def request(offer, start, *, now=NOW, email="ayse@example.org", **kwargs):
    return services.appointment_request(
        offer=offer,
        topic=offer.topics.get(),
        start=start,
        name="Ayşe Yılmaz",
        email=email,
        phone="030 123",
        now=now,
        **kwargs,
    )


def test_an_online_booking_holds_the_slot_and_asks_for_confirmation_by_mail():
    offer = create_offer()
    appointment = request(offer, berlin(MONDAY, 9))
    assert appointment.status == Appointment.Status.PENDING
    assert appointment.hold_until == NOW + datetime.timedelta(minutes=30)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ayse@example.org"]
    assert f"/de/termine/t/{appointment.token}/bestaetigen/" in mail.outbox[0].body
    assert "09:00 bis 09:30 Uhr" in mail.outbox[0].body
    with pytest.raises(services.SlotTaken):
        request(offer, berlin(MONDAY, 9), email="other@example.org")


def test_confirming_sends_the_appointment_as_ics_with_the_personal_link():
    offer = create_offer()
    appointment = request(offer, berlin(MONDAY, 9))
    services.appointment_confirm(appointment=appointment, now=NOW + datetime.timedelta(minutes=5))
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CONFIRMED
    message = mail.outbox[-1]
    assert f"/de/termine/t/{appointment.token}/" in message.body
    _name, content, mimetype = message.attachments[0]
    assert mimetype == "text/calendar"
    event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == berlin(MONDAY, 9)
    assert event.decoded("dtend") == berlin(MONDAY, 9, 30)
    assert "Turmstraße 1" in str(event["location"])
    # confirming again changes nothing and sends nothing
    services.appointment_confirm(appointment=appointment, now=NOW + datetime.timedelta(minutes=6))
    assert len(mail.outbox) == 2


def test_mails_are_written_in_the_language_the_person_booked_in():
    offer = create_offer()
    appointment = request(offer, berlin(MONDAY, 9), language="en")
    assert f"/en/termine/t/{appointment.token}/bestaetigen/" in mail.outbox[0].body
    assert "/de/termine/" not in mail.outbox[0].body


def test_an_unconfirmed_reservation_is_released_and_can_be_booked_by_someone_else():
    offer = create_offer()
    first = request(offer, berlin(MONDAY, 9))
    later = NOW + datetime.timedelta(minutes=31)
    second = request(offer, berlin(MONDAY, 9), email="other@example.org", now=later)
    first.refresh_from_db()
    assert first.status == Appointment.Status.EXPIRED
    assert second.status == Appointment.Status.PENDING
    with pytest.raises(services.SlotTaken):
        services.appointment_confirm(appointment=first, now=later)


def test_a_late_confirmation_still_works_while_nobody_took_the_time():
    offer = create_offer()
    appointment = request(offer, berlin(MONDAY, 9))
    services.appointment_confirm(appointment=appointment, now=NOW + datetime.timedelta(hours=2))
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.CONFIRMED


def test_one_address_cannot_hoard_appointments():
    offer = create_offer()
    request(offer, berlin(MONDAY, 9))
    request(offer, berlin(MONDAY, 10))
    with pytest.raises(services.BookingError, match="schon 2 Termine"):
        request(offer, berlin(MONDAY, 11))


def test_late_confirmations_cannot_get_round_the_limit_per_address():
    """Two reservations run out, two more are made; confirming the old ones late counts as
    booking them anew."""
    offer = create_offer()
    old = [request(offer, berlin(MONDAY, 9)), request(offer, berlin(MONDAY, 10))]
    later = NOW + datetime.timedelta(hours=1)
    for start in (berlin(MONDAY, 9, 30), berlin(MONDAY, 10, 30)):
        services.appointment_confirm(appointment=request(offer, start, now=later), now=later)
    with pytest.raises(services.BookingError, match="schon 2 Termine"):
        services.appointment_confirm(appointment=old[0], now=later)


def test_mails_are_plain_text_without_html_escapes():
    offer = create_offer()
    services.appointment_request(
        offer=offer,
        topic=offer.topics.get(),
        start=berlin(MONDAY, 9),
        name="Siobhán O'Brien & Sohn",
        email="ob@example.org",
        now=NOW,
    )
    assert "Guten Tag Siobhán O'Brien & Sohn," in mail.outbox[0].body
    assert "&#x27;" not in mail.outbox[0].body and "&amp;" not in mail.outbox[0].body


def confirmed(offer, start, **kwargs):
    appointment = request(offer, start, **kwargs)
    return services.appointment_confirm(appointment=appointment, now=NOW)


def test_moving_takes_the_new_time_and_frees_the_old_one_in_one_step():
    offer = create_offer()
    appointment = confirmed(offer, berlin(MONDAY, 9))
    other = confirmed(offer, berlin(MONDAY, 10), email="other@example.org")
    with pytest.raises(services.SlotTaken):
        services.appointment_move(appointment=appointment, start=berlin(MONDAY, 10), now=NOW)
    appointment.refresh_from_db()
    assert appointment.start == berlin(MONDAY, 9)  # kept the old time
    moved = services.appointment_move(appointment=appointment, start=berlin(MONDAY, 11), now=NOW)
    assert moved.start == berlin(MONDAY, 11) and moved.sequence == 1
    assert "Ihr Termin wurde verschoben" in mail.outbox[-1].subject
    event = icalendar.Calendar.from_ical(mail.outbox[-1].attachments[0][1]).walk("VEVENT")[0]
    assert event.decoded("dtstart") == berlin(MONDAY, 11) and event["sequence"] == 1
    # the old time is free again: the other person can move there
    services.appointment_move(appointment=other, start=berlin(MONDAY, 9), now=NOW)


def test_cancelling_frees_the_time_and_tells_the_calendar():
    offer = create_offer()
    appointment = confirmed(offer, berlin(MONDAY, 9))
    services.appointment_cancel(appointment=appointment, now=NOW)
    calendar = icalendar.Calendar.from_ical(mail.outbox[-1].attachments[0][1])
    assert calendar["method"] == "CANCEL"
    assert request(offer, berlin(MONDAY, 9), email="other@example.org").status == "pending"
    with pytest.raises(services.BookingError):
        services.appointment_move(appointment=appointment, start=berlin(MONDAY, 10), now=NOW)


def test_staff_book_for_a_caller_without_opt_in_and_mark_a_no_show():
    offer = create_offer()
    staff = UserFactory()
    appointment = services.appointment_book_for_caller(
        offer=offer, topic=offer.topics.get(), start=berlin(MONDAY, 9), name="Herr K.",
        phone="030 55", actor=staff, channel="phone", now=NOW,
    )  # fmt: skip
    assert appointment.status == Appointment.Status.CONFIRMED and appointment.booked_by == staff
    assert mail.outbox == []  # no address given
    with pytest.raises(services.BookingError):  # not yet happened
        services.appointment_mark_no_show(appointment=appointment, actor=staff, now=NOW)
    services.appointment_mark_no_show(
        appointment=appointment, actor=staff, now=berlin(MONDAY, 9, 15)
    )
    appointment.refresh_from_db()
    assert appointment.status == Appointment.Status.NO_SHOW
    entry = AuditEntry.objects.filter(action="appointments.no_show").get()
    assert entry.actor == staff


def test_the_audit_log_records_changes_but_never_personal_data():
    offer = create_offer()
    appointment = confirmed(offer, berlin(MONDAY, 9))
    services.appointment_cancel(appointment=appointment, now=NOW)
    entries = AuditEntry.objects.filter(object_type="appointments.Appointment")
    assert [e.action for e in entries.order_by("pk")] == [
        "appointments.requested", "appointments.confirmed", "appointments.cancelled",
    ]  # fmt: skip
    text = " ".join(f"{e.object_repr} {e.before} {e.after}" for e in entries)
    for personal in ("Ayşe", "ayse@example.org", "030 123", appointment.token):
        assert personal not in text
    assert entries.order_by("pk").first().after["changed_personal_fields"] == [
        "name",
        "email",
        "phone",
        "note",
    ]


def test_reminders_go_out_once_the_day_before(settings):
    offer = create_offer()
    appointment = confirmed(offer, berlin(MONDAY, 9))
    confirmed(offer, berlin(MONDAY + datetime.timedelta(days=1), 9), email="b@example.org")
    mail.outbox.clear()
    sunday_evening = berlin(MONDAY - datetime.timedelta(days=1), 18)
    assert services.appointment_reminders_send(now=sunday_evening) == 1
    assert services.appointment_reminders_send(now=sunday_evening) == 0
    assert [m.to for m in mail.outbox] == [["ayse@example.org"]]
    assert "Erinnerung" in mail.outbox[0].subject
    assert f"/de/termine/t/{appointment.token}/" in mail.outbox[0].body


def test_a_moved_appointment_is_reminded_again_for_its_new_day():
    offer = create_offer()
    appointment = confirmed(offer, berlin(MONDAY, 9))
    services.appointment_reminders_send(now=berlin(MONDAY - datetime.timedelta(days=1), 18))
    services.appointment_move(
        appointment=appointment, start=berlin(MONDAY + datetime.timedelta(days=2), 9), now=NOW
    )
    mail.outbox.clear()
    assert (
        services.appointment_reminders_send(now=berlin(MONDAY + datetime.timedelta(days=1), 18))
        == 1
    )


def test_the_reminder_command_can_run_twice(capsys):
    offer = create_offer(horizon_days=400)
    confirmed(offer, berlin(MONDAY, 9))
    mail.outbox.clear()
    call_command("send_appointment_reminders", "--now", "2025-03-23T18:00")
    call_command("send_appointment_reminders", "--now", "2025-03-23T18:00")
    assert len(mail.outbox) == 1
    assert "1 Erinnerung" in capsys.readouterr().out


def test_personal_data_is_deleted_retention_days_after_the_appointment(settings):
    settings.APPOINTMENT_RETENTION_DAYS = 30
    offer = create_offer()
    appointment = confirmed(offer, berlin(MONDAY, 9))
    token = appointment.token
    recent = confirmed(
        offer, berlin(MONDAY + datetime.timedelta(days=21), 9), email="b@example.org"
    )
    after_retention = berlin(MONDAY + datetime.timedelta(days=31), 8)
    assert services.appointments_anonymise(now=after_retention) == 1
    assert services.appointments_anonymise(now=after_retention) == 0
    appointment.refresh_from_db()
    recent.refresh_from_db()
    assert (appointment.name, appointment.email, appointment.phone) == ("–", "", "")
    assert appointment.token != token and appointment.start == berlin(MONDAY, 9)
    assert recent.email == "b@example.org"
    entry = AuditEntry.objects.get(action="appointments.anonymised")
    assert entry.after["changed_personal_fields"] == ["name", "email", "phone"]


def test_the_deletion_command_says_what_it_did(settings, capsys):
    settings.APPOINTMENT_RETENTION_DAYS = 0
    offer = create_offer(horizon_days=400)
    confirmed(offer, berlin(MONDAY, 9))
    call_command("anonymise_appointments", "--now", "2025-04-01T08:00")
    assert "1 Termin" in capsys.readouterr().out
