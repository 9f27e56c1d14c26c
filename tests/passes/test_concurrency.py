"""Two imports of the same file, or two people blocking the same pass, at the same moment.
Needs real row locks, so PostgreSQL only:
DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME pytest tests/passes/test_concurrency.py
"""

import pytest
from django.db import connection

from sozialraum.core.models import AuditEntry
from sozialraum.passes import services
from sozialraum.passes.models import Pass
from sozialraum.passes.services import PassError, pass_revoke, passes_import
from tests.accounts.helpers import run_at_once

from .factories import PassFactory, PassTypeFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no row locks, it serialises whole transactions",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_the_same_file_imported_twice_at_once_makes_each_pass_once(tmp_path):
    PassTypeFactory(code="FP")
    lines = ["nummer;art;gueltig_ab"] + [f"M{index:07d};FP;2025-01-01" for index in range(300)]
    path = tmp_path / "paesse.csv"
    path.write_text("\n".join(lines) + "\n")

    def run_import():
        passes_import(actor=None, path=path)

    errors = run_at_once([], run_import, run_import)

    assert errors == [None, None]
    assert Pass.objects.count() == 300
    assert AuditEntry.objects.filter(action=services.IMPORTED).count() == 300


def test_a_pass_blocked_by_two_people_at_once_is_blocked_and_logged_once(user):
    card = PassFactory()

    errors = run_at_once(
        [services],
        lambda: pass_revoke(actor=user, card=card),
        lambda: pass_revoke(actor=user, card=card),
    )

    assert sorted(type(error).__name__ for error in errors if error) == [PassError.__name__]
    assert AuditEntry.objects.filter(action=services.REVOKED).count() == 1
