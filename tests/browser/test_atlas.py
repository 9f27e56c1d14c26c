"""The Sozialatlas start page with indicators: zero axe violations in every language."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from sozialraum.atlas.models import Kind, Topic
from tests.areas.factories import create_sample_areas
from tests.atlas.factories import IndicatorFactory, IndicatorValueFactory
from tests.factories import UserFactory, give_totp

from .conftest import assert_accessible
from .login import log_in
from .public_pages import LANGUAGES

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def indicators():
    with translation.override("de"):
        areas = create_sample_areas()
        inhabitants = IndicatorFactory(
            key="einwohner", name="Einwohnerinnen und Einwohner", topic=Topic.POPULATION
        )
        IndicatorValueFactory(
            indicator=inhabitants, area=areas["district"], date=datetime.date(2020, 6, 30)
        )
        IndicatorFactory(
            key="z-s1",
            name="Arbeitslosigkeit: z-Wert",
            topic=Topic.SOCIAL_INDEX,
            kind=Kind.VALUE,
            restricted=True,
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_atlas_start_page_with_indicators_has_no_axe_violations(
    page, live_server, indicators, language
):
    planner = UserFactory(roles=["planner"])
    give_totp(planner)
    with translation.override(language):
        url = reverse("atlas:index")
    assert_accessible(page, url)  # public indicators

    log_in(page, live_server, planner)
    assert_accessible(page, url)  # and the restricted one with its badge
    assert page.get_by_text("Arbeitslosigkeit: z-Wert").count() == 1
