"""Small line charts of a time series, drawn on the server as SVG: no script, a few hundred bytes
each. The chart is a picture of figures that are always also given as text (a summary for
screen readers and a table), so it needs no colour to be read: points are marked, gaps stay gaps.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .map_views import format_value
from .maps import Status
from .profiles import Point

WIDTH, HEIGHT = 240, 100
LEFT, RIGHT, TOP, BOTTOM = 4, 4, 8, 22  # room for the markers and the years below


@dataclass
class Chart:
    width: int
    height: int
    lines: list[str]  # one path per run of consecutive shown figures
    marks: list[tuple[str, str]]  # x and y as SVG numbers (never a localised decimal comma)
    first_label: str  # the first and last day, under the chart
    last_label: str
    summary: str  # the text alternative

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"

    @property
    def label_y(self) -> int:
        return self.height - 6


def summary(points: Sequence[Point], precision: int, unit: str) -> str:
    """The trend in one sentence: first and last figure, and the lowest and highest."""
    shown = [point for point in points if point.status == Status.SHOWN and point.value is not None]

    def text(point: Point) -> str:
        return f"{format_value(point.value, precision)}{' ' + unit if unit else ''}"

    if not shown:
        return _("Keine Zahlen zum Zeigen.")
    first, last = shown[0], shown[-1]
    if len(shown) == 1:
        return _("Nur ein Wert: %(value)s am %(day)s.") % {
            "value": text(first),
            "day": date_format(first.date),
        }
    values = {
        "first": text(first),
        "first_day": date_format(first.date),
        "last": text(last),
        "last_day": date_format(last.date),
        "count": len(shown),
        "low": text(min(shown, key=lambda p: p.value or 0)),
        "high": text(max(shown, key=lambda p: p.value or 0)),
    }
    assert first.value is not None and last.value is not None
    if format_value(last.value, precision) == format_value(first.value, precision) and (
        values["low"] == values["high"]
    ):
        return _("Von %(first_day)s bis %(last_day)s unverändert bei %(first)s.") % values
    if format_value(last.value, precision) == format_value(first.value, precision):
        sentence = _("Am %(first_day)s und am %(last_day)s gleich: %(first)s.")
    elif last.value > first.value:
        sentence = _("Gestiegen von %(first)s am %(first_day)s auf %(last)s am %(last_day)s.")
    else:
        sentence = _("Gesunken von %(first)s am %(first_day)s auf %(last)s am %(last_day)s.")
    extremes = _("%(count)d Werte, niedrigster %(low)s, höchster %(high)s.")
    return f"{sentence % values} {extremes % values}"


def line_chart(
    points: Sequence[Point],
    *,
    precision: int,
    unit: str,
    low: float | None = None,
    high: float | None = None,
    first_day: datetime.date | None = None,
    last_day: datetime.date | None = None,
) -> Chart:
    """The series as a line; `low`/`high` and the days fix the scales, so that several charts
    (the compare page) can be read against each other."""
    shown = [point.value for point in points if point.value is not None]
    low = min(shown, default=0.0) if low is None else low
    high = max(shown, default=1.0) if high is None else high
    if high == low:
        low, high = low - 1, high + 1
    days = [point.date for point in points]
    start = first_day or min(days, default=datetime.date.today())
    end = last_day or max(days, default=start)
    span = max((end - start).days, 1)
    inner_width, inner_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: datetime.date) -> float:
        if start == end:
            return LEFT + inner_width / 2
        return round(LEFT + (day - start).days / span * inner_width, 1)

    def y(value: float) -> float:
        return round(TOP + (high - value) / (high - low) * inner_height, 1)

    lines, marks, run = [], [], []  # type: ignore[var-annotated]
    for point in points:
        if point.value is None:
            if len(run) > 1:
                lines.append("M" + " L".join(f"{px},{py}" for px, py in run))
            run = []
            continue
        position = (x(point.date), y(point.value))
        run.append(position)
        marks.append((str(position[0]), str(position[1])))
    if len(run) > 1:
        lines.append("M" + " L".join(f"{px},{py}" for px, py in run))
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        lines=lines,
        marks=marks,
        first_label=str(start.year),
        last_label=str(end.year),
        summary=summary(points, precision, unit),
    )
