from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language, get_language_bidi

from .models import Page


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


def page(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_object_or_404(Page, slug=slug)
    # Without a translation the German text is shown: mark it as German, so screen readers
    # pronounce it correctly and the text runs left to right inside an Arabic page.
    language = get_language()
    shown = page.shown_language(language)
    return render(
        request,
        "core/page.html",
        {
            "page": page,
            "content_lang": shown,
            "content_dir": "rtl" if shown == language and get_language_bidi() else "ltr",
        },
    )


def health(request: HttpRequest) -> HttpResponse:
    """For load balancers and monitoring: 200 when the app can reach its database, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
