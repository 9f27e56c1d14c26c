"""The pass pages of the management area (/verwaltung/paesse/), for editors and administrators."""

import datetime
import tempfile
from pathlib import Path

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from sozialraum.core.views_manage import _actor, staff_view

from . import numbering, services
from .exports import CONTENT_TYPES, FORMATS, passes_file
from .forms import ImportForm, IssueForm, PassTypeForm, SearchForm
from .models import Pass, PassType

PERMISSION = "passes.manage_passes"
SHOWN_AFTER_ISSUE = 200


@staff_view(PERMISSION)
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    types = PassType.objects.annotate(
        total=Count("passes"),
        valid_today=Count(
            "passes",
            filter=Q(
                passes__valid_from__lte=today,
                passes__valid_until__gte=today,
                passes__revoked__isnull=True,
            ),
        ),
        blocked=Count("passes", filter=Q(passes__revoked__isnull=False)),
    )
    form = SearchForm(request.GET or None)
    not_found = None
    if form.is_valid() and form.cleaned_data["number"]:
        codes = [pass_type.code for pass_type in types]
        number = numbering.canonical(form.cleaned_data["number"], codes)
        card = Pass.objects.filter(number=number).first()
        if card is not None:
            return redirect("passes_manage:detail", pk=card.pk)
        not_found = form.cleaned_data["number"]
    return render(
        request,
        "passes/manage/index.html",
        {"types": types, "form": form, "not_found": not_found, "formats": FORMATS},
    )


@staff_view(PERMISSION)
@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    card = get_object_or_404(Pass.objects.select_related("pass_type"), pk=pk)
    return render(
        request,
        "passes/manage/detail.html",
        {"card": card, "valid_today": card.is_valid_on(timezone.localdate())},
    )


@staff_view(PERMISSION)
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    card = get_object_or_404(Pass, pk=pk)
    try:
        services.pass_revoke(actor=_actor(request), card=card)
    except services.PassError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Der Pass ist gesperrt. Er gilt bei keiner Anmeldung mehr."))
    return redirect("passes_manage:detail", pk=pk)


@staff_view(PERMISSION)
@require_POST
def reinstate(request: HttpRequest, pk: int) -> HttpResponse:
    card = get_object_or_404(Pass, pk=pk)
    try:
        services.pass_reinstate(actor=_actor(request), card=card)
    except services.PassError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Der Pass ist wieder freigegeben."))
    return redirect("passes_manage:detail", pk=pk)


@staff_view(PERMISSION)
def issue(request: HttpRequest) -> HttpResponse:
    form = IssueForm(request.POST or None)
    if not PassType.objects.exists():
        messages.info(request, _("Legen Sie zuerst eine Passart an."))
        return redirect("passes_manage:type_create")
    if request.method == "POST" and form.is_valid():
        started = timezone.now()
        try:
            cards = services.passes_issue(actor=_actor(request), **form.cleaned_data)
        except services.PassError as error:
            form.add_error(None, str(error))
        else:
            return render(
                request,
                "passes/manage/issued.html",
                {
                    "cards": cards[:SHOWN_AFTER_ISSUE],
                    "count": len(cards),
                    "pass_type": form.cleaned_data["pass_type"],
                    "since": started.isoformat(),
                },
            )
    return render(request, "passes/manage/issue_form.html", {"form": form})


@staff_view(PERMISSION)
def import_passes(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    issues: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / f"upload{suffix}"
            with path.open("wb") as target:
                for chunk in upload.chunks():
                    target.write(chunk)
            try:
                report = services.passes_import(
                    actor=_actor(request), path=path, file_name=upload.name
                )
            except services.PassImportError as error:
                issues = error.issues.lines(limit=100)
            else:
                messages.success(request, report.summary())
                return redirect("passes_manage:index")
    return render(request, "passes/manage/import_form.html", {"form": form, "issues": issues})


@staff_view(PERMISSION)
@require_safe
def export(request: HttpRequest) -> HttpResponse:
    fmt = request.GET.get("format", "csv")
    if fmt not in FORMATS:
        fmt = "csv"
    passes = Pass.objects.select_related("pass_type").order_by("pass_type__code", "number")
    code = request.GET.get("art", "")
    if code:
        get_object_or_404(PassType, code=code)  # also keeps the file name below clean
        passes = passes.filter(pass_type__code=code)
    since = parse_datetime(request.GET.get("seit", "") or "")
    if since is not None:
        passes = passes.filter(created__gte=since)
    response = HttpResponse(passes_file(passes.iterator(), fmt), content_type=CONTENT_TYPES[fmt])
    name = f"paesse-{code.lower() + '-' if code else ''}{datetime.date.today().isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@staff_view(PERMISSION)
def type_create(request: HttpRequest) -> HttpResponse:
    return _type_form(request, PassType())


@staff_view(PERMISSION)
def type_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _type_form(request, get_object_or_404(PassType, pk=pk))


def _type_form(request: HttpRequest, pass_type: PassType) -> HttpResponse:
    is_new = pass_type.pk is None
    form = PassTypeForm(request.POST or None, instance=pass_type)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.pass_type_save(
                actor=_actor(request), pass_type=form.save(commit=False)
            )
        except services.PassError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Die Passart „%(name)s“ ist gespeichert.") % {"name": saved.name}
            )
            return redirect("passes_manage:index")
    return render(
        request,
        "passes/manage/type_form.html",
        {"form": form, "is_new": is_new, "pass_type": pass_type},
    )
