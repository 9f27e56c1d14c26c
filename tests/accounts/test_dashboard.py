import pytest
from django.test import Client

from tests.factories import MembershipFactory, UserFactory, give_totp

pytestmark = pytest.mark.django_db


def test_dashboard_lists_the_users_organizations(client: Client):
    membership = MembershipFactory(is_admin=True)
    other = MembershipFactory(user=membership.user)
    MembershipFactory()  # someone else's organization
    give_totp(membership.user)
    client.force_login(membership.user)
    html = client.get("/de/konto/uebersicht/").content.decode()
    assert f'href="{membership.organization.get_members_url()}"' in html
    assert f'href="{other.organization.get_members_url()}"' in html
    assert html.count("/mitglieder/") == 2
    assert "Sie verwalten diese Organisation" in html
    assert "/de/verwaltung/" not in html


@pytest.mark.parametrize("role", ["editor", "planner", "administrator"])
def test_dashboard_links_city_staff_to_the_management_area(client: Client, role):
    user = UserFactory(roles=[role])
    give_totp(user)
    client.force_login(user)
    html = client.get("/de/konto/uebersicht/").content.decode()
    assert 'href="/de/verwaltung/"' in html
    assert ('href="/de/verwaltung/konten/"' in html) == (role == "administrator")


def test_citizen_dashboard_has_only_the_account_settings(client: Client):
    client.force_login(UserFactory())
    html = client.get("/de/konto/uebersicht/").content.decode()
    assert "/verwaltung/" not in html
    assert "Ihre Organisationen" not in html
    assert 'href="/de/konto/2fa/"' in html
