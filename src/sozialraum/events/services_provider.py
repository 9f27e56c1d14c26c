"""Write paths of the providers: opening registration, questions, dates (capacity,
cancelling), attendance, messages to participants, and deleting old personal data.

Changes to the places of a date lock its row as in `services.py`.
"""

import contextlib
import datetime
import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from sozialraum.core.audit import audit_log, snapshot

from . import notifications, signals
from .models import (
    ACTIVE,
    Booking,
    BookingStatus,
    Occurrence,
    Participant,
    Question,
    QuestionKind,
    Registration,
)
from .services import (
    BOOKING_FIELDS,
    BookingError,
    current_time,
    lock_occurrence,
    log_booking,
    settle,
)

logger = logging.getLogger(__name__)

Status = BookingStatus


REGISTRATION_FIELDS = [
    "is_open",
    "capacity",
    "opens_at",
    "closes_at",
    "min_age",
    "max_age",
    "price",
    "price_note",
    "max_group_size",
    "waitlist",
    "allocation",
    "pass_type",
    "pass_required",
    "pass_price",
]


def registration_save(*, user: Any, event: Any, data: dict[str, Any]) -> Registration:
    """Open registration for an event or change its terms; creates the dates (occurrences)."""
    with transaction.atomic():
        registration = Registration.objects.filter(event=event).first()
        before = snapshot(registration, REGISTRATION_FIELDS) if registration else None
        if registration is None:
            registration = Registration(event=event)
        for name, value in data.items():
            if name in REGISTRATION_FIELDS:
                setattr(registration, name, value)
        registration.full_clean()
        registration.save()
        audit_log(
            actor=user,
            action="events.registration_changed" if before else "events.registration_opened",
            obj=registration,
            before=before,
            after=snapshot(registration, REGISTRATION_FIELDS),
        )
        occurrences_sync(registration=registration)
    return registration


#: how far ahead the dates of a series open for registration (saving again adds later ones)
DATES_AHEAD = datetime.timedelta(days=366)


def event_dates(event: Any, *, now: datetime.datetime, limit: int = 200) -> list[datetime.datetime]:
    """The event's upcoming dates: its start, or the dates of its series (at most `limit`)."""
    from sozialraum.directory.widget import parse_event_rrule

    rule = parse_event_rrule(event)
    if rule is None:
        return [event.start] if event.start > now else []
    horizon = now + DATES_AHEAD
    dates = []
    for start in rule.xafter(now, count=limit, inc=False):
        if start > horizon:
            break
        dates.append(start.astimezone(datetime.UTC))
    return dates


def occurrences_sync(*, registration: Registration, now: datetime.datetime | None = None) -> None:
    """Create a row for every upcoming date of the event; remove rows of dates the event no
    longer has, unless someone registered for them (the provider cancels those)."""
    now = current_time(now)
    event = registration.event
    duration = (event.end - event.start) if event.end else None
    dates = event_dates(event, now=now)
    existing = {o.start: o for o in registration.occurrences.filter(start__gt=now)}
    Occurrence.objects.bulk_create(
        [
            Occurrence(
                registration=registration,
                start=start,
                end=start + duration if duration else None,
                capacity=registration.capacity,
            )
            for start in dates
            if start not in existing
        ]
    )
    gone = [o.pk for start, o in existing.items() if start not in set(dates)]
    for occurrence in Occurrence.objects.filter(pk__in=gone, bookings__isnull=True):
        # a date others still refer to (wishes of a holiday programme) stays, like one with
        # bookings: the provider cancels it, and everyone is told
        with contextlib.suppress(ProtectedError), transaction.atomic():
            occurrence.delete()


def question_save(
    *, user: Any, registration: Registration, question: Question | None, data: dict[str, Any]
) -> Question:
    fields = ["label", "help_text", "kind", "choices", "required", "position"]
    with transaction.atomic():
        before = snapshot(question, fields) if question else None
        question = question or Question(registration=registration)
        for name in fields:
            if name in data:
                setattr(question, name, data[name])
        if question.kind == QuestionKind.CHOICE and len(question.choice_list()) < 2:
            raise BookingError(_("Eine Auswahl braucht mindestens zwei Antworten."))
        question.save()
        audit_log(
            actor=user,
            action="events.question_changed" if before else "events.question_added",
            obj=question,
            before=before,
            after=snapshot(question, fields),
        )
    return question


def question_delete(*, user: Any, question: Question) -> None:
    with transaction.atomic():
        audit_log(
            actor=user,
            action="events.question_deleted",
            obj=question,
            before=snapshot(question, ["label", "kind", "required"]),
        )
        question.delete()


