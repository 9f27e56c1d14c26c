"""Public pages about the city's areas: levels, a table per level, one page per area."""

import datetime
import hashlib
import json
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import groupby

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from .geometry import Outline, outline, simplified_geojson
from .models import Area, AreaLevel, validity_text

PAGE_SIZE = 100


def collation_key(text: str) -> str:
    """Sort Ä with A and ß with ss, as a German reader expects (databases sort by code point)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# Sort keys offered as links in the table header: URL value -> sort key of a row.
SORTS: dict[str, Callable[[Area], tuple[str, ...]]] = {
    "kennziffer": lambda area: (area.code,),
    "name": lambda area: (collation_key(area.name), area.code),
    "uebergeordnet": lambda area: (
        collation_key(area.parent.name) if area.parent else "",
        collation_key(area.name),
        area.code,
    ),
}


def parse_day(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def level_day(request: HttpRequest, level: AreaLevel) -> datetime.date | None:
    """The day asked for in `?stichtag=`, else the level's own reference day."""
    return parse_day(request.GET.get("stichtag")) or level.reference_date()


@dataclass
class Period:
    """One set of areas of a level with the same validity (before and after a redraw)."""

    valid_from: datetime.date | None
    valid_until: datetime.date | None
    count: int
    day: datetime.date  # the day whose areas a link to this set shows
    current: bool  # the set shown now

    @property
    def validity(self) -> str:
        return validity_text(self.valid_from, self.valid_until)


def periods(level: AreaLevel, day: datetime.date | None) -> list[Period]:
    today = timezone.localdate()
    rows = (
        Area.objects.in_level(level)
        .values("valid_from", "valid_until")
        .annotate(count=Count("id"))
        .order_by("valid_from", "valid_until")
    )
    result = []
    for row in rows:
        start, end = row["valid_from"], row["valid_until"]
        if end is not None and end < today:
            link_day = end
        elif start is not None and start > today:
            link_day = start
        else:
            link_day = today
        current = (
            day is not None and (start is None or start <= day) and (end is None or day <= end)
        )
        result.append(Period(start, end, row["count"], link_day, current))
    return result


def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    levels = []
    for level in AreaLevel.objects.all():
        day = level.reference_date()
        areas = Area.objects.in_level(level)
        levels.append(
            {
                "level": level,
                "day": day,
                "count": areas.valid_on(day).count() if day else 0,
                "today": day == today,
                "past": day is not None and day < today,
            }
        )
    return render(request, "areas/index.html", {"levels": levels})


def level_detail(request: HttpRequest, level_slug: str) -> HttpResponse:
    level = get_object_or_404(AreaLevel, slug=level_slug)
    day = level_day(request, level)
    today = timezone.localdate()
    sort = request.GET.get("sortierung", "kennziffer")
    descending = sort.startswith("-")
    if sort.lstrip("-") not in SORTS:
        sort, descending = "kennziffer", False
    areas = (
        Area.objects.in_level(level)
        .valid_on(day or today)
        .select_related("level", "parent__level")
        .defer("geometry", "parent__geometry")
    )
    # A level has hundreds of areas, not millions: sorting them here is fast and sorts names well.
    rows = sorted(areas, key=SORTS[sort.lstrip("-")], reverse=descending)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("seite"))
    query = {"stichtag": day.isoformat()} if day and "stichtag" in request.GET else {}
    columns = []
    for key, label in [
        ("kennziffer", _("Kennziffer")),
        ("name", _("Name")),
        ("uebergeordnet", _("Gehört zu")),
    ]:
        active = sort.lstrip("-") == key
        next_sort = f"-{key}" if active and not descending else key
        columns.append(
            {
                "label": label,
                "url": "?" + urlencode({**query, "sortierung": next_sort}),
                "sorted": ("descending" if descending else "ascending") if active else None,
                "next_descending": next_sort.startswith("-"),
            }
        )
    page_query = urlencode({**query, "sortierung": sort})
    level_periods = periods(level, day)
    sources = sorted({area.source for area in rows if area.source})
    return render(
        request,
        "areas/level.html",
        {
            "level": level,
            "day": day,
            "is_today": day == today,
            "is_future": day is not None and day > today,
            "periods": level_periods,
            "ended": any(
                period.current and period.valid_until and period.valid_until < today
                for period in level_periods
            ),
            "page": page,
            "columns": columns,
            "sources": sources,
            "page_query": page_query,
            "geojson_query": urlencode(query),
        },
    )


