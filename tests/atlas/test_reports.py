"""Reports: blocks resolve to live figures (or a fixed day), suppressed as on the map; restricted
indicators stay with the planners; the date of data and the sources are collected."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from sozialraum.areas.models import AreaLevel
from sozialraum.atlas.maps import Status
from sozialraum.atlas.models import BlockKind, Report, ReportBlock, ReportStatus
from sozialraum.atlas.reports import report_shown
from tests.factories import UserFactory

from .factories import MAP_DAY, MAP_EARLIER, create_map_figures

pytestmark = pytest.mark.django_db


def create_report(planning_areas, *, status=ReportStatus.PUBLISHED, slug="sozialbericht"):
    """A report with a text, a map, a chart of two areas, a table of the older day and a block
    of a restricted indicator."""
    level = AreaLevel.objects.get(slug="planungsraum")
    report = Report.objects.create(
        title="Sozialbericht Mitte",
        slug=slug,
        summary="Wie es den Planungsräumen geht.",
        status=status,
        published=datetime.date(2024, 5, 1) if status == ReportStatus.PUBLISHED else None,
    )
    ReportBlock.objects.create(
        report=report, position=1, kind=BlockKind.TEXT, heading="Einleitung", text="Ein **Text**."
    )
    from sozialraum.atlas.models import Indicator

    rate = Indicator.objects.get(key="arbeitslose-anteil")
    secret = Indicator.objects.get(key="z-s1")
    ReportBlock.objects.create(
        report=report, position=2, kind=BlockKind.MAP, indicator=rate, level=level
    )
    chart = ReportBlock.objects.create(
        report=report, position=3, kind=BlockKind.CHART, indicator=rate, heading="Entwicklung"
    )
    chart.areas.set(planning_areas[:2])
    ReportBlock.objects.create(
        report=report,
        position=4,
        kind=BlockKind.TABLE,
        indicator=rate,
        level=level,
        date=MAP_EARLIER,
        heading="Tabelle 2017",
    )
    ReportBlock.objects.create(
        report=report, position=5, kind=BlockKind.MAP, indicator=secret, heading="Geheim"
    )
    return report


@pytest.fixture
def report(areas):
    return create_report(create_map_figures(areas))


def by_kind(shown, kind):
    return [item for item in shown.blocks if item.kind == kind]


def test_a_map_without_a_day_shows_the_newest_figures_suppressed_like_the_map(report):
    shown = report_shown(report, AnonymousUser())
    block = by_kind(shown, BlockKind.MAP)[0]

    assert block.day == MAP_DAY
    rows = {row.area.name: row for row in block.data.rows}
    assert rows["Stülerstraße"].value == pytest.approx(10.0)
    assert rows["Großer Tiergarten"].value is None  # 2 unemployed: below the threshold
    assert rows["Großer Tiergarten"].status == Status.SMALL
    assert block.map["legend"]


def test_a_fixed_day_stays_fixed_and_a_missing_day_says_so(report):
    table = report.blocks.get(kind=BlockKind.TABLE)
    assert by_kind(report_shown(report, AnonymousUser()), BlockKind.TABLE)[0].day == MAP_EARLIER

    table.date = datetime.date(2000, 1, 1)
    table.save()
    block = by_kind(report_shown(report, AnonymousUser()), BlockKind.TABLE)[0]
    assert block.data is None
    assert "Für den 1. Januar 2000 gibt es keine Zahlen." in block.notes


def test_a_chart_shows_the_chosen_areas_series_with_small_numbers_left_out(report):
    block = by_kind(report_shown(report, AnonymousUser()), BlockKind.CHART)[0]

    assert [entry.area.name for entry in block.series] == ["Stülerstraße", "Großer Tiergarten"]
    assert block.days == [MAP_EARLIER, MAP_DAY]
    tiergarten = block.series[1]
    assert all(point.value is None for point in tiergarten.points)
    assert block.day == MAP_DAY


def test_restricted_blocks_are_left_out_for_the_public_and_marked_for_planners(report):
    public = report_shown(report, AnonymousUser())
    assert all(not item.indicator or item.indicator.key != "z-s1" for item in public.blocks)
    assert [source.indicator.key for source in public.sources] == ["arbeitslose-anteil"]

    planner = UserFactory(roles=["planner"])
    mine = report_shown(report, planner)
    secret = [item for item in mine.blocks if item.indicator and item.indicator.key == "z-s1"]
    assert len(secret) == 1 and secret[0].hidden_from_public
    assert secret[0].day == MAP_DAY


def test_the_date_of_data_and_the_sources_are_collected(report):
    shown = report_shown(report, AnonymousUser())

    [source] = shown.sources
    assert source.text == "Amt für Statistik (CC BY 3.0 DE)"
    assert source.days == [MAP_EARLIER, MAP_DAY]
    assert shown.newest_day == MAP_DAY
