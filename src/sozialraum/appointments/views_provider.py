# ruff: noqa: RUF001  (German text uses the en dash as its dash)
"""The provider's pages: set up appointment booking for a service, see the day's schedule per
counsellor or room, book for a caller, mark no-shows and cancel."""

import datetime
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from sozialraum.accounts.views import signed_in_user
from sozialraum.directory.models import Organization, Service

from . import services, setup
from .forms import (
    DayForm,
    OfferForm,
    ResourceFormSet,
    SpecialDayFormSet,
    StaffBookingForm,
    TopicFormSet,
    WeeklyHoursFormSet,
    parse_start,
)
from .models import Appointment, AppointmentOffer, Resource, SpecialDay, Topic, WeeklyHours
from .slots import booked_outside_hours, free_slots


def _organization(request: HttpRequest, organization_id: uuid.UUID) -> Organization:
    organization = get_object_or_404(Organization, pk=organization_id)
    if not request.user.has_perm("appointments.manage", organization):
        raise PermissionDenied
    return organization


def _service(request: HttpRequest, organization_id: uuid.UUID, service_id: uuid.UUID):
    organization = _organization(request, organization_id)
    service = get_object_or_404(Service, pk=service_id, organization=organization)
    return organization, service


def _offer(request: HttpRequest, organization_id: uuid.UUID, service_id: uuid.UUID):
    organization, service = _service(request, organization_id, service_id)
    offer = get_object_or_404(AppointmentOffer, service=service)
    return organization, service, offer


def _url(name: str, organization: Organization, service: Service, **kwargs: Any) -> str:
    return reverse(
        f"appointments_provider:{name}",
        kwargs={"organization_id": organization.pk, "service_id": service.pk, **kwargs},
    )


@login_required
def overview(request: HttpRequest, organization_id: uuid.UUID) -> HttpResponse:
    organization = _organization(request, organization_id)
    services_ = (
        Service.objects.filter(organization=organization)
        .select_related("appointment_offer")
        .order_by("name")
    )
    return render(
        request,
        "appointments/provider/overview.html",
        {"organization": organization, "services": services_},
    )


@login_required
def settings_page(
    request: HttpRequest, organization_id: uuid.UUID, service_id: uuid.UUID
) -> HttpResponse:
    organization, service = _service(request, organization_id, service_id)
    offer = setup.offer_for(service)
    form = OfferForm(request.POST or None, instance=offer, service=service)
    if request.method == "POST" and form.is_valid():
        setup.offer_save(service=service, form=form, actor=signed_in_user(request))
        messages.success(request, _("Die Einstellungen sind gespeichert."))
        return redirect(_url("settings", organization, service))
    return render(
        request,
        "appointments/provider/settings.html",
        {
            "organization": organization,
            "service": service,
            "offer": offer,
            "form": form,
            "counts": offer
            and {
                "resources": offer.resources.filter(is_active=True).count(),
                "hours": offer.weekly_hours.count(),
                "topics": offer.topics.filter(is_active=True).count(),
            },
        },
    )


# Each list of the set-up: (form set, model, title, introduction).
LISTS: dict[str, tuple[Any, Any, Any, Any]] = {
    "weekly_hours": (
        WeeklyHoursFormSet,
        WeeklyHours,
        gettext_lazy("Sprechzeiten"),
        gettext_lazy(
            "Eine Zeile pro Zeitraum, z. B. Montag 9:00 bis 12:00 und Montag 13:00 bis 16:00. "
            "Ohne Auswahl bei „Nur für“ gilt die Zeile für alle Beraterinnen, Berater und Räume; "
            "sie werden parallel gebucht."
        ),
    ),
    "special_days": (
        SpecialDayFormSet,
        SpecialDay,
        gettext_lazy("Ausnahmen: Feiertage, Schließtage, zusätzliche Tage"),
        gettext_lazy(
            "„Geschlossen“ sperrt einen Tag oder einen Zeitraum (z. B. Feiertag, Urlaub einer "
            "Beraterin). „Zusätzlich geöffnet“ gibt an einem Tag weitere Zeiten frei. Schon "
            "gebuchte Termine bleiben bestehen: Bitte sagen Sie sie im Tagesplan ab."
        ),
    ),
    "topics": (
        TopicFormSet,
        Topic,
        gettext_lazy("Themen"),
        gettext_lazy(
            "Bürgerinnen und Bürger wählen zuerst ein Thema. Jedes Thema hat seine eigene Dauer. "
            "Themen lassen sich nicht löschen, nur ausschalten (Häkchen bei „Buchbar“)."
        ),
    ),
    "resources": (
        ResourceFormSet,
        Resource,
        gettext_lazy("Beraterinnen, Berater und Räume"),
        gettext_lazy(
            "Jede Zeile nimmt zur selben Zeit einen Termin an. Zwei Beraterinnen: zwei Zeilen. "
            "Zum Ausschalten nehmen Sie das Häkchen bei „Nimmt Termine an“ heraus."
        ),
    ),
}


