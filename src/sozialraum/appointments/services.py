# ruff: noqa: RUF001  (German text uses the en dash as its dash)
"""Booking, confirming, moving and cancelling appointments; reminders and deletion.

Never overbooked: every write that takes a time first locks the offer's resources (SELECT …
FOR UPDATE on the `Resource` rows, in id order, so two bookings never wait for each other in a
circle), then checks that the time is free, then writes. Two requests for the same time are
served one after the other; the second sees the first's booking and is told the time is taken.
A partial unique constraint on (resource, start) is the database's last word.

Personal data (name, e-mail, phone, note) never goes into the audit log: the log records what
happened to which appointment and which fields changed, so the data can really be deleted.
"""

import datetime
import logging
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.core.audit import audit_log, snapshot

from . import mails
from .models import Appointment, AppointmentOffer, Resource, Topic
from .slots import Slot, free_slots

logger = logging.getLogger(__name__)

#: How many open appointments (not yet past) one e-mail address may hold at one offer.
OPEN_APPOINTMENTS_PER_EMAIL = 2


class BookingError(Exception):
    """A booking that cannot be made; the message tells the person what to do."""


class SlotTaken(BookingError):
    pass


def audit_snapshot(appointment: Appointment) -> dict[str, Any]:
    """What the audit log keeps of an appointment: everything but the personal data."""
    data = snapshot(
        appointment,
        fields=["resource", "topic", "start", "end", "status", "channel", "language"],
    )
    data["personal_data"] = appointment.anonymised_at is None
    return data


def _log(
    action: str,
    appointment: Appointment,
    *,
    actor: Any = None,
    before: dict[str, Any] | None = None,
    changed: tuple[str, ...] = (),
) -> None:
    after = audit_snapshot(appointment)
    if changed:
        after["changed_personal_fields"] = list(changed)
    audit_log(actor=actor, action=action, obj=appointment, before=before, after=after)


def _lock_resources(offer: AppointmentOffer) -> list[Resource]:
    return list(
        Resource.objects.select_for_update().filter(offer=offer, is_active=True).order_by("pk")
    )


def _release_expired(offer: AppointmentOffer, now: datetime.datetime) -> int:
    """Reservations nobody confirmed in time give their slot back (call with the lock held)."""
    return Appointment.objects.filter(
        offer=offer, status=Appointment.Status.PENDING, hold_until__lte=now
    ).update(status=Appointment.Status.EXPIRED)


def _find_slot(
    offer: AppointmentOffer,
    topic: Topic,
    start: datetime.datetime,
    *,
    now: datetime.datetime,
    staff: bool,
    exclude: Appointment | None = None,
) -> Slot | None:
    day = timezone.localtime(start).date()
    for slot in free_slots(offer, topic, day, day, now=now, staff=staff, exclude=exclude):
        if slot.start == start:
            return slot
    return None


def _check_bookable(offer: AppointmentOffer, topic: Topic, *, staff: bool) -> None:
    if topic.offer_id != offer.pk or not topic.is_active:
        raise BookingError(
            _("Dieses Thema kann man nicht mehr buchen. Bitte wählen Sie ein anderes.")
        )
    if not staff and not offer.is_active:
        raise BookingError(_("Für dieses Angebot kann man zur Zeit keine Termine online buchen."))


def _check_open_appointments(
    offer: AppointmentOffer,
    email: str,
    now: datetime.datetime,
    exclude: Appointment | None = None,
) -> None:
    """At most OPEN_APPOINTMENTS_PER_EMAIL open appointments per address and service."""
    open_ones = Appointment.objects.blocking(now).filter(
        offer=offer, email__iexact=email, end__gt=now
    )
    if exclude is not None:
        open_ones = open_ones.exclude(pk=exclude.pk)
    count = open_ones.count()
    if count >= OPEN_APPOINTMENTS_PER_EMAIL:
        raise BookingError(
            _(
                "Mit dieser E-Mail-Adresse sind schon %(count)s Termine bei diesem Angebot "
                "gebucht. Bitte sagen Sie erst einen davon ab oder rufen Sie an."
            )
            % {"count": count}
        )


def _taken() -> SlotTaken:
    return SlotTaken(_("Diese Zeit ist leider nicht mehr frei. Bitte wählen Sie eine andere Zeit."))


def _create(offer: AppointmentOffer, slot: Slot, topic: Topic, **fields: Any) -> Appointment:
    resource_id = slot.resource_ids[0]
    try:
        with transaction.atomic():
            return Appointment.objects.create(
                offer=offer,
                topic=topic,
                resource_id=resource_id,
                start=slot.start,
                end=slot.end,
                **fields,
            )
    except IntegrityError as error:  # the constraint caught what the lock should have
        logger.warning("Appointment at %s refused by the database: %s", slot.start, error)
        raise _taken() from error