def occurrence_set_capacity(
    *, user: Any, occurrence_id: int, capacity: int, now: datetime.datetime | None = None
) -> Occurrence:
    now = current_time(now)
    with transaction.atomic():
        occurrence = lock_occurrence(occurrence_id)
        taken = occurrence.places_taken(now)
        if capacity < taken:
            raise BookingError(
                _(
                    "Es sind schon %(taken)s Plätze vergeben oder reserviert. Weniger Plätze "
                    "gehen erst, wenn jemand absagt."
                )
                % {"taken": taken}
            )
        before = snapshot(occurrence, ["capacity"])
        occurrence.capacity = capacity
        occurrence.save(update_fields=["capacity"])
        audit_log(
            actor=user,
            action="events.capacity_changed",
            obj=occurrence,
            before=before,
            after={"capacity": capacity},
        )
        settle(occurrence, now)
    return occurrence


def occurrence_cancel(
    *, user: Any, occurrence_id: int, reason: str, now: datetime.datetime | None = None
) -> int:
    """Cancel a date: everyone registered, offered or waiting is told. How many bookings."""
    now = current_time(now)
    with transaction.atomic():
        occurrence = lock_occurrence(occurrence_id)
        if occurrence.is_cancelled:
            return 0
        occurrence.cancelled_at = now
        occurrence.cancel_reason = reason.strip()
        occurrence.save(update_fields=["cancelled_at", "cancel_reason"])
        audit_log(
            actor=user,
            action="events.date_cancelled",
            obj=occurrence,
            after={"cancel_reason": occurrence.cancel_reason},
        )
        bookings = list(occurrence.bookings.filter(status__in=ACTIVE))
        for booking in bookings:
            before = snapshot(booking, BOOKING_FIELDS)
            informed = booking.email_confirmed_at is not None or booking.holds_places
            booking.status = Status.CANCELLED
            booking.hold_until = None
            booking.save()
            log_booking(booking, "events.booking_cancelled_by_provider", before, actor=user)
            if informed:
                notifications.date_cancelled(booking)
        signals.date_cancelled.send(sender=Occurrence, occurrence=occurrence)
    return len(bookings)


def registration_cancel(
    *, user: Any, registration_id: int, reason: str, now: datetime.datetime | None = None
) -> int:
    """Cancel every upcoming date of an event and close its registration."""
    now = current_time(now)
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        registration.is_open = False
        registration.save(update_fields=["is_open", "modified"])
        audit_log(
            actor=user,
            action="events.registration_closed",
            obj=registration,
            after={"is_open": False},
        )
        count = 0
        for occurrence_id in registration.occurrences.upcoming(now).values_list("pk", flat=True):
            count += occurrence_cancel(
                user=user, occurrence_id=occurrence_id, reason=reason, now=now
            )
    return count


def attendance_save(*, user: Any, occurrence: Occurrence, present: set[int]) -> None:
    """Mark who came (participant ids in `present`); the others of confirmed bookings did not."""
    with transaction.atomic():
        participants = Participant.objects.filter(
            booking__occurrence=occurrence, booking__status=Status.CONFIRMED
        )
        for participant in participants:
            attended = participant.pk in present
            if participant.attended is attended:
                continue
            audit_log(
                actor=user,
                action="events.attendance_marked",
                obj=participant,
                before={"attended": participant.attended},
                after={"attended": attended},
            )
            participant.attended = attended
            participant.save(update_fields=["attended"])


def participants_message(*, user: Any, occurrence: Occurrence, subject: str, body: str) -> int:
    """Write to everyone registered for the date (confirmed); how many e-mails."""
    if not subject.strip() or not body.strip():
        raise BookingError(_("Bitte geben Sie einen Betreff und einen Text ein."))
    with transaction.atomic():
        bookings = list(occurrence.bookings.filter(status=Status.CONFIRMED))
        for booking in bookings:
            notifications.provider_message(booking, subject=subject.strip(), body=body.strip())
        audit_log(
            actor=user,
            action="events.participants_messaged",
            obj=occurrence,
            after={"subject": subject.strip(), "recipients": len(bookings)},
        )
    return len(bookings)


def personal_data_delete(*, now: datetime.datetime | None = None) -> int:
    """Delete bookings and participants of dates that ended EVENTS_DELETE_AFTER_DAYS ago.

    The dates themselves (with their capacity) stay; the audit log keeps no names or addresses.
    """
    days = settings.EVENTS_DELETE_AFTER_DAYS
    if days <= 0:
        return 0
    cutoff = current_time(now) - datetime.timedelta(days=days)
    with transaction.atomic():
        old = Booking.objects.filter(occurrence__start__lt=cutoff)
        count = old.count()
        if count:
            old.delete()
            logger.info("Deleted %d bookings of dates before %s", count, cutoff)
    return count
