import datetime
import io

import pytest
from django.core.management.color import no_style
from django.utils import timezone

from sozialraum.passes import demo
from sozialraum.passes.models import Pass, PassType
from sozialraum.passes.services import PassCheckError, pass_check

pytestmark = pytest.mark.django_db


def test_the_demo_passes_named_in_the_docs_work_today_and_loading_twice_changes_nothing():
    out = io.StringIO()
    demo.load(out, no_style())
    demo.load(out, no_style())
    assert PassType.objects.count() == 2 and Pass.objects.count() == 4
    assert "FP-DEM0-0000-001D" in out.getvalue()
    assert pass_check(number="FP-DEM0-0000-001D", pass_type="FP").birth_year == 2015
    assert pass_check(number="FAM-DEM0-0000-0039", pass_type="FAM").pass_type.name == (
        "Familienpass"
    )
    with pytest.raises(PassCheckError) as caught:
        pass_check(number="FP-DEM0-0000-009X")
    assert caught.value.code == PassCheckError.EXPIRED


def test_the_demo_passes_cover_the_demo_holiday_programme_also_when_loaded_in_december():
    """The programme lies a few weeks ahead of the day the demo is loaded."""
    demo.load(io.StringIO(), no_style())
    weeks_ahead = timezone.localdate() + datetime.timedelta(weeks=8)
    assert pass_check(number="FP-DEM0-0000-001D", pass_type="FP", on=weeks_ahead)
