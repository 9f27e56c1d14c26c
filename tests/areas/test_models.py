import datetime

import pytest

from sozialraum.areas.models import Area

from .factories import AreaFactory, AreaLevelFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date


@pytest.fixture
def redrawn():
    """One level redrawn on 1 January 2021: an old, an unlimited and a new area."""
    level = AreaLevelFactory(name="Planungsraum")
    return {
        "old": AreaFactory(level=level, code="0101", valid_until=DAY(2020, 12, 31)),
        "always": AreaFactory(level=level, code="0102"),
        "new": AreaFactory(level=level, code="0101", valid_from=DAY(2021, 1, 1)),
    }


def test_valid_on_includes_the_first_and_last_day(redrawn):
    def starts_of_0101_on(day):
        return sorted(area.valid_from for area in Area.objects.valid_on(day) if area.code == "0101")

    assert starts_of_0101_on(DAY(2020, 12, 31)) == [None]
    assert starts_of_0101_on(DAY(2021, 1, 1)) == [DAY(2021, 1, 1)]
    assert Area.objects.valid_on(DAY(1990, 1, 1)).count() == 2  # old and unlimited


def test_in_level_takes_a_level_or_its_slug(redrawn):
    AreaFactory(level=AreaLevelFactory(name="Bezirk"), code="01")

    assert Area.objects.in_level("planungsraum").count() == 3
    assert Area.objects.in_level(redrawn["old"].level).count() == 3
    assert list(Area.objects.in_level("bezirk").values_list("code", flat=True)) == ["01"]


def test_reference_date_is_today_when_areas_are_valid_today(redrawn):
    assert redrawn["old"].level.reference_date(DAY(2024, 5, 1)) == DAY(2024, 5, 1)


def test_reference_date_of_a_past_set_is_its_last_day():
    level = AreaLevelFactory(name="Planungsraum")
    AreaFactory(level=level, valid_until=DAY(2020, 12, 31))

    assert level.reference_date(DAY(2024, 5, 1)) == DAY(2020, 12, 31)


def test_reference_date_of_a_future_set_is_its_first_day():
    level = AreaLevelFactory(name="Planungsraum")
    AreaFactory(level=level, valid_from=DAY(2030, 1, 1))

    assert level.reference_date(DAY(2024, 5, 1)) == DAY(2030, 1, 1)
    assert AreaLevelFactory(name="Leer").reference_date() is None


def test_an_id_exists_once_per_level_and_start_of_validity(redrawn):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        AreaFactory(level=redrawn["old"].level, code="0102")
    with pytest.raises(IntegrityError), transaction.atomic():
        AreaFactory(level=redrawn["old"].level, code="0101", valid_from=DAY(2021, 1, 1))


def test_ancestors_run_from_the_largest_area_down():
    city = AreaFactory(level=AreaLevelFactory(name="Stadt"), code="0", name="Berlin")
    district = AreaFactory(level=AreaLevelFactory(name="Bezirk"), code="01", parent=city)
    region = AreaFactory(level=AreaLevelFactory(name="Region"), code="0101", parent=district)

    assert region.ancestors() == [city, district]
    assert city.ancestors() == []
