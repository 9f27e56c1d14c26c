import datetime

import factory

from sozialraum.atlas.models import (
    Flag,
    Indicator,
    IndicatorValue,
    Interpretation,
    Kind,
    Topic,
)
from tests.areas.factories import AreaFactory, square


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ["key"]

    key = factory.Sequence(lambda n: f"indikator-{n + 1}")
    name = factory.Sequence(lambda n: f"Indikator {n + 1}")
    kind = Kind.COUNT
    unit = "Personen"


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    value = 1.0


MAP_DAY = datetime.date(2019, 12, 31)
MAP_EARLIER = datetime.date(2017, 12, 31)


def create_map_figures(areas: dict) -> list:
    """For the map: six planning areas (create_sample_areas()' two and four more), inhabitants
    and unemployed (counts) and their derived rate on two days, and a restricted z-value.

    Großer Tiergarten has 2 unemployed (below the threshold of 3); Zentrum's count is
    suppressed at the source."""
    level = areas["stuelerstrasse"].level
    more = [
        AreaFactory(
            level=level,
            code=f"0101110{n}",
            name=name,
            parent=areas["region"],
            geometry=square(13.33 + 0.02 * (n - 3), 52.52),
            valid_until=datetime.date(2020, 12, 31),
        )
        for n, name in [(3, "Alexanderplatz"), (4, "Ärztehaus"), (5, "Zentrum"), (6, "Beusselkiez")]
    ]
    planning_areas = [areas["stuelerstrasse"], areas["tiergarten"], *more]
    inhabitants = IndicatorFactory(
        key="einwohner", name="Einwohnerinnen und Einwohner", topic=Topic.POPULATION, precision=0
    )
    unemployed = IndicatorFactory(
        key="arbeitslose",
        name="Arbeitslose",
        topic=Topic.WORK,
        interpretation=Interpretation.HIGHER_IS_WORSE,
        precision=0,
    )
    IndicatorFactory(
        key="arbeitslose-anteil",
        name="Arbeitslosenanteil",
        kind=Kind.RATE,
        unit="%",
        numerator=unemployed,
        denominator=inhabitants,
        topic=Topic.WORK,
        interpretation=Interpretation.HIGHER_IS_WORSE,
        source="Amt für Statistik (CC BY 3.0 DE)",
    )
    restricted = IndicatorFactory(
        key="z-s1", name="Arbeitslosigkeit: z-Wert", kind=Kind.VALUE, restricted=True
    )
    people = [1000, 2000, 500, 800, 300, 4000]
    jobless = [100, 2, 150, 40, None, 600]  # 2: below the threshold; None: suppressed at source
    for area, count, out in zip(planning_areas, people, jobless, strict=True):
        for day in (MAP_DAY, MAP_EARLIER):
            IndicatorValueFactory(indicator=inhabitants, area=area, date=day, value=count)
            if out is None:
                IndicatorValueFactory(
                    indicator=unemployed, area=area, date=day, value=None, flag=Flag.SUPPRESSED
                )
            else:
                IndicatorValueFactory(indicator=unemployed, area=area, date=day, value=out)
        IndicatorValueFactory(indicator=restricted, area=area, date=MAP_DAY, value=1.5)
    return planning_areas
