"""The Sozialatlas start page lists the indicators by topic, restricted ones only for planners."""

import datetime
import re

import pytest
from django.test import Client

from sozialraum.atlas.models import Kind, Topic
from tests.factories import UserFactory, give_totp

from .factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def indicators(areas):
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
        unit="z-Wert",
        restricted=True,
    )


def test_the_start_page_lists_public_indicators_by_topic(client: Client, indicators):
    page = text(client.get("/de/sozialatlas/").content.decode())

    assert "Bevölkerung Einwohnerinnen und Einwohner (Personen), Stand 30.06.2020" in page
    assert "z-Wert" not in page
    assert "Soziale Lage" not in page


def test_planners_also_see_restricted_indicators(client: Client, indicators):
    planner = UserFactory(roles=["planner"])
    give_totp(planner)
    client.force_login(planner)

    page = text(client.get("/de/sozialatlas/").content.decode())

    assert (
        "Soziale Lage (Index) Arbeitslosigkeit: z-Wert (z-Wert) nur für die Sozialplanung" in page
    )


def test_without_indicators_the_page_says_the_figures_are_coming(client: Client, areas):
    page = text(client.get("/de/sozialatlas/").content.decode())
    assert "Bald finden Sie hier Zahlen zu jedem Gebiet" in page


def test_the_start_page_links_map_comparison_and_for_planners_the_early_warning(
    client: Client, indicators
):
    page = client.get("/de/sozialatlas/").content.decode()
    assert 'href="/de/sozialatlas/karte/"' in page
    assert 'href="/de/sozialatlas/vergleich/"' in page
    assert 'href="/de/sozialatlas/berichte/"' in page
    assert 'href="/de/sozialatlas/fruehwarnung/"' not in page
    planner = UserFactory(roles=["planner"])
    give_totp(planner)
    client.force_login(planner)
    assert 'href="/de/sozialatlas/fruehwarnung/"' in client.get("/de/sozialatlas/").content.decode()
