"""Restricted indicators and their values are for the social planners and administrators only."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError

from sozialraum.atlas.models import Indicator, IndicatorValue, Kind
from tests.factories import UserFactory

from .factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicators(areas):
    public = IndicatorFactory(key="einwohner")
    restricted = IndicatorFactory(key="z-wert", kind=Kind.VALUE, restricted=True)
    for indicator in (public, restricted):
        IndicatorValueFactory(
            indicator=indicator, area=areas["district"], date=datetime.date(2019, 12, 31)
        )
    return public, restricted


@pytest.mark.parametrize(
    ("roles", "sees_restricted"),
    [
        (None, False),
        ([], False),
        (["editor"], False),
        (["planner"], True),
        (["administrator"], True),
    ],
)
def test_restricted_indicators_are_visible_to_planners_and_administrators(
    indicators, roles, sees_restricted
):
    user = AnonymousUser() if roles is None else UserFactory(roles=roles)
    expected = {"einwohner", "z-wert"} if sees_restricted else {"einwohner"}

    assert set(Indicator.objects.visible_to(user).values_list("key", flat=True)) == expected
    assert {value.indicator.key for value in IndicatorValue.objects.visible_to(user)} == expected


def test_a_locked_planner_sees_only_public_indicators(indicators):
    planner = UserFactory(roles=["planner"], is_active=False)
    assert list(Indicator.objects.visible_to(planner)) == [indicators[0]]


def test_a_value_is_stored_once_per_indicator_area_and_day(indicators, areas):
    with pytest.raises(IntegrityError):
        IndicatorValueFactory(
            indicator=indicators[0], area=areas["district"], date=datetime.date(2019, 12, 31)
        )


def test_a_value_has_a_number_or_a_flag(areas):
    with pytest.raises(IntegrityError):
        IndicatorValueFactory(area=areas["district"], date=datetime.date(2019, 12, 31), value=None)
