"""The Sozialatlas API: indicators, levels, areas and values as JSON, read-only (docs/atlas-api.md).

Built on the HSDS API's machinery (``directory.api.views``): GET/HEAD/OPTIONS only, errors as
JSON, ETags, ``locale``, no cookies. Two differences, because some indicators are restricted:

- Figures are suppressed exactly as on the map (``maps.level_figures``): a value that may not be
  shown is ``null`` with the statistics symbol and the reason.
- A restricted indicator exists only for a signed-in visitor with
  ``atlas.view_restricted_indicator`` (the session; everyone else gets the same 404 as for an
  unknown key). Responses to signed-in visitors are ``Cache-Control: private`` and carry no CORS
  header; anonymous responses are public and readable from any origin.
"""

import datetime
import json
from collections.abc import Callable
from functools import wraps
from importlib import resources
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from sozialraum.areas.models import Area, AreaLevel
from sozialraum.directory.api.params import Paging, ParameterError
from sozialraum.directory.api.views import CORS_HEADERS, answer, error_response, json_response

from .. import exports
from ..classify import DEFAULT_CLASSES, Method
from ..maps import (
    SYMBOLS,
    Status,
    available,
    explanation,
    level_figures,
    map_data,
    suppression_threshold,
)
from ..models import Indicator

API_VERSION = "1.0"

Json = dict[str, Any]


def atlas_endpoint(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @csrf_exempt  # nothing here writes; a POST gets our JSON 405, not a CSRF page
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        with translation.override(settings.LANGUAGE_CODE):
            response = answer(view, request, *args, **kwargs)
        # What a response holds depends on who asks: caches must keep them apart.
        patch_vary_headers(response, ["Cookie"])
        if request.user.is_authenticated:
            if response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, max_age=0)
        else:
            for name, value in CORS_HEADERS.items():
                response[name] = value
        response.no_cookies = True  # type: ignore[attr-defined]  # see core.middleware.no_cookies
        return response

    return wrapped


def not_found(message: str) -> HttpResponseBase:
    return error_response(message, status=404)


def visible_indicators(request: HttpRequest) -> Any:
    return Indicator.objects.visible_to(request.user).select_related("numerator", "denominator")


def parse_day(params: Any, name: str) -> datetime.date | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        raise ParameterError(name, _("Bitte ein Datum wie 2019-12-31 angeben.")) from None


def parse_level(params: Any, name: str = "level") -> AreaLevel | None:
    slug = params.get(name, "").strip()
    if not slug:
        return None
    level = AreaLevel.objects.filter(slug=slug).first()
    if level is None:
        raise ParameterError(name, _("Diese Gebietsebene gibt es nicht."))
    return level


def geojson_url(request: HttpRequest, level: AreaLevel, day: datetime.date | None = None) -> str:
    url = reverse("areas:level_geojson", kwargs={"level_slug": level.slug})
    if day:
        url += "?" + urlencode({"stichtag": day.isoformat()})
    return request.build_absolute_uri(url)


def indicator_json(indicator: Indicator, visible_keys: set[str], levels: dict[int, str]) -> Json:
    derived = None
    if indicator.is_derived:
        assert indicator.numerator is not None and indicator.denominator is not None
        derived = {
            "numerator": indicator.numerator.key
            if indicator.numerator.key in visible_keys
            else None,
            "denominator": indicator.denominator.key
            if indicator.denominator.key in visible_keys
            else None,
            "factor": indicator.factor,
        }
    availability = [
        {"level": levels[level_id], "dates": [day.isoformat() for day in days]}
        for level_id, days in sorted(available(indicator).items(), key=lambda item: item[0])
        if level_id in levels
    ]
    return {
        "key": indicator.key,
        "name": str(indicator.name),
        "topic": indicator.topic,
        "topic_label": str(indicator.get_topic_display()),  # type: ignore[attr-defined]
        "kind": indicator.kind,
        "unit": indicator.unit,
        "definition": indicator.definition,
        "source": indicator.source,
        "update_interval": indicator.update_interval or None,
        "interpretation": indicator.interpretation,
        "precision": indicator.precision,
        "restricted": indicator.restricted,
        "derived_from": derived,
        "availability": availability,
    }


def level_slugs() -> dict[int, str]:
    return dict(AreaLevel.objects.order_by("rank", "slug").values_list("pk", "slug"))


# --- views ---------------------------------------------------------------------------------


@atlas_endpoint
def root(request: HttpRequest) -> HttpResponseBase:
    def url(name: str) -> str:
        return request.build_absolute_uri(reverse(f"atlas_api:{name}"))

    return json_response(
        request,
        {
            "version": API_VERSION,
            "openapi_url": url("openapi"),
            "indicators_url": url("indicators"),
            "levels_url": url("levels"),
            "areas_url": url("areas"),
            "values_url": url("values"),
            "suppression_threshold": suppression_threshold(),
        },
    )


@atlas_endpoint
def openapi(request: HttpRequest) -> HttpResponseBase:
    document = json.loads(
        resources.files("sozialraum.atlas.api").joinpath("openapi.json").read_text()
    )
    document["servers"] = [{"url": request.build_absolute_uri(reverse("atlas_api:root"))}]
    return json_response(request, document)


