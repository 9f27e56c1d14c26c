"""A report's blocks resolved to what they show: each data block is a live view of the atlas
(maps.py for map and table, profiles.py and charts.py for time series), so it follows the newest
figures unless the planners fixed a day, and it is suppressed exactly as the map is.

Restricted indicators appear only for those who may see them (`Indicator.visible_to`); to them a
published report says which of its blocks the public does not see. Every block that shows figures
adds its day and its indicator's source to the report's "Datenstand und Quellen".
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sozialraum.areas.models import Area, AreaLevel

from .charts import Chart, line_chart
from .classify import Method
from .map_views import (
    direction_text,
    format_value,
    interval_label,
    level_drawing,
    std_dev_label,
)
from .maps import MapData, Status, available, explanation, map_data
from .models import BlockKind, Indicator, Report, ReportBlock, SocialIndex
from .profiles import Point, series, stored_values

MAX_CHART_AREAS = 12  # small multiples beyond this are no longer read; a table is better


@dataclass
class SeriesOfArea:
    area: Area
    points: list[Point]
    chart: Chart


@dataclass
class Shown:
    """One block as the reader sees it."""

    block: ReportBlock
    anchor: str
    notes: list[str] = field(default_factory=list)
    hidden_from_public: bool = False  # restricted: only planners see it
    day: datetime.date | None = None  # the date of data (for a chart: the newest day shown)
    source: str = ""
    data: MapData | None = None  # map and table
    map: dict[str, Any] | None = None
    series: list[SeriesOfArea] = field(default_factory=list)
    days: list[datetime.date] = field(default_factory=list)  # the chart table's columns

    @property
    def kind(self) -> str:
        return self.block.kind

    @property
    def indicator(self) -> Indicator | None:
        return self.block.indicator

    @property
    def has_figures(self) -> bool:
        return self.data is not None or bool(self.series)


@dataclass
class Source:
    indicator: Indicator
    text: str
    days: list[datetime.date]


@dataclass
class ShownReport:
    report: Report
    blocks: list[Shown]
    sources: list[Source]

    @property
    def newest_day(self) -> datetime.date | None:
        return max((day for source in self.sources for day in source.days), default=None)


def source_text(indicator: Indicator) -> str:
    """The indicator's source; a rate computed from counts, and a social index's result
    (`<index>-status`, ...), name the sources of what they are computed from."""
    if indicator.source:
        return str(indicator.source)
    parts = [indicator.numerator, indicator.denominator] if indicator.is_derived else []
    for index in SocialIndex.objects.all():
        if indicator.key.startswith(f"{index.key}-"):
            components = index.components.select_related("indicator").order_by("position")
            sources = "; ".join(
                dict.fromkeys(str(c.indicator.source) for c in components if c.indicator.source)
            )
            text = _("Eigene Berechnung: %(index)s") % {"index": index.name}
            return f"{text} ({sources})" if sources else text
    return "; ".join(dict.fromkeys(str(p.source) for p in parts if p is not None and p.source))


def pick_level(block: ReportBlock, levels: dict[int, list[datetime.date]]) -> AreaLevel | None:
    if block.level_id is not None:
        return block.level if block.level_id in levels else None
    finest = AreaLevel.objects.filter(pk__in=levels).order_by("-rank", "slug").first()
    return finest


def pick_day(block: ReportBlock, days: list[datetime.date], shown: Shown) -> datetime.date | None:
    """The fixed day, or the newest (live)."""
    if block.date is None:
        return days[0] if days else None
    if block.date in days:
        return block.date
    shown.notes.append(
        _("Für den %(day)s gibt es keine Zahlen.") % {"day": date_format(block.date)}
    )
    return None


def map_context(data: MapData, anchor: str) -> dict[str, Any]:
    precision = data.indicator.precision
    for row in data.rows:
        row.text = format_value(row.value, precision)  # type: ignore[attr-defined]
    picture, codes = level_drawing(data.level, data.date)
    row_of = {row.area.code: row for row in data.rows}
    return {
        "drawing": picture,
        "shapes": [
            {"code": code, "path": path, "row": row_of.get(code)}
            for code, path in zip(codes, picture.paths, strict=True)
        ],
        "legend": [
            {
                "interval": interval,
                "label": interval_label(interval, precision),
                "meaning": std_dev_label(interval.number)
                if data.classification.method == Method.STD_DEV
                else "",
            }
            for interval in data.classification.intervals
        ],
        "unshown": [
            {
                "symbol": next(row.symbol for row in data.rows if row.status == status),
                "explanation": explanation(status),
                "count": sum(1 for row in data.rows if row.status == status),
            }
            for status in data.statuses
        ],
        "direction": direction_text(data.indicator, data.classification.method),
        "method": next(
            (label for value, label in Method.choices if value == data.classification.method), ""
        ),
        "hatch": f"{anchor}-hatch",
    }


def resolve_area_block(block: ReportBlock, shown: Shown) -> None:
    """A map or a table: the level's areas on one day."""
    indicator = block.indicator
    assert indicator is not None
    levels = available(indicator)
    level = pick_level(block, levels)
    if level is None:
        shown.notes.append(_("Für dieses Merkmal gibt es auf dieser Ebene keine Zahlen."))
        return
    day = pick_day(block, levels.get(level.pk, []), shown)
    if day is None:
        return
    shown.day = day
    shown.data = map_data(
        indicator=indicator,
        level=level,
        date=day,
        method=block.method or Method.QUANTILES,
        k=block.classes,
    )
    if block.kind == BlockKind.MAP:
        shown.map = map_context(shown.data, shown.anchor)
    else:
        for row in shown.data.rows:
            row.text = format_value(row.value, indicator.precision)  # type: ignore[attr-defined]


