"""Early warning: each rule kind finds the areas it should, at its boundaries, and only once."""

import datetime

import pytest

from sozialraum.atlas.models import (
    ChangeDirection,
    ChangeMeasure,
    Finding,
    Flag,
    RuleKind,
    WarningRule,
)
from sozialraum.atlas.warnings import evaluate_rule, rule_text, values_text, warnings_evaluate
from tests.areas.factories import AreaFactory, AreaLevelFactory

from .factories import IndicatorFactory, IndicatorValueFactory

D1, D2, D3 = datetime.date(2019, 12, 31), datetime.date(2020, 12, 31), datetime.date(2021, 12, 31)
DATES = [D1, D2, D3]


def rule(kind, threshold, **fields) -> WarningRule:
    return WarningRule(name="Regel", kind=kind, threshold=threshold, **fields)


def found(rule_: WarningRule, series, dates=DATES, since=None) -> set[tuple[int, datetime.date]]:
    return {(hit.area_id, hit.date) for hit in evaluate_rule(rule_, series, dates, since=since)}


# --- Pure evaluation ----------------------------------------------------------------------------


def test_above_finds_values_strictly_above_the_threshold():
    series = {1: {D1: 10.0}, 2: {D1: 10.5}, 3: {D1: 9.0}}
    assert found(rule(RuleKind.ABOVE, 10), series, [D1]) == {(2, D1)}


def test_below_finds_values_strictly_below_the_threshold():
    series = {1: {D1: 10.0}, 2: {D1: 10.5}, 3: {D1: 9.0}}
    assert found(rule(RuleKind.BELOW, 10), series, [D1]) == {(3, D1)}


def test_change_compares_with_the_value_k_days_earlier_in_absolute_units():
    series = {1: {D1: 10.0, D2: 11.0, D3: 13.5}, 2: {D1: 10.0, D2: 12.0, D3: 12.0}}
    one_period = rule(RuleKind.CHANGE, 2, periods=1, direction=ChangeDirection.UP)
    assert found(one_period, series) == {(1, D3)}  # +2.5; area 2's +2 is not beyond 2
    two_periods = rule(RuleKind.CHANGE, 3, periods=2, direction=ChangeDirection.UP)
    assert found(two_periods, series) == {(1, D3)}  # +3.5 over two; area 2: +2


def test_change_in_percent_of_the_earlier_value_and_by_direction():
    series = {1: {D1: 200.0, D2: 150.0}, 2: {D1: 200.0, D2: 250.0}, 3: {D1: 0.0, D2: 5.0}}
    down = rule(RuleKind.CHANGE, 20, measure=ChangeMeasure.PERCENT, direction=ChangeDirection.DOWN)
    assert found(down, series, [D1, D2]) == {(1, D2)}  # -25 %; area 3 from 0 has no percentage
    either = rule(
        RuleKind.CHANGE, 25, measure=ChangeMeasure.PERCENT, direction=ChangeDirection.EITHER
    )
    assert found(either, series, [D1, D2]) == set()  # exactly 25 % is not beyond 25 %
    hits = evaluate_rule(rule(RuleKind.CHANGE, 20, measure=ChangeMeasure.PERCENT), series, [D1, D2])
    assert sorted(hit.values["change"] for hit in hits) == [-25.0, 25.0]


def test_a_missing_figure_does_not_stretch_the_period():
    """Area 1 has no figure on D2: D3 is compared with D2 (one period), so nothing is found."""
    series = {1: {D1: 1.0, D3: 9.0}, 2: {D1: 1.0, D2: 1.0, D3: 1.0}}
    assert found(rule(RuleKind.CHANGE, 2, periods=1), series) == set()
    assert found(rule(RuleKind.CHANGE, 2, periods=2), series) == {(1, D3)}


def test_z_jump_finds_an_area_that_moves_against_the_others():
    # D1: z of area 3 is 0; D2: area 3 is far above the others.
    series = {
        1: {D1: 1.0, D2: 1.0},
        2: {D1: 3.0, D2: 2.0},
        3: {D1: 2.0, D2: 9.0},
        4: {D1: 2.0, D2: 2.0},
    }
    hits = evaluate_rule(rule(RuleKind.Z_JUMP, 1.0, direction=ChangeDirection.UP), series, [D1, D2])
    assert [(hit.area_id, hit.date) for hit in hits] == [(3, D2)]
    assert hits[0].values["earlier_z"] == pytest.approx(0.0)
    assert hits[0].values["z"] == pytest.approx(1.7, abs=0.05)
    # A uniform rise of every area changes no z-value.
    uniform = {area: {D1: x, D2: x + 5} for area, x in {1: 1.0, 2: 2.0, 3: 4.0}.items()}
    assert found(rule(RuleKind.Z_JUMP, 0.01), uniform, [D1, D2]) == set()


