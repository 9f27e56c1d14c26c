"""Social planners fix indicator metadata in the Django admin; editors may not."""

import pytest
from django.test import Client

from sozialraum.atlas.models import Indicator
from tests.factories import UserFactory, give_totp

from .factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def signed_in(client: Client, roles: list[str]) -> Client:
    user = UserFactory(roles=roles, is_staff=True)
    give_totp(user)
    client.force_login(user)
    return client


def test_a_planner_corrects_the_name_and_unit_of_an_indicator(client):
    indicator = IndicatorFactory(key="arbeitslose", name="Arbeitslose", unit="Prozent")
    planner = signed_in(client, ["planner"])
    url = f"/de/admin/atlas/indicator/{indicator.pk}/change/"

    page = planner.get(url)
    assert page.status_code == 200
    form = {
        "name_de": "Arbeitslose (SGB II und III)",
        "name_en": "Unemployed",
        "name_ar": "",
        "unit_de": "%",
        "unit_en": "%",
        "unit_ar": "",
        "definition_de": "",
        "definition_en": "",
        "definition_ar": "",
        "topic": "arbeit-grundsicherung",
        "kind": "rate",
        "factor": "100",
        "interpretation": "higher-worse",
        "precision": "1",
        "source": "",
        "update_interval": "yearly",
    }
    response = planner.post(url, form)

    assert response.status_code == 302, response.content.decode()[:2000]
    indicator.refresh_from_db()
    assert (indicator.name_de, indicator.name_en, indicator.unit) == (
        "Arbeitslose (SGB II und III)",
        "Unemployed",
        "%",
    )
    assert indicator.key == "arbeitslose"  # read-only: imports refer to it


def test_an_editor_cannot_change_indicators(client):
    indicator = IndicatorFactory(key="arbeitslose")
    editor = signed_in(client, ["editor"])

    response = editor.get(f"/de/admin/atlas/indicator/{indicator.pk}/change/")

    assert response.status_code == 403
    assert Indicator.objects.get().name == indicator.name


def test_a_derived_rate_in_the_admin_must_rest_on_counts(client):
    share = IndicatorFactory(key="anteil", kind="rate")
    imported_rate = IndicatorFactory(key="quote", kind="rate")
    inhabitants = IndicatorFactory(key="einwohner", kind="count")
    planner = signed_in(client, ["planner"])
    form = {
        "name_de": "Anteil",
        "topic": "sonstiges",
        "kind": "rate",
        "numerator": imported_rate.pk,
        "denominator": inhabitants.pk,
        "factor": "100",
        "interpretation": "neutral",
        "precision": "1",
    }

    response = planner.post(f"/de/admin/atlas/indicator/{share.pk}/change/", form)

    assert response.status_code == 200
    assert (
        "Zähler und Nenner müssen andere Indikatoren der Art „Anzahl“ sein."
        in response.content.decode()
    )
    share.refresh_from_db()
    assert share.numerator is None


def test_a_planner_configures_a_social_index_with_its_indicators(client):
    from sozialraum.atlas.models import SocialIndex

    share = IndicatorFactory(key="s1", name="Arbeitslosigkeit", kind="rate")
    change = IndicatorFactory(key="d1", name="Arbeitslosigkeit: Veränderung", kind="value")
    planner = signed_in(client, ["planner"])
    form = {
        "key": "mss",
        "name": "MSS-Statusindex",
        "description": "",
        "population": "",
        "minimum_population": "300",
        "dynamics_years": "2",
        "status_thresholds": "[-1, 1, 1.5]",
        "status_labels": '["hoch", "mittel", "niedrig", "sehr niedrig"]',
        "dynamics_thresholds": "[-1, 1]",
        "dynamics_labels": '["positiv", "stabil", "negativ"]',
        "components-TOTAL_FORMS": "1",
        "components-INITIAL_FORMS": "0",
        "components-0-position": "0",
        "components-0-indicator": str(share.pk),
        "components-0-change": str(change.pk),
        "components-0-direction": "1",
    }
    assert planner.get("/de/admin/atlas/socialindex/add/").status_code == 200

    response = planner.post("/de/admin/atlas/socialindex/add/", form)

    assert response.status_code == 302, response.context["errors"]
    index = SocialIndex.objects.get(key="mss")
    assert [c.change for c in index.components.all()] == [change]


def test_thresholds_of_a_social_index_must_ascend(client):
    planner = signed_in(client, ["planner"])
    form = {
        "key": "mss",
        "name": "MSS",
        "minimum_population": "300",
        "dynamics_years": "2",
        "status_thresholds": "[1, -1, 1.5]",
        "status_labels": '["hoch", "mittel", "niedrig", "sehr niedrig"]',
        "dynamics_thresholds": "[-1, 1]",
        "dynamics_labels": '["positiv", "stabil", "negativ"]',
        "components-TOTAL_FORMS": "0",
        "components-INITIAL_FORMS": "0",
    }
    response = planner.post("/de/admin/atlas/socialindex/add/", form)
    assert response.status_code == 200
    assert "Die Grenzen müssen aufsteigen." in response.content.decode()
