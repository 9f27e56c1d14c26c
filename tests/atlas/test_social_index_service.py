import datetime

import pytest
from django.core.management import CommandError, call_command

from sozialraum.areas.models import Area
from sozialraum.atlas.models import IndicatorValue, SocialIndex, SocialIndexComponent
from sozialraum.atlas.social_index_service import SocialIndexError, social_index_compute
from tests.areas.factories import AreaLevelFactory, square
from tests.atlas.factories import IndicatorFactory

from .test_social_index_mss import index_indicators, read

DAY = datetime.date(2018, 12, 31)


def make_areas(level, codes):
    return Area.objects.bulk_create(
        Area(level=level, code=code, name=code, geometry=square(13.3, 52.5)) for code in codes
    )


def store(indicator, areas, values, day=DAY):
    IndicatorValue.objects.bulk_create(
        IndicatorValue(indicator=indicator, area=area, date=day, value=value)
        for area, value in zip(areas, values, strict=True)
        if value is not None
    )


def stored(key, day=DAY):
    return dict(
        IndicatorValue.objects.filter(indicator__key=key, date=day).values_list(
            "area__code", "value"
        )
    )


@pytest.fixture
def small_index(db):
    """Six areas, one with too few inhabitants; a status indicator and its change."""
    level = AreaLevelFactory(name="Planungsraum", rank=3)
    areas = make_areas(level, ["a", "b", "c", "d", "e", "klein"])
    share = IndicatorFactory(key="anteil", kind="rate", unit="%")
    change = IndicatorFactory(key="anteil-veraenderung", kind="value")
    people = IndicatorFactory(key="einwohner")
    store(share, areas, [1, 2, 3, 4, 20, 99])
    store(change, areas, [-3, 0, 0, 0, 3, 5])
    store(people, areas, [1000, 1000, 1000, 1000, 1000, 100])
    index = SocialIndex.objects.create(key="test", name="Testindex", population=people)
    SocialIndexComponent.objects.create(index=index, indicator=share, change=change)
    return index, level


def test_results_are_stored_as_indicator_values(small_index):
    index, level = small_index
    report = social_index_compute(index=index, date=DAY, level=level)
    classes = stored("test-status-klasse")
    assert classes == {"a": 2, "b": 2, "c": 2, "d": 2, "e": 4}  # "klein" takes no part
    assert stored("test-dynamik-klasse") == {"a": 1, "b": 2, "c": 2, "d": 2, "e": 3}
    assert stored("test-matrix")["e"] == 43
    assert stored("test-status")["e"] == pytest.approx(1.9799, abs=1e-4)
    assert report.status == {"mittel": 4, "sehr niedrig": 1}
    assert "5 von 6 Gebieten" in report.summary()


def test_computing_again_changes_nothing_and_follows_changed_values(small_index):
    index, level = small_index
    first = social_index_compute(index=index, date=DAY, level=level)
    stored_first = set(IndicatorValue.objects.values_list("pk", "value"))
    again = social_index_compute(index=index, date=DAY, level=level)
    assert (first.created, first.changed) == (25, 0)  # 5 results for 5 areas
    assert (again.created, again.changed, again.unchanged) == (0, 0, 25)
    assert "Ergebniswerte: 0 neu, 0 geändert, 25 unverändert." in again.summary()
    assert set(IndicatorValue.objects.values_list("pk", "value")) == stored_first
    IndicatorValue.objects.filter(indicator__key="einwohner", area__code="e").update(value=10)
    social_index_compute(index=index, date=DAY, level=level)
    assert "e" not in stored("test-status-klasse")


def test_without_a_change_indicator_the_change_is_computed_from_earlier_values(small_index):
    index, level = small_index
    SocialIndexComponent.objects.update(change=None)
    share = index.components.get().indicator
    areas = list(Area.objects.order_by("pk"))
    # Two years earlier: "a" improved by 3 points, "e" worsened by 3, the others stayed.
    store(share, areas, [4, 2, 3, 4, 17, 99], day=datetime.date(2016, 12, 31))
    social_index_compute(index=index, date=DAY, level=level)
    assert stored("test-dynamik-klasse") == {"a": 1, "b": 2, "c": 2, "d": 2, "e": 3}


