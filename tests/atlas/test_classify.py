"""Map classes: mapclassify's methods, the edge cases around them, and the palettes."""

import itertools

import pytest

from sozialraum.atlas.classify import (
    BLUES,
    ORANGE_RED,
    BreaksError,
    Method,
    classify,
    contrast_ratio,
    palette,
    parse_breaks,
)
from sozialraum.atlas.models import Interpretation

VALUES = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 100.0]


def counts(result) -> list[int]:
    return [interval.count for interval in result.intervals]


def test_quantiles_put_as_many_areas_in_each_class():
    result = classify(VALUES, method=Method.QUANTILES, k=5)

    assert counts(result) == [2, 2, 2, 2, 2]
    assert result.intervals[0].lower == 1.0
    assert result.intervals[-1].upper == 100.0
    assert result.assignments[-1] == 4


def test_equal_intervals_split_the_range_evenly():
    result = classify(VALUES, method=Method.EQUAL_INTERVALS, k=5)

    assert counts(result) == [9, 0, 0, 0, 1]
    assert [interval.upper for interval in result.intervals] == pytest.approx(
        [20.8, 40.6, 60.4, 80.2, 100.0]
    )


def test_natural_breaks_keep_the_outlier_alone():
    result = classify(VALUES, method=Method.NATURAL_BREAKS, k=3)

    assert counts(result)[-1] == 1
    assert sum(counts(result)) == 10


def test_standard_deviations_have_five_classes_open_at_both_ends():
    result = classify(VALUES, method=Method.STD_DEV)

    assert result.k == 5
    assert result.intervals[0].lower is None and result.intervals[-1].upper is None
    assert counts(result) == [0, 0, 9, 0, 1]
    assert result.mean == pytest.approx(14.5)


def test_manual_breaks_are_upper_ends_and_the_last_class_takes_the_rest():
    result = classify(VALUES, method=Method.MANUAL, breaks=[3, 50])

    assert counts(result) == [3, 6, 1]  # up to 3, above 3 up to 50, above 50
    assert result.intervals[0].lower == 1.0 and result.intervals[-1].upper == 100.0


def test_missing_values_are_neither_counted_nor_classified():
    result = classify([1.0, None, 2.0, None], method=Method.QUANTILES, k=2)

    assert sum(counts(result)) == 2
    assert result.assignments[1] is None and result.assignments[3] is None


def test_no_values_no_classes():
    result = classify([None, None], method=Method.NATURAL_BREAKS)

    assert result.intervals == []
    assert result.assignments == [None, None]


@pytest.mark.parametrize("method", [m for m in Method if m != Method.MANUAL])
def test_all_equal_values_make_one_class(method):
    result = classify([4.0, 4.0, 4.0], method=method, k=5)

    assert result.k == 1
    assert counts(result) == [3]
    assert result.intervals[0].lower == 4.0 or method == Method.STD_DEV


@pytest.mark.parametrize(
    "method", [Method.QUANTILES, Method.EQUAL_INTERVALS, Method.NATURAL_BREAKS]
)
def test_fewer_distinct_values_than_classes_give_fewer_classes(method):
    result = classify([1.0, 1.0, 2.0, 2.0, 3.0], method=method, k=5)

    assert result.k == 3
    assert sum(counts(result)) == 5
    assert all(interval.count for interval in result.intervals)


def test_a_single_value_is_one_class():
    result = classify([7.0], method=Method.STD_DEV)

    assert result.k == 1 and counts(result) == [1]


def test_manual_breaks_are_read_as_people_type_them():
    assert parse_breaks("5; 10,5; 20") == [5.0, 10.5, 20.0]
    assert parse_breaks("20 5") == [5.0, 20.0]
    assert parse_breaks("\u22121;1") == [-1.0, 1.0]


@pytest.mark.parametrize("text", ["", "fünf", "1;2;3;4;5;6;7", "nan"])
def test_unusable_breaks_are_refused_with_a_reason(text):
    with pytest.raises(BreaksError):
        parse_breaks(text)


def test_the_unfavourable_end_is_dark():
    worse = palette(5, Interpretation.HIGHER_IS_WORSE)
    better = palette(5, Interpretation.HIGHER_IS_BETTER)

    assert worse == better[::-1]
    assert contrast_ratio(worse[-1], "#ffffff") > contrast_ratio(worse[0], "#ffffff")
    assert palette(3, Interpretation.NEUTRAL) == BLUES[3]


def test_every_class_number_is_readable_on_its_colour():
    for scheme in (BLUES, ORANGE_RED):
        for colours in scheme.values():
            result = classify(
                list(range(len(colours) * 2)), method=Method.EQUAL_INTERVALS, k=len(colours)
            )
            for interval in result.intervals:
                assert contrast_ratio(interval.colour, interval.text_colour) >= 4.5


def test_adjacent_classes_differ_visibly():
    """Not 3:1 (no seven-class palette can), but never two nearly equal colours."""
    for scheme in (BLUES, ORANGE_RED):
        for colours in scheme.values():
            for first, second in itertools.pairwise(colours):
                assert contrast_ratio(first, second) >= 1.15
