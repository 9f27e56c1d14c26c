import datetime

import pytest

from sozialraum.areas.locate import AreaLocator, area_containing

from .factories import AreaFactory, AreaLevelFactory, square

pytestmark = pytest.mark.django_db


def test_point_is_placed_in_the_finest_area_containing_it():
    district = AreaFactory(
        level=AreaLevelFactory(name="Bezirk", rank=1), geometry=square(13.0, 52.0, 1)
    )
    quarter = AreaFactory(
        level=AreaLevelFactory(name="Planungsraum", rank=3),
        parent=district,
        geometry=square(13.2, 52.2, 0.1),
    )

    assert area_containing(13.25, 52.25) == quarter
    assert area_containing(13.8, 52.8) == district
    assert area_containing(20.0, 50.0) is None


def test_areas_not_valid_on_the_day_are_ignored():
    AreaFactory(geometry=square(13.0, 52.0, 1), valid_until=datetime.date(2020, 12, 31))
    current = AreaFactory(geometry=square(13.0, 52.0, 1), valid_from=datetime.date(2021, 1, 1))

    assert AreaLocator(datetime.date(2024, 1, 1)).locate(13.5, 52.5) == current
    assert AreaLocator(datetime.date(2019, 1, 1)).locate(13.5, 52.5) != current