def test_z_jump_without_spread_finds_nothing():
    series = {1: {D1: 2.0, D2: 1.0}, 2: {D1: 2.0, D2: 5.0}}
    assert found(rule(RuleKind.Z_JUMP, 0.5), series, [D1, D2]) == set()


def test_since_reports_only_later_days_but_compares_with_earlier_ones():
    series = {1: {D1: 1.0, D2: 5.0, D3: 9.0}}
    assert found(rule(RuleKind.CHANGE, 2), series, since=D3) == {(1, D3)}


# --- Stored values ------------------------------------------------------------------------------


@pytest.fixture
def level(db):
    return AreaLevelFactory(name="Planungsraum", slug="planungsraum")


def test_evaluate_stores_findings_once_and_skips_suppressed_values(level):
    indicator = IndicatorFactory(key="arbeitslose-anteil", unit="%")
    first, second, third = (AreaFactory(level=level) for _ in range(3))
    IndicatorValueFactory(indicator=indicator, area=first, date=D1, value=12.0)
    IndicatorValueFactory(indicator=indicator, area=second, date=D1, value=8.0)
    IndicatorValueFactory(
        indicator=indicator, area=third, date=D1, value=None, flag=Flag.SUPPRESSED
    )
    limit = WarningRule.objects.create(
        name="Hohe Arbeitslosigkeit", indicator=indicator, kind=RuleKind.ABOVE, threshold=10
    )
    WarningRule.objects.create(
        name="ausgeschaltet", indicator=indicator, kind=RuleKind.BELOW, threshold=100, active=False
    )

    new = warnings_evaluate()

    assert [(f.rule, f.area, f.date, f.values) for f in new] == [
        (limit, first, D1, {"value": 12.0})
    ]
    assert new[0].mailed is None
    assert warnings_evaluate() == []
    assert Finding.objects.count() == 1


def test_a_rule_without_level_is_evaluated_per_level(level):
    """z-values are computed among the areas of one level, never across levels."""
    other_level = AreaLevelFactory(name="Bezirk", slug="bezirk")
    indicator = IndicatorFactory()
    for lv, numbers in ((level, [(1, 1), (2, 2), (3, 9)]), (other_level, [(100, 100), (200, 200)])):
        for before, after in numbers:
            area = AreaFactory(level=lv)
            IndicatorValueFactory(indicator=indicator, area=area, date=D1, value=before)
            IndicatorValueFactory(indicator=indicator, area=area, date=D2, value=after)
    everywhere = WarningRule.objects.create(
        name="z", indicator=indicator, kind=RuleKind.Z_JUMP, threshold=0.5
    )
    assert {f.area.level for f in warnings_evaluate(rules=[everywhere])} == {level}
    planning = WarningRule.objects.create(
        name="z nur Bezirk",
        indicator=indicator,
        kind=RuleKind.Z_JUMP,
        threshold=0,
        level=other_level,
    )
    assert warnings_evaluate(rules=[planning]) == []


def test_rule_and_values_in_words(level):
    indicator = IndicatorFactory(unit="%", precision=1)
    area = AreaFactory(level=level)
    change = WarningRule.objects.create(
        name="Anstieg",
        indicator=indicator,
        kind=RuleKind.CHANGE,
        threshold=2,
        periods=2,
        direction=ChangeDirection.UP,
    )
    assert rule_text(change) == "Anstieg um mehr als 2,0 Prozentpunkte gegenüber 2 Stichtagen zuvor"
    finding = Finding(
        rule=change,
        area=area,
        date=D3,
        values={"value": 13.5, "earlier": 10.0, "earlier_date": "2019-12-31", "change": 3.5},
    )
    assert values_text(finding) == "13,5 (31.12.2019: 10,0; Veränderung +3,5 Prozentpunkte)"
    change.periods = 1
    assert rule_text(change).endswith("Prozentpunkte gegenüber dem vorigen Stichtag")
    above = WarningRule(name="x", indicator=indicator, kind=RuleKind.ABOVE, threshold=10)
    assert rule_text(above) == "Wert über 10,0 %"


def test_a_finding_the_figures_no_longer_support_is_removed(level):
    indicator = IndicatorFactory()
    area, other = AreaFactory(level=level), AreaFactory(level=level)
    value = IndicatorValueFactory(indicator=indicator, area=area, date=D1, value=12.0)
    IndicatorValueFactory(indicator=indicator, area=other, date=D1, value=20.0)
    limit = WarningRule.objects.create(
        name="hoch", indicator=indicator, kind=RuleKind.ABOVE, threshold=10
    )
    assert len(warnings_evaluate()) == 2

    value.value = 9.0  # corrected
    value.save()
    assert warnings_evaluate() == []
    assert [f.area for f in Finding.objects.all()] == [other]

    limit.threshold = 25
    limit.save()
    warnings_evaluate(rules=[limit])
    assert not Finding.objects.exists()
