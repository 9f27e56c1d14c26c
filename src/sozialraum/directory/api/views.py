"""The HSDS 3.0 API views: read-only, public, JSON (docs/api.md).

Every view is wrapped by ``hsds_endpoint``: GET/HEAD/OPTIONS only, CORS for any origin, no
cookies, German content (``locale`` asks for another language), parameter errors as 400 JSON.
JSON responses carry an ETag (a hash of the body) and Last-Modified (the newest change among
the records written) and answer conditional requests with 304.
"""

import hashlib
import json
import uuid
from collections.abc import Callable, Iterator
from functools import wraps
from importlib import resources
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from ..models import Organization, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from ..search import SearchResults
from . import export
from .params import (
    Paging,
    ParameterError,
    ServiceFilters,
    boolean,
    output_format,
    search_text,
    term_filter,
)
from .serializers import (
    HSDS_VERSION,
    Json,
    Serializer,
    prefetch_full_organizations,
    prefetch_full_services,
    prefetch_service_at_locations,
    prefetch_services,
)

#: Public data a few minutes old is fine for caches on the way.
MAX_AGE = 300
#: Records serialized per database round trip when streaming NDJSON.
STREAM_CHUNK = 200
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified",
}


def hsds_endpoint(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    # csrf_exempt: nothing here writes, and a POST should get our JSON 405, not a CSRF page
    @csrf_exempt
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        with translation.override(settings.LANGUAGE_CODE):
            response = answer(view, request, *args, **kwargs)
        for name, value in CORS_HEADERS.items():
            response[name] = value
        response.no_cookies = True  # type: ignore[attr-defined]  # see core.middleware.no_cookies
        return response

    return wrapped


def answer(
    view: Callable[..., HttpResponseBase], request: HttpRequest, *args: Any, **kwargs: Any
) -> HttpResponseBase:
    """The view's response, or the preflight, 405 or 400 answer that replaces it."""
    if request.method == "OPTIONS":
        response: HttpResponseBase = HttpResponse(status=204)
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = (
            "Accept, Accept-Language, If-None-Match, If-Modified-Since"
        )
        response["Access-Control-Max-Age"] = "86400"
        return response
    if request.method not in {"GET", "HEAD"}:
        response = error_response(_("Diese Schnittstelle kann nur lesen (GET)."), status=405)
        response["Allow"] = "GET, HEAD, OPTIONS"
        return response
    language = request.GET.get("locale", "").strip() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        return error_response(
            _("Erlaubt sind: %(languages)s.")
            % {"languages": ", ".join(code for code, _name in settings.LANGUAGES)},
            parameter="locale",
        )
    with translation.override(language):
        try:
            response = view(request, *args, **kwargs)
        except ParameterError as error:
            response = error_response(error.message, parameter=error.parameter)
    response.headers.setdefault("Content-Language", language)
    return response


def error_response(message: str, *, parameter: str = "", status: int = 400) -> HttpResponse:
    body: Json = {"error": message}
    if parameter:
        body["parameter"] = parameter
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type="application/json"
    )


def not_found(what: str) -> HttpResponse:
    return error_response(what, status=404)


def json_response(
    request: HttpRequest, data: object, serializer: Serializer | None = None
) -> HttpResponseBase:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    newest = serializer.newest if serializer else None
    last_modified = int(newest.timestamp()) if newest else None
    response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    # Only the ETag decides on 304: Last-Modified (the newest record written) cannot see a
    # deleted phone or a service that left the page, so If-Modified-Since alone gets a 200.
    conditional = get_conditional_response(request, etag=etag, response=response)
    if conditional is None or conditional is response:
        return response
    conditional["ETag"] = etag
    patch_cache_control(conditional, public=True, max_age=MAX_AGE)
    return conditional


