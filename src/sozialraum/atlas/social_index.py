# ruff: noqa: RUF002  (the docstring writes minus and multiplication signs)
"""A composite social index like Berlin's Monitoring Soziale Stadtentwicklung (MSS), in numpy.

The computation is pure: arrays in (one value per area and indicator, the population), arrays
out; only its error messages are translated. Storing the results as indicator values is
`social_index_service.social_index_compute`.

The method (checked against every MSS report 2013-2021, see docs/atlas-index.md):

1. **Which areas take part.** Areas with at least `minimum_population` inhabitants (MSS: 300)
   and a number for every indicator of the part (status or dynamics). Every other area gets no
   index; the mean and standard deviation are those of the areas taking part only. The MSS
   tables -2-1 write 0 into every cell of an area the report leaves out, and 1-2 areas a year
   are left out although the table gives them 300 inhabitants or more (e.g. 10010203
   "Gewerbegebiet Bitterfelder Straße"); with `all_zero_is_missing` such rows take no part.
2. **z-standardisation.** Each indicator x becomes z = sign × (x − mean) / sd, with the
   *population* standard deviation (divide by n, numpy's default `ddof=0`). The MSS's published
   z-values (tables -3) agree with this to their last printed digit (≤ 1e-5); the sample standard
   deviation (n − 1) differs by up to 0.005 and puts areas in the wrong class in 2015 (dynamics)
   and 2019 (status). `sign` is +1 when a higher value is worse (all MSS indicators: shares of
   unemployed people and transfer recipients, and their changes), −1 when it is better, so a
   high index always means "more disadvantaged" or "worsening".
3. **Index.** The z-values of the part are added up per area and the sum is standardised again
   (z of the sum over the same areas). Whether one adds or averages does not matter after
   re-standardising; re-standardising does: classes from the plain mean of the z-values
   differ from the published ones in 5-15 areas a year.
4. **Classes** by thresholds in standard deviations. Status (ascending thresholds −1, +1, +1.5):
   1 hoch (< −1), 2 mittel (−1 … +1), 3 niedrig (> +1 … +1.5), 4 sehr niedrig (> +1.5).
   Dynamics (−1, +1): 1 positiv „+“ (< −1), 2 stabil „+/−“ (−1 … +1), 3 negativ „−“ (> +1).
   A value exactly on a threshold belongs to the class nearer the mean (the middle class is
   closed: −1 and +1 are "mittel"/"stabil", +1.5 is "niedrig"). The published data cannot
   decide this: no MSS index lies closer than 0.0004 to a threshold.
5. **Matrix.** The status class and the dynamics class together, e.g. "2+/-"
   (Status mittel, Dynamik stabil); as a number status × 10 + dynamics (here 22).

Inputs are used as given: the MSS tables -2-1 print five decimals, and computing from those
reproduces every published class.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

NO_CLASS = 0  # areas that do not take part

MSS_STATUS_LABELS = ("hoch", "mittel", "niedrig", "sehr niedrig")
MSS_DYNAMICS_LABELS = ("positiv", "stabil", "negativ")
MSS_DYNAMICS_SYMBOLS = ("+", "+/-", "-")


class SocialIndexError(ValueError):
    """The index cannot be computed from these figures (the message says why)."""


@dataclass(frozen=True)
class Component:
    """One indicator of the index; `sign` +1 if a higher value is worse, −1 if better."""

    key: str
    sign: int = 1

    def __post_init__(self) -> None:
        if self.sign not in (1, -1):
            raise ValueError(f"sign must be +1 or -1, not {self.sign!r}")


@dataclass(frozen=True)
class Method:
    """How to compute the index; the defaults are the MSS's."""

    status: Sequence[Component]
    dynamics: Sequence[Component] = ()
    minimum_population: float = 300
    status_thresholds: Sequence[float] = (-1.0, 1.0, 1.5)
    status_labels: Sequence[str] = MSS_STATUS_LABELS
    dynamics_thresholds: Sequence[float] = (-1.0, 1.0)
    dynamics_labels: Sequence[str] = MSS_DYNAMICS_LABELS
    dynamics_symbols: Sequence[str] = MSS_DYNAMICS_SYMBOLS
    # An area whose every indicator is exactly 0 has no figures: the MSS tables write 0 into
    # every cell of an area the report leaves out (also areas with 300 inhabitants or more).
    all_zero_is_missing: bool = False

    def __post_init__(self) -> None:
        if not self.status:
            raise ValueError("an index needs at least one status indicator")
        for thresholds, labels in (
            (self.status_thresholds, self.status_labels),
            (self.dynamics_thresholds, self.dynamics_labels),
        ):
            if list(thresholds) != sorted(thresholds):
                raise ValueError(f"thresholds must ascend: {list(thresholds)}")
            if len(labels) != len(thresholds) + 1:
                raise ValueError("there must be one label more than thresholds")
        if len(self.dynamics_symbols) != len(self.dynamics_labels):
            raise ValueError("one dynamics symbol per dynamics label")


