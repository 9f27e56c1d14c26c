"""Organization admins see their colleagues, change who manages, and remove members."""

import pytest
from django.test import Client

from sozialraum.core.models import AuditEntry
from sozialraum.directory import services
from sozialraum.directory.models import Membership
from tests.factories import MembershipFactory, UserFactory, give_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_admin():
    membership = MembershipFactory(is_admin=True)
    give_totp(membership.user)
    return membership


@pytest.fixture
def colleague(org_admin):
    return MembershipFactory(organization=org_admin.organization, user__email="kollege@example.org")


def signed_in(client: Client, user) -> Client:
    if not user.authenticator_set.exists():
        give_totp(user)
    client.force_login(user)
    return client


def url(membership, action: str) -> str:
    return f"{membership.organization.get_members_url()}{membership.pk}/{action}/"


def test_members_see_their_colleagues_but_cannot_change_anything(
    client: Client, colleague, org_admin
):
    html = signed_in(client, colleague.user).get(org_admin.organization.get_members_url())
    html = html.content.decode()
    assert org_admin.user.email in html and colleague.user.email in html
    assert "Entfernen" not in html
    assert "Kollegin oder Kollegen einladen" not in html


def test_admin_sees_actions_for_each_member(client: Client, colleague, org_admin):
    html = signed_in(client, org_admin.user).get(org_admin.organization.get_members_url())
    html = html.content.decode()
    assert "Zur Verwaltung machen" in html
    assert "Verwaltungsrecht entziehen" in html
    assert "Kollegin oder Kollegen einladen" in html


@pytest.mark.parametrize("kind", ["other organization", "citizen", "editor", "planner"])
def test_outsiders_cannot_see_the_member_list(client: Client, org_admin, kind):
    if kind == "other organization":
        user = MembershipFactory(is_admin=True).user
    elif kind == "citizen":
        user = UserFactory()
    else:
        user = UserFactory(roles=[kind])
    response = signed_in(client, user).get(org_admin.organization.get_members_url())
    assert response.status_code == 403


def test_unknown_organization_is_not_found(client: Client, org_admin):
    client = signed_in(client, org_admin.user)
    response = client.get(
        "/de/angebote/organisation/00000000-0000-0000-0000-000000000000/mitglieder/"
    )
    assert response.status_code == 404


def test_make_a_colleague_admin_and_back(client: Client, colleague, org_admin):
    client = signed_in(client, org_admin.user)
    client.post(url(colleague, "rolle"), {"is_admin": "1"})
    colleague.refresh_from_db()
    assert colleague.is_admin
    client.post(url(colleague, "rolle"), {"is_admin": "0"})
    colleague.refresh_from_db()
    assert not colleague.is_admin
    entries = AuditEntry.objects.filter(action="directory.member_changed").order_by("id")
    assert [(e.before["is_admin"], e.after["is_admin"]) for e in entries] == [
        (False, True),
        (True, False),
    ]


def test_the_last_admin_cannot_step_down(client: Client, org_admin):
    client = signed_in(client, org_admin.user)
    response = client.post(url(org_admin, "rolle"), {"is_admin": "0"}, follow=True)
    assert "verwaltet" in response.content.decode()
    assert "als Einzige oder Einziger" in response.content.decode()
    org_admin.refresh_from_db()
    assert org_admin.is_admin


def test_remove_a_member_after_confirming(client: Client, colleague, org_admin):
    client = signed_in(client, org_admin.user)
    confirm = client.get(url(colleague, "entfernen")).content.decode()
    assert "Soll kollege@example.org nicht mehr zu" in confirm
    response = client.post(url(colleague, "entfernen"), follow=True)
    assert "kollege@example.org gehört nicht mehr zu" in response.content.decode()
    assert not Membership.objects.filter(pk=colleague.pk).exists()
    entry = AuditEntry.objects.get(action="directory.member_removed")
    assert entry.before["email"] == "kollege@example.org" and entry.after is None
    assert entry.actor == org_admin.user


def test_the_last_admin_cannot_be_removed(client: Client, org_admin):
    client = signed_in(client, org_admin.user)
    response = client.post(url(org_admin, "entfernen"), follow=True)
    assert "kann nicht entfernt werden" in response.content.decode()
    assert Membership.objects.filter(pk=org_admin.pk).exists()


def test_an_admin_may_leave_when_another_admin_remains(client: Client, colleague, org_admin):
    services.membership_set_admin(membership=colleague, is_admin=True, actor=org_admin.user)
    client = signed_in(client, org_admin.user)
    response = client.post(url(org_admin, "entfernen"))
    assert response["Location"] == "/de/konto/uebersicht/"
    assert not Membership.objects.filter(pk=org_admin.pk).exists()


def test_a_locked_admin_does_not_count_as_the_remaining_admin(colleague, org_admin):
    services.membership_set_admin(membership=colleague, is_admin=True, actor=org_admin.user)
    type(colleague.user).objects.filter(pk=colleague.user.pk).update(is_active=False)
    with pytest.raises(services.MembershipError):
        services.membership_remove(membership=org_admin, actor=org_admin.user)


def test_plain_members_cannot_remove_colleagues(client: Client, colleague, org_admin):
    client = signed_in(client, colleague.user)
    assert client.post(url(org_admin, "entfernen")).status_code == 403
    assert client.post(url(org_admin, "rolle"), {"is_admin": "0"}).status_code == 403
    assert Membership.objects.filter(pk=org_admin.pk, is_admin=True).exists()


def test_membership_of_another_organization_is_not_found(client: Client, org_admin):
    elsewhere = MembershipFactory()
    client = signed_in(client, org_admin.user)
    wrong = f"{org_admin.organization.get_members_url()}{elsewhere.pk}/entfernen/"
    assert client.post(wrong).status_code == 404
    assert Membership.objects.filter(pk=elsewhere.pk).exists()
