"""An area's profile: every indicator the visitor may see with the area's time series, its rank
among the areas of its level on the newest day, and the parent area's and the city's figure on
that day for comparison. Suppression is the map's (maps.py): a figure that rests on too few
cases never leaves the server, here as little as on the map.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.urls import reverse

from sozialraum.areas.models import Area

from . import small_areas
from .aggregation import Figure, count_by_area, rate_by_area
from .maps import (
    SYMBOLS,
    Shown,
    Status,
    derived_figure,
    explanation,
    level_figures,
    source_indicators,
    stored_figure,
)
from .models import Indicator, IndicatorValue, Kind, Topic

Stored = dict[int, dict[datetime.date, tuple[float | None, str]]]  # indicator -> day -> row


@dataclass
class Point:
    """One figure: a value (None unless shown) and its status on a day."""

    date: datetime.date
    value: float | None
    status: str = Status.SHOWN
    computed: bool = False  # summed up from the areas inside, not stored

    @property
    def symbol(self) -> str:
        return SYMBOLS.get(self.status, "")

    @property
    def explanation(self) -> str:
        return explanation(self.status)


@dataclass
class Comparison:
    area: Area
    point: Point


@dataclass
class Entry:
    """One indicator in an area's profile."""

    indicator: Indicator
    series: list[Point]  # oldest first
    rank: int | None = None  # 1 = highest value on the newest day; equal values share a rank
    ranked: int = 0  # how many areas of the level have a shown value that day
    parent: Comparison | None = None
    city: Comparison | None = None

    @property
    def latest(self) -> Point:
        return self.series[-1]


@dataclass
class Profile:
    area: Area
    parent: Area | None
    city: Area | None
    entries: list[Entry] = field(default_factory=list)

    @property
    def topics(self) -> list[tuple[str, list[Entry]]]:
        """The entries by topic, in the topics' order, each topic's entries by name."""
        groups = []
        for value, label in Topic.choices:
            members = [entry for entry in self.entries if entry.indicator.topic == value]
            if members:
                groups.append((str(label), sorted(members, key=lambda e: str(e.indicator.name))))
        return groups


def profile_url(area: Area) -> str:
    """The address of the area's profile (with `ab-<day>` for a later boundary set)."""
    kwargs = {"level_slug": area.level.slug, "code": area.code}
    if area.valid_from is None:
        return reverse("atlas:profile", kwargs=kwargs)
    return reverse("atlas:profile_since", kwargs={**kwargs, "since": area.valid_from.isoformat()})


def visible_indicators(user) -> list[Indicator]:
    return list(Indicator.objects.visible_to(user).select_related("numerator", "denominator"))


def stored_values(area: Area, indicators: list[Indicator]) -> Stored:
    """Every stored value and flag of the area for the indicators and what they are computed from,
    in one query."""
    ids = {source.pk for indicator in indicators for source in source_indicators(indicator)}
    rows: Stored = defaultdict(dict)
    for indicator_id, day, value, flag in IndicatorValue.objects.filter(
        area=area, indicator_id__in=ids
    ).values_list("indicator_id", "date", "value", "flag"):
        rows[indicator_id][day] = (value, flag)
    return rows


def own_figure(indicator: Indicator, rows: Stored, day: datetime.date) -> Shown | None:
    """The area's own figure that day from its stored values; None if it has none."""
    if not indicator.is_derived:
        if day not in rows.get(indicator.pk, {}):
            return None
        value, flag = rows[indicator.pk][day]
        return stored_figure(indicator, value, flag)
    tops, bottoms = (
        rows.get(indicator.numerator_id or 0, {}),
        rows.get(indicator.denominator_id or 0, {}),
    )
    if day not in tops or day not in bottoms:
        return None
    top, bottom = tops[day][0], bottoms[day][0]
    if top is None or bottom is None:
        return None, Status.MISSING
    value = top / bottom * indicator.factor if bottom > 0 else None
    return derived_figure(Figure(value=value, numerator=top, denominator=bottom, parts=1))


