"""The Berlin demo data: the real files, with their one known error."""

from io import StringIO

import pytest
from django.core.management.color import no_style

from sozialraum.areas import demo
from sozialraum.areas.models import Area, AreaLevel
from sozialraum.areas.services import AreaImportError, areas_import

pytestmark = pytest.mark.django_db

PLANNING_AREAS = demo.DATA / "berlin-lor-planning-areas-until-2020.geojson"


def test_berlin_planning_areas_report_the_duplicate_id_06010102():
    with pytest.raises(AreaImportError) as error:
        areas_import(path=PLANNING_AREAS, level="Planungsraum", id_field="id", name_field="name")

    assert [(issue.feature, issue.code) for issue in error.value.issues] == [
        (124, "06010102"),
        (205, "06010102"),
    ]
    assert (
        "Die Kennziffer kommt mehrfach vor: "
        "Features 124 (bei 13.299, 52.515), 205 (bei 13.321, 52.459)." in str(error.value)
    )
    assert not Area.objects.exists()


def test_demo_loads_berlin_and_is_idempotent():
    first, second = StringIO(), StringIO()

    demo.load(first, no_style())
    demo.load(second, no_style())

    counts = {level.slug: Area.objects.in_level(level).count() for level in AreaLevel.objects.all()}
    assert counts == {"stadt": 1, "bezirk": 12, "bezirksregion": 138, "planungsraum": 446}
    for output in (first.getvalue(), second.getvalue()):
        assert output.count("Übersprungen:") == 2
        assert "Feature 124 (Kennziffer 06010102): Die Kennziffer kommt mehrfach vor" in output
    assert "0 neu, 0 geändert, 446 unverändert, 2 übersprungen." in second.getvalue()
    stuelerstrasse = Area.objects.get(code="01011101")
    assert [area.code for area in stuelerstrasse.ancestors()] == ["0", "01", "010111"]
    assert str(stuelerstrasse.valid_until) == "2020-12-31"
    assert AreaLevel.objects.get(slug="bezirk").name_en == "District"
