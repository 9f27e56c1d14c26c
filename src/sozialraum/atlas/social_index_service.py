# ruff: noqa: RUF001, RUF002  (German text and docstrings use the multiplication sign)
"""Computing a configured social index from stored values and storing its results.

`social_index_compute` reads the values of the index's indicators for one day and one area
level, computes the index with `social_index.compute` and stores the results as values of five
result indicators, so maps, tables and area profiles show them like any other figure:

| key | value |
| --- | --- |
| `<key>-status` | status index (z-value of the summed z-values) |
| `<key>-status-klasse` | status class, 1 (e.g. hoch) … 4 (sehr niedrig) |
| `<key>-dynamik` | dynamics index |
| `<key>-dynamik-klasse` | dynamics class, 1 (positiv) … 3 (negativ) |
| `<key>-matrix` | status class × 10 + dynamics class, e.g. 23 = Status mittel, Dynamik negativ |

It lives beside services.py (the imports) only because that module is long enough.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sozialraum.areas.models import Area, AreaLevel

from . import social_index
from .aggregation import rate_by_area
from .models import (
    Indicator,
    IndicatorValue,
    Interpretation,
    Kind,
    SocialIndex,
    SocialIndexComponent,
    Topic,
)
from .social_index import Component, Method, SocialIndexError

__all__ = ["SocialIndexError", "SocialIndexReport", "social_index_compute"]


@dataclass
class SocialIndexReport:
    index: SocialIndex
    level: AreaLevel
    date: datetime.date
    areas: int = 0  # areas of the level valid on the day
    status: Counter[str] = field(default_factory=Counter)  # class label -> areas
    dynamics: Counter[str] = field(default_factory=Counter)
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    left_out: list[Indicator] = field(default_factory=list)  # optional, without values that day

    def summary(self) -> str:
        classes = ", ".join(
            f"{label} {self.status[label]}"
            for label in self.index.status_labels
            if label in self.status
        )
        text = _(
            "%(index)s, Ebene „%(level)s“, %(date)s: %(taking_part)d von %(areas)d Gebieten "
            "mit Index (%(classes)s); Ergebniswerte: %(created)d neu, %(changed)d geändert, "
            "%(unchanged)d unverändert."
        ) % {
            "index": self.index,
            "level": self.level,
            "date": date_format(self.date),
            "taking_part": self.status.total(),
            "areas": self.areas,
            "classes": classes,
            "created": self.created,
            "changed": self.changed,
            "unchanged": self.unchanged,
        }
        if self.left_out:
            text += " " + _("Ohne %(indicators)s (an diesem Tag keine Werte).") % {
                "indicators": ", ".join(f"„{indicator}“" for indicator in self.left_out)
            }
        return text


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` earlier (28 February for a 29 February without one)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def social_index_compute(
    *, index: SocialIndex, date: datetime.date, level: AreaLevel
) -> SocialIndexReport:
    """Compute `index` for the areas of `level` on `date` and store the results.

    Running it again replaces the day's results for the level (nothing else), so it is safe to
    repeat after values changed. Raises SocialIndexError with a message for the planner when
    an indicator has no values on the day or no spread.
    """
    with transaction.atomic():
        components = list(index.components.select_related("indicator", "change"))
        if not components:
            raise SocialIndexError(
                _("Der Index „%(index)s“ hat noch keine Indikatoren.") % {"index": index}
            )
        area_ids = list(
            Area.objects.in_level(level).valid_on(date).order_by("pk").values_list("pk", flat=True)
        )
        positions = {pk: position for position, pk in enumerate(area_ids)}
        values, method, left_out = _inputs(index, components, positions, level, date)
        population = (
            _values(index.population, positions, level, date, required=True)
            if index.population
            else None
        )
        try:
            result = social_index.compute(method, values, population)
        except SocialIndexError as error:
            raise SocialIndexError(
                _("Der Index „%(index)s“ lässt sich für den %(date)s nicht berechnen: %(reason)s")
                % {"index": index, "date": date_format(date), "reason": error}
            ) from error
        report = SocialIndexReport(
            index=index, level=level, date=date, areas=len(area_ids), left_out=left_out
        )
        report.created, report.changed, report.unchanged = _store(index, result, area_ids, date)
        labels = method.status_labels
        report.status.update(labels[c - 1] for c in result.status.classes if c)
        if result.dynamics is not None:
            labels = method.dynamics_labels
            report.dynamics.update(labels[c - 1] for c in result.dynamics.classes if c)
    return report


def _inputs(
    index: SocialIndex,
    components: list[SocialIndexComponent],
    positions: dict[int, int],
    level: AreaLevel,
    date: datetime.date,
) -> tuple[dict[str, np.ndarray], Method, list[Indicator]]:
    """The values of the components by key and the method; optional ones without values left out."""
    values: dict[str, np.ndarray] = {}
    left_out: list[Indicator] = []
    status, dynamics = [], []
    for component in components:
        indicator = component.indicator
        if component.optional and not _has_values(indicator, level, date):
            left_out.append(indicator)
            continue
        values[indicator.key] = _values(indicator, positions, level, date, required=True)
        status.append(Component(indicator.key, component.direction))
        if not index.dynamics_years:
            continue
        if component.change is not None:
            key = component.change.key
            values[key] = _values(component.change, positions, level, date, required=True)
        else:
            key = f"{indicator.key} (Veränderung)"
            earlier = years_before(date, index.dynamics_years)
            values[key] = values[indicator.key] - _values(
                indicator, positions, level, earlier, required=True
            )
        dynamics.append(Component(key, component.direction))
    if not status:
        raise SocialIndexError(
            _("Keiner der Indikatoren des Index „%(index)s“ hat am %(date)s Werte.")
            % {"index": index, "date": date_format(date)}
        )
    method = Method(
        status=status,
        dynamics=dynamics,
        minimum_population=index.minimum_population,
        all_zero_is_missing=index.all_zero_is_missing,
        status_thresholds=[float(limit) for limit in index.status_thresholds],
        status_labels=[str(label) for label in index.status_labels],
        dynamics_thresholds=[float(limit) for limit in index.dynamics_thresholds],
        dynamics_labels=[str(label) for label in index.dynamics_labels],
        dynamics_symbols=_symbols(len(index.dynamics_labels)),
    )
    return values, method, left_out


def _has_values(indicator: Indicator, level: AreaLevel, date: datetime.date) -> bool:
    if indicator.is_derived:
        return any(
            figure.value is not None
            for figure in rate_by_area(indicator=indicator, level=level, date=date).values()
        )
    return IndicatorValue.objects.filter(
        indicator=indicator, date=date, area__level=level, value__isnull=False
    ).exists()


def _symbols(count: int) -> list[str]:
    return ["+", "+/-", "-"] if count == 3 else [str(number) for number in range(1, count + 1)]


def _values(
    indicator: Indicator,
    positions: dict[int, int],
    level: AreaLevel,
    date: datetime.date,
    *,
    required: bool = False,
) -> np.ndarray:
    """The indicator's value for each area (NaN: none); a derived rate is computed."""
    column = np.full(len(positions), np.nan)
    if indicator.is_derived:
        pairs = [
            (area_id, figure.value)
            for area_id, figure in rate_by_area(indicator=indicator, level=level, date=date).items()
        ]
    else:
        pairs = list(
            IndicatorValue.objects.filter(
                indicator=indicator, date=date, area__level=level, value__isnull=False
            ).values_list("area_id", "value")
        )
    for area_id, value in pairs:
        if area_id in positions and value is not None:
            column[positions[area_id]] = value
    if required and not np.isfinite(column).any():
        raise SocialIndexError(
            _("„%(indicator)s“ hat am %(date)s keine Werte auf der Ebene „%(level)s“.")
            % {"indicator": indicator, "date": date_format(date), "level": level}
        )
    return column


