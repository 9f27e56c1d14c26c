# ruff: noqa: RUF001  (German text uses the en dash as its dash)
"""E-mails to citizens about their appointment, in their language, with an iCalendar file.

Every mail goes through `core.mail.mail_later`: it is sent by the worker once the booking has
committed. Call these functions inside the transaction that makes the change.
"""

import datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sozialraum.core.mail import mail_later
from sozialraum.directory.models import Address

from .models import Appointment


def absolute_url(name: str, *, language: str, **kwargs: object) -> str:
    with translation.override(language):
        path = reverse(name, kwargs=kwargs)
    return settings.SITE_URL.rstrip("/") + path


def manage_url(appointment: Appointment) -> str:
    """The citizen's personal link: view, move or cancel the appointment."""
    return absolute_url(
        "appointments:manage", language=appointment.language, token=appointment.token
    )


def location_text(appointment: Appointment) -> str:
    """ "Stadtteilzentrum, Turmstraße 1, 10559 Berlin" for the offer's place."""
    location = appointment.offer.location
    if location is None:
        return ""
    parts = [str(location.name)] if location.name else []
    address = (
        location.addresses.filter(address_type=Address.AddressType.PHYSICAL).first()
        or location.addresses.first()
    )
    if address is not None:
        parts += [address.address_1, f"{address.postal_code} {address.city}".strip()]
    return ", ".join(part for part in parts if part)


def appointment_ics(appointment: Appointment, *, cancelled: bool = False) -> str:
    """The appointment as iCalendar (RFC 5545); a cancellation removes it from calendars."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Sozialraum//Termine//DE")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = icalendar.Event()
    host = urlsplit(settings.SITE_URL).hostname or "sozialraum"
    event.add("uid", f"appointment-{appointment.pk}@{host}")
    event.add("dtstamp", timezone.now())
    # in UTC ("Z"): every calendar reads it without a VTIMEZONE block
    event.add("dtstart", appointment.start.astimezone(datetime.UTC))
    event.add("dtend", appointment.end.astimezone(datetime.UTC))
    event.add("sequence", appointment.sequence)
    event.add("summary", f"{appointment.topic.name} – {appointment.offer.service.name}")
    if location := location_text(appointment):
        event.add("location", location)
    description = [_("Termin verschieben oder absagen: %(url)s") % {"url": manage_url(appointment)}]
    if appointment.offer.instructions:
        description.insert(0, appointment.offer.instructions)
    event.add("description", "\n\n".join(description))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical().decode()


def _send(appointment: Appointment, template: str, *, ics: str = "", cancelled: bool = False):
    if not appointment.email:
        return
    with translation.override(appointment.language):
        context = {
            "appointment": appointment,
            "start": timezone.localtime(appointment.start),
            "end": timezone.localtime(appointment.end),
            "service": appointment.offer.service,
            "location": location_text(appointment),
            "manage_url": manage_url(appointment),
            "confirm_url": absolute_url(
                "appointments:confirm", language=appointment.language, token=appointment.token
            ),
            "hold_until": timezone.localtime(appointment.hold_until)
            if appointment.hold_until
            else None,
        }
        subject = render_to_string(f"appointments/mail/{template}_subject.txt", context)
        body = render_to_string(f"appointments/mail/{template}.txt", context)
        attachments = []
        if ics:
            attachments.append((_("termin.ics"), ics, "text/calendar"))
    mail_later(to=[appointment.email], subject=subject, body=body, attachments=attachments)


def send_confirmation_request(appointment: Appointment) -> None:
    """Double opt-in: the link that turns the reservation into a booking."""
    _send(appointment, "confirm_request")


def send_confirmed(appointment: Appointment) -> None:
    with translation.override(appointment.language):
        ics = appointment_ics(appointment)
    _send(appointment, "confirmed", ics=ics)


def send_moved(appointment: Appointment) -> None:
    with translation.override(appointment.language):
        ics = appointment_ics(appointment)
    _send(appointment, "moved", ics=ics)


def send_cancelled(appointment: Appointment) -> None:
    with translation.override(appointment.language):
        ics = appointment_ics(appointment, cancelled=True)
    _send(appointment, "cancelled", ics=ics)


def send_reminder(appointment: Appointment) -> None:
    with translation.override(appointment.language):
        ics = appointment_ics(appointment)
    _send(appointment, "reminder", ics=ics)
