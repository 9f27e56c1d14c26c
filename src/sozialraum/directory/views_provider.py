"""Provider self-service: register or claim an organization, then keep its entries current.

Pages for organization staff live under /angebote/organisation/ (two-factor protected); the
start page for newcomers is /angebote/mitmachen/. Every change goes through
`directory.moderation.change_submit`: published at once for trusted organizations, otherwise
queued for the editors.
"""

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sozialraum.accounts.views import signed_in_user

from . import moderation
from .forms_provider import (
    ClaimForm,
    EventForm,
    HoursFormSet,
    HoursRowForm,
    LocationForm,
    OrganizationForm,
    OrganizationTranslationForm,
    ServiceForm,
    TranslationForm,
)
from .freshness import due_services
from .models import ChangeRequest, Event, Location, Membership, Organization, Service
from .subjects import (
    EVENT,
    HOURS,
    LOCATION,
    LOCATION_HOURS,
    ORGANIZATION,
    ORGANIZATION_TRANSLATIONS,
    SERVICE,
    TRANSLATIONS,
    Subject,
    german,
)

Action = ChangeRequest.Action

#: How many decided requests the dashboard shows per organization.
RECENT_DECISIONS = 10


def _organization(request: HttpRequest, organization_id: uuid.UUID) -> Organization:
    organization = get_object_or_404(Organization, pk=organization_id)
    if not request.user.has_perm("directory.change_organization", organization):
        raise PermissionDenied
    return organization


def _pending(organization: Organization, subject: str, obj: Any) -> ChangeRequest | None:
    if obj is None:
        return None
    return (
        ChangeRequest.objects.filter(
            organization=organization,
            subject=subject,
            object_id=obj.pk,
            status=ChangeRequest.Status.PENDING,
        )
        .order_by("-created")
        .first()
    )


def _submit(
    request: HttpRequest,
    *,
    organization: Organization,
    subject: Subject,
    action: str,
    obj: Any,
    data: dict[str, Any] | None,
) -> str | None:
    """Submit the change; returns None, or the error message to show at the form."""
    try:
        outcome = moderation.change_submit(
            user=signed_in_user(request),
            organization=organization,
            subject=subject.key,
            action=action,
            obj=obj,
            data=data,
        )
    except moderation.ModerationError as error:
        return str(error)
    if outcome.published:
        messages.success(request, _("Gespeichert und veröffentlicht."))
    else:
        messages.success(
            request,
            _(
                "Gespeichert. Die Redaktion prüft Ihre Änderung und gibt sie frei; Sie bekommen "
                "eine E-Mail. Bis dahin sehen Besucherinnen und Besucher die bisherigen Angaben."
            ),
        )
    return None


def _dashboard_url(organization: Organization) -> str:
    return reverse("directory:provider_organization", kwargs={"organization_id": organization.pk})


# --- Start, registration, claim -----------------------------------------------------------------


def start(request: HttpRequest) -> HttpResponse:
    """For newcomers: what the directory offers providers, and how to take part."""
    requests: list[ChangeRequest] = []
    if request.user.is_authenticated:
        requests = list(
            ChangeRequest.objects.filter(
                submitted_by=request.user, action__in=[Action.REGISTER, Action.CLAIM]
            ).order_by("-created")[:RECENT_DECISIONS]
        )
    return render(request, "directory/provider/start.html", {"requests": requests})


@login_required
def register(request: HttpRequest) -> HttpResponse:
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = moderation.organization_register(
                user=signed_in_user(request), data=form.to_data()
            )
        except moderation.ModerationError as error:
            form.add_error(None, str(error))
        else:
            if outcome.published:
                messages.success(request, _("Die Organisation ist angelegt."))
                return redirect(_dashboard_url(outcome.obj))
            messages.success(
                request,
                _(
                    "Danke! Die Redaktion prüft Ihre Anmeldung. Sie bekommen eine E-Mail, sobald "
                    "die Organisation freigegeben ist."
                ),
            )
            return redirect("directory:provider_start")
    return render(
        request,
        "directory/provider/form.html",
        {
            "form": form,
            "title": _("Organisation anmelden"),
            "intro": _(
                "Melden Sie Ihre Organisation an. Die Redaktion prüft die Anmeldung; danach "
                "verwalten Sie die Organisation und können Angebote eintragen."
            ),
            "submit_label": _("Anmeldung abschicken"),
            "back_url": reverse("directory:provider_start"),
        },
    )