def result_indicators(index: SocialIndex) -> dict[str, Indicator]:
    """The index's result indicators by suffix, created or brought up to date."""
    with translation.override(settings.LANGUAGE_CODE):  # names and definitions in German
        return _result_indicators(index)


def _result_indicators(index: SocialIndex) -> dict[str, Indicator]:
    restricted = index.components.filter(indicator__restricted=True).exists()
    status = ", ".join(
        f"{number} = {label}" for number, label in enumerate(index.status_labels, start=1)
    )
    dynamics = ", ".join(
        f"{number} = {label}" for number, label in enumerate(index.dynamics_labels, start=1)
    )
    names = ", ".join(f"„{c.indicator}“" for c in index.components.select_related("indicator"))
    specs = {
        "status": (
            _("%(index)s: Statusindex"),
            _(
                "Fasst %(indicators)s zusammen. Für jeden dieser Werte wird gemessen, wie weit "
                "das Gebiet vom Durchschnitt aller Gebiete mit mindestens %(minimum)d "
                "Einwohnerinnen und Einwohnern entfernt ist, in Standardabweichungen "
                "(z-Wert). Die Abstände werden addiert und die Summe noch einmal so gemessen: "
                "0 ist der Durchschnitt, über 0 ungünstiger, unter 0 günstiger."
            )
            % {"indicators": names, "minimum": index.minimum_population},
            "z-Wert",
            2,
            Interpretation.HIGHER_IS_WORSE,
        ),
        "status-klasse": (
            _("%(index)s: Statusklasse"),
            _("Klasse des Statusindex: %(classes)s.") % {"classes": status},
            _("Klasse"),
            0,
            Interpretation.HIGHER_IS_WORSE,
        ),
        "dynamik": (
            _("%(index)s: Dynamikindex"),
            _(
                "Summe der z-Werte der Veränderungen über %(years)d Jahre, erneut "
                "z-standardisiert; höher ist eine ungünstigere Entwicklung."
            )
            % {"years": index.dynamics_years},
            "z-Wert",
            2,
            Interpretation.HIGHER_IS_WORSE,
        ),
        "dynamik-klasse": (
            _("%(index)s: Dynamikklasse"),
            _("Klasse des Dynamikindex: %(classes)s.") % {"classes": dynamics},
            _("Klasse"),
            0,
            Interpretation.HIGHER_IS_WORSE,
        ),
        "matrix": (
            _("%(index)s: Status und Dynamik"),
            _(
                "Statusklasse × 10 + Dynamikklasse, z. B. 23 = Status %(status)s, "
                "Dynamik %(dynamics)s."
            )
            % {
                "status": index.status_labels[1] if len(index.status_labels) > 1 else "2",
                "dynamics": index.dynamics_labels[2] if len(index.dynamics_labels) > 2 else "3",
            },
            _("Klasse"),
            0,
            Interpretation.NEUTRAL,
        ),
    }
    if not index.dynamics_years:
        specs = {"status": specs["status"], "status-klasse": specs["status-klasse"]}
    indicators = {}
    for suffix, (name, definition, unit, precision, interpretation) in specs.items():
        indicators[suffix], _created = Indicator.objects.update_or_create(
            key=f"{index.key}-{suffix}",
            defaults={
                "name": name % {"index": index.name},
                "definition": definition,
                "unit": unit,
                "precision": precision,
                "interpretation": interpretation,
                "topic": Topic.SOCIAL_INDEX,
                "kind": Kind.VALUE,
                "restricted": restricted,
            },
        )
    return indicators