@dataclass
class Part:
    """Status or dynamics: which areas take part, their z-values, index and class."""

    included: NDArray[np.bool_]
    z: dict[str, FloatArray]
    total: FloatArray  # the sum of the z-values (NaN where not included)
    index: FloatArray  # the sum standardised again (NaN where not included)
    classes: IntArray  # 1 … number of labels; NO_CLASS where not included


@dataclass
class Result:
    status: Part
    dynamics: Part | None = None
    matrix: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def matrix_code(self, position: int, method: Method) -> str:
        """The MSS's name of one area's matrix cell, e.g. "2+/-"; "" without one."""
        if self.dynamics is None or not self.matrix[position]:
            return ""
        status, dynamics = divmod(int(self.matrix[position]), 10)
        return f"{status}{method.dynamics_symbols[dynamics - 1]}"


def standardise(values: FloatArray, included: NDArray[np.bool_], *, name: str) -> FloatArray:
    """z-values over the included areas (population standard deviation); NaN elsewhere."""
    result = np.full(values.shape, np.nan)
    sample = values[included]
    if sample.size == 0:
        raise SocialIndexError(_("„%(name)s“: kein Gebiet nimmt teil.") % {"name": name})
    spread = sample.std()
    if not spread > 0:
        raise SocialIndexError(
            _("„%(name)s“: alle Gebiete haben denselben Wert, es gibt keine Streuung.")
            % {"name": name}
        )
    result[included] = (sample - sample.mean()) / spread
    return result


def classify(index: FloatArray, thresholds: Sequence[float]) -> IntArray:
    """Class numbers 1 … len(thresholds) + 1; a value on a threshold goes towards the mean.

    For a threshold below zero the value must be below it for the lower class, for one at or
    above zero above it for the higher class: with (−1, 1, 1.5), −1 and +1 are class 2 and
    +1.5 is class 3. NaN (not included) is NO_CLASS.
    """
    classes = np.ones(index.shape, dtype=np.int64)
    with np.errstate(invalid="ignore"):
        for threshold in thresholds:
            above = index >= threshold if threshold < 0 else index > threshold
            classes += above
    classes[np.isnan(index)] = NO_CLASS
    return classes


def _part(
    components: Sequence[Component],
    values: Mapping[str, FloatArray],
    eligible: NDArray[np.bool_],
    thresholds: Sequence[float],
) -> Part:
    columns = {c.key: np.asarray(values[c.key], dtype=np.float64) for c in components}
    included = eligible.copy()
    for column in columns.values():
        included &= np.isfinite(column)
    z = {c.key: c.sign * standardise(columns[c.key], included, name=c.key) for c in components}
    total = np.sum(list(z.values()), axis=0)
    index = standardise(total, included, name=_("Index"))
    return Part(included, z, total, index, classify(index, thresholds))


def compute(
    method: Method,
    values: Mapping[str, FloatArray],
    population: FloatArray | None = None,
) -> Result:
    """The index for n areas: `values` maps each component's key to n numbers (NaN: none).

    Without `population` every area with numbers takes part (the figures were already limited
    to large enough areas).
    """
    keys = [c.key for c in (*method.status, *method.dynamics)]
    missing = [key for key in keys if key not in values]
    if missing:
        raise SocialIndexError(_("Keine Werte für %(keys)s.") % {"keys": ", ".join(missing)})
    n = len(values[keys[0]])
    if any(len(values[key]) != n for key in keys):
        raise SocialIndexError(_("Jeder Indikator braucht einen Wert je Gebiet."))
    if population is None:
        eligible = np.ones(n, dtype=bool)
    else:
        population = np.asarray(population, dtype=np.float64)
        with np.errstate(invalid="ignore"):
            eligible = population >= method.minimum_population
    if method.all_zero_is_missing:
        eligible &= ~np.all([np.asarray(values[key]) == 0 for key in keys], axis=0)
    status = _part(method.status, values, eligible, method.status_thresholds)
    if not method.dynamics:
        return Result(status=status)
    dynamics = _part(method.dynamics, values, eligible, method.dynamics_thresholds)
    both = (status.classes > 0) & (dynamics.classes > 0)
    matrix = np.where(both, status.classes * 10 + dynamics.classes, NO_CLASS)
    return Result(status=status, dynamics=dynamics, matrix=matrix.astype(np.int64))
