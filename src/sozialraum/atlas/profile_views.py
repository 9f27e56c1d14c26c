"""Area profiles and the comparison of areas: every figure of one area with its history, rank and
the larger areas around it; several areas side by side. Every view is an address to share."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from sozialraum.areas.models import Area, AreaLevel
from sozialraum.areas.views import collation_key, parse_day

from .charts import Chart, line_chart
from .map_views import format_value
from .profiles import Entry, Point, area_profile, profile_url

MAX_COMPARED = 6


def area_reference(area: Area) -> str:
    """How an address names an area: `planungsraum/01011101`, with `/ab-<day>` for an area of
    a later boundary set (as the area pages do)."""
    reference = f"{area.level.slug}/{area.code}"
    return f"{reference}/ab-{area.valid_from.isoformat()}" if area.valid_from else reference


def find_area(level_slug: str, code: str, since: str | None = None) -> Area | None:
    areas = Area.objects.without_geometry().select_related("level", "parent")
    areas = areas.filter(level__slug=level_slug, code=code)
    if since is None:
        return areas.filter(valid_from__isnull=True).first()
    valid_from = parse_day(since.removeprefix("ab-"))
    return areas.filter(valid_from=valid_from).first() if valid_from else None


def value_text(point: Point | None, entry: Entry) -> str:
    if point is None or point.value is None:
        return ""
    unit = entry.indicator.unit
    return format_value(point.value, entry.indicator.precision) + (f" {unit}" if unit else "")


def map_url(entry: Entry, area: Area) -> str:
    return (
        reverse("atlas:map")
        + "?"
        + urlencode(
            {
                "indikator": entry.indicator.key,
                "ebene": area.level.slug,
                "stichtag": entry.latest.date.isoformat(),
                "gebiet": area.code,
            }
        )
        + "#auswahl"
    )


def decorate(entry: Entry, chart: Chart) -> dict[str, Any]:
    return {
        "entry": entry,
        "chart": chart,
        "text": value_text(entry.latest, entry),
        "rows": [(point, value_text(point, entry)) for point in entry.series],
    }


def profile_page(
    request: HttpRequest, level_slug: str, code: str, since: str | None = None
) -> HttpResponse:
    level = get_object_or_404(AreaLevel, slug=level_slug)
    area = find_area(level.slug, code, since)
    if area is None:
        raise Http404(_("Dieses Gebiet gibt es nicht."))
    profile = area_profile(area, request.user)
    topics = []
    for label, entries in profile.topics:
        items = []
        for entry in entries:
            item = decorate(
                entry,
                line_chart(
                    entry.series, precision=entry.indicator.precision, unit=entry.indicator.unit
                ),
            )
            item["map_url"] = map_url(entry, area)
            item["parent_text"] = value_text(entry.parent.point, entry) if entry.parent else ""
            item["city_text"] = value_text(entry.city.point, entry) if entry.city else ""
            items.append(item)
        topics.append((label, items))
    children = list(
        area.children.without_geometry().select_related("level").order_by("level__rank", "code")
    )
    return render(
        request,
        "atlas/profile.html",
        {
            "area": area,
            "profile": profile,
            "topics": topics,
            "children": [(child, profile_url(child)) for child in children],
            "parent_url": profile_url(profile.parent) if profile.parent else "",
            "city_url": profile_url(profile.city) if profile.city else "",
            "compare_url": reverse("atlas:compare")
            + "?"
            + urlencode({"gebiet": area_reference(area)}),
        },
    )


@dataclass
class Compared:
    area: Area
    reference: str
    profile_url: str
    remove_url: str


def compare_page(request: HttpRequest) -> HttpResponse:
    notes: list[str] = []
    areas: list[Area] = []
    for reference in request.GET.getlist("gebiet"):
        level_slug, _slash, rest = reference.strip().strip("/").partition("/")
        code, _slash, since = rest.partition("/")
        area = find_area(level_slug, code, since or None) if code else None
        if area is None:
            notes.append(_("Das Gebiet „%(reference)s“ gibt es nicht.") % {"reference": reference})
        elif area not in areas:
            areas.append(area)
    if len(areas) > MAX_COMPARED:
        notes.append(
            _("Es lassen sich höchstens %(count)d Gebiete vergleichen.") % {"count": MAX_COMPARED}
        )
        areas = areas[:MAX_COMPARED]
    references = [area_reference(area) for area in areas]

    def query(wanted: list[str], **extra: str) -> str:
        return "?" + urlencode([("gebiet", ref) for ref in wanted] + list(extra.items()))

    compared = [
        Compared(
            area,
            reference,
            profile_url(area),
            reverse("atlas:compare") + query([r for r in references if r != reference]),
        )
        for area, reference in zip(areas, references, strict=True)
    ]

    # The areas a visitor can add: those of one level, valid on the level's reference day.
    levels = list(AreaLevel.objects.all())
    chosen = next((lv for lv in levels if lv.slug == request.GET.get("ebene")), None)
    if chosen is None and levels:
        chosen = areas[-1].level if areas else levels[-1]
    choices: list[tuple[str, str]] = []
    if chosen is not None:
        day = chosen.reference_date()
        candidates = Area.objects.in_level(chosen).without_geometry().select_related("level")
        if day is not None:
            candidates = candidates.valid_on(day)
        choices = [
            (area_reference(area), f"{area.name} ({area.code})")
            for area in sorted(candidates, key=lambda a: (collation_key(a.name), a.code))
            if area not in areas
        ]
    level_links = [
        (level, reverse("atlas:compare") + query(references, ebene=level.slug)) for level in levels
    ]

    rows = _compare_rows(areas, request.user) if len(areas) >= 2 else []
    return render(
        request,
        "atlas/compare.html",
        {
            "compared": compared,
            "references": references,
            "notes": notes,
            "topics": rows,
            "chosen_level": chosen,
            "choices": choices,
            "level_links": level_links,
            "can_add": len(areas) < MAX_COMPARED,
        },
    )


def _compare_rows(areas: list[Area], user) -> list[tuple[str, list[dict[str, Any]]]]:
    """Per topic, the indicators every area has figures for: each area's newest figure and its
    series, drawn on common scales so the charts can be compared."""
    profiles = [area_profile(area, user, with_context=False) for area in areas]
    by_key = [{entry.indicator.key: entry for entry in profile.entries} for profile in profiles]
    shared = set.intersection(*(set(keys) for keys in by_key))
    # One scale for all charts of a row when the areas are alike (one level): then the lines
    # compare; a city beside a planning area would flatten the smaller one to a line.
    same_scale = len({area.level_id for area in areas}) == 1
    result = []
    for label, entries in profiles[0].topics:
        rows = []
        for first in entries:
            key = first.indicator.key
            if key not in shared:
                continue
            cells = [keys[key] for keys in by_key]
            values = [p.value for cell in cells for p in cell.series if p.value is not None]
            days: list[datetime.date] = [p.date for cell in cells for p in cell.series]
            rows.append(
                {
                    "indicator": first.indicator,
                    "table": [
                        (
                            day,
                            [
                                (point, value_text(point, cell))
                                for cell in cells
                                for point in [next((p for p in cell.series if p.date == day), None)]
                            ],
                        )
                        for day in sorted(set(days))
                    ],
                    "cells": [
                        decorate(
                            cell,
                            line_chart(
                                cell.series,
                                precision=cell.indicator.precision,
                                unit=cell.indicator.unit,
                                low=min(values, default=None) if same_scale else None,
                                high=max(values, default=None) if same_scale else None,
                                first_day=min(days),
                                last_day=max(days),
                            ),
                        )
                        for cell in cells
                    ],
                }
            )
        if rows:
            result.append((label, rows))
    return result
