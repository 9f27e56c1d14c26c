"""Counts add up to larger areas; rates are sum(numerator) / sum(denominator), never averages."""

import datetime

import pytest

from sozialraum.areas.models import AreaLevel
from sozialraum.atlas.aggregation import AggregationError, count_by_area, rate_by_area
from sozialraum.atlas.models import Flag, Kind
from tests.areas.factories import AreaFactory, square

from .factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2019, 12, 31)


@pytest.fixture
def counts(areas):
    """Unemployed and inhabitants in two planning areas of very different size:
    Stülerstraße 10 of 100 (10 %), Großer Tiergarten 90 of 300 (30 %).
    The average of the shares is 20 %; the district's real share is 100 of 400 = 25 %."""
    unemployed = IndicatorFactory(key="arbeitslose")
    inhabitants = IndicatorFactory(key="einwohner")
    rate = IndicatorFactory(
        key="arbeitslose-anteil",
        kind=Kind.RATE,
        unit="%",
        numerator=unemployed,
        denominator=inhabitants,
    )
    for area, (count, people) in (
        (areas["stuelerstrasse"], (10, 100)),
        (areas["tiergarten"], (90, 300)),
    ):
        IndicatorValueFactory(indicator=unemployed, area=area, date=DAY, value=count)
        IndicatorValueFactory(indicator=inhabitants, area=area, date=DAY, value=people)
    return {"unemployed": unemployed, "inhabitants": inhabitants, "rate": rate, **areas}


def test_a_district_region_counts_the_sum_of_its_planning_areas(counts):
    region = counts["region"]

    figures = count_by_area(indicator=counts["unemployed"], level=region.level, date=DAY)

    assert figures[region.pk].value == 100
    assert figures[region.pk].parts == 2
    assert figures[region.pk].complete


def test_counts_add_up_over_several_levels(counts):
    district = counts["district"]
    figures = count_by_area(indicator=counts["inhabitants"], level=district.level, date=DAY)
    assert figures[district.pk].value == 400


def test_a_rate_for_a_larger_area_divides_the_sums_and_does_not_average_the_rates(counts):
    district = counts["district"]

    figure = rate_by_area(indicator=counts["rate"], level=district.level, date=DAY)[district.pk]

    assert figure.value == pytest.approx(25.0)  # the average of 10 % and 30 % would be 20 %
    assert (figure.numerator, figure.denominator) == (100, 400)


def test_a_rate_on_its_own_level_is_the_quotient_of_the_counts(counts):
    area = counts["tiergarten"]
    figures = rate_by_area(indicator=counts["rate"], level=area.level, date=DAY)
    assert figures[area.pk].value == pytest.approx(30.0)


def test_an_area_without_a_count_is_reported_as_missing_and_left_out_of_the_rate(counts):
    planning = AreaLevel.objects.get(slug="planungsraum")
    third = AreaFactory(
        level=planning,
        code="01011103",
        parent=counts["region"],
        geometry=square(13.37, 52.50, 0.02),
    )
    IndicatorValueFactory(
        indicator=counts["unemployed"], area=third, date=DAY, value=None, flag=Flag.SUPPRESSED
    )
    IndicatorValueFactory(indicator=counts["inhabitants"], area=third, date=DAY, value=50)
    region = counts["region"]

    count = count_by_area(indicator=counts["unemployed"], level=region.level, date=DAY)
    rate = rate_by_area(indicator=counts["rate"], level=region.level, date=DAY)

    assert (count[region.pk].value, count[region.pk].missing) == (100, 1)
    assert not count[region.pk].complete
    # the 50 inhabitants whose unemployed are unknown do not dilute the rate
    assert rate[region.pk].value == pytest.approx(25.0)


def test_a_rate_without_counts_cannot_be_aggregated(counts):
    imported_rate = IndicatorFactory(key="anteil-aus-der-datei", kind=Kind.RATE)
    with pytest.raises(AggregationError, match="nicht aus Anteilen"):
        rate_by_area(indicator=imported_rate, level=counts["district"].level, date=DAY)


def test_only_counts_add_up(counts):
    with pytest.raises(AggregationError, match="keine Anzahl"):
        count_by_area(indicator=counts["rate"], level=counts["district"].level, date=DAY)


def test_a_day_without_values_gives_no_figures(counts):
    other_day = datetime.date(2018, 12, 31)
    figures = count_by_area(
        indicator=counts["unemployed"], level=counts["district"].level, date=other_day
    )
    assert figures == {}