def _store(
    index: SocialIndex, result: social_index.Result, area_ids: list[int], date: datetime.date
) -> tuple[int, int, int]:
    """Write the results that changed; returns how many values are new, changed, unchanged.

    Values of areas that no longer take part are deleted; unchanged ones are left alone.
    """
    indicators = result_indicators(index)
    status = result.status
    columns: list[tuple[str, np.ndarray, np.ndarray]] = [("status", status.index, status.included)]
    columns.append(("status-klasse", status.classes, status.included))
    if result.dynamics is not None:
        dynamics = result.dynamics
        columns.append(("dynamik", dynamics.index, dynamics.included))
        columns.append(("dynamik-klasse", dynamics.classes, dynamics.included))
        columns.append(("matrix", result.matrix, result.matrix != social_index.NO_CLASS))
    computed = {
        (indicators[suffix].pk, area_id): value
        for suffix, column, taking_part in columns
        for area_id, value, included in zip(
            area_ids, column.astype(np.float64).tolist(), taking_part.tolist(), strict=True
        )
        if included
    }
    stored = {
        (indicator_id, area_id): (pk, value)
        for pk, indicator_id, area_id, value in IndicatorValue.objects.filter(
            indicator__in=indicators.values(), date=date, area_id__in=area_ids
        ).values_list("pk", "indicator_id", "area_id", "value")
    }
    stale = [pk for key, (pk, _value) in stored.items() if key not in computed]
    IndicatorValue.objects.filter(pk__in=stale).delete()
    new = [
        IndicatorValue(indicator_id=indicator_id, area_id=area_id, date=date, value=value)
        for (indicator_id, area_id), value in computed.items()
        if (indicator_id, area_id) not in stored
    ]
    IndicatorValue.objects.bulk_create(new, batch_size=2000)
    changed = [
        IndicatorValue(pk=stored[key][0], value=value, flag="")
        for key, value in computed.items()
        if key in stored and stored[key][1] != value
    ]
    IndicatorValue.objects.bulk_update(changed, ["value", "flag"], batch_size=500)
    return len(new), len(changed), len(computed) - len(new) - len(changed)