def test_missing_values_are_an_error_a_planner_can_act_on(small_index):
    index, level = small_index
    with pytest.raises(
        SocialIndexError, match=r"„Indikator \d+“ hat am 31\. Dezember 2017 keine Werte"
    ):
        social_index_compute(index=index, date=datetime.date(2017, 12, 31), level=level)


def test_command_computes_every_day_with_values(small_index):
    from io import StringIO

    out = StringIO()
    call_command("compute_social_index", "test", stdout=out)
    assert "Testindex" in out.getvalue()
    assert "5 von 6 Gebieten" in out.getvalue()
    with pytest.raises(CommandError, match="Einen Index „gibtsnicht“ gibt es nicht"):
        call_command("compute_social_index", "gibtsnicht")


@pytest.mark.parametrize("year", [2013, 2019])
def test_stored_mss_index_reproduces_the_published_classes(db, year):
    ids, values, population = index_indicators(year)
    level = AreaLevelFactory(name="Planungsraum", rank=3)
    areas = make_areas(level, ids)
    index = SocialIndex.objects.create(key="mss", name="MSS-Statusindex", all_zero_is_missing=True)
    people = IndicatorFactory(key="einwohner")
    store(people, areas, population.tolist())
    index.population = people
    index.save()
    for position, column in enumerate(c for c in values if c.startswith("s")):
        status = IndicatorFactory(key=column[:2], kind="rate")
        change = IndicatorFactory(key="d" + column[1], kind="value")
        dynamic = next(c for c in values if c.startswith(change.key + "_"))
        store(status, areas, [None if v != v else v for v in values[column].tolist()])
        store(change, areas, [None if v != v else v for v in values[dynamic].tolist()])
        SocialIndexComponent.objects.create(
            index=index, indicator=status, change=change, position=position
        )

    social_index_compute(index=index, date=DAY, level=level)

    published = {row["id"]: row for row in read(year, "1")}
    assert stored("mss-status-klasse") == {
        area: float(row["status_index"]) for area, row in published.items()
    }
    symbols = {"+": 1, "+/-": 2, "-": 3}
    assert stored("mss-dynamik-klasse") == {
        area: symbols[row["dynamic_index"]] for area, row in published.items()
    }


def test_an_optional_indicator_without_values_that_day_is_left_out_and_named(small_index):
    index, level = small_index
    dropped = IndicatorFactory(key="s2", name="Langzeitarbeitslosigkeit", kind="rate")
    SocialIndexComponent.objects.create(index=index, indicator=dropped, optional=True)

    report = social_index_compute(index=index, date=DAY, level=level)

    assert stored("test-status-klasse")["e"] == 4
    assert "Ohne „Langzeitarbeitslosigkeit“ (an diesem Tag keine Werte)." in report.summary()


def test_result_indicators_are_described_in_german_whatever_the_language(small_index):
    from django.utils import translation

    from sozialraum.atlas.models import Indicator

    index, level = small_index
    with translation.override("en"):
        social_index_compute(index=index, date=DAY, level=level)
    result = Indicator.objects.get(key="test-status-klasse")
    assert result.name_de == "Testindex: Statusklasse"
    assert result.definition_de.startswith(
        "Klasse des Statusindex: 1 = hoch, 2 = mittel, 3 = niedrig, 4 = sehr niedrig."
    )
    assert result.topic == "soziale-lage"
    status = Indicator.objects.get(key="test-status").definition_de
    assert "vom Durchschnitt aller Gebiete mit mindestens 300 Einwohnerinnen" in status
    assert not result.restricted


def test_an_indicator_without_spread_is_named_in_the_error(small_index):
    index, level = small_index
    IndicatorValue.objects.filter(indicator__key="anteil").update(value=5)
    with pytest.raises(SocialIndexError, match="„anteil“: alle Gebiete haben denselben Wert"):
        social_index_compute(index=index, date=DAY, level=level)
    assert not IndicatorValue.objects.filter(indicator__key__startswith="test-").exists()
