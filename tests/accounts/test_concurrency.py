"""Two administrators acting at the same moment must not leave the platform without one.

These tests need real row locks and run only on PostgreSQL:
DATABASE_URL=postgres://postgres@127.0.0.1:5432/sozialraum_fix1 pytest tests/accounts
"""

import pytest
from django.db import connection

from sozialraum.accounts import services
from tests.factories import UserFactory

from .helpers import run_at_once

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no row locks, it serialises whole transactions",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_two_administrators_demoting_each_other_leave_exactly_one():
    first = UserFactory(roles=["administrator"])
    second = UserFactory(roles=["administrator"])

    errors = run_at_once(
        [services],
        lambda: services.user_set_roles(user=first, roles=[], actor=second),
        lambda: services.user_set_roles(user=second, roles=[], actor=first),
    )

    assert services.administrators().count() == 1
    assert sorted(type(error).__name__ for error in errors) == ["AccountError", "NoneType"]


def test_demoting_and_locking_the_other_administrator_at_once_leaves_one():
    first = UserFactory(roles=["administrator"])
    second = UserFactory(roles=["administrator"])

    run_at_once(
        [services],
        lambda: services.user_set_roles(user=first, roles=[], actor=second),
        lambda: services.user_deactivate(user=second, actor=first),
    )

    assert services.administrators().count() == 1
