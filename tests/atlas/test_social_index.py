import numpy as np
import pytest

from sozialraum.atlas import social_index
from sozialraum.atlas.social_index import Component, Method, SocialIndexError


def test_classes_follow_the_thresholds_and_boundaries_go_to_the_middle_class():
    index = np.array([-1.2, -1.0, 0.0, 1.0, 1.2, 1.5, 1.6, np.nan])
    assert social_index.classify(index, (-1.0, 1.0, 1.5)).tolist() == [1, 2, 2, 2, 3, 3, 4, 0]


def test_small_areas_and_areas_without_a_number_take_no_part():
    values = {"a": np.array([1.0, 2.0, 3.0, 100.0, np.nan])}
    population = np.array([500, 500, 500, 299, 500])
    result = social_index.compute(Method(status=[Component("a")]), values, population)
    assert result.status.included.tolist() == [True, True, True, False, False]
    # Mean and spread of the three taking part: the small area's 100 changes nothing.
    assert result.status.z["a"][:3] == pytest.approx([-1.224745, 0, 1.224745], abs=1e-6)
    assert result.status.classes.tolist() == [1, 2, 3, 0, 0]


def test_a_higher_is_better_indicator_counts_the_other_way():
    worse = np.array([1.0, 2.0, 3.0, 4.0])
    better = np.array([8.0, 6.0, 4.0, 2.0])  # falls where "worse" rises: same ranking
    method = Method(status=[Component("worse"), Component("better", sign=-1)])
    result = social_index.compute(method, {"worse": worse, "better": better})
    assert result.status.z["better"] == pytest.approx(result.status.z["worse"])
    assert np.argsort(result.status.index).tolist() == [0, 1, 2, 3]


def test_the_sum_is_standardised_again():
    rng = np.random.default_rng(1)
    values = {key: rng.normal(size=50) for key in "abc"}
    result = social_index.compute(Method(status=[Component(k) for k in "abc"]), values)
    assert result.status.index.mean() == pytest.approx(0, abs=1e-12)
    assert result.status.index.std() == pytest.approx(1)
    assert result.status.total.std() > 1  # three z-values added up spread wider


def test_matrix_combines_status_and_dynamics():
    values = {"s": np.array([-3.0, 0.0, 0.0, 0.0, 3.0]), "d": np.array([0.0, -3, 0, 3, 0])}
    method = Method(status=[Component("s")], dynamics=[Component("d")])
    result = social_index.compute(method, values)
    assert result.matrix.tolist() == [12, 21, 22, 23, 42]
    assert [result.matrix_code(i, method) for i in range(5)] == ["1+/-", "2+", "2+/-", "2-", "4+/-"]


def test_an_indicator_without_spread_is_an_error():
    with pytest.raises(SocialIndexError, match="denselben Wert"):
        social_index.compute(Method(status=[Component("a")]), {"a": np.ones(4)})


def test_missing_indicator_is_an_error():
    with pytest.raises(SocialIndexError, match="Keine Werte für b"):
        social_index.compute(Method(status=[Component("b")]), {"a": np.ones(4)})


def test_thresholds_must_ascend_and_match_the_labels():
    with pytest.raises(ValueError, match="ascend"):
        Method(status=[Component("a")], status_thresholds=(1.0, -1.0, 1.5))
    with pytest.raises(ValueError, match="one label more"):
        Method(status=[Component("a")], status_labels=("hoch", "niedrig"))


def test_rows_of_zeros_can_mean_no_figures():
    values = {"s": np.array([0.0, 1, 2, 3]), "d": np.array([0.0, 0, 1, -1])}
    method = Method(status=[Component("s")], dynamics=[Component("d")], all_zero_is_missing=True)
    result = social_index.compute(method, values, np.array([500, 500, 500, 500]))
    assert result.status.included.tolist() == [False, True, True, True]
