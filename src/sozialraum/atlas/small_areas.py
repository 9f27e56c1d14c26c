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
from functools import cached_property

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


class SmallAreas:
    """The rule for one page: the population indicator, its days and the inhabitants of each
    level or area are looked up once, however many figures the page shows (a profile asks for
    every indicator's ranking)."""

    def __init__(self) -> None:
        self._levels: dict[tuple[int, datetime.date], set[int]] = {}
        self._areas: dict[int, dict[datetime.date, float | None]] = {}

    @cached_property
    def population(self) -> Indicator | None:
        return population_indicator()

    @cached_property
    def days(self) -> list[datetime.date]:
        return _population_days(self.population) if self.population is not None else []

    def applies_to(self, indicator: Indicator) -> bool:
        """Whether the rule hides figures of `indicator` (never the population itself)."""
        return self.population is not None and self.population.pk != indicator.pk

    def small_area_ids(self, level: AreaLevel, day: datetime.date) -> set[int]:
        """The areas of the level with fewer inhabitants than the minimum on (about) that day."""
        population_day = nearest_day(self.days, day)
        if self.population is None or population_day is None:
            return set()
        key = (level.pk, population_day)
        if key not in self._levels:
            stored = dict(
                IndicatorValue.objects.filter(
                    indicator=self.population,
                    date=population_day,
                    area__level=level,
                    value__isnull=False,
                ).values_list("area_id", "value")
            )
            inhabitants = stored or {
                area_id: figure.value
                for area_id, figure in count_by_area(
                    indicator=self.population, level=level, date=population_day
                ).items()
            }
            self._levels[key] = {
                area_id for area_id, value in inhabitants.items() if _below_minimum(value)
            }
        return self._levels[key]

    def is_small(self, area: Area, day: datetime.date) -> bool:
        """Whether the area has fewer inhabitants than the minimum on (about) that day."""
        population_day = nearest_day(self.days, day)
        if self.population is None or population_day is None:
            return False
        if area.pk not in self._areas:
            self._areas[area.pk] = dict(
                IndicatorValue.objects.filter(
                    indicator=self.population, area=area, value__isnull=False
                ).values_list("date", "value")
            )
        inhabitants = self._areas[area.pk]
        if population_day not in inhabitants:
            figure = count_by_area(
                indicator=self.population, level=area.level, date=population_day
            ).get(area.pk)
            inhabitants[population_day] = figure.value if figure else None
        return _below_minimum(inhabitants[population_day])


def _below_minimum(inhabitants: float | None) -> bool:
    return inhabitants is not None and inhabitants < minimum_population()
