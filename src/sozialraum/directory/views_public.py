"""Public directory pages: search with list and map, digital contact points, service detail."""

import base64
import datetime
import hashlib
import json
import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import F, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from sozialraum.areas.models import Area, AreaLevel

from .filters import (
    DirectorySearchForm,
    Facets,
    Filters,
    distance_km,
    facet_counts,
    filtered_services,
    find_services,
)
from .models import Address, Location, Schedule, Service
from .models.base import in_reader_language
from .opening_hours import effective_schedules, is_open_now, opening_state
from .search import search_services
from .service_page import service_json_ld, service_schedules
from .templatetags.directory_public import language_label

PAGE_SIZE = 20
#: Facet counts may be this many seconds old (the list itself is always current).
FACETS_SECONDS = 60
#: Map data is public and may be a minute old.
MAP_MAX_AGE = 60
#: The parameters of the filter form; the map and the page links keep exactly these.
FILTER_PARAMS = (
    "q",
    "topic",
    "group",
    "district",
    "place",
    "lat",
    "lon",
    "radius",
    "language",
    "wheelchair",
    "free",
    "open",
    "kind",
)


def _filter_query(request: HttpRequest) -> str:
    params = request.GET.copy()
    for name in list(params):
        if name not in FILTER_PARAMS or not params.get(name):
            del params[name]
    return params.urlencode()


def outline_level() -> str | None:
    """Slug of the level the map draws without tiles: the coarsest with several current areas."""
    slug = cache.get("directory-outline-level")
    if slug is None:
        slug = ""
        for level in AreaLevel.objects.order_by("rank"):
            if Area.objects.current().filter(level=level).count() > 1:
                slug = level.slug
                break
        cache.set("directory-outline-level", slug, FACETS_SECONDS)
    return slug or None


def _map_config(request: HttpRequest, *, kind: str = "") -> dict[str, str]:
    query = _filter_query(request)
    if kind:
        query = f"{query}&kind={kind}" if query else f"kind={kind}"
    config = {
        "data": reverse("directory:map_data") + (f"?{query}" if query else ""),
        "tiles": settings.MAP_TILES_URL,
        "attribution": settings.MAP_TILES_ATTRIBUTION,
        "outlines": "",
    }
    if not settings.MAP_TILES_URL and (slug := outline_level()) is not None:
        config["outlines"] = reverse("areas:level_geojson", kwargs={"level_slug": slug})
    return config


def _page_services(services: QuerySet[Service]) -> QuerySet[Service]:
    return services.select_related("organization")


def _first_addresses(services: Iterable[Service]) -> dict[uuid.UUID, Address]:
    """Each service's first physical address (of the place added first) with its area's
    name, for the result list: one query for the page and only the columns shown (a prefetch
    through places took 6 ms of a 35 ms page, docs/benchmarks.md)."""
    rows = (
        Address.objects.filter(
            address_type=Address.AddressType.PHYSICAL,
            location__service_at_locations__service__in=[service.pk for service in services],
        )
        .select_related("area")
        .only("address_1", "postal_code", "city", "area__name")
        .annotate(for_service=F("location__service_at_locations__service_id"))
        .order_by("location__service_at_locations__created", "pk")
    )
    first: dict[uuid.UUID, Address] = {}
    for address in rows:
        first.setdefault(address.for_service, address)  # type: ignore[attr-defined]
    return first