def level_geojson(request: HttpRequest, level_slug: str) -> HttpResponse:
    """The level's areas valid on the day as a GeoJSON FeatureCollection, simplified for maps."""
    level = get_object_or_404(AreaLevel, slug=level_slug)
    day = level_day(request, level) or timezone.localdate()
    areas = Area.objects.in_level(level).valid_on(day)
    # Keyed on the selected areas, not the day: every day of a boundary set shares one entry.
    fingerprint = _fingerprint(areas.values_list("pk", "modified"))
    key = f"areas-geojson-{level.pk}-{level.slug}-{fingerprint}"
    body = cache.get(key)
    if body is None:
        features = [
            {
                "type": "Feature",
                "id": area.code,
                "properties": {
                    "id": area.code,
                    "name": area.name,
                    "parent": area.parent.code if area.parent else None,
                    "level": level.slug,
                    "valid_from": area.valid_from.isoformat() if area.valid_from else None,
                    "valid_until": area.valid_until.isoformat() if area.valid_until else None,
                },
                "geometry": simplified_geojson(area.geometry),
            }
            for area in areas.select_related("parent").defer("parent__geometry").order_by("code")
        ]
        sources = sorted({source for source in areas.values_list("source", flat=True) if source})
        collection = {
            "type": "FeatureCollection",
            "name": level.slug,
            "attribution": "; ".join(sources),
            "features": features,
        }
        body = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
        cache.set(key, body, 60 * 60)
    response = HttpResponse(body, content_type="application/geo+json")
    response["Content-Disposition"] = f'inline; filename="{level.slug}-{day.isoformat()}.geojson"'
    return response


def _fingerprint(rows: Iterable[tuple[int, datetime.datetime]]) -> str:
    """A short digest of areas' keys and last changes: equal exactly when the same areas are
    selected and none of them has changed since."""
    digest = hashlib.sha256()
    for pk, modified in sorted(rows):
        digest.update(f"{pk}:{modified.isoformat()};".encode())
    return digest.hexdigest()[:32]


@dataclass
class ChildGroup:
    """Children of an area of one level and one validity period: one table on the page."""

    level: AreaLevel
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    areas: list[Area]
    current: bool

    @property
    def validity(self) -> str:
        return validity_text(self.valid_from, self.valid_until)


def area_detail(
    request: HttpRequest, level_slug: str, code: str, since: str | None = None
) -> HttpResponse:
    level = get_object_or_404(AreaLevel, slug=level_slug)
    areas = Area.objects.without_geometry().select_related("level")
    if since is None:
        area = get_object_or_404(areas, level=level, code=code, valid_from__isnull=True)
    else:
        valid_from = parse_day(since)
        if valid_from is None:
            raise Http404
        area = get_object_or_404(areas, level=level, code=code, valid_from=valid_from)
    # The children, grouped by level and validity; the group valid on the area's day first.
    day = _area_day(area)
    children = (
        area.children.without_geometry()
        .select_related("level")
        .order_by("level__rank", "level__slug", "valid_from", "valid_until", "code")
    )
    groups = []
    for (child_level, start, end), members in groupby(
        children, key=lambda child: (child.level, child.valid_from, child.valid_until)
    ):
        members_list = list(members)
        groups.append(
            ChildGroup(child_level, start, end, members_list, members_list[0].is_valid_on(day))
        )
    groups.sort(key=lambda group: not group.current)
    drawn = groups[0].areas if groups else []
    return render(
        request,
        "areas/area.html",
        {
            "area": area,
            "ancestors": area.ancestors(),
            "groups": groups,
            "drawn_level": groups[0].level if groups else None,
            "outline": _outline(area, drawn),
            "others": _same_code_elsewhere(area),
            "ended": area.valid_until is not None and area.valid_until < timezone.localdate(),
        },
    )


def _outline(area: Area, children: list[Area]) -> Outline:
    """The drawing of the area with its children; cached, as a city outline takes a while."""
    stamp = _fingerprint([(child.pk, child.modified) for child in [area, *children]])
    key = f"areas-outline-{area.pk}-{stamp}"
    drawing = cache.get(key)
    if drawing is None:
        geometries = dict(
            Area.objects.filter(pk__in=[child.pk for child in children]).values_list(
                "pk", "geometry"
            )
        )
        drawing = outline(area.geometry, [geometries[child.pk] for child in children])
        cache.set(key, drawing, 60 * 60)
    return drawing


def _area_day(area: Area) -> datetime.date:
    today = timezone.localdate()
    if area.is_valid_on(today):
        return today
    if area.valid_until is not None and area.valid_until < today:
        return area.valid_until
    return area.valid_from or today


def _same_code_elsewhere(area: Area) -> list[Area]:
    """Areas of the same level and id from other boundary sets (before or after a redraw)."""
    return list(
        Area.objects.in_level(area.level)
        .filter(code=area.code)
        .exclude(pk=area.pk)
        .select_related("level")
        .defer("geometry")
        .order_by("valid_from")
    )
