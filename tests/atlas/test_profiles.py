"""An area's profile: series, rank on the newest day, parent and city figures, suppression, and
restricted indicators only for planners who passed the second factor."""

import pytest
from django.contrib.auth.models import AnonymousUser

from sozialraum.atlas.maps import Status
from sozialraum.atlas.models import Indicator
from sozialraum.atlas.profiles import area_profile

from .factories import MAP_DAY, MAP_EARLIER, IndicatorValueFactory, create_map_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(areas):
    return create_map_figures(areas)


def entries(area, user=None):
    profile = area_profile(area, user or AnonymousUser())
    return {entry.indicator.key: entry for entry in profile.entries}


def test_the_profile_has_every_public_indicator_with_its_series_oldest_first(areas, figures):
    found = entries(areas["stuelerstrasse"])

    assert set(found) == {"einwohner", "arbeitslose", "arbeitslose-anteil"}
    series = found["einwohner"].series
    assert [point.date for point in series] == [MAP_EARLIER, MAP_DAY]
    assert found["einwohner"].latest.value == 1000


def test_rank_counts_the_levels_areas_on_the_newest_day_highest_first(areas, figures):
    found = entries(areas["stuelerstrasse"])

    # inhabitants 4000, 2000, 1000, 800, 500, 300: Stülerstraße's 1000 is third of six
    assert (found["einwohner"].rank, found["einwohner"].ranked) == (3, 6)
    # rates 30, 15, 10, 5 (Großer Tiergarten suppressed, Zentrum missing): third of four
    rate = found["arbeitslose-anteil"]
    assert rate.latest.value == pytest.approx(10.0)
    assert (rate.rank, rate.ranked) == (3, 4)


def test_parent_and_city_are_summed_from_the_parts_when_not_stored(areas, figures):
    entry = entries(areas["stuelerstrasse"])["einwohner"]

    assert entry.parent is not None and entry.city is not None
    assert entry.parent.area == areas["region"]
    assert entry.city.area == areas["city"]
    assert entry.parent.point.value == 8600  # 1000 + 2000 + 500 + 800 + 300 + 4000
    assert entry.parent.point.computed
    assert entry.city.point.value == 8600


def test_a_stored_parent_figure_wins_over_the_sum(areas, figures):
    inhabitants = Indicator.objects.get(key="einwohner")
    IndicatorValueFactory(indicator=inhabitants, area=areas["region"], date=MAP_DAY, value=9000)

    entry = entries(areas["stuelerstrasse"])["einwohner"]

    assert entry.parent is not None
    assert entry.parent.point.value == 9000
    assert not entry.parent.point.computed


def test_a_sum_with_a_part_suppressed_at_the_source_is_not_shown(areas, figures):
    found = entries(areas["stuelerstrasse"])

    # Zentrum's unemployed are suppressed: the region's sum and rate would be incomplete
    for key in ("arbeitslose", "arbeitslose-anteil"):
        parent = found[key].parent
        assert parent is not None
        assert parent.point.value is None
        assert parent.point.status == Status.MISSING


def test_small_numbers_are_suppressed_in_value_and_series(areas, figures):
    found = entries(areas["tiergarten"])

    for key in ("arbeitslose", "arbeitslose-anteil"):
        assert all(point.value is None for point in found[key].series)
        assert all(point.status == Status.SMALL for point in found[key].series)
        assert found[key].rank is None


def test_a_derived_rate_of_the_parent_is_sum_of_numerators_over_sum_of_denominators(areas):
    figures = create_map_figures(areas)
    # give Zentrum a number, so the region's rate can be computed from all six areas
    unemployed = Indicator.objects.get(key="arbeitslose")
    zentrum = figures[4]
    unemployed.values.filter(area=zentrum).update(value=30, flag="")

    entry = entries(areas["stuelerstrasse"])["arbeitslose-anteil"]

    assert entry.parent is not None
    # (100 + 2 + 150 + 40 + 30 + 600) / 8600 * 100, not the mean of the six rates
    assert entry.parent.point.value == pytest.approx(922 / 8600 * 100)


def test_restricted_indicators_are_hidden_from_the_public(areas, figures):
    # shown to planners: tests/atlas/test_profile_views.py (the permission needs a session
    # that passed the second factor)
    assert "z-s1" not in entries(areas["stuelerstrasse"])


def test_the_city_profile_has_no_comparisons(areas, figures):
    from tests.atlas.factories import IndicatorFactory

    inhabitants = IndicatorFactory(key="einwohner")
    IndicatorValueFactory(indicator=inhabitants, area=areas["city"], date=MAP_DAY, value=8600)

    entry = entries(areas["city"])["einwohner"]

    assert entry.parent is None and entry.city is None
    assert entry.ranked == 1
