"""E-mails of the holiday programme, in the family's language, sent by the worker (core.mail):
confirm the wishes (double opt-in), wishes confirmed, a wished-for date cancelled before the
draw, and the result of the draw with the personal links of the bookings it made."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sozialraum.core.mail import mail_later
from sozialraum.core.models import SiteSettings
from sozialraum.events.models import Occurrence
from sozialraum.events.notifications import booking_url

from .models import Application, Outcome


def application_url(application: Application) -> str:
    with translation.override(application.language):
        path = reverse("lottery:application", kwargs={"token": application.token})
    return settings.SITE_URL.rstrip("/") + path


def _send(application: Application, kind: str, subject: str, **extra: object) -> None:
    children = []
    for child in application.children.all():
        wishes = [w for w in application.wishes.all() if w.child_id in (None, child.pk)]
        children.append((child, sorted(wishes, key=lambda w: w.rank)))
    lines = []
    if kind == "result":
        for child, wishes in children:
            won = [w for w in wishes if w.outcome == Outcome.WON]
            waiting = [w for w in wishes if w.outcome == Outcome.WAITING]
            lines.append(
                {
                    "child": child,
                    "won": [(w, booking_url(w.booking)) for w in won if w.booking],
                    "waiting": [
                        (w, booking_url(w.booking), _waiting_position(w))
                        for w in waiting
                        if w.booking
                    ],
                }
            )
    body = render_to_string(
        "lottery/mail/application.txt",
        {
            "kind": kind,
            "application": application,
            "programme": application.programme,
            "children": children,
            "lines": lines,
            "url": application_url(application),
            "city": SiteSettings.load().city_name,
            **extra,
        },
    )
    mail_later(to=[application.email], subject=subject, body=body)


def _waiting_position(wish) -> int:  # type: ignore[no-untyped-def]
    booking = wish.booking
    return (
        booking.occurrence.bookings.filter(status="waiting", created__lt=booking.created).count()
        + 1
    )


def confirm_email(application: Application) -> None:
    with translation.override(application.language):
        subject = _("Bitte bestätigen Sie Ihre Wünsche: %(title)s") % {
            "title": application.programme.title
        }
        _send(application, "confirm_email", subject)


def confirmed(application: Application) -> None:
    with translation.override(application.language):
        subject = _("Ihre Wünsche sind angekommen: %(title)s") % {
            "title": application.programme.title
        }
        _send(application, "confirmed", subject)


def result(application: Application) -> None:
    with translation.override(application.language):
        subject = _("Ergebnis der Verlosung: %(title)s") % {"title": application.programme.title}
        _send(application, "result", subject)


def wished_date_cancelled(application: Application, occurrence: Occurrence) -> None:
    with translation.override(application.language):
        subject = _("Ein gewünschter Termin fällt aus: %(title)s") % {
            "title": application.programme.title
        }
        _send(application, "date_cancelled", subject, occurrence=occurrence)
