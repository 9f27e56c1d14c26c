"""Administrators manage accounts and roles at /verwaltung/konten/; every change is logged."""

import pytest
from django.test import Client

from sozialraum.accounts import services
from sozialraum.accounts.roles import Role
from sozialraum.core.models import AuditEntry
from tests.factories import MembershipFactory, UserFactory, give_totp

pytestmark = pytest.mark.django_db

LIST = "/de/verwaltung/konten/"


@pytest.fixture
def admin():
    user = UserFactory(roles=["administrator"], email="chefin@example.org")
    give_totp(user)
    return user


@pytest.fixture
def admin_client(client: Client, admin) -> Client:
    client.force_login(admin)
    return client


def detail(user) -> str:
    return f"/de/verwaltung/konten/{user.pk}/"


@pytest.mark.parametrize("roles", [[], ["editor"], ["planner"]])
def test_only_administrators_may_open_account_management(client: Client, roles):
    user = UserFactory(roles=roles)
    give_totp(user)
    client.force_login(user)
    assert client.get(LIST).status_code == 403


def test_anonymous_visitors_are_asked_to_sign_in(client: Client):
    response = client.get(LIST)
    assert response["Location"].startswith("/de/konto/login/")


def test_list_shows_roles_memberships_and_status(admin_client: Client):
    editor = UserFactory(roles=["editor"], email="redaktion@example.org")
    membership = MembershipFactory(user__email="traeger@example.org", is_admin=True)
    UserFactory(email="gesperrt@example.org", is_active=False)
    html = admin_client.get(LIST).content.decode()
    assert editor.email in html and "Redaktion" in html
    assert membership.organization.name in html
    assert "Zwei-Schritt-Anmeldung fehlt" in html  # the editor has no TOTP yet
    assert "gesperrt" in html


def test_search_by_address_or_name_and_role(admin_client: Client):
    UserFactory(email="maria@example.org", name="Maria Muster", roles=["planner"])
    UserFactory(email="otto@example.org", name="Otto Beispiel")
    html = admin_client.get(LIST, {"q": "muster"}).content.decode()
    assert "maria@example.org" in html and "otto@example.org" not in html
    html = admin_client.get(LIST, {"role": "planner"}).content.decode()
    assert "maria@example.org" in html and "otto@example.org" not in html


def test_grant_and_revoke_roles_with_audit_entries(admin_client: Client, admin):
    user = UserFactory(email="neu@example.org")
    response = admin_client.post(detail(user), {"roles": ["editor", "planner"]})
    assert response["Location"] == detail(user)
    user.refresh_from_db()
    assert user.roles == {Role.EDITOR, Role.PLANNER}

    admin_client.post(detail(user), {"roles": ["planner"]})
    user = type(user).objects.get(pk=user.pk)
    assert user.roles == {Role.PLANNER}

    first, second = AuditEntry.objects.filter(action="accounts.roles_changed").order_by("id")
    assert first.actor == admin
    assert first.object_id == str(user.pk)
    assert first.before["roles"] == [] and first.after["roles"] == ["editor", "planner"]
    assert second.before["roles"] == ["editor", "planner"] and second.after["roles"] == ["planner"]
    assert "password" not in first.after


def test_detail_page_shows_memberships_and_a_success_message(admin_client: Client):
    membership = MembershipFactory()
    html = admin_client.get(detail(membership.user)).content.decode()
    assert membership.organization.name in html
    html = admin_client.post(detail(membership.user), {"roles": ["editor"]}, follow=True)
    assert "sind gespeichert" in html.content.decode()


def test_last_administrator_cannot_remove_their_own_role(admin_client: Client, admin):
    response = admin_client.post(detail(admin), {"roles": ["editor"]}, follow=True)
    assert "die letzte Person mit der Rolle Administration" in response.content.decode()
    assert Role.ADMINISTRATOR in type(admin).objects.get(pk=admin.pk).roles
    assert not AuditEntry.objects.filter(action="accounts.roles_changed").exists()


def test_an_administrator_may_step_down_when_another_remains(admin_client: Client, admin):
    UserFactory(roles=["administrator"])
    admin_client.post(detail(admin), {"roles": ["planner"]})
    assert type(admin).objects.get(pk=admin.pk).roles == {Role.PLANNER}


