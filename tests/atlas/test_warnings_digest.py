"""Early warning after an import: new findings are mailed once to every planner, in their
language."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from sozialraum.atlas.importing import Mapping
from sozialraum.atlas.models import Finding, RuleKind, WarningRule
from sozialraum.atlas.services import indicators_import
from sozialraum.atlas.tasks import send_warning_digest
from tests.factories import UserFactory

from .factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db

D1, D2 = datetime.date(2019, 12, 31), datetime.date(2020, 12, 31)
FILE = """id;arbeitslose
01011101;12
01011102;4
"""


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://sozialraum.example.de"


@pytest.fixture
def people(db):
    return {
        "planner": UserFactory(email="planung@example.org", roles=["planner"]),
        "english": UserFactory(email="planning@example.org", roles=["planner"], language="en"),
        "admin": UserFactory(email="admin@example.org", roles=["administrator"]),
        "editor": UserFactory(email="redaktion@example.org", roles=["editor"]),
        "away": UserFactory(email="weg@example.org", roles=["planner"], is_active=False),
        "citizen": UserFactory(email="buerger@example.org"),
    }


@pytest.fixture
def high(areas):
    indicator = IndicatorFactory(key="arbeitslose", name="Arbeitslose", unit="Personen")
    return WarningRule.objects.create(
        name="Viele Arbeitslose", indicator=indicator, kind=RuleKind.ABOVE, threshold=10
    )


def import_file(write, django_capture_on_commit_callbacks, day=D1, content=FILE):
    mapping = Mapping(format="wide", level="planungsraum", date=day)
    with django_capture_on_commit_callbacks(execute=True):
        return indicators_import(path=write("werte.csv", content), mapping=mapping)


def test_an_import_mails_each_planner_one_digest_of_the_new_findings(
    people, high, write, django_capture_on_commit_callbacks
):
    import_file(write, django_capture_on_commit_callbacks)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "admin@example.org",
        "planning@example.org",
        "planung@example.org",
    ]
    german = next(m for m in mail.outbox if m.to == ["planung@example.org"])
    assert "1 neuer Hinweis" in german.subject
    assert "Stülerstraße" in german.body
    assert "Großer Tiergarten" not in german.body
    assert "Viele Arbeitslose: Wert über 10,0 Personen" in german.body
    assert "https://sozialraum.example.de/de/sozialatlas/fruehwarnung/" in german.body
    english = next(m for m in mail.outbox if m.to == ["planning@example.org"])
    assert "https://sozialraum.example.de/en/sozialatlas/fruehwarnung/" in english.body
    assert Finding.objects.get().mailed is not None


def test_importing_the_same_file_again_mails_nothing(
    people, high, write, django_capture_on_commit_callbacks
):
    import_file(write, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    import_file(write, django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert Finding.objects.count() == 1


def test_an_import_reports_only_findings_from_its_own_days_on(
    people, high, areas, write, django_capture_on_commit_callbacks
):
    """Old figures met the rule before the rule existed: a new year's import does not mail them."""
    IndicatorValueFactory(indicator=high.indicator, area=areas["tiergarten"], date=D1, value=50)
    import_file(write, django_capture_on_commit_callbacks, day=D2)

    assert {(f.area, f.date) for f in Finding.objects.all()} == {(areas["stuelerstrasse"], D2)}
    assert len(mail.outbox) == 3


def test_an_import_of_other_indicators_evaluates_no_rule(
    people, high, write, django_capture_on_commit_callbacks
):
    IndicatorFactory(key="einwohner")
    import_file(write, django_capture_on_commit_callbacks, content="id;einwohner\n01011101;99\n")
    assert Finding.objects.count() == 0
    assert mail.outbox == []


def test_the_digest_task_mails_each_finding_once(people, high, areas):
    finding = Finding.objects.create(
        rule=high, area=areas["stuelerstrasse"], date=D1, values={"value": 12.0}
    )
    assert send_warning_digest.enqueue(finding_ids=[finding.pk]).return_value == 3
    assert send_warning_digest.enqueue(finding_ids=[finding.pk]).return_value == 0
    assert len(mail.outbox) == 3


def test_command_evaluates_every_value_and_mails_unless_asked_not_to(
    people, high, areas, django_capture_on_commit_callbacks
):
    IndicatorValueFactory(indicator=high.indicator, area=areas["tiergarten"], date=D1, value=50)
    out = StringIO()
    call_command("evaluate_warnings", "--no-mail", stdout=out)
    assert "Neue Hinweise: 1" in out.getvalue()
    assert mail.outbox == []

    IndicatorValueFactory(indicator=high.indicator, area=areas["tiergarten"], date=D2, value=60)
    call_command("evaluate_warnings", "--rule", str(high.pk), stdout=out)
    assert "Neue Hinweise: 1" in out.getvalue()
    assert len(mail.outbox) == 3
    assert "Stichtag 31. Dezember 2020" in mail.outbox[0].body
    assert "Stichtag 31. Dezember 2019" not in mail.outbox[0].body


def test_command_rejects_an_unknown_rule(high):
    with pytest.raises(CommandError, match="Keine aktive Regel mit der Nummer 999"):
        call_command("evaluate_warnings", "--rule", "999")


def test_a_failing_evaluation_does_not_undo_the_import(
    people, high, write, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    from sozialraum.atlas import warnings

    def broken(*args, **kwargs):
        raise ZeroDivisionError

    monkeypatch.setattr(warnings, "evaluate_rule", broken)
    report = import_file(write, django_capture_on_commit_callbacks)

    assert report.created == 2
    assert high.indicator.values.count() == 2
    assert Finding.objects.count() == 0
    assert "evaluating the rules after import" in caplog.text
