"""Public pages of a holiday programme: its offers and the form for wishes, the page after
sending, and the personal link (confirm, see the result, withdraw). No account needed."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sozialraum.core import rate_limits
from sozialraum.events.forms import BookerForm

from . import services
from .forms import ChildForm, SharedWishesForm, chosen_wishes
from .models import Application, Phase, Programme
from .services import MAX_CHILDREN, ChildWishes, ProgrammeError


def _count(source: Any) -> int:
    try:
        return min(max(int(source.get("children", "1")), 1), MAX_CHILDREN)
    except ValueError:
        return 1


@never_cache
def programme(request: HttpRequest, pk: int) -> HttpResponse:
    """The programme's offers and, during the wish phase, the form. The number of children and
    whether siblings go together are chosen first (a small GET form), as on the registration."""
    now = timezone.now()
    programme = get_object_or_404(Programme.objects.select_related("pass_type"), pk=pk)
    offers = list(services.offers(programme, now))
    phase = programme.phase(now)
    source = request.POST if request.method == "POST" else request.GET
    count = _count(source)
    together = count > 1 and source.get("together") == "1"
    data = request.POST if request.method == "POST" else None
    client = rate_limits.client_address(request) if data is not None and programme.pass_type else ""
    booker = BookerForm(data, waitlist=False)
    children = []
    for index in range(count):
        form = ChildForm(
            data,
            prefix=f"c{index}",
            programme=programme,
            offers=offers,
            own_wishes=not together,
            client=client,
        )
        form.number = index + 1  # type: ignore[attr-defined]
        children.append(form)
    shared = SharedWishesForm(data, prefix="shared", programme=programme, offers=offers)
    error = ""
    if request.method == "POST" and phase == Phase.WISHES:
        forms_valid = [booker.is_valid(), *(f.is_valid() for f in children)]
        if together:
            forms_valid.append(shared.is_valid())
        if all(forms_valid):
            if not rate_limits.allow(
                request, "holiday_wishes", email=booker.cleaned_data["email"], within=programme.pk
            ):
                return rate_limits.too_many_requests(request, public_form=True)
            try:
                services.application_create(
                    programme_id=programme.pk,
                    name=booker.cleaned_data["name"],
                    email=booker.cleaned_data["email"],
                    children=[
                        ChildWishes(
                            name=f.cleaned_data["name"],
                            age=f.cleaned_data.get("age"),
                            pass_number=f.cleaned_data.get("pass_number", ""),
                            wishes=[] if together else chosen_wishes(f),
                        )
                        for f in children
                    ],
                    together=together,
                    shared_wishes=chosen_wishes(shared) if together else [],
                    language=get_language() or "de",
                )
            except ProgrammeError as problem:
                if not _attach(problem, children, shared):
                    error = problem.message
            else:
                request.session["lottery_sent_to"] = booker.cleaned_data["email"]
                return redirect("lottery:sent", pk=programme.pk)
    summary = []
    if request.method == "POST":
        summary = booker.error_summary()
        for form in children:
            for item in form.error_summary():
                item.label = _("Kind %(number)s, %(field)s") % {
                    "number": form.number,  # type: ignore[attr-defined]
                    "field": item.label,
                }
                summary.append(item)
        if together:
            summary += shared.error_summary()
    return render(
        request,
        "lottery/programme.html",
        {
            "programme": programme,
            "offers": offers,
            "phase": phase,
            "Phase": Phase,
            "booker": booker,
            "children": children,
            "shared": shared,
            "together": together,
            "count": count,
            "count_choices": range(1, MAX_CHILDREN + 1),
            "error": error,
            "summary": summary,
        },
    )


def _attach(problem: ProgrammeError, children: list[ChildForm], shared: SharedWishesForm) -> bool:
    """Put the service's message at its field; False when it belongs to no field."""
    if not problem.field:
        return False
    prefix, name = problem.field.split("-", 1)
    form: Any = shared if prefix == "shared" else None
    if prefix.startswith("c") and prefix[1:].isdigit() and int(prefix[1:]) < len(children):
        form = children[int(prefix[1:])]
    if form is None or name not in form.fields:
        return False
    form.add_error(name, problem.message)
    return True


def sent(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme, pk=pk)
    return render(
        request,
        "lottery/sent.html",
        {"programme": programme, "email": request.session.get("lottery_sent_to", "")},
    )


def _application(token: str) -> Application:
    application = (
        Application.objects.select_related("programme")
        .prefetch_related("children", "wishes__occurrence__registration__event", "wishes__booking")
        .filter(token=token)
        .first()
    )
    if application is None:
        raise Http404
    return application


@never_cache
def application(request: HttpRequest, token: str) -> HttpResponse:
    application = _application(token)
    wishes = list(application.wishes.all())
    children = [
        (child, [w for w in wishes if w.child_id in (None, child.pk)])
        for child in application.children.all()
    ]
    response = render(
        request,
        "lottery/application.html",
        {
            "application": application,
            "programme": application.programme,
            "phase": application.programme.phase(timezone.now()),
            "Phase": Phase,
            "children": children,
            "shared": [w for w in wishes if w.child_id is None],
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def _after(request: HttpRequest, token: str, call: Any, success: str) -> HttpResponse:
    try:
        call()
    except ProgrammeError as problem:
        messages.error(request, problem.message)
    except Application.DoesNotExist:
        raise Http404 from None
    else:
        messages.success(request, success)
    return redirect("lottery:application", token=token)


@require_POST
def application_confirm(request: HttpRequest, token: str) -> HttpResponse:
    return _after(
        request,
        token,
        lambda: services.application_confirm(token=token),
        _("Danke! Ihre Wünsche nehmen an der Verlosung teil."),
    )


@require_POST
def application_withdraw(request: HttpRequest, token: str) -> HttpResponse:
    return _after(
        request,
        token,
        lambda: services.application_withdraw(token=token),
        _("Ihre Wünsche sind zurückgezogen. Sie nehmen nicht an der Verlosung teil."),
    )