def days_of(indicator: Indicator, rows: Stored) -> list[datetime.date]:
    """The days the area has a stored figure or symbol for (for a derived rate: both counts)."""
    if not indicator.is_derived:
        return sorted(rows.get(indicator.pk, {}))
    return sorted(
        set(rows.get(indicator.numerator_id or 0, {}))
        & set(rows.get(indicator.denominator_id or 0, {}))
    )


def series(indicator: Indicator, rows: Stored) -> list[Point]:
    points = []
    for day in days_of(indicator, rows):
        figure = own_figure(indicator, rows, day)
        assert figure is not None
        points.append(Point(day, *figure))
    return points


def rank_on(
    indicator: Indicator, area: Area, point: Point, small: small_areas.SmallAreas | None = None
) -> tuple[int | None, int]:
    """(rank, number of ranked areas) of the area among its level's areas that day, counted as
    the map counts: suppressed figures take no part, equal values share a rank."""
    figures = level_figures(indicator=indicator, level=area.level, date=point.date, small=small)
    values = [value for value, status in figures.values() if status == Status.SHOWN]
    if point.value is None:
        return None, len(values)
    mine = point.value
    return 1 + sum(1 for value in values if value is not None and value > mine), len(values)


def comparison(indicator: Indicator, area: Area, rows: Stored, day: datetime.date) -> Point:
    """A larger area's figure that day: its stored one, else — for counts and derived rates only —
    summed up from the areas inside it when none of them lacks a number. A figure suppressed at
    the source is never recomputed from the parts."""
    own = own_figure(indicator, rows, day)
    if own is not None:
        return Point(day, *own)
    figure: Figure | None = None
    if indicator.is_derived:
        figure = rate_by_area(indicator=indicator, level=area.level, date=day).get(area.pk)
    elif indicator.kind == Kind.COUNT:
        figure = count_by_area(indicator=indicator, level=area.level, date=day).get(area.pk)
    if figure is None or figure.value is None or not figure.complete:
        return Point(day, None, Status.MISSING)
    if indicator.is_derived:
        value, status = derived_figure(figure)
    else:
        value, status = stored_figure(indicator, figure.value, "")
    return Point(day, value, status, computed=True)


def comparison_areas(area: Area) -> tuple[Area | None, Area | None]:
    """The parent area and the city (the largest area above); the city only when it is not
    the parent itself."""
    chain = area.ancestors()
    if not chain:
        return None, None
    parent = chain[-1]
    return parent, chain[0] if len(chain) > 1 else None


def area_profile(area: Area, user, *, with_context: bool = True) -> Profile:
    """The area's profile for the user: only indicators they may see, only those with a stored
    figure or symbol for the area. Without context: no rank and no comparisons (the compare
    page)."""
    indicators = visible_indicators(user)
    rows = stored_values(area, indicators)
    parent, city = comparison_areas(area) if with_context else (None, None)
    parent_rows = stored_values(parent, indicators) if parent else {}
    city_rows = stored_values(city, indicators) if city else {}
    small = small_areas.SmallAreas()
    profile = Profile(area, parent, city)
    for indicator in indicators:
        points = [hidden(small, indicator, area, point) for point in series(indicator, rows)]
        if not points:
            continue
        entry = Entry(indicator, points)
        if with_context:
            day = entry.latest.date
            entry.rank, entry.ranked = rank_on(indicator, area, entry.latest, small)
            for other, other_rows, attribute in (
                (parent, parent_rows, "parent"),
                (city, city_rows, "city"),
            ):
                if other is not None:
                    figure = comparison(indicator, other, other_rows, day)
                    point = hidden(small, indicator, other, figure)
                    setattr(entry, attribute, Comparison(other, point))
        profile.entries.append(entry)
    return profile


def hidden(small: small_areas.SmallAreas, indicator: Indicator, area: Area, point: Point) -> Point:
    """The point, or „.“ when the area has too few inhabitants that day (small_areas.py)."""
    if point.status != Status.SHOWN or not small.applies_to(indicator):
        return point
    if not small.is_small(area, point.date):
        return point
    return Point(point.date, None, Status.SMALL_AREA, computed=point.computed)