#: how many of the appointments that no longer fit are named in the warning
NAMED_OUTSIDE = 10


def _warn_of_appointments_outside_hours(request: HttpRequest, offer: AppointmentOffer) -> None:
    """After a change to hours, special days or counsellors: name the booked appointments
    that no longer fit. They stay booked; the team cancels them, and the people are told."""
    outside = booked_outside_hours(offer)
    if not outside:
        return
    times = ", ".join(
        date_format(timezone.localtime(appointment.start), "D j.n.Y H:i")
        for appointment in outside[:NAMED_OUTSIDE]
    )
    if len(outside) > NAMED_OUTSIDE:
        times += " …"
    messages.warning(
        request,
        ngettext(
            "Achtung: %(count)s gebuchter Termin passt nicht mehr zu den Zeiten: %(times)s. Er "
            "bleibt gebucht, bis Sie ihn in der Tagesansicht absagen. Dann bekommt die Person "
            "eine E-Mail.",
            "Achtung: %(count)s gebuchte Termine passen nicht mehr zu den Zeiten: %(times)s. Sie "
            "bleiben gebucht, bis Sie sie in der Tagesansicht absagen. Dann bekommen die Menschen "
            "eine E-Mail.",
            len(outside),
        )
        % {"count": len(outside), "times": times},
    )


def _list_page(
    request: HttpRequest, organization_id: uuid.UUID, service_id: uuid.UUID, name: str
) -> HttpResponse:
    organization, service, offer = _offer(request, organization_id, service_id)
    formset_class, model, title, intro = LISTS[name]
    queryset = model.objects.filter(offer=offer)
    formset = formset_class(request.POST or None, queryset=queryset, offer=offer, prefix=name)
    if request.method == "POST" and formset.is_valid():
        setup.formset_save(offer=offer, formset=formset, actor=signed_in_user(request))
        messages.success(request, _("Gespeichert."))
        _warn_of_appointments_outside_hours(request, offer)
        return redirect(_url(name, organization, service))
    return render(
        request,
        "appointments/provider/list.html",
        {
            "organization": organization,
            "service": service,
            "offer": offer,
            "formset": formset,
            "title": title,
            "intro": intro,
            "errors": formset.error_summary() if request.method == "POST" else [],
            "back": _url("settings", organization, service),
        },
    )


@login_required
def weekly_hours(request: HttpRequest, organization_id: uuid.UUID, service_id: uuid.UUID):
    return _list_page(request, organization_id, service_id, "weekly_hours")


@login_required
def special_days(request: HttpRequest, organization_id: uuid.UUID, service_id: uuid.UUID):
    return _list_page(request, organization_id, service_id, "special_days")


@login_required
def topics(request: HttpRequest, organization_id: uuid.UUID, service_id: uuid.UUID):
    return _list_page(request, organization_id, service_id, "topics")


@login_required
def resources(request: HttpRequest, organization_id: uuid.UUID, service_id: uuid.UUID):
    return _list_page(request, organization_id, service_id, "resources")


def _day_param(request: HttpRequest) -> datetime.date:
    try:
        return datetime.date.fromisoformat(request.GET.get("datum", ""))
    except ValueError:
        return timezone.localdate()


