"""The editors' moderation queue: /verwaltung/angebote/ (namespace "moderation")."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from sozialraum.core.views_manage import staff_view

from . import moderation
from .forms_provider import RejectForm
from .models import ChangeRequest, Membership, Organization

PAGE_SIZE = 50


@staff_view("directory.moderate")
@require_safe
def queue(request: HttpRequest) -> HttpResponse:
    decided = request.GET.get("status") == "entschieden"
    changes = ChangeRequest.objects.select_related("organization", "submitted_by", "decided_by")
    if decided:
        changes = changes.exclude(status=ChangeRequest.Status.PENDING).order_by("-decided_at")
    else:
        changes = changes.filter(status=ChangeRequest.Status.PENDING).order_by("created", "id")
    page_obj = Paginator(changes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/moderation/queue.html",
        {
            "decided": decided,
            "page_obj": page_obj,
            "rows": [(change, moderation.subject_label(change)) for change in page_obj],
        },
    )


def _detail(
    request: HttpRequest, change: ChangeRequest, form: RejectForm, error: str | None = None
) -> HttpResponse:
    return render(
        request,
        "directory/moderation/detail.html",
        {
            "change": change,
            "subject_label": moderation.subject_label(change),
            "diff": moderation.change_diff(change),
            "form": form,
            "error": error,
            "members": (
                Membership.objects.filter(organization=change.organization).count()
                if change.organization
                else 0
            ),
        },
        status=409 if error else 200,
    )


@staff_view("directory.moderate")
@require_safe
def detail(request: HttpRequest, change_id: int) -> HttpResponse:
    change = get_object_or_404(ChangeRequest, pk=change_id)
    return _detail(request, change, RejectForm())


@staff_view("directory.moderate")
@require_POST
def approve(request: HttpRequest, change_id: int) -> HttpResponse:
    change = get_object_or_404(ChangeRequest, pk=change_id)
    try:
        moderation.change_approve(
            change_request=change,
            editor=request.user,  # type: ignore[arg-type]
            site_url=settings.SITE_URL,
        )
    except moderation.ModerationError as error:
        change.refresh_from_db()
        return _detail(request, change, RejectForm(), error=str(error))
    messages.success(
        request,
        _("Freigegeben: %(what)s. Die Organisation bekommt eine E-Mail.") % {"what": change},
    )
    return redirect("moderation:queue")


@staff_view("directory.moderate")
@require_POST
def reject(request: HttpRequest, change_id: int) -> HttpResponse:
    change = get_object_or_404(ChangeRequest, pk=change_id)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            moderation.change_reject(
                change_request=change,
                editor=request.user,  # type: ignore[arg-type]
                reason=form.cleaned_data["reason"],
                site_url=settings.SITE_URL,
            )
        except moderation.ModerationError as error:
            change.refresh_from_db()
            return _detail(request, change, form, error=str(error))
        messages.success(
            request,
            _("Abgelehnt: %(what)s. Die Organisation bekommt eine E-Mail mit Ihrer Begründung.")
            % {"what": change},
        )
        return redirect("moderation:queue")
    return _detail(request, change, form)


@staff_view("directory.moderate")
@require_POST
def trust(request: HttpRequest, organization_id: str) -> HttpResponse:
    organization = get_object_or_404(Organization, pk=organization_id)
    trusted = request.POST.get("trusted") == "1"
    moderation.organization_set_trusted(
        organization=organization,
        trusted=trusted,
        editor=request.user,  # type: ignore[arg-type]
    )
    if trusted:
        message = _(
            "%(organization)s gilt jetzt als vertrauenswürdig: Änderungen erscheinen sofort."
        )
    else:
        message = _("Änderungen von %(organization)s werden wieder geprüft.")
    messages.success(request, message % {"organization": organization})
    change_id = request.POST.get("change", "")
    if change_id.isdigit():
        return redirect("moderation:detail", change_id=int(change_id))
    return redirect("moderation:queue")
