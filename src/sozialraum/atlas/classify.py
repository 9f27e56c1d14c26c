"""Classes for choropleth maps: the breaks (by mapclassify), a colour per class, legend counts.

A map shows each area in the colour of its class. The methods are mapclassify's; this module
decides what happens at the edges (no values, all values equal, fewer distinct values than
classes, breaks a person typed in) and picks colour-blind-safe palettes whose direction follows
the indicator's interpretation: the unfavourable end is always the dark one.

Palettes: sequential and diverging schemes from ColorBrewer (Cynthia Brewer, Pennsylvania State
University, Apache License 2.0), chosen among those marked colour-blind safe.
"""

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Interpretation

MIN_CLASSES = 2
MAX_CLASSES = 7
DEFAULT_CLASSES = 5
STD_MULTIPLES = (-2.0, -1.0, 1.0, 2.0)  # five classes around the mean


class Method(models.TextChoices):
    """URL value -> label; the URL values are German like the rest of the addresses."""

    QUANTILES = "quantile", _("Quantile (gleich viele Gebiete je Klasse)")
    EQUAL_INTERVALS = "gleiche-abstaende", _("Gleiche Abstände")
    NATURAL_BREAKS = "natuerliche-grenzen", _("Natürliche Grenzen (Jenks)")
    STD_DEV = "standardabweichung", _("Standardabweichungen vom Mittelwert")
    MANUAL = "manuell", _("Eigene Grenzen")


