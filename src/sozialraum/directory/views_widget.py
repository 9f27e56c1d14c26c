"""Syndication: the embeddable list for partner websites, its snippet generator, the events feed."""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from sozialraum.core.middleware import no_cookies
from sozialraum.core.models import SiteSettings

from .forms_widget import SnippetForm
from .ical import events_calendar
from .widget import (
    WidgetFilterError,
    WidgetFilters,
    filter_description,
    widget_filters_from,
    widget_services,
)

EMBED_SCRIPT = "sozialraum/widget/embed.js"
#: Partner pages may be busy; public data a few minutes old is fine for caches on the way.
PUBLIC_MAX_AGE = 300


def embeddable(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Any website may frame this view: no X-Frame-Options, CSP frame-ancestors *."""

    @wraps(view)
    def with_policy(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        policy: dict[str, Any] = {**settings.SECURE_CSP, "frame-ancestors": ["*"]}
        return csp_override(policy)(view)(request, *args, **kwargs)

    return xframe_options_exempt(with_policy)


@no_cookies
@embeddable
@cache_control(public=True, max_age=PUBLIC_MAX_AGE)
@require_safe
def widget(request: HttpRequest) -> HttpResponse:
    try:
        filters = widget_filters_from(request.GET)
    except WidgetFilterError as error:
        return render(
            request, "directory/widget/widget.html", {"errors": error.messages}, status=400
        )
    services = widget_services(filters)
    shown = list(services[: filters.limit])
    total = len(shown) if len(shown) < filters.limit else services.count()
    return render(
        request,
        "directory/widget/widget.html",
        {
            "filters": filters,
            "heading": filter_description(filters),
            "services": shown,
            "total": total,
            "all_url": _directory_search_url(filters),
        },
    )


def _directory_search_url(filters: WidgetFilters) -> str:
    """The directory's search page with the widget's filters, for "see all N services".

    The search page has no organization filter; a widget for one organization links to the
    search with its other filters."""
    params = {
        key: value for key, value in filters.params().items() if key in {"topic", "district", "q"}
    }
    url = reverse("directory:index")
    return f"{url}?{urlencode(params)}" if params else url


@require_safe
def snippet(request: HttpRequest) -> HttpResponse:
    """The snippet generator: choose the filters, copy the iframe (and script) for your site."""
    form = SnippetForm(request.GET if request.GET else None)
    context: dict[str, object] = {"form": form}
    valid = form.is_bound and form.is_valid()
    feed_params = {
        name: value
        for name, value in form.filters.params().items()
        if name not in {"limit", "compact"}
    }
    feed_language = form.cleaned_data["language"] if valid else translation.get_language()
    with translation.override(feed_language):
        ical_url = request.build_absolute_uri(reverse("directory:events_ical"))
    if feed_params:
        ical_url += "?" + urlencode(feed_params)
    context["ical_url"] = ical_url
    if valid:
        data = form.cleaned_data
        params = form.filters.params()
        with translation.override(data["language"]):
            widget_path = reverse("directory:widget")
            title = (
                f"{filter_description(form.filters)} \N{EN DASH} {SiteSettings.load().city_name}"
            )
        widget_url = request.build_absolute_uri(widget_path)
        if params:
            widget_url += "?" + urlencode(params)
        # the unhashed name: whitenoise serves it too, and it stays the same across releases
        script_url = request.build_absolute_uri(settings.STATIC_URL + EMBED_SCRIPT)
        context.update(
            {
                "widget_url": widget_url,
                "snippet": render_snippet(
                    widget_url=widget_url,
                    script_url=script_url if data["with_script"] else "",
                    title=title,
                    height=data["height"],
                ),
                "preview_title": title,
                "preview_height": data["height"],
            }
        )
    return render(request, "directory/widget/snippet.html", context)


def render_snippet(*, widget_url: str, script_url: str, title: str, height: int) -> str:
    return render_to_string(
        "directory/widget/_snippet.html",
        {"widget_url": widget_url, "script_url": script_url, "title": title, "height": height},
    ).strip()


@no_cookies
@cache_control(public=True, max_age=PUBLIC_MAX_AGE)
@require_safe
def events_ical(request: HttpRequest) -> HttpResponse:
    try:
        filters = widget_filters_from(request.GET)
    except WidgetFilterError as error:
        response = HttpResponse(
            "\n".join(error.messages), status=400, content_type="text/plain; charset=utf-8"
        )
    else:
        calendar = events_calendar(filters, request=request)
        response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="veranstaltungen.ics"'
    # read-only and public: any website's script may fetch it
    response["Access-Control-Allow-Origin"] = "*"
    return response
