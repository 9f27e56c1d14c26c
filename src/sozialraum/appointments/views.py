"""Public pages: pick a topic, see the free times by day (a week at a time), book; the
personal link to confirm, move or cancel. No account needed."""

import datetime
import uuid
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sozialraum.core import rate_limits

from . import services
from .forms import BookingForm, parse_start
from .models import Appointment, AppointmentOffer, Topic
from .slots import booking_window, free_slots, group_by_day, week_start


def _offer(service_id: uuid.UUID) -> AppointmentOffer:
    return get_object_or_404(
        AppointmentOffer.objects.select_related("service__organization", "location").filter(
            service__status__in=["active"]
        ),
        service_id=service_id,
        is_active=True,
    )


def _topic(offer: AppointmentOffer, topic_id: int) -> Topic:
    return get_object_or_404(Topic, pk=topic_id, offer=offer, is_active=True)


def _appointment(token: str) -> Appointment:
    return get_object_or_404(
        Appointment.objects.select_related("offer__service", "offer__location", "topic"),
        token=token,
        anonymised_at__isnull=True,
    )


def _week(request: HttpRequest, offer: AppointmentOffer, topic: Topic, **kwargs):
    """The week to show (?woche=YYYY-MM-DD, any day of it): by default the first week with a
    free time. Returns the context for templates/appointments/_week.html."""
    now = timezone.now()
    today = timezone.localdate()
    _earliest, last_day = booking_window(offer, now)
    first_week, last_week = week_start(today), week_start(last_day)
    try:
        monday = week_start(datetime.date.fromisoformat(request.GET.get("woche", "")))
    except ValueError:
        upcoming = free_slots(offer, topic, today, last_day, now=now, **kwargs)
        monday = week_start(upcoming[0].day) if upcoming else first_week
    monday = min(max(monday, first_week), last_week)
    sunday = monday + datetime.timedelta(days=6)
    slots = free_slots(offer, topic, max(monday, today), sunday, now=now, **kwargs)
    if (moving := kwargs.get("exclude")) is not None:
        slots = [slot for slot in slots if slot.start != moving.start]  # its own time
    one_week = datetime.timedelta(days=7)
    return {
        "days": group_by_day(slots),
        "monday": monday,
        "sunday": sunday,
        "previous_week": monday - one_week if monday > first_week else None,
        "next_week": monday + one_week if monday < last_week else None,
    }


def index(request: HttpRequest) -> HttpResponse:
    offers = (
        AppointmentOffer.objects.filter(is_active=True, service__status="active")
        .select_related("service__organization")
        .order_by("service__name")
    )
    return render(request, "appointments/public/index.html", {"offers": offers})


