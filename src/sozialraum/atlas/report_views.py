"""Reports of the Sozialatlas (docs/atlas-reports.md): the list of published reports, a report as
a web page, and the same report as PDF. Drafts are for the planners only; to everyone else they
do not exist (404)."""

from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import Report
from .reports import report_shown


def may_preview(user) -> bool:
    return bool(user.has_perm("atlas.change_report"))


def find_report(request: HttpRequest, slug: str) -> Report:
    report = get_object_or_404(Report, slug=slug)
    if not report.is_published and not may_preview(request.user):
        raise Http404(_("Diesen Bericht gibt es nicht."))
    return report


def report_list(request: HttpRequest) -> HttpResponse:
    drafts = (
        Report.objects.exclude(status="published").order_by("title")
        if may_preview(request.user)
        else Report.objects.none()
    )
    return render(
        request,
        "atlas/reports/list.html",
        {"reports": Report.objects.published(), "drafts": drafts},
    )


def report_page(request: HttpRequest, slug: str) -> HttpResponse:
    report = find_report(request, slug)
    context = {
        "shown": report_shown(report, request.user),
        "planner": may_preview(request.user),
    }
    return render(request, "atlas/reports/report.html", context)


def static_only(url: str, timeout: int = 10, ssl_context=None) -> dict:
    """WeasyPrint's URL fetcher: our own static files, nothing from the network."""
    prefix = "/static/"
    path = url.split("://", 1)[-1]
    path = path[path.find(prefix) :] if prefix in path else ""
    found = finders.find(path.removeprefix(prefix)) if path else None
    if not found or isinstance(found, list):
        raise ValueError(f"not fetched: {url}")
    with open(found, "rb") as handle:
        return {"string": handle.read(), "filename": found}


def report_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    from weasyprint import HTML  # imported here: a big library that only this view needs

    report = find_report(request, slug)
    context = {
        "shown": report_shown(report, request.user),
        "planner": may_preview(request.user),
        "pdf": True,
    }
    html = render_to_string("atlas/reports/report_pdf.html", context, request=request)
    document = HTML(
        string=html, base_url=request.build_absolute_uri("/"), url_fetcher=static_only
    ).write_pdf()
    response = HttpResponse(document, content_type="application/pdf")
    name = slugify(report.slug) or "bericht"
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response