@atlas_endpoint
def indicators(request: HttpRequest) -> HttpResponseBase:
    found = list(visible_indicators(request))
    keys = {indicator.key for indicator in found}
    levels = level_slugs()
    contents = [indicator_json(indicator, keys, levels) for indicator in found]
    return json_response(request, {"total_items": len(contents), "contents": contents})


@atlas_endpoint
def indicator(request: HttpRequest, key: str) -> HttpResponseBase:
    found = {i.key: i for i in visible_indicators(request)}
    if key not in found:
        # unknown, or restricted and the visitor may not see it: the same answer for both
        return not_found(_("Dieses Merkmal gibt es nicht."))
    return json_response(request, indicator_json(found[key], set(found), level_slugs()))


@atlas_endpoint
def levels(request: HttpRequest) -> HttpResponseBase:
    contents = []
    for level in AreaLevel.objects.select_related("parent").order_by("rank", "slug"):
        day = level.reference_date()
        contents.append(
            {
                "slug": level.slug,
                "name": str(level.name),
                "rank": level.rank,
                "parent": level.parent.slug if level.parent else None,
                "reference_date": day.isoformat() if day else None,
                "area_count": Area.objects.in_level(level).valid_on(day).count() if day else 0,
                "geojson_url": geojson_url(request, level),
            }
        )
    return json_response(request, {"total_items": len(contents), "contents": contents})


@atlas_endpoint
def areas(request: HttpRequest) -> HttpResponseBase:
    level = parse_level(request.GET)
    day = parse_day(request.GET, "date")
    paging = Paging.from_params(request.GET)
    found = Area.objects.without_geometry().select_related("level", "parent")
    found = found.defer("parent__geometry").order_by("level__rank", "code", "valid_from")
    if level is not None:
        found = found.in_level(level)
    if day is not None:
        found = found.valid_on(day)
    total = found.count()
    contents = [
        {
            "id": area.pk,
            "code": area.code,
            "name": area.name,
            "level": area.level.slug,
            "parent": area.parent.code if area.parent else None,
            "valid_from": area.valid_from.isoformat() if area.valid_from else None,
            "valid_until": area.valid_until.isoformat() if area.valid_until else None,
        }
        for area in found[paging.window()]
    ]
    body: Json = {**paging.page_info(total, len(contents)), "contents": contents}
    if level is not None:
        body["geojson_url"] = geojson_url(request, level, day)
    return json_response(request, body)


@atlas_endpoint
def values(request: HttpRequest) -> HttpResponseBase:
    """One indicator's figures for the areas of one level on one day, suppressed as on the map.

    Without ``level`` the finest level with figures, without ``date`` the newest day (the map's
    defaults); both are named in the response.
    """
    params = request.GET
    key = params.get("indicator", "").strip()
    if not key:
        raise ParameterError("indicator", _("Bitte ein Merkmal angeben (indicator=…)."))
    wanted_format = params.get("format", "json").strip().lower() or "json"
    if wanted_format not in {"json", "csv"}:
        raise ParameterError("format", _("Erlaubt sind json oder csv."))
    asked_level = parse_level(params)
    asked_day = parse_day(params, "date")
    area_code = params.get("area", "").strip()
    paging = Paging.from_params(params)

    indicator_ = visible_indicators(request).filter(key=key).first()
    if indicator_ is None:
        return not_found(_("Dieses Merkmal gibt es nicht."))
    days_by_level = available(indicator_)
    if asked_level is None:
        level = AreaLevel.objects.filter(pk__in=days_by_level).order_by("rank", "slug").last()
        if level is None:
            return not_found(_("Für dieses Merkmal gibt es keine Zahlen."))
    else:
        level = asked_level
        if level.pk not in days_by_level:
            return not_found(_("Für dieses Merkmal gibt es auf dieser Ebene keine Zahlen."))
    days = days_by_level[level.pk]
    day = asked_day or days[0]
    if day not in days:
        return not_found(_("Für diesen Stichtag gibt es keine Zahlen."))

    if wanted_format == "csv":
        # the map's own download: every area of the level, with classes and ranks
        data = map_data(
            indicator=indicator_, level=level, date=day, method=Method.QUANTILES, k=DEFAULT_CLASSES
        )
        return exports.respond(data, "csv")

    found = Area.objects.in_level(level).valid_on(day).without_geometry().order_by("code")
    if area_code:
        found = found.filter(code=area_code)
    total = found.count()
    page_areas = list(found.select_related("parent").defer("parent__geometry")[paging.window()])
    figures = level_figures(indicator=indicator_, level=level, date=day)
    contents = []
    for area in page_areas:
        value, status = figures.get(area.pk, (None, Status.MISSING))
        contents.append(
            {
                "area": area.code,
                "name": area.name,
                "parent": area.parent.code if area.parent else None,
                "value": None if value is None else round(value, indicator_.precision),
                "status": status or "shown",
                "symbol": SYMBOLS.get(status) or None,
                "explanation": explanation(status) or None,
            }
        )
    return json_response(
        request,
        {
            "indicator": indicator_.key,
            "unit": indicator_.unit,
            "precision": indicator_.precision,
            "level": level.slug,
            "date": day.isoformat(),
            "dates": [d.isoformat() for d in days],
            "geojson_url": geojson_url(request, level, day),
            **paging.page_info(total, len(contents)),
            "contents": contents,
        },
    )
