"""Provider pages for registration, beside the directory's provider pages under
/angebote/organisation/<organization>/veranstaltungen/<event>/anmeldung/ (two-factor protected
like them): the terms, the questions, each date's participants (list, export, attendance,
message), cancelling a date or the whole event."""

import datetime
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from sozialraum.accounts.views import signed_in_user
from sozialraum.directory.models import Event, Organization

from . import exports
from . import services_provider as provider
from .forms import (
    CancelForm,
    CapacityForm,
    MessageForm,
    QuestionForm,
    RegistrationSettingsForm,
)
from .models import ACTIVE, Booking, BookingStatus, Occurrence, Question, Registration
from .services import BookingError


def _organization(request: HttpRequest, organization_id: uuid.UUID) -> Organization:
    organization = get_object_or_404(Organization, pk=organization_id)
    if not request.user.has_perm("events.manage_registration", organization):
        raise PermissionDenied
    return organization


def _event(request: HttpRequest, organization_id: uuid.UUID, event_id: uuid.UUID) -> Event:
    organization = _organization(request, organization_id)
    return get_object_or_404(Event, pk=event_id, organization=organization)


def _registration(
    request: HttpRequest, organization_id: uuid.UUID, event_id: uuid.UUID
) -> Registration:
    event = _event(request, organization_id, event_id)
    return get_object_or_404(
        Registration.objects.select_related("event__organization"), event=event
    )


def _occurrence(
    request: HttpRequest, organization_id: uuid.UUID, event_id: uuid.UUID, occurrence_id: int
) -> Occurrence:
    registration = _registration(request, organization_id, event_id)
    return get_object_or_404(
        Occurrence.objects.select_related("registration__event__organization"),
        pk=occurrence_id,
        registration=registration,
    )


def _ids(event: Event) -> dict[str, Any]:
    return {"organization_id": event.organization_id, "event_id": event.pk}


def registration_url(event: Event) -> str:
    return reverse("events_provider:registration", kwargs=_ids(event))


def _date_url(occurrence: Occurrence) -> str:
    return reverse(
        "events_provider:date",
        kwargs={**_ids(occurrence.registration.event), "occurrence_id": occurrence.pk},
    )


def _context(event: Event, **extra: Any) -> dict[str, Any]:
    return {
        "organization": event.organization,
        "event": event,
        "registration_url": registration_url(event),
        **extra,
    }


@login_required
def registration(
    request: HttpRequest, organization_id: uuid.UUID, event_id: uuid.UUID
) -> HttpResponse:
    """Open registration, or change its terms; the dates with their places."""
    event = _event(request, organization_id, event_id)
    existing = Registration.objects.filter(event=event).first()
    form = RegistrationSettingsForm(
        request.POST or None,
        initial=RegistrationSettingsForm.initial_from(existing)
        or {"capacity": event.capacity or None, "is_open": True, "waitlist": True},
    )
    if request.method == "POST" and form.is_valid():
        try:
            provider.registration_save(
                user=signed_in_user(request), event=event, data=form.to_data()
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Gespeichert. Die Anmeldung ist geöffnet.")
                if form.cleaned_data["is_open"]
                else _("Gespeichert. Die Anmeldung ist geschlossen."),
            )
            return redirect(registration_url(event))
    now = timezone.now()
    dates = []
    if existing:
        dates = list(
            existing.occurrences.filter(start__gt=now - datetime.timedelta(days=30))
            .with_places(now)
            .order_by("start")
        )
    return render(
        request,
        "events/provider/registration.html",
        _context(
            event,
            registration=existing,
            form=form,
            dates=dates,
            questions=list(existing.questions.all()) if existing else [],
            public_url=reverse("events:event", kwargs={"event_id": event.pk}),
        ),
    )


@login_required
def questions(
    request: HttpRequest, organization_id: uuid.UUID, event_id: uuid.UUID
) -> HttpResponse:
    registration = _registration(request, organization_id, event_id)
    return _question_page(request, registration, None)


@login_required
def question_edit(
    request: HttpRequest, organization_id: uuid.UUID, event_id: uuid.UUID, question_id: int
) -> HttpResponse:
    registration = _registration(request, organization_id, event_id)
    question = get_object_or_404(Question, pk=question_id, registration=registration)
    return _question_page(request, registration, question)


def _question_page(
    request: HttpRequest, registration: Registration, question: Question | None
) -> HttpResponse:
    event = registration.event
    initial = (
        {
            name: getattr(question, name)
            for name in ("label", "help_text", "kind", "choices", "required", "position")
        }
        if question
        else {"position": registration.questions.count() + 1}
    )
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            provider.question_save(
                user=signed_in_user(request),
                registration=registration,
                question=question,
                data=form.cleaned_data,
            )
        except BookingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Die Frage ist gespeichert."))
            return redirect("events_provider:questions", **_ids(event))
    return render(
        request,
        "events/provider/questions.html",
        _context(
            event,
            registration=registration,
            form=form,
            question=question,
            questions=registration.questions.all(),
        ),
    )


@login_required
def question_delete(
    request: HttpRequest, organization_id: uuid.UUID, event_id: uuid.UUID, question_id: int
) -> HttpResponse:
    registration = _registration(request, organization_id, event_id)
    question = get_object_or_404(Question, pk=question_id, registration=registration)
    if request.method == "POST":
        provider.question_delete(user=signed_in_user(request), question=question)
        messages.success(request, _("Die Frage ist gelöscht."))
        return redirect("events_provider:questions", **_ids(registration.event))
    return render(
        request,
        "events/provider/confirm.html",
        _context(
            registration.event,
            title=_("Frage löschen: %(label)s") % {"label": question.label},
            text=_(
                "Die Antworten, die schon gegeben wurden, bleiben bei den Anmeldungen gespeichert, "
                "erscheinen aber nicht mehr in der Liste."
            ),
            button=_("Ja, Frage löschen"),
            back_url=reverse("events_provider:questions", kwargs=_ids(registration.event)),
        ),
    )