def appointment_request(
    *,
    offer: AppointmentOffer,
    topic: Topic,
    start: datetime.datetime,
    name: str,
    email: str,
    phone: str = "",
    note: str = "",
    language: str = "de",
    now: datetime.datetime | None = None,
) -> Appointment:
    """A citizen books online: the slot is held for `offer.hold_minutes` until they confirm
    the link in the e-mail (double opt-in)."""
    now = now or timezone.now()
    _check_bookable(offer, topic, staff=False)
    with transaction.atomic():
        _lock_resources(offer)
        _release_expired(offer, now)
        _check_open_appointments(offer, email, now)
        slot = _find_slot(offer, topic, start, now=now, staff=False)
        if slot is None:
            raise _taken()
        appointment = _create(
            offer,
            slot,
            topic,
            name=name,
            email=email,
            phone=phone,
            note=note,
            language=language,
            status=Appointment.Status.PENDING,
            channel=Appointment.Channel.ONLINE,
            hold_until=now + datetime.timedelta(minutes=offer.hold_minutes),
        )
        _log("appointments.requested", appointment, changed=Appointment.PERSONAL_FIELDS)
        mails.send_confirmation_request(appointment)
    return appointment


def appointment_confirm(
    *, appointment: Appointment, now: datetime.datetime | None = None
) -> Appointment:
    """The citizen followed the link in the e-mail. Confirming twice is harmless; a
    reservation that ran out is still confirmed if nobody has taken the time meanwhile."""
    now = now or timezone.now()
    Status = Appointment.Status
    with transaction.atomic():
        _lock_resources(appointment.offer)
        appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if appointment.status == Status.CONFIRMED:
            return appointment
        if appointment.status not in (Status.PENDING, Status.EXPIRED) or appointment.start <= now:
            raise BookingError(
                _("Dieser Termin kann nicht mehr bestätigt werden. Bitte buchen Sie neu.")
            )
        before = audit_snapshot(appointment)
        expired = appointment.status == Status.EXPIRED or (
            appointment.hold_until is not None and appointment.hold_until <= now
        )
        if expired:
            # as good as a new booking: the same checks as appointment_request
            _check_bookable(appointment.offer, appointment.topic, staff=False)
            _check_open_appointments(appointment.offer, appointment.email, now, appointment)
            slot = _find_slot(
                appointment.offer,
                appointment.topic,
                appointment.start,
                now=now,
                staff=False,
                exclude=appointment,
            )
            if slot is None or appointment.resource_id not in slot.resource_ids:
                if slot is None:
                    raise SlotTaken(
                        _(
                            "Sie haben den Termin nicht rechtzeitig bestätigt, und inzwischen "
                            "hat ihn jemand anderes gebucht. Bitte wählen Sie eine neue Zeit."
                        )
                    )
                appointment.resource_id = slot.resource_ids[0]
        appointment.status = Status.CONFIRMED
        appointment.confirmed_at = now
        appointment.hold_until = None
        try:
            with transaction.atomic():
                appointment.save()
        except IntegrityError as error:
            raise _taken() from error
        _log("appointments.confirmed", appointment, before=before)
        mails.send_confirmed(appointment)
    return appointment


