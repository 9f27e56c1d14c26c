"""The early warning's findings page: zero axe violations in every language, filters by keyboard."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from sozialraum.atlas.models import Finding, RuleKind, WarningRule
from tests.areas.factories import create_sample_areas
from tests.atlas.factories import IndicatorFactory, IndicatorValueFactory
from tests.factories import UserFactory, give_totp

from .conftest import assert_accessible
from .login import log_in
from .public_pages import LANGUAGES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

D1, D2 = datetime.date(2019, 12, 31), datetime.date(2020, 12, 31)


@pytest.fixture
def planner(live_server):
    with translation.override("de"):
        areas = create_sample_areas()
        jobless = IndicatorFactory(key="arbeitslose", name="Arbeitslose", unit="Personen")
        secret = IndicatorFactory(key="z-s1", name="Arbeitslosigkeit: z-Wert", restricted=True)
        high = WarningRule.objects.create(
            name="Viele Arbeitslose", indicator=jobless, kind=RuleKind.ABOVE, threshold=10
        )
        rise = WarningRule.objects.create(
            name="Starker Anstieg", indicator=jobless, kind=RuleKind.CHANGE, threshold=5
        )
        jump = WarningRule.objects.create(
            name="z springt", indicator=secret, kind=RuleKind.Z_JUMP, threshold=0.5
        )
        area = areas["stuelerstrasse"]
        for day, number in ((D1, 4), (D2, 14)):
            IndicatorValueFactory(indicator=jobless, area=area, date=day, value=number)
        IndicatorValueFactory(indicator=secret, area=areas["tiergarten"], date=D2, value=1.2)
        Finding.objects.create(rule=high, area=area, date=D2, values={"value": 14})
        Finding.objects.create(
            rule=rise,
            area=area,
            date=D2,
            values={"value": 14, "earlier": 4, "earlier_date": "2019-12-31", "change": 10},
        )
        Finding.objects.create(
            rule=jump,
            area=areas["tiergarten"],
            date=D2,
            values={
                "value": 1.2,
                "z": 1.0,
                "earlier_z": -0.2,
                "earlier_date": "2019-12-31",
                "change": 1.2,
            },
        )
    user = UserFactory(roles=["planner"], is_staff=True)
    give_totp(user)
    return user


@pytest.mark.parametrize("language", LANGUAGES)
def test_findings_page_has_no_axe_violations(page, live_server, planner, language):
    log_in(page, live_server, planner)
    with translation.override(language):
        url = reverse("atlas:warnings")
    assert_accessible(page, url)
    assert page.locator("tbody tr").count() == 3


def test_findings_filter_by_keyboard(page, live_server, planner):
    log_in(page, live_server, planner)
    page.goto("/de/sozialatlas/fruehwarnung/")
    page.get_by_label("Merkmal").focus()
    page.keyboard.press("ArrowDown")  # alle -> Arbeitslose (ordered by name)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**indikator=arbeitslose**")
    assert page.locator("tbody tr").count() == 2
    assert_accessible(page, page.url)
