"""Two organization admins acting at the same moment must leave the organization one admin.

These tests need real row locks and run only on PostgreSQL:
DATABASE_URL=postgres://postgres@127.0.0.1:5432/sozialraum_fix1 pytest tests/directory
"""

import pytest
from django.db import connection

from sozialraum.accounts import services as account_services
from sozialraum.directory import services
from sozialraum.directory.models import Membership
from tests.accounts.helpers import run_at_once
from tests.factories import MembershipFactory, UserFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no row locks, it serialises whole transactions",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def two_admins():
    first = MembershipFactory(is_admin=True)
    second = MembershipFactory(organization=first.organization, is_admin=True)
    return first, second


def test_two_admins_stepping_down_at_once_leave_exactly_one(two_admins):
    first, second = two_admins

    run_at_once(
        [services],
        lambda: services.membership_set_admin(membership=first, is_admin=False, actor=first.user),
        lambda: services.membership_set_admin(membership=second, is_admin=False, actor=second.user),
    )

    assert Membership.objects.admins().filter(organization=first.organization).count() == 1


def test_two_admins_removing_each_other_at_once_leave_exactly_one(two_admins):
    first, second = two_admins

    run_at_once(
        [services],
        lambda: services.membership_remove(membership=first, actor=second.user),
        lambda: services.membership_remove(membership=second, actor=first.user),
    )

    assert Membership.objects.admins().filter(organization=first.organization).count() == 1


def test_removing_one_admin_while_the_other_is_locked_leaves_one(two_admins):
    first, second = two_admins
    city_admin = UserFactory(roles=["administrator"])

    run_at_once(
        [services, account_services],
        lambda: services.membership_remove(membership=first, actor=second.user),
        lambda: account_services.user_deactivate(user=second.user, actor=city_admin),
    )

    assert Membership.objects.admins().filter(organization=first.organization).count() == 1