def _search_page(request: HttpRequest, *, template: str, fixed_kind: str = "") -> HttpResponse:
    form = DirectorySearchForm(request.GET or None, fixed_kind=fixed_kind)
    valid = form.is_bound and form.is_valid()
    filters = form.filters() if valid else Filters(kind=fixed_kind, kind_fixed=bool(fixed_kind))
    now = timezone.now()
    opening = opening_state(moment=now)
    found = find_services(filters, now=now, opening_now=opening)
    paginator = Paginator(found.map(_page_services), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    facets = _cached_facets(request, filters, found.queryset, now=now)
    form.add_facet_counts(facets)
    today = timezone.localdate()
    addresses = _first_addresses(page.object_list)
    results = [
        {
            "service": service,
            "address": addresses.get(service.pk),
            "open_state": opening.state(service.pk),
            "closed": service.status == Service.Status.TEMPORARILY_CLOSED,
            "outdated": service.is_possibly_outdated(today),
            "distance": distance_km(service),
        }
        for service in page.object_list
    ]
    query = _filter_query(request)
    return render(
        request,
        template,
        {
            "form": form,
            "filters": filters,
            "page": page,
            "results": results,
            "total": paginator.count,
            "page_query": query,
            "map_config": _map_config(request, kind=fixed_kind),
            "fixed_kind": fixed_kind,
        },
    )


def _cached_facets(
    request: HttpRequest, filters: Filters, services: QuerySet[Service], *, now: datetime.datetime
) -> Facets:
    """Facet counts for this set of filters, kept for FACETS_SECONDS: the same few filter
    combinations (the unfiltered page above all) are asked for again and again."""
    params = sorted(
        (name, value)
        for name, value in request.GET.items()
        if name in FILTER_PARAMS and name != "page" and value
    )
    digest = hashlib.sha256(repr((params, filters.kind, get_language())).encode()).hexdigest()
    key = f"directory-facets-{digest[:32]}"
    facets = cache.get(key)
    if facets is None:
        base = filtered_services(filters, now=now) if not filters.query else services
        facets = facet_counts(base)
        cache.set(key, facets, FACETS_SECONDS)
    return facets


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return _search_page(request, template="directory/public/index.html")


@require_safe
def digital(request: HttpRequest) -> HttpResponse:
    return _search_page(
        request,
        template="directory/public/digital.html",
        fixed_kind=Service.Kind.DIGITAL_CONTACT_POINT,
    )


def compact_id(service_id: uuid.UUID) -> str:
    """The UUID's 16 bytes in URL-safe base64 (22 characters instead of 36); directory.js
    turns it back into the UUID of the detail page's address."""
    return base64.urlsafe_b64encode(service_id.bytes).rstrip(b"=").decode()


@require_safe
@gzip_page
@cache_control(public=True, max_age=MAP_MAX_AGE)
def map_data(request: HttpRequest) -> HttpResponse:
    """GeoJSON for the map: one point per location, with the matching services there.

    Compact on purpose (about 80 bytes per service; a county's district stays under 200 KB,
    about a fifth of that gzipped): the only property, ``s``, lists ``[id, name]`` per service
    (``id``: see `compact_id`), ``[id, name, 1]`` for a temporarily closed one. The filters are
    the search page's.
    """
    form = DirectorySearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    filters = form.filters() if form.is_bound else Filters()
    services = search_services(filtered_services(filters), filters.query).queryset
    # from the services' side, so the filters apply to service rows directly
    rows = (
        services.filter(
            service_at_locations__location__latitude__isnull=False,
            service_at_locations__location__longitude__isnull=False,
        )
        .annotate(service_name=in_reader_language("name"))
        .values_list(
            "service_at_locations__location_id",
            "service_at_locations__location__latitude",
            "service_at_locations__location__longitude",
            "pk",
            "service_name",
            "status",
        )
        .order_by("service_at_locations__location_id", "service_name")
    )
    features: dict[uuid.UUID, dict[str, Any]] = {}
    for location_id, lat, lon, service_id, service_name, status in rows:
        feature = features.get(location_id)
        if feature is None:
            feature = features[location_id] = {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(lon or 0, 5), round(lat or 0, 5)],
                },
                "properties": {"s": []},
            }
        entry = [compact_id(service_id), service_name]
        if status == Service.Status.TEMPORARILY_CLOSED:
            entry.append(1)
        feature["properties"]["s"].append(entry)
    body = json.dumps(
        {"type": "FeatureCollection", "features": list(features.values())},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return HttpResponse(body, content_type="application/geo+json")


@require_safe
def service_detail(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    service = get_object_or_404(
        Service.objects.public().select_related("organization"), pk=service_id
    )
    locations = list(
        Location.objects.filter(service_at_locations__service=service)
        .prefetch_related(
            Prefetch(
                "addresses",
                queryset=Address.objects.select_related("area").order_by("address_type"),
            ),
            "phones",
            "accessibility",
            "languages",
            "schedules",
        )
        .order_by("name")
    )
    sal_schedules = list(
        Schedule.objects.filter(service_at_location__service=service).select_related(
            "service_at_location"
        )
    )
    schedules = effective_schedules(
        service.schedules.all(),
        sal_schedules,
        [schedule for location in locations for schedule in location.schedules.all()],
    )
    now = timezone.now()
    today = timezone.localdate()
    languages = {
        (language.code.lower(), language.name)
        for language in [*service.languages.all()]
        + [language for location in locations for language in location.languages.all()]
    }
    others = (
        Service.objects.public()
        .filter(organization=service.organization)
        .exclude(pk=service.pk)
        .order_by("name")
    )
    phones = [*service.phones.all(), *(phone for loc in locations for phone in loc.phones.all())]
    context = {
        "service": service,
        "locations": locations,
        "schedules": service_schedules(schedules),
        "has_rule": any(schedule.freq for schedule in schedules),
        "open_now": is_open_now(schedules, now),
        "now": now,
        "closed": service.status == Service.Status.TEMPORARILY_CLOSED,
        "outdated": service.is_possibly_outdated(today),
        "service_languages": sorted({language_label(code, name) for code, name in languages}),
        "phones": phones,
        "cost_options": list(service.cost_options.all()),
        "documents": list(service.required_documents.all()),
        "terms": list(
            service.attributes.select_related("taxonomy_term__taxonomy").order_by(
                "taxonomy_term__taxonomy__slug", "taxonomy_term__position"
            )
        ),
        "others": others,
        "json_ld": service_json_ld(
            service,
            locations=locations,
            phones=phones,
            schedules=schedules,
            url=request.build_absolute_uri(request.path),  # the page, whatever query came
        ),
    }
    return render(request, "directory/public/service_detail.html", context)
