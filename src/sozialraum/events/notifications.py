"""E-mails to people who registered: in their language, sent by the worker (core.mail), each
with the personal link to see, confirm or cancel the booking. The confirmation carries the
date as an iCalendar file."""

from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sozialraum.core.mail import mail_later
from sozialraum.core.models import SiteSettings
from sozialraum.directory.models import Event

from .models import Booking, BookingStatus


def booking_url(booking: Booking) -> str:
    """The personal link (absolute, in the booking's language)."""
    with translation.override(booking.language):
        path = reverse("events:booking", kwargs={"token": booking.token})
    return settings.SITE_URL.rstrip("/") + path


def place_text(event: Event) -> str:
    """The place's name and address, one line."""
    from sozialraum.directory.ical import event_location_text

    return event_location_text(event)


def occurrence_calendar(booking: Booking) -> str:
    """The booked date as an iCalendar file (RFC 5545) for the person's calendar."""
    occurrence = booking.occurrence
    event = occurrence.registration.event
    zone = ZoneInfo(settings.TIME_ZONE)
    domain = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0]
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Sozialraum//Anmeldung//DE")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = icalendar.Event()
    entry.add("uid", f"booking-{booking.pk}@{domain or 'sozialraum'}")
    entry.add("dtstamp", timezone.now())
    entry.add("summary", str(event.title))
    entry.add("dtstart", occurrence.start.astimezone(zone))
    if occurrence.end:
        entry.add("dtend", occurrence.end.astimezone(zone))
    if place := place_text(occurrence.registration.event):
        entry.add("location", place)
    entry.add(
        "description",
        _("Ihre Anmeldung ansehen oder absagen: %(url)s") % {"url": booking_url(booking)},
    )
    entry.add("url", booking_url(booking))
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def _send(booking: Booking, kind: str, subject: str, *, ics: bool = False, **extra: Any) -> None:
    occurrence = booking.occurrence
    context = {
        "kind": kind,
        "booking": booking,
        "occurrence": occurrence,
        "event": occurrence.registration.event,
        "place": place_text(occurrence.registration.event),
        "url": booking_url(booking),
        "city": SiteSettings.load().city_name,
        "confirmation_minutes": settings.EVENTS_CONFIRMATION_MINUTES,
        **extra,
    }
    body = render_to_string("events/mail/booking.txt", context)
    attachments = [("termin.ics", occurrence_calendar(booking), "text/calendar")] if ics else []
    mail_later(to=[booking.email], subject=subject, body=body, attachments=attachments)


def _title(booking: Booking) -> str:
    return str(booking.occurrence.registration.event.title)


def confirm_email(booking: Booking) -> None:
    with translation.override(booking.language):
        if booking.status == BookingStatus.WAITING:
            subject = _("Bitte bestätigen: Warteliste für „%(title)s“")
        else:
            subject = _("Bitte bestätigen Sie Ihre Anmeldung für „%(title)s“")
        _send(booking, "confirm_email", subject % {"title": _title(booking)})


def booking_confirmed(booking: Booking) -> None:
    with translation.override(booking.language):
        subject = _("Anmeldung bestätigt: „%(title)s“") % {"title": _title(booking)}
        _send(booking, "confirmed", subject, ics=True)


def waitlist_confirmed(booking: Booking) -> None:
    with translation.override(booking.language):
        subject = _("Sie stehen auf der Warteliste für „%(title)s“") % {"title": _title(booking)}
        _send(booking, "waitlist_confirmed", subject)


def offer_made(booking: Booking) -> None:
    with translation.override(booking.language):
        subject = _("Ein Platz ist frei: „%(title)s“") % {"title": _title(booking)}
        _send(booking, "offer", subject)


def offer_expired(booking: Booking) -> None:
    with translation.override(booking.language):
        subject = _("Angebot verfallen: „%(title)s“") % {"title": _title(booking)}
        _send(booking, "offer_expired", subject)


def booking_cancelled(booking: Booking) -> None:
    with translation.override(booking.language):
        subject = _("Abgesagt: „%(title)s“") % {"title": _title(booking)}
        _send(booking, "cancelled", subject)


def date_cancelled(booking: Booking) -> None:
    with translation.override(booking.language):
        subject = _("Der Termin fällt aus: „%(title)s“") % {"title": _title(booking)}
        _send(booking, "date_cancelled", subject, reason=booking.occurrence.cancel_reason)


def provider_message(booking: Booking, *, subject: str, body: str) -> None:
    with translation.override(booking.language):
        organization = booking.occurrence.registration.event.organization
        full_subject = f"{subject}: {_title(booking)}"
        _send(booking, "message", full_subject, message=body, organization=organization)