def test_deactivate_and_reactivate_an_account(admin_client: Client, admin, password):
    user = UserFactory(email="weg@example.org")
    response = admin_client.post(f"{detail(user)}status/", {"active": "0"}, follow=True)
    assert "ist gesperrt" in response.content.decode()
    user.refresh_from_db()
    assert not user.is_active
    assert not Client().login(email=user.email, password=password)

    admin_client.post(f"{detail(user)}status/", {"active": "1"})
    user.refresh_from_db()
    assert user.is_active
    actions = list(
        AuditEntry.objects.filter(object_id=str(user.pk)).values_list("action", flat=True)
    )
    assert sorted(actions) == ["accounts.deactivated", "accounts.reactivated"]
    entry = AuditEntry.objects.get(action="accounts.deactivated")
    assert entry.before["is_active"] is True and entry.after["is_active"] is False


def test_administrators_cannot_lock_themselves_out(admin_client: Client, admin):
    response = admin_client.post(f"{detail(admin)}status/", {"active": "0"}, follow=True)
    assert "Sie können Ihr eigenes Konto nicht sperren." in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active


def test_status_changes_only_by_post(admin_client: Client, admin):
    user = UserFactory()
    assert admin_client.get(f"{detail(user)}status/").status_code == 405


def test_superuser_counts_as_administrator_for_the_last_one_rule(admin):
    superuser = UserFactory(is_superuser=True)
    services.user_set_roles(user=admin, roles=[], actor=admin)  # a superuser remains
    assert Role.ADMINISTRATOR in superuser.roles
    with pytest.raises(services.AccountError):
        services.user_deactivate(user=superuser, actor=admin)


def test_the_only_admin_of_an_organization_cannot_be_locked(admin_client: Client):
    membership = MembershipFactory(
        is_admin=True, user__email="traeger@example.org", organization__name="Stadtteiltreff Nord"
    )
    response = admin_client.post(f"{detail(membership.user)}status/", {"active": "0"}, follow=True)
    html = response.content.decode()
    assert "verwaltet Stadtteiltreff Nord als Einzige oder Einziger" in html
    membership.user.refresh_from_db()
    assert membership.user.is_active
    assert not AuditEntry.objects.filter(action="accounts.deactivated").exists()


def test_an_organization_admin_can_be_locked_when_another_admin_remains(admin_client: Client):
    membership = MembershipFactory(is_admin=True)
    MembershipFactory(organization=membership.organization, is_admin=True)
    admin_client.post(f"{detail(membership.user)}status/", {"active": "0"})
    membership.user.refresh_from_db()
    assert not membership.user.is_active


def test_reset_two_factor_after_a_lost_phone(admin_client: Client, admin, password):
    from allauth.mfa.models import Authenticator

    from tests.conftest import verify_email

    from .helpers import sign_in

    editor = UserFactory(roles=["editor"], email="telefon-weg@example.org")
    give_totp(editor)
    Authenticator.objects.create(
        user=editor, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "x"}
    )
    page = admin_client.get(detail(editor)).content.decode()
    assert "Zwei-Schritt-Anmeldung zurücksetzen" in page

    confirm = admin_client.get(f"{detail(editor)}zwei-schritt-zuruecksetzen/").content.decode()
    assert "Zwei-Schritt-Anmeldung von telefon-weg@example.org zurücksetzen?" in confirm
    assert Authenticator.objects.filter(user=editor).count() == 2  # nothing happens on GET

    response = admin_client.post(f"{detail(editor)}zwei-schritt-zuruecksetzen/", follow=True)
    assert "ist zurückgesetzt" in response.content.decode()
    assert not Authenticator.objects.filter(user=editor).exists()
    entry = AuditEntry.objects.get(action="accounts.two_factor_reset")
    assert entry.actor == admin and entry.object_id == str(editor.pk)

    # At the next sign-in the password is enough, and the person must set up TOTP again.
    verify_email(editor)
    client = Client()
    sign_in(client, editor, password)
    assert client.get("/de/verwaltung/")["Location"] == "/de/konto/2fa/totp/activate/"


def test_administrators_cannot_reset_their_own_two_factor(admin_client: Client, admin):
    from allauth.mfa.models import Authenticator

    response = admin_client.post(f"{detail(admin)}zwei-schritt-zuruecksetzen/", follow=True)
    assert "Sie können Ihre eigene Zwei-Schritt-Anmeldung hier nicht zurücksetzen" in (
        response.content.decode()
    )
    assert Authenticator.objects.filter(user=admin).exists()


@pytest.mark.parametrize("roles", [["editor"], ["planner"]])
def test_only_administrators_may_reset_two_factor(client: Client, roles):
    from allauth.mfa.models import Authenticator

    other = UserFactory(roles=["editor"])
    give_totp(other)
    user = UserFactory(roles=roles)
    give_totp(user)
    client.force_login(user)
    assert client.post(f"{detail(other)}zwei-schritt-zuruecksetzen/").status_code == 403
    assert Authenticator.objects.filter(user=other).exists()
