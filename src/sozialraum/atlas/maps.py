"""One map of the Sozialatlas: an indicator's figures for every area of a level on one day,
suppressed where groups are small, classified and ranked; the same rows feed the map, the table
and the downloads, so they can never disagree.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from sozialraum.areas.models import Area, AreaLevel

from . import small_areas
from .aggregation import Figure, rate_by_area
from .classify import Classification, ClassInterval, classify
from .models import Flag, Indicator, IndicatorValue, Kind


class Status:
    """Why a row has no number to show; the symbols of official statistics."""

    SHOWN = ""
    SMALL = "small"  # suppressed here: rests on fewer cases than the threshold
    SMALL_AREA = "small-area"  # suppressed here: the area has too few inhabitants
    SUPPRESSED = "suppressed"  # suppressed at the source (".")
    NOT_APPLICABLE = "not-applicable"  # "x"
    MISSING = "missing"  # no figure for this area


SYMBOLS = {
    Status.SMALL: ".",
    Status.SMALL_AREA: ".",
    Status.SUPPRESSED: ".",
    Status.NOT_APPLICABLE: "x",
    Status.MISSING: "…",
}
EXPLANATIONS = {
    Status.SMALL: _("geheim gehalten: weniger als %(threshold)d Fälle"),
    Status.SMALL_AREA: _("geheim gehalten: weniger als %(minimum)d Menschen leben im Gebiet"),
    Status.SUPPRESSED: _("geheim gehalten oder unbekannt"),
    Status.NOT_APPLICABLE: _("Aussage nicht sinnvoll"),
    Status.MISSING: _("keine Angabe"),
}


def suppression_threshold() -> int:
    return int(getattr(settings, "ATLAS_SUPPRESSION_THRESHOLD", 3))


def explanation(status: str) -> str:
    if status == Status.SMALL:
        return str(EXPLANATIONS[status]) % {"threshold": suppression_threshold()}
    if status == Status.SMALL_AREA:
        return str(EXPLANATIONS[status]) % {"minimum": small_areas.minimum_population()}
    return str(EXPLANATIONS.get(status, ""))


Shown = tuple[float | None, str]  # a value (None unless shown) and its Status


@dataclass
class Row:
    area: Area
    value: float | None  # None whenever status is not SHOWN
    status: str = Status.SHOWN
    interval: ClassInterval | None = None
    rank: int | None = None  # 1 = highest value; equal values share a rank

    @property
    def symbol(self) -> str:
        return SYMBOLS.get(self.status, "")

    @property
    def explanation(self) -> str:
        return explanation(self.status)


@dataclass
class MapData:
    indicator: Indicator
    level: AreaLevel
    date: datetime.date
    rows: list[Row]
    classification: Classification
    statuses: list[str] = field(default_factory=list)  # the statuses that occur, for the key

    @property
    def shown(self) -> int:
        return sum(1 for row in self.rows if row.status == Status.SHOWN)


def source_indicators(indicator: Indicator) -> list[Indicator]:
    """The indicators whose stored values a map of `indicator` reads."""
    if indicator.is_derived:
        assert indicator.numerator is not None and indicator.denominator is not None
        return [indicator.numerator, indicator.denominator]
    return [indicator]


def available(indicator: Indicator) -> dict[int, list[datetime.date]]:
    """Level id -> days (newest first) for which the indicator has figures at that level."""
    found: dict[int, set[datetime.date]] | None = None
    for source in source_indicators(indicator):
        pairs: dict[int, set[datetime.date]] = defaultdict(set)
        for level_id, day in (
            IndicatorValue.objects.filter(indicator=source)
            .values_list("area__level", "date")
            .distinct()
        ):
            pairs[level_id].add(day)
        if found is None:
            found = pairs
        else:
            found = {
                level: found[level] & pairs[level]
                for level in found
                if level in pairs and found[level] & pairs[level]
            }
    return {level: sorted(days, reverse=True) for level, days in (found or {}).items()}


def stored_figure(indicator: Indicator, value: float | None, flag: str | None) -> Shown:
    """What a stored value may show: the number, or why not (a count below the threshold)."""
    if flag == Flag.SUPPRESSED:
        return None, Status.SUPPRESSED
    if flag == Flag.NOT_APPLICABLE:
        return None, Status.NOT_APPLICABLE
    if value is None:
        return None, Status.MISSING
    if indicator.kind == Kind.COUNT and value < suppression_threshold():
        return None, Status.SMALL
    return value, Status.SHOWN


def derived_figure(figure: Figure | None) -> Shown:
    """What a derived rate may show: none when its numerator rests on too few cases."""
    if figure is None or figure.value is None:
        return None, Status.MISSING
    if figure.numerator is not None and figure.numerator < suppression_threshold():
        return None, Status.SMALL
    return figure.value, Status.SHOWN


def level_figures(
    *,
    indicator: Indicator,
    level: AreaLevel,
    date: datetime.date,
    small: small_areas.SmallAreas | None = None,
) -> dict[int, Shown]:
    """Area id -> (value, status) for the areas of the level with a figure or symbol that day,
    suppressed as every public output is. Areas not in the result have no figure."""
    if indicator.is_derived:
        figures = rate_by_area(indicator=indicator, level=level, date=date, from_level=level)
        shown = {area_id: derived_figure(figure) for area_id, figure in figures.items()}
    else:
        shown = {
            area_id: stored_figure(indicator, value, flag)
            for area_id, value, flag in IndicatorValue.objects.filter(
                indicator=indicator, date=date, area__level=level
            ).values_list("area_id", "value", "flag")
        }
    small = small or small_areas.SmallAreas()  # a page with many figures passes its own
    if small.applies_to(indicator):
        for area_id in small.small_area_ids(level, date) & shown.keys():
            if shown[area_id][1] == Status.SHOWN:
                shown[area_id] = (None, Status.SMALL_AREA)
    return shown


def map_data(
    *,
    indicator: Indicator,
    level: AreaLevel,
    date: datetime.date,
    method: str,
    k: int,
    breaks: list[float] | None = None,
) -> MapData:
    """Every area of the level valid on the day, with its figure, class and rank."""
    areas = list(
        Area.objects.in_level(level)
        .valid_on(date)
        .defer("geometry")
        .select_related("parent")
        .defer("parent__geometry")
        .order_by("code")
    )
    figures = level_figures(indicator=indicator, level=level, date=date)
    rows = [Row(area, *figures.get(area.pk, (None, Status.MISSING))) for area in areas]

    classification = classify(
        [row.value for row in rows],
        method=method,
        k=k,
        breaks=breaks or (),
        interpretation=indicator.interpretation,
    )
    for position, row in enumerate(rows):
        row.interval = classification.interval_of(position)
    ranked = sorted((row.value for row in rows if row.value is not None), reverse=True)
    first_rank: dict[float, int] = {}
    for index, value in enumerate(ranked):
        first_rank.setdefault(value, index + 1)
    for row in rows:
        row.rank = first_rank.get(row.value) if row.value is not None else None
    statuses = [
        status
        for status in (
            Status.SMALL,
            Status.SMALL_AREA,
            Status.SUPPRESSED,
            Status.NOT_APPLICABLE,
            Status.MISSING,
        )
        if any(row.status == status for row in rows)
    ]
    return MapData(indicator, level, date, rows, classification, statuses)