@login_required
def claim_search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    results = None
    if query:
        results = Organization.objects.filter(
            Q(name_de__icontains=query) | Q(alternate_name__icontains=query)
        ).order_by("name_de")[:30]
    return render(
        request, "directory/provider/claim_search.html", {"query": query, "results": results}
    )


@login_required
def claim(request: HttpRequest, organization_id: uuid.UUID) -> HttpResponse:
    organization = get_object_or_404(Organization, pk=organization_id)
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.organization_claim(
                user=signed_in_user(request),
                organization=organization,
                message=form.cleaned_data["message"],
            )
        except moderation.ModerationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Danke! Die Redaktion prüft Ihre Anfrage. Sie bekommen eine E-Mail, sobald "
                    "Sie %(organization)s verwalten können."
                )
                % {"organization": organization},
            )
            return redirect("directory:provider_start")
    return render(
        request,
        "directory/provider/form.html",
        {
            "form": form,
            "organization": organization,
            "title": _("Organisation übernehmen"),
            "intro": _(
                "%(organization)s steht schon im Verzeichnis. Wenn Sie dort arbeiten, können "
                "Sie die Einträge künftig selbst pflegen. Die Redaktion prüft Ihre Anfrage."
            )
            % {"organization": organization},
            "submit_label": _("Anfrage abschicken"),
            "back_url": reverse("directory:provider_claim_search"),
        },
    )


# --- Dashboards ---------------------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The signed-in person's organizations; with one, go straight to it."""
    memberships = list(
        Membership.objects.filter(user=signed_in_user(request))
        .select_related("organization")
        .order_by("organization__name")
    )
    if len(memberships) == 1 and "alle" not in request.GET:
        return redirect(_dashboard_url(memberships[0].organization))
    return render(
        request,
        "directory/provider/dashboard.html",
        {
            "memberships": memberships,
            "registrations": ChangeRequest.objects.filter(
                submitted_by=signed_in_user(request), action__in=[Action.REGISTER, Action.CLAIM]
            ).order_by("-created")[:RECENT_DECISIONS],
        },
    )


@login_required
def organization(request: HttpRequest, organization_id: uuid.UUID) -> HttpResponse:
    org = _organization(request, organization_id)
    # requests to take over the organization are between the claimant and the editors
    changes = (
        ChangeRequest.objects.filter(organization=org)
        .exclude(action=ChangeRequest.Action.CLAIM)
        .select_related("submitted_by")
    )
    return render(
        request,
        "directory/provider/organization.html",
        {
            "organization": org,
            "services": Service.objects.filter(organization=org).order_by("name_de"),
            "locations": Location.objects.filter(organization=org).prefetch_related("addresses"),
            "events": Event.objects.filter(organization=org).order_by("start"),
            "pending": [
                (change, moderation.subject_label(change))
                for change in changes.filter(status=ChangeRequest.Status.PENDING).order_by(
                    "-created"
                )
            ],
            "decided": [
                (change, moderation.subject_label(change))
                for change in changes.filter(
                    status__in=[ChangeRequest.Status.REJECTED, ChangeRequest.Status.APPROVED]
                ).order_by("-decided_at")[:RECENT_DECISIONS]
            ],
            "publishes_directly": moderation.can_publish_directly(signed_in_user(request), org),
            "due_count": due_services(timezone.localdate(), organization=org).count(),
        },
    )


@login_required
def change_detail(request: HttpRequest, organization_id: uuid.UUID, change_id: int) -> HttpResponse:
    """What the organization proposed, field by field, and what became of it."""
    org = _organization(request, organization_id)
    change = get_object_or_404(
        ChangeRequest.objects.exclude(action=ChangeRequest.Action.CLAIM),
        pk=change_id,
        organization=org,
    )
    return render(
        request,
        "directory/provider/change.html",
        {
            "organization": org,
            "change": change,
            "subject_label": moderation.subject_label(change),
            "diff": moderation.change_diff(change),
        },
    )