def ndjson_response(lines: Iterator[Json]) -> StreamingHttpResponse:
    """All results, one JSON object per line, streamed (HSDS ``format=ndjson``)."""
    language = translation.get_language()

    def stream() -> Iterator[bytes]:
        # the view has returned (and left its language) when the server iterates
        with translation.override(language):
            for line in lines:
                yield json.dumps(line, ensure_ascii=False).encode() + b"\n"

    response = StreamingHttpResponse(stream(), content_type="application/x-ndjson")
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def paged(
    request: HttpRequest,
    items: QuerySet[Any] | SearchResults,
    write: Callable[[Any], Json],
    serializer: Serializer,
    load: Callable[[QuerySet[Any]], QuerySet[Any]] | None = None,
) -> HttpResponseBase:
    """The HSDS Page of ``items`` (filtered and ordered); with ``format=ndjson`` every item,
    streamed in batches.

    The page's ids are found first, on the narrow columns the order needs, and only those
    records are then loaded (with ``load``: select_related, prefetches). Sorting thousands of
    full rows joined with their organization cost SQLite a second per page.
    """

    model = Service if isinstance(items, SearchResults) else items.model

    def ids_of(window: slice | None = None) -> list[Any]:
        if isinstance(items, SearchResults):
            return items.ids(window)
        # annotations stay selected: an order by one must find it in the SELECT
        rows = items.values_list("pk", *items.query.annotation_select)
        return [row[0] for row in (rows[window] if window else rows)]

    def records(ids: list[Any]) -> list[Any]:
        rows = model._default_manager.filter(pk__in=ids)
        by_id = {row.pk: row for row in (load(rows) if load else rows)}
        return [by_id[pk] for pk in ids if pk in by_id]

    if output_format(request.GET) == "ndjson":
        all_ids = ids_of()

        def lines() -> Iterator[Json]:
            for start in range(0, len(all_ids), STREAM_CHUNK):
                for record in records(all_ids[start : start + STREAM_CHUNK]):
                    yield write(record)

        return ndjson_response(lines())
    paging = Paging.from_params(request.GET)
    page_ids = ids_of(paging.window())
    contents = [write(record) for record in records(page_ids)] if page_ids else []
    # a short first page is the whole result: no COUNT query needed
    short_first_page = paging.page == 1 and len(page_ids) < paging.per_page
    total = len(page_ids) if short_first_page else items.count()
    return json_response(
        request, {**paging.page_info(total, len(contents)), "contents": contents}, serializer
    )