def chart_areas(block: ReportBlock, shown: Shown) -> list[Area]:
    """The chosen areas; else the level's areas of today; else the city (the top areas)."""
    chosen = list(block.areas.select_related("level").defer("geometry").order_by("code"))
    if not chosen and block.level is not None:
        chosen = list(
            Area.objects.in_level(block.level)
            .valid_on(block.date or datetime.date.today())
            .select_related("level")
            .defer("geometry")
            .order_by("code")
        )
    if not chosen:
        top = AreaLevel.objects.order_by("rank", "slug").first()
        chosen = list(
            Area.objects.filter(level=top, parent__isnull=True)
            .select_related("level")
            .defer("geometry")
            .order_by("code")
        )
    if len(chosen) > MAX_CHART_AREAS:
        shown.notes.append(
            _("Gezeigt werden die ersten %(count)d Gebiete.") % {"count": MAX_CHART_AREAS}
        )
    return chosen[:MAX_CHART_AREAS]


def resolve_chart_block(block: ReportBlock, shown: Shown) -> None:
    indicator = block.indicator
    assert indicator is not None
    found = []
    for area in chart_areas(block, shown):
        points = series(indicator, stored_values(area, [indicator]))
        if block.date is not None:
            points = [point for point in points if point.date <= block.date]
        if points:
            found.append((area, points))
    if not found:
        shown.notes.append(_("Für diese Gebiete gibt es keine Zahlen."))
        return
    all_points = [point for _area, points in found for point in points]
    values = [point.value for point in all_points if point.value is not None]
    days = sorted({point.date for point in all_points})
    scale: dict[str, Any] = {
        "low": min(values, default=None),
        "high": max(values, default=None),
        "first_day": days[0],
        "last_day": days[-1],
    }
    shown.days = days
    shown.day = max((p.date for p in all_points if p.status == Status.SHOWN), default=days[-1])
    for area, points in found:
        chart = line_chart(points, precision=indicator.precision, unit=indicator.unit, **scale)
        by_day = {point.date: point for point in points}
        cells = []
        for day in days:
            point = by_day.get(day)
            cells.append(
                {"point": point, "text": format_value(point.value, indicator.precision)}
                if point
                else {"point": None, "text": ""}
            )
        entry = SeriesOfArea(area, points, chart)
        entry.cells = cells  # type: ignore[attr-defined]
        shown.series.append(entry)


def report_shown(report: Report, user) -> ShownReport:
    """The report as `user` may see it: restricted blocks only for those allowed to see them."""
    visible = set(Indicator.objects.visible_to(user).values_list("pk", flat=True))
    blocks = report.blocks.select_related(
        "indicator", "indicator__numerator", "indicator__denominator", "level"
    ).order_by("position", "pk")
    result: list[Shown] = []
    sources: dict[int, Source] = {}
    for block in blocks:
        if block.kind != BlockKind.TEXT and block.indicator_id is None:
            continue
        if block.indicator_id is not None and block.indicator_id not in visible:
            continue  # restricted, and the reader may not see it
        shown = Shown(block, anchor=f"baustein-{block.pk}")
        indicator = block.indicator
        if indicator is not None:
            shown.hidden_from_public = indicator.restricted
            if block.kind in (BlockKind.MAP, BlockKind.TABLE):
                resolve_area_block(block, shown)
            elif block.kind == BlockKind.CHART:
                resolve_chart_block(block, shown)
            if shown.day is not None:
                source = sources.setdefault(
                    indicator.pk, Source(indicator, source_text(indicator), [])
                )
                shown.source = source.text
                if shown.day not in source.days:
                    source.days.append(shown.day)
                    source.days.sort()
        result.append(shown)
    return ShownReport(report, result, list(sources.values()))