@require_POST
@login_required
def withdraw(request: HttpRequest, organization_id: uuid.UUID, change_id: int) -> HttpResponse:
    org = _organization(request, organization_id)
    change = get_object_or_404(
        ChangeRequest.objects.exclude(action=ChangeRequest.Action.CLAIM),
        pk=change_id,
        organization=org,
    )
    try:
        moderation.change_withdraw(change_request=change, user=signed_in_user(request))
    except moderation.ModerationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Die Änderung ist zurückgezogen."))
    return redirect(_dashboard_url(org))


# --- Editing ------------------------------------------------------------------------------------


def _edit_page(
    request: HttpRequest,
    *,
    organization: Organization,
    subject: Subject,
    obj: Any,
    form: Any,
    title: str,
    intro: str = "",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    action = Action.UPDATE if obj is not None else Action.CREATE
    if request.method == "POST" and form.is_valid():
        error = _submit(
            request,
            organization=organization,
            subject=subject,
            action=action,
            obj=obj,
            data=form.to_data(),
        )
        if error is None:
            return redirect(_dashboard_url(organization))
        form.add_error(None, error)
    return render(
        request,
        "directory/provider/form.html",
        {
            "form": form,
            "organization": organization,
            "title": title,
            "intro": intro,
            "pending": _pending(organization, subject.key, obj),
            "submit_label": _("Speichern"),
            "back_url": _dashboard_url(organization),
            **(extra or {}),
        },
    )


@login_required
def organization_edit(request: HttpRequest, organization_id: uuid.UUID) -> HttpResponse:
    org = _organization(request, organization_id)
    form = OrganizationForm(request.POST or None, initial=ORGANIZATION.state(org))
    return _edit_page(
        request,
        organization=org,
        subject=ORGANIZATION,
        obj=org,
        form=form,
        title=_("Angaben zur Organisation"),
        extra={"organization_translation_languages": _translation_links()},
    )


@login_required
def organization_translation(
    request: HttpRequest, organization_id: uuid.UUID, language: str
) -> HttpResponse:
    org = _organization(request, organization_id)
    return _translation_page(
        request,
        organization=org,
        subject=ORGANIZATION_TRANSLATIONS.get(language),
        obj=org,
        language=language,
        form_class=OrganizationTranslationForm,
        intro=_("Übersetzen Sie Name und Beschreibung. Leere Felder zeigen die deutsche Fassung."),
        german_version=[
            (_("Name"), german(org, "name")),
            (_("Beschreibung"), Truncator(german(org, "description")).words(60)),
        ],
    )


def _translation_page(
    request: HttpRequest,
    *,
    organization: Organization,
    subject: Subject | None,
    obj: Service | Organization,
    language: str,
    form_class: type[TranslationForm],
    intro: str,
    german_version: list[tuple[str, str]],
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """The translation of a service's or the organization's texts into one language, with
    the German version beside the form."""
    if subject is None:
        raise Http404
    info = get_language_info(language)
    form = form_class(
        request.POST or None,
        initial=subject.state(obj),
        language=language,
        direction="rtl" if info["bidi"] else "ltr",
    )
    return _edit_page(
        request,
        organization=organization,
        subject=subject,
        obj=obj,
        form=form,
        title=_("Übersetzung (%(language)s): %(name)s")
        % {"language": info["name_translated"], "name": german_version[0][1]},
        intro=intro,
        extra={**(extra or {}), "german": german_version},
    )


def _service(org: Organization, service_id: uuid.UUID) -> Service:
    return get_object_or_404(Service, pk=service_id, organization=org)


@login_required
def service_create(request: HttpRequest, organization_id: uuid.UUID) -> HttpResponse:
    org = _organization(request, organization_id)
    form = ServiceForm(request.POST or None, organization=org)
    return _edit_page(
        request,
        organization=org,
        subject=SERVICE,
        obj=None,
        form=form,
        title=_("Neues Angebot"),
        intro=_(
            "Öffnungszeiten und Übersetzungen tragen Sie ein, sobald das Angebot gespeichert ist."
        ),
    )


@login_required
def service_edit(
    request: HttpRequest, organization_id: uuid.UUID, service_id: uuid.UUID
) -> HttpResponse:
    org = _organization(request, organization_id)
    service = _service(org, service_id)
    form = ServiceForm(
        request.POST or None,
        organization=org,
        initial=ServiceForm.initial_from(SERVICE.state(service)),
    )
    return _edit_page(
        request,
        organization=org,
        subject=SERVICE,
        obj=service,
        form=form,
        title=_("Angebot bearbeiten: %(name)s") % {"name": german(service, "name")},
        extra={"service": service, "translation_languages": _translation_links()},
    )


def _translation_links() -> list[tuple[str, str]]:
    return [(code, get_language_info(code)["name_translated"]) for code in TRANSLATIONS]


@login_required
def service_hours(
    request: HttpRequest, organization_id: uuid.UUID, service_id: uuid.UUID
) -> HttpResponse:
    org = _organization(request, organization_id)
    service = _service(org, service_id)
    back = reverse(
        "directory:provider_service_edit",
        kwargs={"organization_id": org.pk, "service_id": service.pk},
    )
    return _hours_page(
        request, organization=org, subject=HOURS, owner=service, service=service, back=back
    )


@login_required
def location_hours(
    request: HttpRequest, organization_id: uuid.UUID, location_id: uuid.UUID
) -> HttpResponse:
    org = _organization(request, organization_id)
    location = get_object_or_404(Location, pk=location_id, organization=org)
    back = reverse(
        "directory:provider_location_edit",
        kwargs={"organization_id": org.pk, "location_id": location.pk},
    )
    return _hours_page(
        request, organization=org, subject=LOCATION_HOURS, owner=location, service=None, back=back
    )


def _hours_page(
    request: HttpRequest,
    *,
    organization: Organization,
    subject: Subject,
    owner: Service | Location,
    service: Service | None,
    back: str,
) -> HttpResponse:
    """Opening hours of a service, or of a place (shown for the services there that have
    none of their own)."""
    rows = subject.state(owner)["rows"]
    formset = HoursFormSet(
        request.POST or None,
        initial=[HoursRowForm.initial_from(row) for row in rows],
        prefix="hours",
    )
    if request.method == "POST" and formset.is_valid():
        error = _submit(
            request,
            organization=organization,
            subject=subject,
            action=Action.UPDATE,
            obj=owner,
            data={"rows": formset.rows()},  # type: ignore[attr-defined]
        )
        if error is None:
            return redirect(back)
        messages.error(request, error)
    errors: list[tuple[int | None, Any]] = []
    if formset.is_bound and not formset.is_valid():
        for index, form in enumerate(formset.forms, start=1):
            for summary in form.error_summary():
                errors.append((index, summary))
        for message in formset.non_form_errors():
            errors.append((None, message))
    return render(
        request,
        "directory/provider/hours.html",
        {
            "organization": organization,
            "service": service,
            "owner_name": german(owner, "name"),
            "for_place": service is None,
            "back": back,
            "formset": formset,
            "errors": errors,
            "pending": _pending(organization, subject.key, owner),
        },
    )


@login_required
def service_translation(
    request: HttpRequest, organization_id: uuid.UUID, service_id: uuid.UUID, language: str
) -> HttpResponse:
    org = _organization(request, organization_id)
    service = _service(org, service_id)
    return _translation_page(
        request,
        organization=org,
        subject=TRANSLATIONS.get(language),
        obj=service,
        language=language,
        form_class=TranslationForm,
        intro=_(
            "Übersetzen Sie Name und Beschreibungen. Leere Felder zeigen die deutsche Fassung."
        ),
        german_version=[
            (_("Name"), german(service, "name")),
            (_("Kurzbeschreibung"), german(service, "short_description")),
        ],
        extra={"service": service},
    )


def _delete_page(
    request: HttpRequest,
    *,
    organization: Organization,
    subject: Subject,
    obj: Any,
    name: str,
) -> HttpResponse:
    error = None
    if request.method == "POST":
        error = _submit(
            request,
            organization=organization,
            subject=subject,
            action=Action.DELETE,
            obj=obj,
            data=None,
        )
        if error is None:
            return redirect(_dashboard_url(organization))
    return render(
        request,
        "directory/provider/delete.html",
        {
            "organization": organization,
            "name": name,
            "what": subject.label,
            "error": error,
            "back_url": _dashboard_url(organization),
        },
    )


@login_required
def service_delete(
    request: HttpRequest, organization_id: uuid.UUID, service_id: uuid.UUID
) -> HttpResponse:
    org = _organization(request, organization_id)
    service = _service(org, service_id)
    return _delete_page(
        request, organization=org, subject=SERVICE, obj=service, name=(german(service, "name"))
    )


@login_required
def location_create(request: HttpRequest, organization_id: uuid.UUID) -> HttpResponse:
    org = _organization(request, organization_id)
    form = LocationForm(request.POST or None)
    return _edit_page(
        request, organization=org, subject=LOCATION, obj=None, form=form, title=_("Neuer Ort")
    )


@login_required
def location_edit(
    request: HttpRequest, organization_id: uuid.UUID, location_id: uuid.UUID
) -> HttpResponse:
    org = _organization(request, organization_id)
    location = get_object_or_404(Location, pk=location_id, organization=org)
    state = LOCATION.state(location)
    state["area"] = str(state["area"] or "")
    form = LocationForm(request.POST or None, initial=state)
    return _edit_page(
        request,
        organization=org,
        subject=LOCATION,
        obj=location,
        form=form,
        title=_("Ort bearbeiten: %(name)s") % {"name": location},
        extra={
            "delete_url": reverse(
                "directory:provider_location_delete",
                kwargs={"organization_id": org.pk, "location_id": location.pk},
            ),
            "location_hours_url": reverse(
                "directory:provider_location_hours",
                kwargs={"organization_id": org.pk, "location_id": location.pk},
            ),
        },
    )


@login_required
def location_delete(
    request: HttpRequest, organization_id: uuid.UUID, location_id: uuid.UUID
) -> HttpResponse:
    org = _organization(request, organization_id)
    location = get_object_or_404(Location, pk=location_id, organization=org)
    return _delete_page(
        request, organization=org, subject=LOCATION, obj=location, name=str(location)
    )


@login_required
def event_create(request: HttpRequest, organization_id: uuid.UUID) -> HttpResponse:
    org = _organization(request, organization_id)
    form = EventForm(request.POST or None, organization=org)
    return _edit_page(
        request,
        organization=org,
        subject=EVENT,
        obj=None,
        form=form,
        title=_("Neue Veranstaltung"),
    )


@login_required
def event_edit(
    request: HttpRequest, organization_id: uuid.UUID, event_id: uuid.UUID
) -> HttpResponse:
    org = _organization(request, organization_id)
    event = get_object_or_404(Event, pk=event_id, organization=org)
    form = EventForm(
        request.POST or None, organization=org, initial=EventForm.initial_from(EVENT.state(event))
    )
    return _edit_page(
        request,
        organization=org,
        subject=EVENT,
        obj=event,
        form=form,
        title=_("Veranstaltung bearbeiten: %(title)s") % {"title": german(event, "title")},
        extra={
            "delete_url": reverse(
                "directory:provider_event_delete",
                kwargs={"organization_id": org.pk, "event_id": event.pk},
            )
        },
    )


@login_required
def event_delete(
    request: HttpRequest, organization_id: uuid.UUID, event_id: uuid.UUID
) -> HttpResponse:
    org = _organization(request, organization_id)
    event = get_object_or_404(Event, pk=event_id, organization=org)
    return _delete_page(
        request, organization=org, subject=EVENT, obj=event, name=(german(event, "title"))
    )