def parse_id(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


# --- views ---------------------------------------------------------------------------------


@hsds_endpoint
def root(request: HttpRequest) -> HttpResponseBase:
    openapi_url = request.build_absolute_uri(reverse("hsds:openapi"))
    return json_response(
        request, {"version": HSDS_VERSION, "profile": openapi_url, "openapi_url": openapi_url}
    )


@hsds_endpoint
def openapi(request: HttpRequest) -> HttpResponseBase:
    document = json.loads(
        resources.files("sozialraum.directory.api").joinpath("openapi.json").read_text()
    )
    document["servers"] = [{"url": request.build_absolute_uri(reverse("hsds:root"))}]
    return json_response(request, document)


@hsds_endpoint
def services(request: HttpRequest) -> HttpResponseBase:
    filters = ServiceFilters.from_params(request.GET)
    full = boolean(request.GET, "full")
    found = filters.services()
    serializer = Serializer()
    if full:
        return paged(request, found, serializer.service_full, serializer, prefetch_full_services)
    return paged(request, found, serializer.service, serializer, prefetch_services)


@hsds_endpoint
def service(request: HttpRequest, service_id: str) -> HttpResponseBase:
    pk = parse_id(service_id)
    found = pk and prefetch_full_services(Service.objects.public().filter(pk=pk)).first()
    if not found:
        return not_found(_("Kein öffentliches Angebot mit dieser id."))
    serializer = Serializer()
    return json_response(request, serializer.service_full(found), serializer)


def public_organizations() -> QuerySet[Organization]:
    """Organizations with at least one public service: the others are not (yet) published."""
    return Organization.objects.filter(pk__in=Service.objects.public().values("organization"))


@hsds_endpoint
def organizations(request: HttpRequest) -> HttpResponseBase:
    full = boolean(request.GET, "full")
    full_service = boolean(request.GET, "full_service")
    found = public_organizations()
    text = search_text(request.GET)
    if text:
        found = found.filter(name__icontains=text)
    found = found.order_by("name", "pk")
    serializer = Serializer()
    if not full:
        return paged(request, found, serializer.organization, serializer)

    def write(organization: Organization) -> Json:
        return serializer.organization_full(
            organization,
            services=organization.listed_services,  # type: ignore[attr-defined]
            full_services=full_service,
        )

    def load(rows: QuerySet[Organization]) -> QuerySet[Organization]:
        return prefetch_full_organizations(
            rows, services=listed_services(), full_services=full_service
        )

    return paged(request, found, write, serializer, load)


def listed_services() -> QuerySet[Service]:
    return Service.objects.public().order_by("name", "pk")


@hsds_endpoint
def organization(request: HttpRequest, organization_id: str) -> HttpResponseBase:
    pk = parse_id(organization_id)
    full_service = boolean(request.GET, "full_service")
    found = (
        pk
        and prefetch_full_organizations(
            public_organizations().filter(pk=pk),
            services=listed_services(),
            full_services=full_service,
        ).first()
    )
    if not found:
        return not_found(_("Keine Organisation mit öffentlichen Angeboten und dieser id."))
    serializer = Serializer()
    data = serializer.organization_full(
        found,
        services=found.listed_services,  # type: ignore[attr-defined]
        full_services=full_service,
    )
    return json_response(request, data, serializer)


def public_service_at_locations() -> QuerySet[ServiceAtLocation]:
    return ServiceAtLocation.objects.filter(service__in=Service.objects.public().values("pk"))


@hsds_endpoint
def service_at_locations(request: HttpRequest) -> HttpResponseBase:
    filters = ServiceFilters.from_params(request.GET)
    full = boolean(request.GET, "full")
    serializer = Serializer()

    def write(at_location: ServiceAtLocation) -> Json:
        return serializer.service_at_location(at_location, full=full)

    def load(rows: QuerySet[ServiceAtLocation]) -> QuerySet[ServiceAtLocation]:
        return prefetch_service_at_locations(rows, full=full)

    return paged(request, filters.service_at_locations(), write, serializer, load)


@hsds_endpoint
def service_at_location(request: HttpRequest, service_at_location_id: str) -> HttpResponseBase:
    pk = parse_id(service_at_location_id)
    found = (
        pk
        and prefetch_service_at_locations(
            public_service_at_locations().filter(pk=pk), full=True
        ).first()
    )
    if not found:
        return not_found(_("Kein öffentliches Angebot an einem Ort mit dieser id."))
    serializer = Serializer()
    return json_response(request, serializer.service_at_location(found, full=True), serializer)


@hsds_endpoint
def taxonomies(request: HttpRequest) -> HttpResponseBase:
    found = Taxonomy.objects.order_by("slug", "pk")
    text = search_text(request.GET)
    if text:
        found = found.filter(name__icontains=text)
    serializer = Serializer()
    return paged(request, found, serializer.taxonomy, serializer)


@hsds_endpoint
def taxonomy(request: HttpRequest, taxonomy_id: str) -> HttpResponseBase:
    pk = parse_id(taxonomy_id)
    found = pk and Taxonomy.objects.filter(pk=pk).first()
    if not found:
        return not_found(_("Keine Taxonomie mit dieser id."))
    serializer = Serializer()
    return json_response(request, serializer.taxonomy(found), serializer)


@hsds_endpoint
def taxonomy_terms(request: HttpRequest) -> HttpResponseBase:
    found = TaxonomyTerm.objects.filter(term_filter(request.GET))
    serializer = Serializer()
    return paged(
        request,
        found.order_by("taxonomy__slug", "position", "code", "pk"),
        serializer.taxonomy_term,
        serializer,
        lambda rows: rows.select_related("taxonomy"),
    )


@hsds_endpoint
def taxonomy_term(request: HttpRequest, taxonomy_term_id: str) -> HttpResponseBase:
    pk = parse_id(taxonomy_term_id)
    found = pk and TaxonomyTerm.objects.select_related("taxonomy").filter(pk=pk).first()
    if not found:
        return not_found(_("Kein Begriff mit dieser id."))
    serializer = Serializer()
    return json_response(request, serializer.taxonomy_term(found), serializer)


@hsds_endpoint
def download(request: HttpRequest, file_format: str) -> HttpResponseBase:
    """The files `sozialraum export_hsds --downloads` wrote (HSDS_EXPORT_DIR)."""
    path = export.download_path(file_format)
    if not path.is_file():
        return not_found(
            _(
                "Diese Datei wurde noch nicht erzeugt. Die Betreiber erzeugen sie mit "
                "„sozialraum export_hsds --downloads“."
            )
        )
    modified = int(path.stat().st_mtime)
    unchanged = get_conditional_response(request, last_modified=modified)
    if unchanged is not None:
        return unchanged
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=path.name,
        content_type=export.CONTENT_TYPES[file_format],
    )
    response["Last-Modified"] = http_date(modified)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