@login_required
def registration_cancel(
    request: HttpRequest, organization_id: uuid.UUID, event_id: uuid.UUID
) -> HttpResponse:
    registration = _registration(request, organization_id, event_id)
    event = registration.event
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = provider.registration_cancel(
            user=signed_in_user(request),
            registration_id=registration.pk,
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            request,
            _("Alle kommenden Termine sind abgesagt. %(count)s Anmeldungen wurden informiert.")
            % {"count": count},
        )
        return redirect(registration_url(event))
    return render(
        request,
        "events/provider/cancel.html",
        _context(
            event,
            form=form,
            title=_("Ganze Veranstaltung absagen"),
            text=_(
                "Alle kommenden Termine fallen aus und die Anmeldung wird geschlossen. Alle "
                "Angemeldeten und alle auf der Warteliste bekommen eine E-Mail."
            ),
            back_url=registration_url(event),
        ),
    )


# --- One date -----------------------------------------------------------------------------------


@login_required
def date(
    request: HttpRequest, organization_id: uuid.UUID, event_id: uuid.UUID, occurrence_id: int
) -> HttpResponse:
    """The participants of a date; attendance and the number of places."""
    occurrence = _occurrence(request, organization_id, event_id, occurrence_id)
    event = occurrence.registration.event
    user = signed_in_user(request)
    capacity_form = CapacityForm(
        request.POST if request.POST.get("form") == "capacity" else None,
        initial={"capacity": occurrence.capacity},
        prefix="capacity",
    )
    if request.POST.get("form") == "capacity" and capacity_form.is_valid():
        try:
            provider.occurrence_set_capacity(
                user=user,
                occurrence_id=occurrence.pk,
                capacity=capacity_form.cleaned_data["capacity"],
            )
        except BookingError as error:
            capacity_form.add_error("capacity", error.message)
        else:
            messages.success(request, _("Die Zahl der Plätze ist gespeichert."))
            return redirect(_date_url(occurrence))
    if request.POST.get("form") == "attendance":
        present = {int(pk) for pk in request.POST.getlist("present") if pk.isdigit()}
        provider.attendance_save(user=user, occurrence=occurrence, present=present)
        messages.success(request, _("Die Anwesenheit ist gespeichert."))
        return redirect(_date_url(occurrence))
    now = timezone.now()
    bookings = list(
        Booking.objects.filter(occurrence=occurrence, status__in=ACTIVE)
        .prefetch_related("participants")
        .order_by("created", "id")
    )
    confirmed = [b for b in bookings if b.status == BookingStatus.CONFIRMED]
    return render(
        request,
        "events/provider/date.html",
        _context(
            event,
            registration=occurrence.registration,
            occurrence=occurrence,
            taken=occurrence.places_taken(now),
            confirmed=confirmed,
            confirmed_people=sum(b.places for b in confirmed),
            held=[
                b for b in bookings if b.status in (BookingStatus.PENDING, BookingStatus.OFFERED)
            ],
            waiting=[b for b in bookings if b.status == BookingStatus.WAITING],
            questions=list(occurrence.registration.questions.all()),
            capacity_form=capacity_form,
            is_past=occurrence.start <= now,
        ),
    )


@login_required
def export(
    request: HttpRequest,
    organization_id: uuid.UUID,
    event_id: uuid.UUID,
    occurrence_id: int,
    extension: str,
) -> HttpResponse:
    if extension not in ("csv", "xlsx"):
        raise Http404
    occurrence = _occurrence(request, organization_id, event_id, occurrence_id)
    name = f"teilnehmende-{timezone.localtime(occurrence.start):%Y-%m-%d-%H%M}.{extension}"
    if extension == "csv":
        response = HttpResponse(exports.as_csv(occurrence), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exports.as_xlsx(occurrence),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def message(
    request: HttpRequest, organization_id: uuid.UUID, event_id: uuid.UUID, occurrence_id: int
) -> HttpResponse:
    occurrence = _occurrence(request, organization_id, event_id, occurrence_id)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = provider.participants_message(
            user=signed_in_user(request),
            occurrence=occurrence,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
        )
        messages.success(
            request, _("Die Nachricht geht an %(count)s Anmeldungen.") % {"count": count}
        )
        return redirect(_date_url(occurrence))
    return render(
        request,
        "events/provider/message.html",
        _context(
            occurrence.registration.event,
            occurrence=occurrence,
            form=form,
            recipients=occurrence.bookings.filter(status=BookingStatus.CONFIRMED).count(),
            back_url=_date_url(occurrence),
        ),
    )


@login_required
def date_cancel(
    request: HttpRequest, organization_id: uuid.UUID, event_id: uuid.UUID, occurrence_id: int
) -> HttpResponse:
    occurrence = _occurrence(request, organization_id, event_id, occurrence_id)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = provider.occurrence_cancel(
            user=signed_in_user(request),
            occurrence_id=occurrence.pk,
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            request,
            _("Der Termin ist abgesagt. %(count)s Anmeldungen wurden informiert.")
            % {"count": count},
        )
        return redirect(_date_url(occurrence))
    return render(
        request,
        "events/provider/cancel.html",
        _context(
            occurrence.registration.event,
            occurrence=occurrence,
            form=form,
            title=pgettext("Veranstaltung", "Termin absagen"),
            text=_(
                "Alle Angemeldeten und alle auf der Warteliste bekommen eine E-Mail, dass der "
                "Termin ausfällt."
            ),
            back_url=_date_url(occurrence),
        ),
    )
