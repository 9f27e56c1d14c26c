"""Figures for larger areas, computed from the areas inside them.

Counts add up: the number of unemployed people in a district is the sum over its planning areas.
Rates do not: the share of unemployed people in a district is the sum of the unemployed divided
by the sum of the people they are counted against, never the average of the planning areas'
shares (a small area would weigh as much as a large one). So a rate is computed from its
numerator and denominator counts, and both stay in the result for the later suppression of small
numbers.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from sozialraum.areas.models import Area, AreaLevel

from .models import Indicator, IndicatorValue, Kind


class AggregationError(Exception):
    """The indicator cannot be computed this way; the message says why."""


@dataclass(frozen=True)
class Figure:
    """One area's figure: the value, and what it rests on."""

    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    parts: int = 0  # areas of the finer level that contributed
    missing: int = 0  # areas of the finer level inside this one without a number

    @property
    def complete(self) -> bool:
        return self.missing == 0


def count_by_area(
    *,
    indicator: Indicator,
    level: AreaLevel,
    date: datetime.date,
    from_level: AreaLevel | None = None,
) -> dict[int, Figure]:
    """A count indicator for every area of `level` on `date`: the sum over the areas inside it.

    The parts are the values of `from_level`, by default the finest level that has values of
    the indicator on that day. A sum with missing parts is a lower bound: see `Figure.missing`.
    """
    if indicator.kind != Kind.COUNT:
        raise AggregationError(
            _("„%(indicator)s“ ist keine Anzahl; nur Anzahlen lassen sich addieren.")
            % {"indicator": indicator}
        )
    source = from_level or _finest_level_with_values([indicator], level, date)
    if source is None:
        return {}
    sums, parts, missing = _sum_up([indicator], level=level, from_level=source, date=date)
    return {
        area_id: Figure(
            value=sums[area_id][0] if parts[area_id] else None,
            parts=parts[area_id],
            missing=missing[area_id],
        )
        for area_id in _area_ids(level, date)
    }


def rate_by_area(
    *,
    indicator: Indicator,
    level: AreaLevel,
    date: datetime.date,
    from_level: AreaLevel | None = None,
) -> dict[int, Figure]:
    """A derived rate for every area of `level`: sum(numerator) / sum(denominator) * factor.

    Only the finer areas that have both counts contribute, so numerator and denominator always
    describe the same people. Without a denominator above zero the value is None.
    """
    if not indicator.is_derived:
        raise AggregationError(
            _(
                "„%(indicator)s“ hat keinen Zähler und Nenner; ein Anteil lässt sich nur aus "
                "zwei Anzahlen berechnen, nicht aus Anteilen."
            )
            % {"indicator": indicator}
        )
    numerator, denominator = indicator.numerator, indicator.denominator
    assert numerator is not None and denominator is not None
    source = from_level or _finest_level_with_values([numerator, denominator], level, date)
    if source is None:
        return {}
    sums, parts, missing = _sum_up(
        [numerator, denominator], level=level, from_level=source, date=date
    )
    figures = {}
    for area_id in _area_ids(level, date):
        top, bottom = sums[area_id]
        value = top / bottom * indicator.factor if parts[area_id] and bottom > 0 else None
        figures[area_id] = Figure(
            value=value,
            numerator=top if parts[area_id] else None,
            denominator=bottom if parts[area_id] else None,
            parts=parts[area_id],
            missing=missing[area_id],
        )
    return figures


def _area_ids(level: AreaLevel, date: datetime.date) -> list[int]:
    return list(Area.objects.in_level(level).valid_on(date).values_list("pk", flat=True))


def _finest_level_with_values(
    indicators: list[Indicator], level: AreaLevel, date: datetime.date
) -> AreaLevel | None:
    """The finest level at or below `level` (by rank) where all the indicators have values."""
    levels: set[int] | None = None
    for indicator in indicators:
        found = set(
            IndicatorValue.objects.filter(indicator=indicator, date=date)
            .values_list("area__level", flat=True)
            .distinct()
        )
        levels = found if levels is None else levels & found
    return (
        AreaLevel.objects.filter(pk__in=levels or [], rank__gte=level.rank)
        .order_by("-rank")
        .first()
    )


def _sum_up(
    indicators: list[Indicator],
    *,
    level: AreaLevel,
    from_level: AreaLevel,
    date: datetime.date,
) -> tuple[dict[int, list[float]], dict[int, int], dict[int, int]]:
    """Per area of `level`: the sums of the indicators over its parts in `from_level`, the number
    of parts that have a number for every indicator, and the number of parts that do not."""
    parent_of = dict(Area.objects.valid_on(date).values_list("pk", "parent_id"))
    targets = set(_area_ids(level, date))

    def target_of(area_id: int) -> int | None:
        seen = 0
        current: int | None = area_id
        while current is not None and current not in targets and seen < 20:
            current = parent_of.get(current)
            seen += 1
        return current if current in targets else None

    numbers: dict[int, dict[int, float | None]] = defaultdict(dict)
    for area_id, indicator_id, value in IndicatorValue.objects.filter(
        indicator__in=indicators, date=date, area__level=from_level
    ).values_list("area_id", "indicator_id", "value"):
        numbers[area_id][indicator_id] = value

    sums: dict[int, list[float]] = defaultdict(lambda: [0.0] * len(indicators))
    parts: dict[int, int] = defaultdict(int)
    missing: dict[int, int] = defaultdict(int)
    for area_id in Area.objects.in_level(from_level).valid_on(date).values_list("pk", flat=True):
        target = target_of(area_id)
        if target is None:
            continue
        found = [numbers[area_id].get(indicator.pk) for indicator in indicators]
        if any(value is None for value in found):
            missing[target] += 1
            continue
        parts[target] += 1
        for index, value in enumerate(found):
            sums[target][index] += value  # type: ignore[operator]  # None excluded above
    return sums, parts, missing
