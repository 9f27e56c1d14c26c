"""The directory in the Django admin: no secrets shown, memberships change only on member pages."""

import pytest
from django.test import Client

from sozialraum.directory import services
from sozialraum.directory.models import Membership
from tests.factories import MembershipFactory, UserFactory, give_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client: Client) -> Client:
    superuser = UserFactory(is_superuser=True, is_staff=True)
    give_totp(superuser)
    client.force_login(superuser)
    return client


def test_invitation_page_does_not_show_the_secret_token(superuser_client: Client):
    org_admin = MembershipFactory(is_admin=True)
    invitation = services.invitation_create(
        organization=org_admin.organization,
        email="geheim@example.org",
        invited_by=org_admin.user,
        site_url="http://testserver",
    )
    response = superuser_client.get(f"/de/admin/directory/invitation/{invitation.pk}/change/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "geheim@example.org" in html
    assert invitation.token not in html


def test_memberships_are_read_only_in_the_admin(superuser_client: Client):
    membership = MembershipFactory(is_admin=True, user__email="einzige@example.org")
    url = f"/de/admin/directory/organization/{membership.organization.pk}/change/"
    html = superuser_client.get(url).content.decode()
    assert str(membership.user) in html  # listed, for looking up
    assert 'name="memberships-0-is_admin"' not in html
    assert 'name="memberships-0-DELETE"' not in html
    assert Membership.objects.get().is_admin


def test_freshness_reminders_are_listed_read_only(superuser_client: Client):
    from sozialraum.directory.models import FreshnessReminder

    membership = MembershipFactory(is_admin=True, organization__name="Tafel Nord e. V.")
    FreshnessReminder.objects.create(
        organization=membership.organization,
        sent_on="2026-11-02",
        service_count=3,
        recipient_count=2,
        delivered=2,
    )
    listing = superuser_client.get("/de/admin/directory/freshnessreminder/")
    assert listing.status_code == 200
    assert "Tafel Nord e. V." in listing.content.decode()
    assert superuser_client.get("/de/admin/directory/freshnessreminder/add/").status_code == 403