@login_required
def day(request: HttpRequest, organization_id: uuid.UUID, service_id: uuid.UUID) -> HttpResponse:
    """The day's schedule, one table per counsellor or room."""
    organization, service, offer = _offer(request, organization_id, service_id)
    date = _day_param(request)
    appointments = (
        Appointment.objects.filter(offer=offer, start__date=date)
        .exclude(status=Appointment.Status.EXPIRED)
        .select_related("topic", "resource")
        .order_by("start")
    )
    by_resource: dict[Resource, list[Appointment]] = {
        resource: [] for resource in offer.resources.all()
    }
    for appointment in appointments:
        by_resource.setdefault(appointment.resource, []).append(appointment)
    one_day = datetime.timedelta(days=1)
    return render(
        request,
        "appointments/provider/day.html",
        {
            "organization": organization,
            "service": service,
            "offer": offer,
            "date": date,
            "previous_day": date - one_day,
            "next_day": date + one_day,
            "schedule": list(by_resource.items()),
            "now": timezone.now(),
        },
    )


@login_required
def book_for_caller(
    request: HttpRequest, organization_id: uuid.UUID, service_id: uuid.UUID
) -> HttpResponse:
    """Step 1: topic and day (GET); step 2: a free time and the caller's details (POST)."""
    organization, service, offer = _offer(request, organization_id, service_id)
    data = request.POST if request.method == "POST" else request.GET
    day_form = DayForm(data if "topic" in data else None, offer=offer)
    context: dict[str, Any] = {
        "organization": organization,
        "service": service,
        "offer": offer,
        "day_form": day_form,
    }
    if day_form.is_bound and day_form.is_valid():
        topic, date = day_form.cleaned_data["topic"], day_form.cleaned_data["day"]
        slots = free_slots(offer, topic, date, date, staff=True)
        times = [
            (
                slot.start.isoformat(),
                f"{slot.start:%H:%M}–{slot.end:%H:%M}",
            )
            for slot in slots
        ]
        form = StaffBookingForm(request.POST or None, times=times)
        if request.method == "POST" and form.is_valid():
            start = parse_start(form.cleaned_data["start"])
            assert start is not None  # one of the choices
            try:
                services.appointment_book_for_caller(
                    offer=offer,
                    topic=topic,
                    start=start,
                    actor=signed_in_user(request),
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    phone=form.cleaned_data["phone"],
                    note=form.cleaned_data["note"],
                    channel=form.cleaned_data["channel"],
                )
            except services.BookingError as error:
                form.add_error("start", str(error))
            else:
                messages.success(
                    request,
                    _("Der Termin am %(date)s um %(time)s Uhr ist gebucht.")
                    % {"date": f"{start:%d.%m.%Y}", "time": f"{start:%H:%M}"},
                )
                return redirect(_url("day", organization, service) + f"?datum={date.isoformat()}")
        context.update(form=form, topic=topic, date=date, times=times)
    return render(request, "appointments/provider/book.html", context)


@require_POST
@login_required
def appointment_action(
    request: HttpRequest, organization_id: uuid.UUID, service_id: uuid.UUID, appointment_id: int
) -> HttpResponse:
    """Mark a no-show (or take it back), or cancel."""
    organization, service, offer = _offer(request, organization_id, service_id)
    appointment = get_object_or_404(Appointment, pk=appointment_id, offer=offer)
    action = request.POST.get("action")
    actor = signed_in_user(request)
    try:
        if action == "no_show":
            services.appointment_mark_no_show(appointment=appointment, actor=actor)
            messages.success(request, _("Als „nicht erschienen“ markiert."))
        elif action == "showed_up":
            services.appointment_mark_no_show(appointment=appointment, actor=actor, no_show=False)
            messages.success(request, _("Markierung „nicht erschienen“ aufgehoben."))
        elif action == "cancel":
            services.appointment_cancel(appointment=appointment, actor=actor)
            messages.success(request, _("Der Termin ist abgesagt."))
    except services.BookingError as error:
        messages.error(request, str(error))
    date = timezone.localtime(appointment.start).date()
    return redirect(_url("day", organization, service) + f"?datum={date.isoformat()}")
