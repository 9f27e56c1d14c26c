"""An organization's freshness page: /angebote/organisation/<uuid>/aktualitaet/."""

import datetime
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sozialraum.accounts.views import signed_in_user

from . import freshness
from .forms_freshness import ConfirmServicesForm
from .freshness import FreshnessState
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
    selected = {str(pk) for pk in form["services"].value() or []} if form.is_bound else set()
    rows = [
        _row(service, today=today, selected=selected, bound=form.is_bound) for service in services
    ]
    return render(
        request,
        "directory/freshness/page.html",
        {
            "organization": organization,
            "form": form,
            "rows": rows,
            "due_count": sum(row["state"] != FreshnessState.CURRENT for row in rows),
            "months": freshness.reminder_months(),
            "last_reminder": organization.freshness_reminders.exclude(delivered=0)
            .order_by("-sent_on")
            .first(),
            "today": today,
        },
    )


def _row(
    service: Service, *, today: datetime.date, selected: set[str], bound: bool
) -> dict[str, object]:
    """One line of the table, its texts ready: the page lists hundreds of services for a large
    provider, and template lookups per cell add up."""
    state = freshness.freshness_state(service, today)
    if service.assured_date:
        confirmed_text = date_format(service.assured_date, "DATE_FORMAT")
        confirmed_by = (
            _("von %(email)s") % {"email": service.assurer_email} if service.assurer_email else ""
        )
    else:
        confirmed_text = _("noch nie (eingetragen am %(date)s)") % {
            "date": date_format(service.last_confirmed, "DATE_FORMAT")
        }
        confirmed_by = ""
    return {
        "pk": service.pk,
        "name": service.name,
        "state": state,
        "confirmed_text": confirmed_text,
        "confirmed_by": confirmed_by,
        # due services are ticked to begin with; after an error, what the person ticked
        "checked": str(service.pk) in selected if bound else state != FreshnessState.CURRENT,
    }