def appointment_book_for_caller(
    *,
    offer: AppointmentOffer,
    topic: Topic,
    start: datetime.datetime,
    name: str,
    actor: Any,
    channel: str = Appointment.Channel.PHONE,
    email: str = "",
    phone: str = "",
    note: str = "",
    language: str = "de",
    now: datetime.datetime | None = None,
) -> Appointment:
    """Staff book for someone on the phone or at the desk: confirmed at once (no opt-in);
    a confirmation goes out if they gave an e-mail address."""
    now = now or timezone.now()
    _check_bookable(offer, topic, staff=True)
    with transaction.atomic():
        _lock_resources(offer)
        _release_expired(offer, now)
        slot = _find_slot(offer, topic, start, now=now, staff=True)
        if slot is None:
            raise _taken()
        appointment = _create(
            offer,
            slot,
            topic,
            name=name,
            email=email,
            phone=phone,
            note=note,
            language=language,
            status=Appointment.Status.CONFIRMED,
            channel=channel,
            confirmed_at=now,
            booked_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        _log(
            "appointments.booked_for_caller",
            appointment,
            actor=actor,
            changed=Appointment.PERSONAL_FIELDS,
        )
        mails.send_confirmed(appointment)
    return appointment


def appointment_move(
    *,
    appointment: Appointment,
    start: datetime.datetime,
    actor: Any = None,
    now: datetime.datetime | None = None,
) -> Appointment:
    """Move to another free time in one step: the old time is given up only together with
    getting the new one (one row changes, under the lock)."""
    now = now or timezone.now()
    staff = actor is not None
    with transaction.atomic():
        _lock_resources(appointment.offer)
        appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if appointment.status != Appointment.Status.CONFIRMED or appointment.start <= now:
            raise BookingError(_("Dieser Termin kann nicht mehr verschoben werden."))
        _release_expired(appointment.offer, now)
        slot = _find_slot(
            appointment.offer,
            appointment.topic,
            start,
            now=now,
            staff=staff,
            exclude=appointment,
        )
        if slot is None:
            raise _taken()
        before = audit_snapshot(appointment)
        if appointment.resource_id not in slot.resource_ids:
            appointment.resource_id = slot.resource_ids[0]
        appointment.start, appointment.end = slot.start, slot.end
        appointment.sequence += 1
        appointment.reminder_sent_at = None
        try:
            with transaction.atomic():
                appointment.save()
        except IntegrityError as error:
            raise _taken() from error
        _log("appointments.moved", appointment, actor=actor, before=before)
        mails.send_moved(appointment)
    return appointment


def appointment_cancel(
    *, appointment: Appointment, actor: Any = None, now: datetime.datetime | None = None
) -> Appointment:
    """Cancel (by the citizen through their link, or by staff); the time is free again."""
    now = now or timezone.now()
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if appointment.status == Appointment.Status.CANCELLED:
            return appointment
        if not appointment.can_be_changed_by_citizen(now):
            raise BookingError(_("Dieser Termin kann nicht mehr abgesagt werden."))
        before = audit_snapshot(appointment)
        was_confirmed = appointment.status == Appointment.Status.CONFIRMED
        appointment.status = Appointment.Status.CANCELLED
        appointment.cancelled_at = now
        appointment.sequence += 1
        appointment.save()
        _log("appointments.cancelled", appointment, actor=actor, before=before)
        if was_confirmed:
            mails.send_cancelled(appointment)
    return appointment


def appointment_mark_no_show(
    *,
    appointment: Appointment,
    actor: Any,
    no_show: bool = True,
    now: datetime.datetime | None = None,
) -> Appointment:
    """Staff mark that the person did not come (or take the mark back)."""
    now = now or timezone.now()
    Status = Appointment.Status
    with transaction.atomic():
        appointment = Appointment.objects.select_for_update().get(pk=appointment.pk)
        wanted, current = (
            (Status.NO_SHOW, Status.CONFIRMED)
            if no_show
            else (
                Status.CONFIRMED,
                Status.NO_SHOW,
            )
        )
        if appointment.status == wanted:
            return appointment
        if appointment.status != current or appointment.start > now:
            raise BookingError(_("Nur vergangene, bestätigte Termine können so markiert werden."))
        before = audit_snapshot(appointment)
        appointment.status = wanted
        appointment.save(update_fields=["status", "modified"])
        _log(
            "appointments.no_show" if no_show else "appointments.showed_up",
            appointment,
            actor=actor,
            before=before,
        )
    return appointment


def appointment_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind everyone with a confirmed appointment tomorrow (local date). Each appointment is
    claimed with one conditional UPDATE before its mail is queued, in the same transaction:
    running this twice, or twice at once, never sends two reminders."""
    now = now or timezone.now()
    tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
    candidates = (
        Appointment.objects.filter(
            status=Appointment.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            start__date=tomorrow,
            start__gt=now,
        )
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    sent = 0
    for pk in list(candidates):
        with transaction.atomic():
            claimed = Appointment.objects.filter(
                pk=pk, reminder_sent_at__isnull=True, status=Appointment.Status.CONFIRMED
            ).update(reminder_sent_at=now)
            if not claimed:
                continue
            appointment = Appointment.objects.select_related("offer__service", "topic").get(pk=pk)
            mails.send_reminder(appointment)
            sent += 1
    return sent


def appointments_anonymise(*, now: datetime.datetime | None = None) -> int:
    """Delete the personal data of every appointment that ended more than
    APPOINTMENT_RETENTION_DAYS ago (and of reservations nobody confirmed); the times stay,
    for the service's statistics. Returns how many appointments were anonymised."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.APPOINTMENT_RETENTION_DAYS)
    due = Appointment.objects.with_personal_data().filter(end__lt=cutoff)
    count = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            appointment = Appointment.objects.select_for_update().get(pk=pk)
            if appointment.anonymised_at is not None:
                continue
            before = audit_snapshot(appointment)
            changed = tuple(
                field for field in Appointment.PERSONAL_FIELDS if getattr(appointment, field)
            )
            appointment.name = "–"
            appointment.email = appointment.phone = appointment.note = ""
            appointment.anonymised_at = now
            appointment.token = f"deleted-{appointment.pk}"
            if appointment.status == Appointment.Status.PENDING:
                appointment.status = Appointment.Status.EXPIRED
            appointment.save()
            _log("appointments.anonymised", appointment, before=before, changed=changed)
            count += 1
    logger.info("Appointments: personal data of %d appointment(s) deleted", count)
    return count
