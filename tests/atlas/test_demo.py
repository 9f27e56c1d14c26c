"""The Berlin demo figures: the real MSS and population files, with the known broken column."""

import datetime
from io import StringIO

import pytest
from django.core.management.color import no_style

from sozialraum.areas import demo as areas_demo
from sozialraum.areas.models import Area, AreaLevel
from sozialraum.atlas import demo
from sozialraum.atlas.aggregation import rate_by_area
from sozialraum.atlas.importing import IndicatorImportError
from sozialraum.atlas.models import Indicator, IndicatorValue
from sozialraum.atlas.services import indicators_import

pytestmark = pytest.mark.django_db

Z_VALUES_2019 = demo.DATA / "mss" / "berlin-lor-monitoring-social-urban-development-2019-00-3.csv"


@pytest.fixture
def berlin():
    areas_demo.load(StringIO(), no_style())


@pytest.fixture
def one_year_each(monkeypatch):
    """The 2019 report and population 2020: the same code paths as the whole demo, faster."""
    monkeypatch.setattr(demo, "MSS_YEARS", (2019,))
    monkeypatch.setattr(demo, "POPULATION_YEARS", range(2020, 2021))


def value(key: str, code: str, day: datetime.date, level: str = "planungsraum") -> float | None:
    return IndicatorValue.objects.get(
        indicator__key=key, area__code=code, area__level__slug=level, date=day
    ).value


def test_the_broken_z_d3_column_is_reported_with_file_row_and_column(berlin):
    _label, _path, mapping = next(
        item for item in demo.mss_imports() if item[1].name == Z_VALUES_2019.name
    )

    with pytest.raises(IndicatorImportError) as error:
        indicators_import(path=Z_VALUES_2019, mapping=mapping)

    first = error.value.issues.lines()[0]
    assert first == (
        f"{Z_VALUES_2019}, Zeile 2, Spalte „z_d3_percentage_transfer_payments_recipients“: "
        "„mittel“ ist keine Zahl."
    )
    assert error.value.issues.per_column["z_d3_percentage_transfer_payments_recipients"] == 436
    assert not IndicatorValue.objects.exists()


def test_demo_loads_mss_and_population_and_is_idempotent(berlin, one_year_each):
    first, second = StringIO(), StringIO()

    demo.load(first, no_style())
    count = IndicatorValue.objects.count()
    demo.load(second, no_style())

    assert IndicatorValue.objects.count() == count
    assert "Sozialatlas, MSS 2019 (Stichtage 31.12.2018):" in first.getvalue()
    broken_column = "436 Fehler in Spalte „z_d3_percentage_transfer_payments_recipients“"
    assert broken_column in first.getvalue()
    assert " 0 Werte neu, 0 geändert," in second.getvalue()
    assert broken_column in second.getvalue()

    # MSS 2019 describes 31.12.2018; the row of Stülerstraße in table -2-1
    report_day = datetime.date(2018, 12, 31)
    assert value("mss-s1", "01011101", report_day) == pytest.approx(2.7978)
    assert value("mss-s4", "01", report_day, level="bezirk") is not None
    assert not IndicatorValue.objects.filter(indicator__key="mss-z-d3").exists()
    assert Indicator.objects.get(key="mss-z-s1").restricted
    # population period 2020-01 is 30.06.2020
    assert value("einwohner", "01011101", datetime.date(2020, 6, 30)) == 3389
    assert value("einwohner", "0", datetime.date(2020, 12, 31), level="stadt") > 3_600_000


def test_the_demo_rates_for_a_district_match_the_office_s_own_district_figure(
    berlin, one_year_each
):
    demo.load(StringIO(), no_style())
    day = datetime.date(2020, 6, 30)
    mitte = Area.objects.get(level__slug="bezirk", code="01")

    computed = rate_by_area(
        indicator=Indicator.objects.get(key="anteil-auslaender"),
        level=AreaLevel.objects.get(slug="bezirk"),
        date=day,
        from_level=AreaLevel.objects.get(slug="planungsraum"),
    )[mitte.pk]

    # table t1 of the districts: 128,676 foreigners of 380,917 inhabitants in Mitte
    assert (computed.numerator, computed.denominator) == (128_676, 380_917)
    assert computed.value == pytest.approx(33.78058737205218)
