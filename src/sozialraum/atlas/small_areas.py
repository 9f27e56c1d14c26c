"""Areas too small to show: every figure of an area with fewer inhabitants than
`ATLAS_MINIMUM_POPULATION` is suppressed in public output, because in a small area even a
rate or an average can tell something about one household.

The inhabitants are the values of the indicator `ATLAS_POPULATION_INDICATOR` (a count) on the
population day nearest to the figure's day: the latest on or before it, else the earliest after
it (population is often counted at other days than the social figures). Where a level has no
stored population figures that day, each area takes the sum of the areas inside it. An area
whose population is unknown is not suppressed by this rule (the count threshold still applies).

The population indicator itself stays visible: how many people live in an area says nothing
about any of them, and it explains why the other figures are hidden.
"""

import bisect
import datetime
from collections.abc import Iterable

from django.conf import settings

from sozialraum.areas.models import Area, AreaLevel

from .aggregation import count_by_area
from .models import Indicator, IndicatorValue, Kind


def minimum_population() -> int:
    return int(getattr(settings, "ATLAS_MINIMUM_POPULATION", 0))


def population_indicator() -> Indicator | None:
    """The count of inhabitants the rule rests on; None when the rule is off or it is missing."""
    key = getattr(settings, "ATLAS_POPULATION_INDICATOR", "")
    if minimum_population() <= 0 or not key:
        return None
    return Indicator.objects.filter(key=key, kind=Kind.COUNT).first()


def applies_to(indicator: Indicator) -> Indicator | None:
    """The population indicator when the rule applies to `indicator`'s figures, else None."""
    population = population_indicator()
    if population is None or population.pk == indicator.pk:
        return None
    return population


def _population_days(population: Indicator) -> list[datetime.date]:
    return sorted(
        IndicatorValue.objects.filter(indicator=population, value__isnull=False)
        .values_list("date", flat=True)
        .distinct()
    )


def nearest_day(days: list[datetime.date], day: datetime.date) -> datetime.date | None:
    """The latest of the sorted `days` on or before `day`, else the earliest after it."""
    if not days:
        return None
    position = bisect.bisect_right(days, day)
    return days[position - 1] if position else days[0]


def small_area_ids(population: Indicator, level: AreaLevel, day: datetime.date) -> set[int]:
    """The areas of the level with fewer inhabitants than the minimum on (about) that day."""
    population_day = nearest_day(_population_days(population), day)
    if population_day is None:
        return set()
    stored = dict(
        IndicatorValue.objects.filter(
            indicator=population, date=population_day, area__level=level, value__isnull=False
        ).values_list("area_id", "value")
    )
    inhabitants = stored or {
        area_id: figure.value
        for area_id, figure in count_by_area(
            indicator=population, level=level, date=population_day
        ).items()
    }
    minimum = minimum_population()
    return {
        area_id for area_id, value in inhabitants.items() if value is not None and value < minimum
    }


def small_days(
    population: Indicator, area: Area, days: Iterable[datetime.date]
) -> set[datetime.date]:
    """Those of `days` on which the area has fewer inhabitants than the minimum."""
    population_days = _population_days(population)
    stored = dict(
        IndicatorValue.objects.filter(
            indicator=population, area=area, value__isnull=False
        ).values_list("date", "value")
    )
    minimum = minimum_population()
    inhabitants: dict[datetime.date, float | None] = {}
    found = set()
    for day in days:
        population_day = nearest_day(population_days, day)
        if population_day is None:
            continue
        if population_day not in inhabitants:
            if population_day in stored:
                inhabitants[population_day] = stored[population_day]
            else:
                figure = count_by_area(
                    indicator=population, level=area.level, date=population_day
                ).get(area.pk)
                inhabitants[population_day] = figure.value if figure else None
        value = inhabitants[population_day]
        if value is not None and value < minimum:
            found.add(day)
    return found
