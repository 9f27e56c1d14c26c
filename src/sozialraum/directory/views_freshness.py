"""An organization's freshness page: /angebote/organisation/<uuid>/aktualitaet/."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import ngettext

from sozialraum.accounts.views import signed_in_user

from . import freshness
from .forms_freshness import ConfirmServicesForm
from .models import Organization, Service


@login_required
def freshness_page(request: HttpRequest, organization_id: uuid.UUID) -> HttpResponse:
    organization = get_object_or_404(Organization, pk=organization_id)
    if not request.user.has_perm("directory.change_organization", organization):
        raise PermissionDenied
    today = timezone.localdate()
    services = Service.objects.public().filter(organization=organization).order_by("name", "pk")
    form = ConfirmServicesForm(request.POST or None, services=services)
    if request.method == "POST" and form.is_valid():
        try:
            confirmed = freshness.services_confirm(
                services=form.cleaned_data["services"], actor=signed_in_user(request), today=today
            )
        except freshness.FreshnessError as error:
            form.add_error("services", str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "Danke! %(count)d Angebot ist jetzt als aktuell bestätigt.",
                    "Danke! %(count)d Angebote sind jetzt als aktuell bestätigt.",
                    len(confirmed),
                )
                % {"count": len(confirmed)},
            )
            return redirect(request.path)
    rows = [
        {
            "service": service,
            "last_confirmed": freshness.last_confirmed(service),
            "state": freshness.freshness_state(service, today),
        }
        for service in services.select_related("assured_by")
    ]
    selected = {str(pk) for pk in (form["services"].value() or [])} if form.is_bound else set()
    return render(
        request,
        "directory/freshness/page.html",
        {
            "organization": organization,
            "form": form,
            "rows": rows,
            "selected": selected,
            "due_count": sum(row["state"] != freshness.FreshnessState.CURRENT for row in rows),
            "months": freshness.reminder_months(),
            "last_reminder": organization.freshness_reminders.exclude(delivered=0)
            .order_by("-sent_on")
            .first(),
            "today": today,
        },
    )