# ColorBrewer, light to dark, per number of classes.
BLUES = {
    2: ["#deebf7", "#3182bd"],
    3: ["#deebf7", "#9ecae1", "#3182bd"],
    4: ["#eff3ff", "#bdd7e7", "#6baed6", "#2171b5"],
    5: ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"],
    6: ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"],
    7: ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#084594"],
}
ORANGE_RED = {
    2: ["#fee8c8", "#e34a33"],
    3: ["#fee8c8", "#fdbb84", "#e34a33"],
    4: ["#fef0d9", "#fdcc8a", "#fc8d59", "#d7301f"],
    5: ["#fef0d9", "#fdcc8a", "#fc8d59", "#e34a33", "#b30000"],
    6: ["#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#e34a33", "#b30000"],
    7: ["#fef0d9", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#990000"],
}
# Diverging, five classes: low side first.
RED_BLUE = ["#ca0020", "#f4a582", "#f7f7f7", "#92c5de", "#0571b0"]
PURPLE_ORANGE = ["#5e3c99", "#b2abd2", "#f7f7f7", "#fdb863", "#e66101"]
NO_DATA_COLOUR = "#ffffff"


@dataclass(frozen=True)
class ClassInterval:
    """One class: values above `lower` (or from it, for the first class) up to `upper`."""

    number: int  # 1-based, as people count
    lower: float | None  # None: no lower end (standard deviations)
    upper: float | None  # None: no upper end
    count: int
    colour: str
    text_colour: str  # black or white, whichever reads better on `colour`
    includes_lower: bool = False


@dataclass(frozen=True)
class Classification:
    method: str
    intervals: list[ClassInterval]
    assignments: list[int | None]  # class index (0-based) of each input value, None if no value
    mean: float | None = None
    std: float | None = None

    @property
    def k(self) -> int:
        return len(self.intervals)

    def interval_of(self, position: int) -> ClassInterval | None:
        index = self.assignments[position]
        return None if index is None else self.intervals[index]


class BreaksError(ValueError):
    """Manual breaks that cannot be used; the message says why."""


def parse_breaks(text: str) -> list[float]:
    """Breaks as a person types them: "5; 10,5; 20" or "5 10.5 20" (German decimal comma)."""
    parts = [part for part in text.replace(";", " ").replace("|", " ").split() if part]
    if len(parts) == 1 and "," in parts[0] and parts[0].count(",") > 1:
        parts = parts[0].split(",")
    numbers = []
    for part in parts:
        try:
            number = float(part.replace("\u2212", "-").replace(",", "."))
        except ValueError:
            raise BreaksError(
                _(
                    "„%(part)s“ ist keine Zahl. Grenzen bitte durch Semikolon trennen, "
                    "z. B. 5; 10,5; 20."
                )
                % {"part": part}
            ) from None
        if not math.isfinite(number):
            raise BreaksError(_("„%(part)s“ ist keine Zahl.") % {"part": part})
        numbers.append(number)
    if not numbers:
        raise BreaksError(_("Bitte mindestens eine Grenze angeben."))
    if len(numbers) > MAX_CLASSES - 1:
        raise BreaksError(
            _("Höchstens %(count)d Grenzen (%(classes)d Klassen).")
            % {"count": MAX_CLASSES - 1, "classes": MAX_CLASSES}
        )
    return sorted(set(numbers))


def text_colour_for(colour: str) -> str:
    """Black or white text on a background colour, whichever has the higher contrast."""
    luminance = relative_luminance(colour)
    on_white = (1.05) / (luminance + 0.05)
    on_black = (luminance + 0.05) / 0.05
    return "#000000" if on_black >= on_white else "#ffffff"


def relative_luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    high, low = sorted([relative_luminance(first), relative_luminance(second)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def palette(k: int, interpretation: str, *, diverging: bool = False) -> list[str]:
    """k colours, lowest class first; the unfavourable end is the dark (or red) one."""
    if diverging:
        if interpretation == Interpretation.HIGHER_IS_WORSE:
            return RED_BLUE[::-1]  # high = red
        if interpretation == Interpretation.HIGHER_IS_BETTER:
            return list(RED_BLUE)  # low = red
        return list(PURPLE_ORANGE)
    k = max(1, min(k, MAX_CLASSES))
    if k == 1:
        return [BLUES[2][1]] if interpretation == Interpretation.NEUTRAL else [ORANGE_RED[2][0]]
    if interpretation == Interpretation.HIGHER_IS_WORSE:
        return list(ORANGE_RED[k])
    if interpretation == Interpretation.HIGHER_IS_BETTER:
        return ORANGE_RED[k][::-1]
    return list(BLUES[k])


def classify(
    values: Sequence[float | None],
    *,
    method: str = Method.QUANTILES,
    k: int = DEFAULT_CLASSES,
    breaks: Sequence[float] = (),
    interpretation: str = Interpretation.NEUTRAL,
) -> Classification:
    """Classify the values (None: no value, e.g. suppressed; not counted, not coloured)."""
    positions = [i for i, value in enumerate(values) if value is not None]
    y = np.array([values[i] for i in positions], dtype=float)
    k = max(MIN_CLASSES, min(int(k), MAX_CLASSES))
    assignments: list[int | None] = [None] * len(values)
    if method == Method.MANUAL and not breaks:
        method = Method.QUANTILES
    if not len(y):
        return Classification(method=method, intervals=[], assignments=assignments)

    distinct = len(np.unique(y))
    mean = float(y.mean())
    std = float(y.std(ddof=1)) if len(y) > 1 else 0.0
    if method == Method.STD_DEV and distinct > 1:
        cuts, lower_open, upper_open = _std_cuts(y), True, True
    elif method == Method.MANUAL:
        cuts, lower_open, upper_open = list(breaks), False, False
    elif distinct == 1:
        cuts, lower_open, upper_open = [], False, False
    else:
        cuts, lower_open, upper_open = _cuts(y, method, min(k, distinct)), False, False

    classes = np.searchsorted(np.array(cuts, dtype=float), y, side="left")
    count_of = [0] * (len(cuts) + 1)
    for position, index in zip(positions, classes, strict=True):
        assignments[position] = int(index)
        count_of[int(index)] += 1

    colours = palette(len(cuts) + 1, interpretation, diverging=method == Method.STD_DEV)
    if method == Method.STD_DEV and distinct == 1:
        colours = [colours[len(colours) // 2]]
    lowest, highest = float(y.min()), float(y.max())
    intervals = []
    for index in range(len(cuts) + 1):
        lower = cuts[index - 1] if index else (None if lower_open else lowest)
        upper = cuts[index] if index < len(cuts) else (None if upper_open else highest)
        if method == Method.MANUAL and index == 0:
            lower = min(lowest, cuts[0])
        if method == Method.MANUAL and index == len(cuts):
            upper = max(highest, cuts[-1])
        intervals.append(
            ClassInterval(
                number=index + 1,
                lower=lower,
                upper=upper,
                count=count_of[index],
                colour=colours[index],
                text_colour=text_colour_for(colours[index]),
                includes_lower=index == 0 and lower is not None,
            )
        )
    return Classification(
        method=method, intervals=intervals, assignments=assignments, mean=mean, std=std
    )


def _cuts(y: np.ndarray, method: str, k: int) -> list[float]:
    """The inner breaks (upper ends of all classes but the last) by mapclassify."""
    import mapclassify  # imported here: it is large, and only the map pages need it

    with warnings.catch_warnings():
        # "Numba not installed": the pure-Python Fisher-Jenks is fast enough for a city's areas.
        warnings.simplefilter("ignore")
        if method == Method.EQUAL_INTERVALS:
            bins = mapclassify.EqualInterval(y, k=k).bins
        elif method == Method.NATURAL_BREAKS:
            bins = mapclassify.FisherJenks(y, k=k).bins
        else:
            bins = mapclassify.Quantiles(y, k=k).bins
    # Ties can make breaks repeat; the last bin is the maximum.
    return sorted({float(b) for b in bins[:-1] if b < y.max()})


def _std_cuts(y: np.ndarray) -> list[float]:
    import mapclassify

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bins = mapclassify.StdMean(y, multiples=list(STD_MULTIPLES)).bins
    return [float(b) for b in bins[: len(STD_MULTIPLES)]]
