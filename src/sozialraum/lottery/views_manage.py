"""The editors' pages for holiday programmes (/verwaltung/ferienprogramme/): set up a programme,
follow the wishes, start the draw (with a confirmation step) and read its result."""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from sozialraum.core.views_manage import _actor, staff_view

from . import services
from .forms import ProgrammeForm
from .models import Application, Child, Phase, Programme, Wish

PERMISSION = "lottery.manage_programmes"


@staff_view(PERMISSION)
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    programmes = list(
        Programme.objects.annotate(
            confirmed=Count(
                "applications",
                filter=Q(
                    applications__email_confirmed_at__isnull=False,
                    applications__withdrawn_at__isnull=True,
                ),
            )
        )
    )
    for programme in programmes:
        programme.current_phase = programme.phase_label(now)  # type: ignore[attr-defined]
    return render(request, "lottery/manage/index.html", {"programmes": programmes})


@staff_view(PERMISSION)
def edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    programme = get_object_or_404(Programme, pk=pk) if pk else None
    if programme is not None and programme.drawn_at is not None:
        messages.error(request, _("Ein verlostes Ferienprogramm bleibt, wie es ist."))
        return redirect("lottery_manage:detail", pk=programme.pk)
    form = ProgrammeForm(
        request.POST or None, programme=programme, initial=ProgrammeForm.initial_from(programme)
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        registrations = list(data.pop("registrations"))
        try:
            saved = services.programme_save(
                user=_actor(request), programme=programme, data=data, registrations=registrations
            )
        except services.ProgrammeError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Das Ferienprogramm ist gespeichert."))
            return redirect("lottery_manage:detail", pk=saved.pk)
    return render(request, "lottery/manage/form.html", {"form": form, "programme": programme})


def _offer_rows(programme: Programme) -> list[dict[str, object]]:
    now = timezone.now()
    wishes = Wish.objects.filter(
        application__programme=programme,
        application__email_confirmed_at__isnull=False,
        application__withdrawn_at__isnull=True,
    )
    first = Counter(wishes.filter(rank=1).values_list("occurrence_id", flat=True))
    every = Counter(wishes.values_list("occurrence_id", flat=True))
    result = programme.draw_result or {}
    rows = []
    for occurrence in services.offers(programme, now):
        key = str(occurrence.pk)
        rows.append(
            {
                "occurrence": occurrence,
                "first_wishes": first[occurrence.pk],
                "wishes": every[occurrence.pk],
                "given": len(result.get("places", {}).get(key, [])),
                "waiting": len(result.get("waiting_lists", {}).get(key, [])),
                "left": result.get("remaining", {}).get(key),
            }
        )
    return rows


@staff_view(PERMISSION)
@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.select_related("pass_type", "drawn_by"), pk=pk)
    now = timezone.now()
    applications = Application.objects.filter(programme=programme)
    taking_part = applications.filter(email_confirmed_at__isnull=False, withdrawn_at__isnull=True)
    children = Child.objects.filter(application__in=taking_part)
    context = {
        "programme": programme,
        "phase": programme.phase(now),
        "phase_label": programme.phase_label(now),
        "Phase": Phase,
        "rows": _offer_rows(programme),
        "applications": taking_part.count(),
        "unconfirmed": applications.filter(
            email_confirmed_at__isnull=True, withdrawn_at__isnull=True
        ).count(),
        "children": children.count(),
        "pass_children": children.filter(pass_card__isnull=False).count(),
    }
    if programme.draw_result is not None:
        allocation = programme.draw_result["allocation"]
        context["placed"] = sum(1 for won in allocation.values() if won)
        context["unplaced"] = sum(1 for won in allocation.values() if not won)
        context["reproduced"] = services.programme_draw_check(programme)
    return render(request, "lottery/manage/detail.html", context)


@staff_view(PERMISSION)
def draw(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation page; the POST draws (once: the service refuses a second draw)."""
    programme = get_object_or_404(Programme, pk=pk)
    if request.method == "POST":
        try:
            services.programme_draw(programme_id=programme.pk, user=_actor(request))
        except services.ProgrammeError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Die Plätze sind verlost. Alle Familien bekommen eine E-Mail mit dem Ergebnis."),
            )
        return redirect("lottery_manage:detail", pk=programme.pk)
    now = timezone.now()
    return render(
        request,
        "lottery/manage/draw.html",
        {
            "programme": programme,
            "phase": programme.phase(now),
            "Phase": Phase,
            "applications": Application.objects.filter(
                programme=programme, email_confirmed_at__isnull=False, withdrawn_at__isnull=True
            ).count(),
        },
    )
