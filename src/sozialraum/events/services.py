"""Write paths of event registration: booking, confirming, the waiting list, cancelling.

Every change to the places of a date runs inside ``transaction.atomic`` and first locks the
date's row (``select_for_update`` on the Occurrence): two requests for the last place are served
one after the other, so a date is never overbooked and a place is never given twice. Under the
lock, `_settle` first lets run-out holds go and offers free places to the waiting list, so a new
registration never overtakes people who wait.

Passes (`passes.py`): an event may ask each participant for a pass number; `booking_create`
checks the numbers under the lock and prices pass holders. The lottery (`sozialraum.lottery`)
gives the places of lottery events; `booking_create` refuses direct registration for them.
"""

import datetime
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.tasks import task, task_backends
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.core.audit import audit_log, snapshot

from . import notifications
from .models import (
    ACTIVE,
    Allocation,
    Booking,
    BookingStatus,
    Occurrence,
    Participant,
    Question,
    QuestionKind,
    Registration,
)
from .passes import PassProblem, participant_passes, price_with_passes

logger = logging.getLogger(__name__)

Status = BookingStatus
#: what the audit log records of a booking (no names, no e-mail address)
BOOKING_FIELDS = ["status", "size", "places", "accept_fewer", "hold_until", "occurrence"]


class BookingError(Exception):
    """A registration or change that cannot be made; the message says why, for people."""

    def __init__(self, message: str, *, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class ParticipantData:
    name: str
    age: int | None = None
    #: {question id (str): answer as text}
    answers: dict[str, str] = field(default_factory=dict)
    #: as typed, when the event asks for a pass (passes.py)
    pass_number: str = ""


@dataclass(frozen=True)
class BookingRequest:
    """Everything a registration asks for."""

    occurrence: Occurrence
    name: str
    email: str
    participants: Sequence[ParticipantData]
    language: str
    join_waitlist: bool
    accept_fewer: bool


def current_time(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def confirmation_deadline(now: datetime.datetime) -> datetime.datetime:
    return now + datetime.timedelta(minutes=settings.EVENTS_CONFIRMATION_MINUTES)


def lock_occurrence(occurrence_id: int) -> Occurrence:
    return (
        Occurrence.objects.select_for_update(of=("self",))
        .select_related("registration__event__organization", "registration__event__location")
        .get(pk=occurrence_id)
    )


def log_booking(
    booking: Booking, action: str, before: dict[str, Any] | None, actor: Any = None
) -> None:
    audit_log(
        actor=actor,
        action=action,
        obj=booking,
        before=before,
        after=snapshot(booking, BOOKING_FIELDS),
    )


# --- Checking a registration -------------------------------------------------------------------


def check_answer(question: Question, value: str) -> str:
    """The answer as stored (text), or BookingError naming the problem."""
    value = (value or "").strip()
    if not value:
        if question.required:
            raise BookingError(f"„{question.label}“: " + _("Bitte beantworten Sie diese Frage."))
        return ""
    if question.kind == QuestionKind.NUMBER:
        try:
            Decimal(value.replace(",", "."))
        except ArithmeticError:
            raise BookingError(
                f"„{question.label}“: " + _("Bitte geben Sie eine Zahl ein.")
            ) from None
    elif question.kind == QuestionKind.DATE:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise BookingError(
                f"„{question.label}“: " + _("Bitte geben Sie ein Datum ein.")
            ) from None
    elif question.kind == QuestionKind.CHOICE and value not in question.choice_list():
        raise BookingError(f"„{question.label}“: " + _("Bitte wählen Sie eine der Antworten."))
    return value


def _check_request(request: BookingRequest, now: datetime.datetime) -> None:
    occurrence = request.occurrence
    registration = occurrence.registration
    if registration.allocation == Allocation.LOTTERY:
        raise BookingError(
            _("Die Plätze für diese Veranstaltung werden verlost. Bitte melden Sie sich dafür an."),
            code="lottery",
        )
    if occurrence.is_cancelled:
        raise BookingError(_("Dieser Termin wurde abgesagt."), code="cancelled")
    if occurrence.start <= now:
        raise BookingError(_("Dieser Termin hat schon begonnen."), code="closed")
    if not registration.is_open or not registration.window_is_open(now):
        if registration.opens_at and now < registration.opens_at:
            raise BookingError(
                _("Die Anmeldung beginnt erst am %(date)s.")
                % {"date": timezone.localtime(registration.opens_at).strftime("%d.%m.%Y %H:%M")},
                code="closed",
            )
        raise BookingError(_("Die Anmeldung ist geschlossen."), code="closed")
    if not request.name.strip() or not request.email.strip():
        raise BookingError(_("Bitte geben Sie Ihren Namen und Ihre E-Mail-Adresse an."))
    people = len(request.participants)
    if people < 1:
        raise BookingError(_("Bitte melden Sie mindestens eine Person an."))
    if people > registration.max_group_size:
        raise BookingError(
            _("Sie können höchstens %(count)s Personen auf einmal anmelden.")
            % {"count": registration.max_group_size}
        )
    questions = list(registration.questions.all())
    for participant in request.participants:
        if not participant.name.strip():
            raise BookingError(_("Bitte geben Sie den Namen jeder Person an."))
        if registration.asks_age:
            _check_age(registration, participant)
        for question in questions:
            check_answer(question, participant.answers.get(question.key, ""))


def _check_age(registration: Registration, participant: ParticipantData) -> None:
    age = participant.age
    if age is None:
        raise BookingError(
            _("Bitte geben Sie das Alter von %(name)s an.") % {"name": participant.name}
        )
    too_young = registration.min_age is not None and age < registration.min_age
    too_old = registration.max_age is not None and age > registration.max_age
    if too_young or too_old:
        raise BookingError(
            _("%(name)s ist %(age)s Jahre alt. Die Veranstaltung ist für %(range)s.")
            % {"name": participant.name, "age": age, "range": age_range_text(registration)},
            code="age",
        )


def age_range_text(registration: Registration) -> str:
    low, high = registration.min_age, registration.max_age
    if low is not None and high is not None:
        return _("%(low)s bis %(high)s Jahre") % {"low": low, "high": high}
    if low is not None:
        return _("ab %(low)s Jahren") % {"low": low}
    if high is not None:
        return _("bis %(high)s Jahre") % {"high": high}
    return _("jedes Alter")


def _check_passes(request: BookingRequest) -> list[Any]:
    """The participants' passes (None where none was given); BookingError(code="pass")."""
    registration = request.occurrence.registration
    try:
        return participant_passes(
            pass_type=registration.pass_type,
            required=registration.pass_required,
            numbers=[p.pass_number for p in request.participants],
            names=[p.name for p in request.participants],
            on=timezone.localtime(request.occurrence.start).date(),
        )
    except PassProblem as problem:
        raise BookingError(problem.message, code="pass") from None


# --- Booking ------------------------------------------------------------------------------------


def booking_create(
    *,
    occurrence_id: int,
    name: str,
    email: str,
    participants: Sequence[ParticipantData],
    language: str = "de",
    join_waitlist: bool = False,
    accept_fewer: bool = False,
    now: datetime.datetime | None = None,
) -> Booking:
    """Register people for a date. Free places are held until the e-mail address is confirmed
    (EVENTS_CONFIRMATION_MINUTES); without enough free places the booking joins the waiting list
    if asked to (`join_waitlist`), else BookingError(code="full") says how many are free."""
    now = current_time(now)
    with transaction.atomic():
        occurrence = lock_occurrence(occurrence_id)
        request = BookingRequest(
            occurrence=occurrence,
            name=name.strip(),
            email=email.strip(),
            participants=participants,
            language=language,
            join_waitlist=join_waitlist,
            accept_fewer=accept_fewer,
        )
        _check_request(request, now)
        cards = _check_passes(request)
        settle(occurrence, now)
        size = len(participants)
        free = occurrence.capacity - occurrence.places_taken(now)
        if size <= free:
            status, places = Status.PENDING, size
        elif not occurrence.registration.waitlist:
            raise BookingError(_full_message(free, waitlist=False), code="full")
        elif not join_waitlist:
            raise BookingError(_full_message(free, waitlist=True), code="full")
        else:
            status, places = Status.WAITING, 0
        booking = Booking.objects.create(
            occurrence=occurrence,
            name=request.name,
            email=request.email,
            language=language,
            status=status,
            size=size,
            places=places,
            accept_fewer=accept_fewer and size > 1,
            hold_until=confirmation_deadline(now),
            price=price_with_passes(
                price=occurrence.registration.price,
                pass_price=occurrence.registration.pass_price,
                cards=cards,
            ),
            created=now,
        )
        Participant.objects.bulk_create(
            Participant(
                booking=booking,
                position=position,
                name=participant.name.strip(),
                age=participant.age if occurrence.registration.asks_age else None,
                answers={key: value for key, value in participant.answers.items() if value},
                pass_card=card,
            )
            for position, (participant, card) in enumerate(zip(participants, cards, strict=True))
        )
        log_booking(booking, "events.booking_created", None)
        notifications.confirm_email(booking)
        _schedule_settling(occurrence, booking.hold_until)
    return booking


def _full_message(free: int, *, waitlist: bool) -> str:
    if free <= 0:
        text = _("Dieser Termin ist leider ausgebucht.")
    else:
        text = _("Für diesen Termin sind nicht mehr genug Plätze frei (noch %(free)s).") % {
            "free": free
        }
    if waitlist:
        text += " " + _("Sie können sich auf die Warteliste setzen.")
    return text


def _locked_booking(token: str) -> tuple[Booking, Occurrence]:
    """The booking of a personal link with its date's row locked (call inside atomic)."""
    occurrence_id = (
        Booking.objects.filter(token=token).values_list("occurrence_id", flat=True).first()
    )
    if occurrence_id is None:
        raise Booking.DoesNotExist
    occurrence = lock_occurrence(occurrence_id)
    booking = Booking.objects.select_related("occurrence").get(token=token)
    booking.occurrence = occurrence
    return booking, occurrence


def booking_confirm(*, token: str, now: datetime.datetime | None = None) -> Booking:
    """The double opt-in: the person opened the link in the e-mail and confirmed.

    A registration with places becomes confirmed (mail with an .ics file); one on the waiting
    list now takes part in offers (and may get one at once).
    """
    now = current_time(now)
    with transaction.atomic():
        booking, occurrence = _locked_booking(token)
        before = snapshot(booking, BOOKING_FIELDS)
        if booking.status == Status.PENDING and booking.hold_until and booking.hold_until > now:
            booking.status = Status.CONFIRMED
            booking.hold_until = None
            booking.email_confirmed_at = now
            booking.save()
            log_booking(booking, "events.booking_confirmed", before)
            notifications.booking_confirmed(booking)
        elif (
            booking.status == Status.WAITING
            and booking.email_confirmed_at is None
            and (booking.hold_until is None or booking.hold_until > now)
        ):
            booking.email_confirmed_at = now
            booking.hold_until = None
            booking.save()
            log_booking(booking, "events.waitlist_confirmed", before)
            notifications.waitlist_confirmed(booking)
            settle(occurrence, now)
            booking.refresh_from_db()
        elif booking.status in (Status.PENDING, Status.EXPIRED) or (
            booking.status == Status.WAITING and booking.email_confirmed_at is None
        ):
            settle(occurrence, now)  # lets the run-out hold go, so the place in line is lost
            raise BookingError(
                _(
                    "Ihre Anmeldung ist abgelaufen, weil sie nicht rechtzeitig bestätigt wurde. "
                    "Bitte melden Sie sich noch einmal an."
                ),
                code="expired",
            )
    return booking


def booking_accept_offer(
    *,
    token: str,
    participant_ids: Sequence[int] | None = None,
    now: datetime.datetime | None = None,
) -> Booking:
    """Accept a place offered from the waiting list. If fewer places were offered than the group
    has people, `participant_ids` names who takes them (the others are removed)."""
    now = current_time(now)
    with transaction.atomic():
        booking, occurrence = _locked_booking(token)
        before = snapshot(booking, BOOKING_FIELDS)
        if booking.status != Status.OFFERED or not booking.hold_until or booking.hold_until <= now:
            settle(occurrence, now)
            raise BookingError(
                _("Dieses Angebot gilt nicht mehr. Der Platz ging an die nächste Person."),
                code="expired",
            )
        participants = list(booking.participants.all())
        if booking.places < len(participants):
            chosen = [p for p in participants if p.pk in set(participant_ids or ())]
            if not chosen:
                raise BookingError(_("Bitte wählen Sie, wer teilnimmt."), code="choose")
            if len(chosen) > booking.places:
                raise BookingError(
                    _("Es sind nur %(count)s Plätze frei. Bitte wählen Sie höchstens so viele.")
                    % {"count": booking.places},
                    code="choose",
                )
            Participant.objects.filter(booking=booking).exclude(
                pk__in=[p.pk for p in chosen]
            ).delete()
            booking.size = booking.places = len(chosen)
        booking.status = Status.CONFIRMED
        booking.hold_until = None
        booking.email_confirmed_at = booking.email_confirmed_at or now
        booking.save()
        log_booking(booking, "events.offer_accepted", before)
        notifications.booking_confirmed(booking)
        settle(occurrence, now)
    return booking


def booking_cancel(
    *,
    token: str,
    now: datetime.datetime | None = None,
) -> Booking:
    """The person cancels (a registration, a place on the waiting list, or an offer)."""
    now = current_time(now)
    with transaction.atomic():
        booking, occurrence = _locked_booking(token)
        if booking.status not in ACTIVE:
            raise BookingError(_("Diese Anmeldung ist schon beendet."), code="inactive")
        before = snapshot(booking, BOOKING_FIELDS)
        booking.status = Status.CANCELLED
        booking.hold_until = None
        booking.save()
        log_booking(booking, "events.booking_cancelled", before)
        if booking.email_confirmed_at:
            notifications.booking_cancelled(booking)
        settle(occurrence, now)
    return booking


# --- The waiting list ---------------------------------------------------------------------------


def settle(occurrence: Occurrence, now: datetime.datetime) -> None:
    """Let run-out holds go and offer free places to the waiting list. Call under the lock."""
    run_out = occurrence.bookings.filter(
        status__in=[Status.PENDING, Status.OFFERED], hold_until__lte=now
    )
    for booking in run_out:
        before = snapshot(booking, BOOKING_FIELDS)
        was_offer = booking.status == Status.OFFERED
        booking.status = Status.EXPIRED
        booking.save()
        log_booking(
            booking, "events.offer_expired" if was_offer else "events.booking_expired", before
        )
        if was_offer:
            notifications.offer_expired(booking)
    # people who never confirmed their place on the waiting list leave it
    unconfirmed = occurrence.bookings.filter(
        status=Status.WAITING, email_confirmed_at__isnull=True, hold_until__lte=now
    )
    for booking in unconfirmed:
        before = snapshot(booking, BOOKING_FIELDS)
        booking.status = Status.EXPIRED
        booking.save()
        log_booking(booking, "events.booking_expired", before)
    _offer_free_places(occurrence, now)


def _offer_free_places(occurrence: Occurrence, now: datetime.datetime) -> None:
    """Offer free places in the order people joined the waiting list.

    A group gets an offer when there are places for all of them, or, if it said it would
    take fewer, for as many as are free. A group that cannot be served yet keeps its position;
    places it cannot use go to the next people (no place stays empty while someone waits for
    fewer).
    """
    if occurrence.is_cancelled or occurrence.start <= now:
        return
    free = occurrence.capacity - occurrence.places_taken(now)
    if free <= 0:
        return
    waiting = occurrence.bookings.filter(
        status=Status.WAITING, email_confirmed_at__isnull=False
    ).order_by("created", "id")
    hours = datetime.timedelta(hours=settings.EVENTS_OFFER_HOURS)
    deadline = min(now + hours, occurrence.start)
    for booking in waiting:
        if free <= 0:
            break
        if booking.size <= free:
            offered = booking.size
        elif booking.accept_fewer:
            offered = free
        else:
            continue
        before = snapshot(booking, BOOKING_FIELDS)
        booking.status = Status.OFFERED
        booking.places = offered
        booking.hold_until = deadline
        booking.save()
        free -= offered
        log_booking(booking, "events.offer_made", before)
        notifications.offer_made(booking)
    _schedule_settling(occurrence, deadline)


def occurrence_settle(*, occurrence_id: int, now: datetime.datetime | None = None) -> None:
    """Let run-out holds go and offer free places (the command and the deferred task)."""
    with transaction.atomic():
        settle(lock_occurrence(occurrence_id), current_time(now))


def waitlists_process(*, now: datetime.datetime | None = None) -> int:
    """Settle every upcoming date with run-out holds or people waiting; how many were settled.

    Run by `sozialraum process_waitlists` from a timer (every few minutes): offers run out and
    pass to the next person even when nobody visits a page.
    """
    now = current_time(now)
    needs_settling = (
        Occurrence.objects.upcoming(now)
        .filter(bookings__status__in=[Status.PENDING, Status.OFFERED, Status.WAITING])
        .values_list("pk", flat=True)
        .distinct()
    )
    count = 0
    for occurrence_id in list(needs_settling):
        occurrence_settle(occurrence_id=occurrence_id, now=now)
        count += 1
    # dates that began: holds and waiting lists end (nobody can take a place any more)
    Booking.objects.filter(
        occurrence__start__lte=now,
        status__in=[Status.PENDING, Status.OFFERED, Status.WAITING],
    ).update(status=Status.EXPIRED, hold_until=None)
    return count


@task
def settle_occurrence_task(occurrence_id: int) -> None:
    occurrence_settle(occurrence_id=occurrence_id)


def _schedule_settling(occurrence: Occurrence, at: datetime.datetime | None) -> None:
    """Ask the worker to settle the date when a hold runs out, where the task backend can wait
    (the database backend). The command `process_waitlists` is the reliable path; this only
    makes offers move on sooner."""
    if at is None:
        return
    backend = task_backends[settle_occurrence_task.backend]
    if not backend.supports_defer:
        return
    occurrence_id = occurrence.pk

    def enqueue() -> None:
        try:
            settle_occurrence_task.using(run_after=at + datetime.timedelta(seconds=5)).enqueue(
                occurrence_id=occurrence_id
            )
        except Exception:  # the timer command settles the date anyway
            logger.exception("Could not schedule settling of occurrence %s", occurrence_id)

    transaction.on_commit(enqueue)
