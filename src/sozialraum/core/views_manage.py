"""Management area (/verwaltung/) for city staff: pages, site settings and the audit log."""

import copy
from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from rules.contrib.views import permission_required

from sozialraum.accounts.models import User

from . import services
from .audit import EMPTY, describe_change
from .forms import AuditFilterForm, PageCreateForm, PageForm, SiteSettingsForm
from .models import AuditEntry, Page, SiteSettings

AUDIT_PAGE_SIZE = 50

# Words for people for the actions in the log; an action not listed is shown as it is stored.
ACTION_LABELS = {
    services.PAGE_CREATE: gettext_lazy("Seite angelegt"),
    services.PAGE_UPDATE: gettext_lazy("Seite geändert"),
    services.SITE_SETTINGS_UPDATE: gettext_lazy("Einstellungen geändert"),
    "accounts.roles_changed": gettext_lazy("Rollen geändert"),
    "accounts.deactivated": gettext_lazy("Konto gesperrt"),
    "accounts.reactivated": gettext_lazy("Konto wieder freigegeben"),
    "accounts.two_factor_reset": gettext_lazy("Zwei-Schritt-Anmeldung zurückgesetzt"),
    "directory.invitation_created": gettext_lazy("Einladung verschickt"),
    "directory.invitation_renewed": gettext_lazy("Einladung erneuert"),
    "directory.invitation_accepted": gettext_lazy("Einladung angenommen"),
    "directory.invitation_revoked": gettext_lazy("Einladung zurückgezogen"),
    "directory.member_added": gettext_lazy("Mitglied aufgenommen"),
    "directory.member_changed": gettext_lazy("Mitgliedschaft geändert"),
    "directory.member_removed": gettext_lazy("Mitglied entfernt"),
    "directory.service_confirmed": gettext_lazy("Angebot als aktuell bestätigt"),
    "directory.change_submitted": gettext_lazy("Änderung eingereicht"),
    "directory.change_approved": gettext_lazy("Änderung freigegeben"),
    "directory.change_rejected": gettext_lazy("Änderung abgelehnt"),
    "directory.change_withdrawn": gettext_lazy("Änderung zurückgezogen"),
    "directory.change_applied": gettext_lazy("Eintrag im Verzeichnis geändert"),
    "directory.organization_trust_changed": gettext_lazy("Vertrauen in Organisation geändert"),
    "directory.hsds_import": gettext_lazy("Daten im Format HSDS importiert"),
}


def staff_view(perm: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Anonymous visitors are sent to the login; signed-in people without `perm` get 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        return login_required(permission_required(perm, raise_exception=True)(view))

    return decorator


def _actor(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # login_required ran before
    return request.user


@staff_view("core.access_management")
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "core/manage/index.html")


# --- Pages --------------------------------------------------------------------------------------


@staff_view("core.change_page")
@require_safe
def page_list(request: HttpRequest) -> HttpResponse:
    last_change = AuditEntry.objects.filter(
        object_type=Page._meta.label, object_id=Cast(OuterRef("pk"), CharField())
    ).order_by("-created", "-id")
    pages = Page.objects.annotate(last_editor=Subquery(last_change.values("actor_label")[:1]))
    return render(
        request,
        "core/manage/page_list.html",
        {"pages": pages, "legal_slugs": services.LEGAL_PAGE_SLUGS},
    )


@staff_view("core.add_page")
def page_create(request: HttpRequest) -> HttpResponse:
    form = PageCreateForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = form.preview()
        else:
            try:
                page = services.page_create(actor=_actor(request), **form.service_arguments())
            except services.ContentError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request, _("Die Seite „%(title)s“ ist angelegt.") % {"title": page.title}
                )
                return redirect("manage:page_list")
    return render(
        request, "core/manage/page_form.html", {"form": form, "page": None, "preview": preview}
    )


@staff_view("core.change_page")
def page_edit(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_object_or_404(Page, slug=slug)
    # The form fills its instance with the input while it checks it; keep `page` as saved.
    form = PageForm(request.POST or None, instance=copy.copy(page))
    preview = None
    if request.method == "POST" and form.is_valid():
        if "preview" in request.POST:
            preview = form.preview()
        else:
            try:
                page = services.page_update(
                    actor=_actor(request), page=page, **form.service_arguments()
                )
            except services.ContentError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request, _("Die Seite „%(title)s“ ist gespeichert.") % {"title": page.title}
                )
                return redirect("manage:page_list")
    return render(
        request, "core/manage/page_form.html", {"form": form, "page": page, "preview": preview}
    )


# --- Site settings ------------------------------------------------------------------------------


@staff_view("core.change_sitesettings")
def site_settings(request: HttpRequest) -> HttpResponse:
    current = SiteSettings.load()
    form = SiteSettingsForm(request.POST or None, request.FILES or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.site_settings_update(actor=_actor(request), **form.service_arguments())
        except services.ContentError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("Die Einstellungen sind gespeichert. Alle Seiten zeigen sie ab sofort."),
            )
            return redirect("manage:settings")
    return render(
        request,
        "core/manage/settings_form.html",
        {"form": form, "saved": SiteSettings.load()},
    )


# --- Audit log ----------------------------------------------------------------------------------


def _model_for(label: str) -> Any:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def object_type_label(label: str) -> str:
    model = _model_for(label)
    return str(capfirst(model._meta.verbose_name)) if model else label


def action_label(action: str) -> str:
    """The action in words: from the list above, or from the `audit_actions` of the app the
    action's prefix names (``"passes.issued"`` → ``PassesConfig.audit_actions``)."""
    if action in ACTION_LABELS:
        return str(ACTION_LABELS[action])
    try:
        config = apps.get_app_config(action.split(".", 1)[0])
    except LookupError:
        return action
    return str(getattr(config, "audit_actions", {}).get(action, action))


@staff_view("core.view_auditentry")
@require_safe
def audit_list(request: HttpRequest) -> HttpResponse:
    distinct = AuditEntry.objects.order_by()
    object_types = sorted(distinct.values_list("object_type", flat=True).distinct())
    actions = sorted(distinct.values_list("action", flat=True).distinct())
    actors = sorted(distinct.values_list("actor_label", flat=True).distinct())
    form = AuditFilterForm(
        request.GET or None,
        object_types=[(value, object_type_label(value)) for value in object_types],
        actions=[(value, action_label(value)) for value in actions],
        actors=[(value, value) for value in actors],
    )
    entries = form.filter(AuditEntry.objects.all())
    page_obj = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [
        {
            "entry": entry,
            "action": action_label(entry.action),
            "object_type": object_type_label(entry.object_type),
        }
        for entry in page_obj
    ]
    return render(
        request,
        "core/manage/audit_list.html",
        {
            "form": form,
            "page_obj": page_obj,
            "rows": rows,
            "filtered": any(request.GET.get(name) for name in form.fields),
        },
    )


@staff_view("core.view_auditentry")
@require_safe
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(AuditEntry, pk=pk)
    changes = []
    for name, before, after in entry.changes:
        old = describe_change(entry.object_type, name, before)
        new = describe_change(entry.object_type, name, after)
        direction = None
        if old.language:
            direction = "rtl" if get_language_info(old.language)["bidi"] else "ltr"
        changes.append(
            {
                "label": old.label,
                "before": old.value,
                "after": new.value,
                "empty": EMPTY,
                "lang": old.language,
                "dir": direction,
            }
        )
    return render(
        request,
        "core/manage/audit_detail.html",
        {
            "entry": entry,
            "action": action_label(entry.action),
            "object_type": object_type_label(entry.object_type),
            "changes": changes,
        },
    )
