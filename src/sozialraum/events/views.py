"""Public pages: events open for registration, an event's dates, the registration form, and the
personal link of a booking (confirm, accept an offer, cancel). No account needed."""

import json
from typing import Any

from django.contrib import messages
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sozialraum.core import rate_limits
from sozialraum.directory.service_page import JSON_ESCAPES
from sozialraum.directory.widget import public_events

from . import services
from .forms import BookerForm, ParticipantForm
from .models import Booking, BookingStatus, Occurrence, Registration
from .notifications import place_text
from .services import BookingError, age_range_text

#: dates shown on an event's page (a long series: the next ones)
MAX_DATES_SHOWN = 60


def open_registrations() -> Any:
    """Registrations the public sees: open, of a public event, with an upcoming date."""
    now = timezone.now()
    upcoming = Occurrence.objects.upcoming(now).filter(registration=OuterRef("pk"))
    return (
        Registration.objects.filter(is_open=True, event__in=public_events())
        .filter(Exists(upcoming))
        .select_related("event__organization", "event__location", "pass_type")
    )


def index(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    registrations = list(
        open_registrations().prefetch_related(
            Prefetch(
                "occurrences",
                queryset=Occurrence.objects.upcoming(now).with_places(now).order_by("start"),
                to_attr="upcoming",
            )
        )
    )
    registrations.sort(key=lambda r: r.upcoming[0].start)  # type: ignore[attr-defined]
    for registration in registrations:
        for date in registration.upcoming:  # type: ignore[attr-defined]
            date.free = max(date.capacity - date.taken, 0)
    return render(
        request,
        "events/index.html",
        {"registrations": registrations, "now": now},
    )


def event_json_ld(registration: Registration, dates: list[Occurrence], url: str) -> SafeString:
    """schema.org JSON-LD: one Event per date, with its availability, escaped for a <script>."""
    event = registration.event
    place = place_text(event)
    items = []
    for date in dates:
        item: dict[str, Any] = {
            "@type": "Event",
            "name": str(event.title),
            "url": url,
            "startDate": date.start.isoformat(),
            "eventStatus": "https://schema.org/EventCancelled"
            if date.cancelled_at
            else "https://schema.org/EventScheduled",
            "organizer": {"@type": "Organization", "name": str(event.organization.name)},
            "offers": {
                "@type": "Offer",
                "price": str(registration.price or 0),
                "priceCurrency": "EUR",
                "url": url,
                "availability": "https://schema.org/InStock"
                if date.free > 0  # type: ignore[attr-defined]
                else "https://schema.org/SoldOut",
            },
        }
        if date.end:
            item["endDate"] = date.end.isoformat()
        if place:
            item["location"] = {"@type": "Place", "name": place, "address": place}
        if event.description:
            item["description"] = str(event.description)
        items.append(item)
    data = {"@context": "https://schema.org", "@graph": items}
    text = json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)
    return mark_safe(text)  # noqa: S308  # <, > and & are escaped above


def _public_registration(event_id: Any) -> Registration:
    registration = open_registrations().filter(event_id=event_id).first()
    if registration is None:
        raise Http404
    return registration


def event(request: HttpRequest, event_id: Any) -> HttpResponse:
    now = timezone.now()
    registration = _public_registration(event_id)
    dates = list(
        Occurrence.objects.filter(registration=registration, start__gt=now)
        .with_places(now)
        .order_by("start")[:MAX_DATES_SHOWN]
    )
    for date in dates:
        date.free = max(date.capacity - date.taken, 0)  # type: ignore[attr-defined]
        date.open = date.accepts_registrations(now)  # type: ignore[attr-defined]
    return render(
        request,
        "events/event.html",
        {
            "registration": registration,
            "event": registration.event,
            "dates": dates,
            "age_range": age_range_text(registration) if registration.asks_age else "",
            "place": place_text(registration.event),
            "json_ld": event_json_ld(registration, dates, request.build_absolute_uri()),
            "registration_started": registration.opens_at is None or registration.opens_at <= now,
        },
    )


def _participant_forms(
    request: HttpRequest, occurrence: Occurrence, count: int
) -> list[ParticipantForm]:
    registration = occurrence.registration
    questions = list(registration.questions.all())
    data = request.POST if request.method == "POST" else None
    client = (
        rate_limits.client_address(request) if data is not None and registration.asks_pass else ""
    )
    forms = []
    for index in range(count):
        form = ParticipantForm(
            data,
            prefix=f"p{index}",
            registration=registration,
            questions=questions,
            client=client,
            day=timezone.localtime(occurrence.start).date(),
        )
        form.number = index + 1  # type: ignore[attr-defined]
        forms.append(form)
    return forms


def personal_passes_once(forms: list[Any]) -> bool:
    """A child's own pass (with a birth year) counts for one person: an error at the second
    field that names it. True when every pass is given at most once."""
    seen: set[int] = set()
    for form in forms:
        card = getattr(form, "card", None)
        if card is None or card.birth_year is None:
            continue
        if card.pk in seen:
            form.add_error(
                "pass_number",
                _(
                    "Diesen %(pass)s haben Sie schon für eine andere Person angegeben. Er gilt nur "
                    "für eine Person."
                )
                % {"pass": card.pass_type.name},
            )
        seen.add(card.pk)
    return all(not form.errors for form in forms)


def _error_summary(booker: BookerForm, participants: list[ParticipantForm]) -> list[Any]:
    summary = booker.error_summary()
    for form in participants:
        for error in form.error_summary():
            error.label = _("Person %(number)s, %(field)s") % {
                "number": form.number,  # type: ignore[attr-defined]
                "field": error.label,
            }
            summary.append(error)
    return summary


