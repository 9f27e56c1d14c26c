"""Two evaluations (two imports, or an import and the command) at the same moment: every finding
is stored once and mailed once. Needs real row locks, so PostgreSQL only:
DATABASE_URL=postgres://postgres@127.0.0.1:5432/sozialraum pytest tests/atlas
"""

import datetime

import pytest
from django.core import mail
from django.db import connection

from sozialraum.atlas.models import Finding, RuleKind, WarningRule
from sozialraum.atlas.warnings import warning_digest_send, warnings_evaluate
from tests.accounts.helpers import run_at_once
from tests.factories import UserFactory

from .factories import IndicatorFactory, IndicatorValueFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no row locks, it serialises whole transactions",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_evaluating_and_mailing_twice_at_once_stores_and_mails_each_finding_once(areas):
    UserFactory(email="planung@example.org", roles=["planner"])
    UserFactory(email="admin@example.org", roles=["administrator"])
    indicator = IndicatorFactory()
    for area in (areas["stuelerstrasse"], areas["tiergarten"]):
        IndicatorValueFactory(
            indicator=indicator, area=area, date=datetime.date(2020, 12, 31), value=50
        )
    WarningRule.objects.create(name="hoch", indicator=indicator, kind=RuleKind.ABOVE, threshold=10)

    def evaluate_and_mail():
        findings = warnings_evaluate()
        warning_digest_send(finding_ids=[finding.pk for finding in findings])

    errors = run_at_once([], evaluate_and_mail, evaluate_and_mail)

    assert errors == [None, None]
    assert Finding.objects.count() == 2
    assert Finding.objects.filter(mailed__isnull=True).count() == 0
    assert sorted(message.to[0] for message in mail.outbox) == [
        "admin@example.org",
        "planung@example.org",
    ]
