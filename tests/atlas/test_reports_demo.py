"""The demo report: published, built from the Berlin demo figures, the same after a second run."""

from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management.color import no_style

from sozialraum.areas import demo as areas_demo
from sozialraum.atlas import demo
from sozialraum.atlas.models import Report
from sozialraum.atlas.reports import report_shown

pytestmark = pytest.mark.django_db


def test_the_demo_report_is_published_live_and_idempotent(monkeypatch):
    monkeypatch.setattr(demo, "MSS_YEARS", (2019,))
    monkeypatch.setattr(demo, "POPULATION_YEARS", range(2020, 2021))
    areas_demo.load(StringIO(), no_style())
    out = StringIO()
    demo.load(out, no_style())
    demo.load(StringIO(), no_style())

    report = Report.objects.get(slug="sozialbericht-berlin-demo")
    assert "Bericht „Sozialbericht Berlin (Demo)“ angelegt." in out.getvalue()
    assert report.is_published and report.blocks.count() == 4
    shown = report_shown(report, AnonymousUser())
    assert [item.kind for item in shown.blocks] == ["text", "map", "chart", "table"]
    assert all(item.has_figures for item in shown.blocks[1:])
    assert len(shown.blocks[2].series) == 4
    by_key = {source.indicator.key: source.text for source in shown.sources}
    assert by_key["mss-status"].startswith("Eigene Berechnung: MSS-Statusindex (Monitoring")
    assert "Einwohnerregisterstatistik" in by_key["einwohner"]
