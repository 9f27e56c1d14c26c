"""The early warning's findings page: only for the social planners, the newest findings."""

import datetime
import html

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client

from sozialraum.atlas.models import Finding, RuleKind, WarningRule
from sozialraum.atlas.warning_views import current_findings
from tests.factories import UserFactory, give_totp

from .factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db

URL = "/de/sozialatlas/fruehwarnung/"
D1, D2 = datetime.date(2019, 12, 31), datetime.date(2020, 12, 31)


def signed_in(client: Client, roles: list[str], **fields) -> Client:
    user = UserFactory(roles=roles, **fields)
    give_totp(user)
    client.force_login(user)
    return client


@pytest.fixture
def findings(areas):
    """Stülerstraße above the limit on both days, Tiergarten only on the older one; a restricted
    indicator's finding on its newest day."""
    jobless = IndicatorFactory(key="arbeitslose", name="Arbeitslose", unit="Personen")
    secret = IndicatorFactory(key="z-s1", name="Arbeitslosigkeit: z-Wert", restricted=True)
    high = WarningRule.objects.create(
        name="Viele Arbeitslose", indicator=jobless, kind=RuleKind.ABOVE, threshold=10
    )
    jump = WarningRule.objects.create(
        name="z springt", indicator=secret, kind=RuleKind.ABOVE, threshold=1
    )
    for area, numbers in ((areas["stuelerstrasse"], (12, 14)), (areas["tiergarten"], (11, 3))):
        for day, number in zip((D1, D2), numbers, strict=True):
            IndicatorValueFactory(indicator=jobless, area=area, date=day, value=number)
            if number > 10:
                Finding.objects.create(rule=high, area=area, date=day, values={"value": number})
    IndicatorValueFactory(indicator=secret, area=areas["tiergarten"], date=D2, value=1.5)
    Finding.objects.create(rule=jump, area=areas["tiergarten"], date=D2, values={"value": 1.5})
    return {"high": high, "jump": jump}


def test_the_public_is_sent_to_the_login_and_other_staff_is_refused(client: Client, findings):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/konto/" in response["Location"]

    assert signed_in(client, ["editor"]).get(URL).status_code == 403


def test_planners_see_the_findings_of_the_newest_figures(client: Client, findings, areas):
    response = signed_in(client, ["planner"]).get(URL)

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Regeln bearbeiten" not in page  # the admin needs is_staff
    assert "2 aktuelle Hinweise" in page
    assert "Stülerstraße" in page
    assert "Wert über 10,0 Personen" in page
    assert "14,0" in page  # the newest value, not the older 12
    assert "12,0" not in page
    assert "Arbeitslosigkeit: z-Wert" in page  # planners may see restricted indicators
    assert (
        "/de/sozialatlas/karte/?indikator=arbeitslose&ebene=planungsraum&stichtag=2020-12-31"
        "&gebiet=01011101" in page
    )
    assert areas["stuelerstrasse"].get_absolute_url() in page


def test_findings_filter_by_indicator_and_level(client: Client, findings):
    client = signed_in(client, ["administrator"])

    page = html.unescape(client.get(URL, {"indikator": "z-s1"}).content.decode())
    assert "1 aktueller Hinweis" in page
    assert "Stülerstraße" not in page

    page = html.unescape(client.get(URL, {"ebene": "bezirk"}).content.decode())
    assert "Die neuesten Zahlen erfüllen keine Regel der Frühwarnung." in page


def test_restricted_indicators_findings_follow_visible_to(findings):
    assert {f.rule for f in current_findings(AnonymousUser())} == {findings["high"]}


def test_a_planner_writes_a_rule_in_the_admin(client: Client, findings):
    client = signed_in(client, ["planner"], is_staff=True)
    assert "Regeln bearbeiten" in client.get(URL).content.decode()
    response = client.post(
        "/de/admin/atlas/warningrule/add/",
        {
            "name": "Starker Anstieg",
            "indicator": findings["high"].indicator.pk,
            "kind": RuleKind.CHANGE,
            "threshold": "5",
            "periods": "2",
            "measure": "percent",
            "direction": "up",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert WarningRule.objects.get(name="Starker Anstieg").periods == 2
    assert client.get("/de/admin/atlas/finding/").status_code == 200


def test_a_rule_changed_in_the_admin_is_evaluated_at_once(client: Client, findings, mailoutbox):
    client = signed_in(client, ["planner"], is_staff=True)
    rule = findings["high"]
    response = client.post(
        f"/de/admin/atlas/warningrule/{rule.pk}/change/",
        {
            "name": rule.name,
            "indicator": rule.indicator.pk,
            "kind": RuleKind.ABOVE,
            "threshold": "12",
            "periods": "1",
            "measure": "absolute",
            "direction": "either",
            "active": "on",
        },
        follow=True,
    )

    # 12 and 11 on the older day no longer exceed 12; 14 on the newer one does
    assert {(f.area.code, f.date) for f in Finding.objects.filter(rule=rule)} == {("01011101", D2)}
    assert "Regel geprüft: 1 Hinweis, davon 0 neu." in html.unescape(response.content.decode())
    assert mailoutbox == []


def test_findings_of_a_rule_switched_off_are_not_shown(findings):
    findings["high"].active = False
    findings["high"].save()
    planner = UserFactory(roles=["planner"])
    assert {f.rule for f in current_findings(planner)} == {findings["jump"]}