@never_cache
def register(request: HttpRequest, occurrence_id: int) -> HttpResponse:
    """The registration form. How many people come is chosen first (a small GET form at the
    top), so the form has one button and the Enter key always sends it."""
    now = timezone.now()
    occurrence = get_object_or_404(
        Occurrence.objects.select_related("registration__event__organization"), pk=occurrence_id
    )
    registration = _public_registration(occurrence.registration.event_id)
    if not occurrence.accepts_registrations(now):
        messages.error(request, _("Für diesen Termin ist keine Anmeldung möglich."))
        return redirect("events:event", event_id=registration.event_id)
    limit = registration.max_group_size
    source = request.POST if request.method == "POST" else request.GET
    try:
        count = int(source.get("people", "1"))
    except ValueError:
        count = 1
    count = min(max(count, 1), limit)
    free = occurrence.places_free(now)
    error = ""
    booker = BookerForm(request.POST or None, waitlist=registration.waitlist)
    occurrence.registration = registration
    participants = _participant_forms(request, occurrence, count)
    if (
        request.method == "POST"
        and booker.is_valid()
        and all(f.is_valid() for f in participants)
        and personal_passes_once(participants)
    ):
        if not rate_limits.allow(
            request, "event_registration", email=booker.cleaned_data["email"], within=occurrence.pk
        ):
            return rate_limits.too_many_requests(request, public_form=True)
        try:
            services.booking_create(
                occurrence_id=occurrence.pk,
                name=booker.cleaned_data["name"],
                email=booker.cleaned_data["email"],
                participants=[form.participant() for form in participants],
                language=get_language() or "de",
                join_waitlist=request.POST.get("action") == "waitlist",
                accept_fewer=bool(booker.cleaned_data.get("accept_fewer")),
            )
        except BookingError as problem:
            error = problem.message
            free = occurrence.places_free(timezone.now())
        else:
            request.session["events_sent_to"] = booker.cleaned_data["email"]
            return redirect("events:sent", occurrence_id=occurrence.pk)
    summary = _error_summary(booker, participants) if request.method == "POST" else []
    return render(
        request,
        "events/register.html",
        {
            "registration": registration,
            "event": registration.event,
            "occurrence": occurrence,
            "booker": booker,
            "participants": participants,
            "people": count,
            "people_choices": range(1, limit + 1),
            "free": free,
            "full": free < count,
            "error": error,
            "summary": summary,
            "age_range": age_range_text(registration) if registration.asks_age else "",
            "delete_after_days": services.settings.EVENTS_DELETE_AFTER_DAYS,
        },
    )


def sent(request: HttpRequest, occurrence_id: int) -> HttpResponse:
    occurrence = get_object_or_404(
        Occurrence.objects.select_related("registration__event"), pk=occurrence_id
    )
    return render(
        request,
        "events/sent.html",
        {
            "occurrence": occurrence,
            "event": occurrence.registration.event,
            "email": request.session.get("events_sent_to", ""),
            "minutes": services.settings.EVENTS_CONFIRMATION_MINUTES,
        },
    )


# --- The personal link --------------------------------------------------------------------------


def _booking(token: str) -> Booking:
    booking = (
        Booking.objects.select_related("occurrence__registration__event__organization")
        .prefetch_related("participants")
        .filter(token=token)
        .first()
    )
    if booking is None:
        raise Http404
    return booking


@never_cache
def booking(request: HttpRequest, token: str) -> HttpResponse:
    # run-out holds and offers are settled before the page shows the state
    booking = _booking(token)
    services.occurrence_settle(occurrence_id=booking.occurrence_id)
    booking = _booking(token)
    occurrence = booking.occurrence
    waiting_position = None
    if booking.status == BookingStatus.WAITING:
        waiting_position = (
            occurrence.bookings.filter(
                status=BookingStatus.WAITING, created__lt=booking.created
            ).count()
            + 1
        )
    response = render(
        request,
        "events/booking.html",
        {
            "booking": booking,
            "occurrence": occurrence,
            "event": occurrence.registration.event,
            "registration": occurrence.registration,
            "participants": list(booking.participants.all()),
            "waiting_position": waiting_position,
            "choose": booking.status == BookingStatus.OFFERED and booking.places < booking.size,
            "Status": BookingStatus,
            "ics_url": reverse("events:booking_ics", kwargs={"token": token}),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def _after(request: HttpRequest, token: str, call: Any, success: str) -> HttpResponse:
    try:
        call()
    except BookingError as problem:
        messages.error(request, problem.message)
    except Booking.DoesNotExist:
        raise Http404 from None
    else:
        messages.success(request, success)
    return redirect("events:booking", token=token)


@require_POST
def booking_confirm(request: HttpRequest, token: str) -> HttpResponse:
    return _after(
        request,
        token,
        lambda: services.booking_confirm(token=token),
        _("Danke! Ihre E-Mail-Adresse ist bestätigt."),
    )


@require_POST
def booking_accept(request: HttpRequest, token: str) -> HttpResponse:
    chosen = [int(pk) for pk in request.POST.getlist("participants") if pk.isdigit()]
    return _after(
        request,
        token,
        lambda: services.booking_accept_offer(token=token, participant_ids=chosen),
        _("Sie haben den Platz angenommen. Ihre Anmeldung ist bestätigt."),
    )


@require_POST
def booking_cancel(request: HttpRequest, token: str) -> HttpResponse:
    return _after(
        request,
        token,
        lambda: services.booking_cancel(token=token),
        _("Ihre Anmeldung ist abgesagt."),
    )


def booking_ics(request: HttpRequest, token: str) -> HttpResponse:
    from .notifications import occurrence_calendar

    booking = _booking(token)
    if booking.status != BookingStatus.CONFIRMED:
        raise Http404
    response = HttpResponse(
        occurrence_calendar(booking), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="termin.ics"'
    return response
