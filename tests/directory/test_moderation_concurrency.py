"""Two editors deciding at the same moment: a change is applied once, and never over a newer one.

These tests need real row locks and run only on PostgreSQL:
DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_provider pytest tests/directory
"""

import pytest
from django.db import connection

from sozialraum.directory import moderation
from sozialraum.directory.models import ChangeRequest, Service
from sozialraum.directory.subjects import SERVICE
from tests.accounts.helpers import run_at_once
from tests.directory.factories import MembershipFactory, ServiceFactory, UserFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no row locks, it serialises whole transactions",
    ),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def member():
    return MembershipFactory(is_admin=True)


@pytest.fixture
def editors():
    return UserFactory(roles=["editor"]), UserFactory(roles=["editor"])


def propose(member, service, name):
    return moderation.change_submit(
        user=member.user,
        organization=member.organization,
        subject="service",
        action="update",
        obj=service,
        data=SERVICE.state(service) | {"name": name},
    ).request


def test_two_editors_approving_the_same_request_apply_it_once(member, editors):
    change = moderation.change_submit(
        user=member.user,
        organization=member.organization,
        subject="service",
        action="create",
        data=SERVICE.state(ServiceFactory.build(organization=member.organization))
        | {"name": "Neues Angebot", "short_description": "Kurz."},
    ).request
    first, second = editors

    errors = run_at_once(
        [moderation],
        lambda: moderation.change_approve(change_request=change, editor=first),
        lambda: moderation.change_approve(change_request=change, editor=second),
    )

    assert Service.objects.filter(organization=member.organization).count() == 1
    assert sum(error is None for error in errors) == 1
    assert any(isinstance(error, moderation.ModerationError) for error in errors)


def test_approve_and_reject_at_once_leave_one_decision(member, editors):
    service = ServiceFactory(organization=member.organization, name="Alt")
    change = propose(member, service, "Neu")
    first, second = editors

    errors = run_at_once(
        [moderation],
        lambda: moderation.change_approve(change_request=change, editor=first),
        lambda: moderation.change_reject(change_request=change, editor=second, reason="Nein"),
    )

    change.refresh_from_db()
    service.refresh_from_db()
    assert sum(error is None for error in errors) == 1
    assert (change.status == ChangeRequest.Status.APPROVED) == (service.name_de == "Neu")


def test_an_approval_never_overwrites_a_direct_edit_made_at_the_same_moment(member, editors):
    service = ServiceFactory(organization=member.organization, name="Alt")
    change = propose(member, service, "Vorschlag")
    first, second = editors
    direct = SERVICE.state(service) | {"name": "Korrektur der Redaktion"}

    run_at_once(
        [moderation],
        lambda: moderation.change_approve(change_request=change, editor=first),
        lambda: moderation.change_submit(
            user=second,
            organization=member.organization,
            subject="service",
            action="update",
            obj=service,
            data=direct,
        ),
    )

    service.refresh_from_db()
    # Either the proposal came first and the correction followed, or the proposal was refused.
    assert service.name_de == "Korrektur der Redaktion"