def offer(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    offer = _offer(service_id)
    topics = list(offer.topics.filter(is_active=True))
    if len(topics) == 1:
        return redirect("appointments:times", service_id=service_id, topic_id=topics[0].pk)
    return render(request, "appointments/public/offer.html", {"offer": offer, "topics": topics})


def times(request: HttpRequest, service_id: uuid.UUID, topic_id: int) -> HttpResponse:
    offer = _offer(service_id)
    topic = _topic(offer, topic_id)
    context = {
        "offer": offer,
        "topic": topic,
        "slot_url": reverse(
            "appointments:book", kwargs={"service_id": service_id, "topic_id": topic.pk}
        ),
        **_week(request, offer, topic),
    }
    return render(request, "appointments/public/times.html", context)


def book(request: HttpRequest, service_id: uuid.UUID, topic_id: int) -> HttpResponse:
    offer = _offer(service_id)
    topic = _topic(offer, topic_id)
    start = parse_start(request.POST.get("beginn") or request.GET.get("beginn", ""))
    times_url = reverse(
        "appointments:times", kwargs={"service_id": service_id, "topic_id": topic.pk}
    )
    if start is None:
        return redirect(times_url)
    form = BookingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not rate_limits.allow(
            request,
            "appointment_request",
            email=form.cleaned_data.get("email") or "",
            within=offer.pk,
        ):
            return rate_limits.too_many_requests(request, public_form=True)
        try:
            services.appointment_request(
                offer=offer,
                topic=topic,
                start=start,
                language=get_language() or "de",
                **form.cleaned_data,
            )
        except services.SlotTaken as error:
            messages.error(request, str(error))
            return redirect(f"{times_url}?woche={start.date().isoformat()}")
        except services.BookingError as error:
            form.add_error(None, str(error))
        else:
            return redirect("appointments:sent", service_id=service_id)
    return render(
        request,
        "appointments/public/book.html",
        {
            "offer": offer,
            "topic": topic,
            "start": timezone.localtime(start),
            "end": timezone.localtime(start + topic.duration),
            "form": form,
            "times_url": times_url,
        },
    )


def sent(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    offer = _offer(service_id)
    return render(request, "appointments/public/sent.html", {"offer": offer})


def manage(request: HttpRequest, token: str) -> HttpResponse:
    appointment = _appointment(token)
    return render(
        request,
        "appointments/public/manage.html",
        {
            "appointment": appointment,
            "offer": appointment.offer,
            "changeable": appointment.can_be_changed_by_citizen(timezone.now()),
        },
    )


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button; only the POST confirms (mail scanners open links, too)."""
    appointment = _appointment(token)
    if appointment.status == Appointment.Status.CONFIRMED:
        return redirect("appointments:manage", token=token)
    error = ""
    if request.method == "POST":
        try:
            services.appointment_confirm(appointment=appointment)
        except services.BookingError as problem:
            error = str(problem)
        else:
            messages.success(
                request, _("Ihr Termin ist bestätigt. Sie bekommen eine E-Mail mit allen Angaben.")
            )
            return redirect("appointments:manage", token=token)
    return render(
        request,
        "appointments/public/confirm.html",
        {"appointment": appointment, "offer": appointment.offer, "error": error},
    )


def cancel(request: HttpRequest, token: str) -> HttpResponse:
    appointment = _appointment(token)
    if request.method == "POST":
        try:
            services.appointment_cancel(appointment=appointment)
        except services.BookingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Ihr Termin ist abgesagt. Danke, dass Sie Bescheid geben."))
        return redirect("appointments:manage", token=token)
    if not appointment.can_be_changed_by_citizen(timezone.now()):
        return redirect("appointments:manage", token=token)
    return render(
        request,
        "appointments/public/cancel.html",
        {"appointment": appointment, "offer": appointment.offer},
    )


def move(request: HttpRequest, token: str) -> HttpResponse:
    """Pick a new time (the week's free times), then confirm the move."""
    appointment = _appointment(token)
    offer = appointment.offer
    if (
        appointment.status != Appointment.Status.CONFIRMED
        or not appointment.can_be_changed_by_citizen(timezone.now())
    ):
        return redirect("appointments:manage", token=token)
    move_url = reverse("appointments:move", kwargs={"token": token})
    start = parse_start(request.POST.get("beginn") or request.GET.get("beginn", ""))
    if request.method == "POST" and start is not None:
        try:
            services.appointment_move(appointment=appointment, start=start)
        except services.BookingError as error:
            messages.error(request, str(error))
            return redirect(f"{move_url}?woche={start.date().isoformat()}")
        messages.success(
            request, _("Ihr Termin ist verschoben. Sie bekommen eine E-Mail mit dem neuen Termin.")
        )
        return redirect("appointments:manage", token=token)
    context: dict[str, Any] = {
        "appointment": appointment,
        "offer": offer,
        "topic": appointment.topic,
    }
    if start is not None:
        context.update(
            start=timezone.localtime(start),
            end=timezone.localtime(start + appointment.topic.duration),
            move_url=move_url,
        )
        return render(request, "appointments/public/move_confirm.html", context)
    if not offer.is_active:
        raise Http404
    context.update(
        slot_url=move_url, **_week(request, offer, appointment.topic, exclude=appointment)
    )
    return render(request, "appointments/public/move.html", context)
