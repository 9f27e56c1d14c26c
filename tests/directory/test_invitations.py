"""An organization admin invites a colleague by e-mail; the colleague accepts and joins."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from sozialraum.core.models import AuditEntry
from sozialraum.directory import services
from sozialraum.directory.models import Invitation, Membership
from tests.conftest import verify_email
from tests.factories import PASSWORD, MembershipFactory, UserFactory, give_totp

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_admin():
    membership = MembershipFactory(is_admin=True, user__email="leitung@example.org")
    give_totp(membership.user)
    return membership


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    """Post the invitation form; the e-mail goes out when the transaction commits."""

    def post(client: Client, org_admin, email: str, as_admin: bool = False):
        client.force_login(org_admin.user)
        data = {"email": email}
        if as_admin:
            data["as_admin"] = "on"
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(org_admin.organization.get_members_url(), data)

    return post


def invitation_link() -> str:
    (message,) = mail.outbox
    match = re.search(r"https?://testserver(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def test_invitation_mail_carries_a_link_to_accept(client: Client, org_admin, invite):
    response = invite(client, org_admin, "Kollegin@Example.org")
    assert response["Location"] == org_admin.organization.get_members_url()
    (message,) = mail.outbox
    assert message.to == ["Kollegin@example.org"]
    assert org_admin.organization.name in message.subject
    assert "leitung@example.org lädt Sie ein" in message.body
    invitation = Invitation.objects.get()
    assert invitation_link() == invitation.get_absolute_url()
    assert invitation.invited_by == org_admin.user
    entry = AuditEntry.objects.get(action="directory.invitation_created")
    assert entry.actor == org_admin.user
    assert entry.after["email"] == "Kollegin@example.org"
    assert "token" not in entry.after
    page = client.get(org_admin.organization.get_members_url()).content.decode()
    assert "Kollegin@example.org" in page  # listed as an open invitation


def test_new_colleague_signs_up_from_the_link_and_joins(client: Client, org_admin, invite):
    invite(client, org_admin, "neu@example.org")
    link = invitation_link()
    mail.outbox.clear()
    visitor = Client()
    page = visitor.get(link).content.decode()
    assert "Einladung zu" in page and "neu@example.org" in page
    assert f'href="/de/konto/signup/?next={link}"' in page

    # Whoever has the link has read the e-mail: no second confirmation mail is needed.
    response = visitor.post(
        f"/de/konto/signup/?next={link}",
        {"email": "neu@example.org", "password1": PASSWORD, "password2": PASSWORD, "next": link},
    )
    assert response["Location"] == link
    assert mail.outbox == []

    response = visitor.post(link)
    membership = Membership.objects.get(user__email="neu@example.org")
    assert membership.organization == org_admin.organization
    assert not membership.is_admin
    assert response["Location"] == org_admin.organization.get_members_url()
    # As provider staff, the new member must now set up two-factor sign-in.
    assert visitor.get(response["Location"])["Location"] == "/de/konto/2fa/totp/activate/"
    assert Invitation.objects.get().accepted_at is not None
    assert AuditEntry.objects.filter(action="directory.member_added", actor=membership.user)


def test_existing_account_signs_in_and_joins_as_admin(client: Client, org_admin, invite):
    colleague = UserFactory(email="kollege@example.org")
    verify_email(colleague)
    invite(client, org_admin, "kollege@example.org", as_admin=True)
    link = invitation_link()
    visitor = Client()
    response = visitor.post(
        f"/de/konto/login/?next={link}",
        {"login": "kollege@example.org", "password": PASSWORD, "next": link},
    )
    assert response["Location"] == link
    assert "Einladung annehmen" in visitor.get(link).content.decode()
    visitor.post(link)
    assert Membership.objects.get(user=colleague).is_admin


def test_someone_signed_in_with_another_address_cannot_accept(client: Client, org_admin, invite):
    invite(client, org_admin, "gemeint@example.org")
    link = invitation_link()
    stranger = UserFactory(email="fremd@example.org")
    verify_email(stranger)
    other = Client()
    other.force_login(stranger)
    page = other.get(link).content.decode()
    assert "Diese Einladung gilt für gemeint@example.org." in page
    other.post(link)
    assert not Membership.objects.filter(user=stranger).exists()


def test_expired_invitation_explains_what_to_do(client: Client, org_admin, invite):
    invite(client, org_admin, "spaet@example.org")
    Invitation.objects.update(expires=timezone.now() - timedelta(minutes=1))
    response = Client().get(invitation_link())
    assert response.status_code == 410
    assert "Bitten Sie die Person, die Sie eingeladen hat, um eine neue Einladung." in (
        response.content.decode()
    )


def test_used_invitation_cannot_be_accepted_twice(org_admin):
    user = UserFactory(email="einmal@example.org")
    verify_email(user)
    invitation = services.invitation_create(
        organization=org_admin.organization,
        email=user.email,
        invited_by=org_admin.user,
        site_url="http://testserver",
    )
    services.invitation_accept(invitation=invitation, user=user)
    with pytest.raises(services.MembershipError, match="schon angenommen"):
        services.invitation_accept(invitation=invitation, user=user)
    assert Client().get(invitation.get_absolute_url()).status_code == 410


def test_revoked_invitation_link_stops_working(client: Client, org_admin, invite):
    invite(client, org_admin, "doch-nicht@example.org")
    link = invitation_link()
    invitation = Invitation.objects.get()
    url = f"{org_admin.organization.get_members_url()}einladungen/{invitation.pk}/zurueckziehen/"
    response = client.post(url, follow=True)
    assert "ist zurückgezogen" in response.content.decode()
    assert not Invitation.objects.exists()
    assert Client().get(link).status_code == 404
    entry = AuditEntry.objects.get(action="directory.invitation_revoked")
    assert entry.before["email"] == "doch-nicht@example.org" and entry.after is None


def test_inviting_again_renews_the_link(client: Client, org_admin, invite):
    invite(client, org_admin, "nochmal@example.org")
    old_link = invitation_link()
    mail.outbox.clear()
    invite(client, org_admin, "NOCHMAL@example.org", as_admin=True)
    new_link = invitation_link()
    assert new_link != old_link
    assert Invitation.objects.get().as_admin
    assert Client().get(old_link).status_code == 404


def test_members_cannot_be_invited_twice(client: Client, org_admin, invite):
    MembershipFactory(organization=org_admin.organization, user__email="schon@example.org")
    html = invite(client, org_admin, "schon@example.org").content.decode()
    assert "schon@example.org gehört schon zu" in html
    assert 'id="id_email_error"' in html
    assert mail.outbox == []


def test_invalid_address_is_explained_next_to_the_field(client: Client, org_admin, invite):
    html = invite(client, org_admin, "keine-adresse").content.decode()
    assert 'aria-describedby="id_email_helptext id_email_error"' in html
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("kind", ["member", "other organization's admin", "editor", "citizen"])
def test_only_organization_admins_may_invite(client: Client, org_admin, kind):
    if kind == "member":
        user = MembershipFactory(organization=org_admin.organization).user
    elif kind == "other organization's admin":
        user = MembershipFactory(is_admin=True).user
    elif kind == "editor":
        user = UserFactory(roles=["editor"])
    else:
        user = UserFactory()
    give_totp(user)
    client.force_login(user)
    response = client.post(org_admin.organization.get_members_url(), {"email": "x@example.org"})
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_city_administrators_may_invite_to_any_organization(client: Client, org_admin):
    admin = UserFactory(roles=["administrator"])
    give_totp(admin)
    client.force_login(admin)
    client.post(org_admin.organization.get_members_url(), {"email": "x@example.org"})
    assert Invitation.objects.filter(invited_by=admin).exists()


def test_invitation_mail_is_sent_only_once_the_invitation_is_saved(
    org_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        services.invitation_create(
            organization=org_admin.organization,
            email="spaeter@example.org",
            invited_by=org_admin.user,
            site_url="http://testserver",
        )
        assert mail.outbox == []  # no SMTP while the transaction holds its locks
    assert len(callbacks) == 1
    callbacks[0]()
    assert invitation_link() == Invitation.objects.get().get_absolute_url()


def test_a_failing_mail_server_does_not_undo_the_invitation(
    client: Client, org_admin, invite, monkeypatch
):
    def mail_server_down(*args, **kwargs):
        raise OSError("SMTP server not reachable")

    monkeypatch.setattr(services, "send_mail", mail_server_down)
    response = invite(client, org_admin, "kaputt@example.org")
    assert response.status_code == 302
    assert Invitation.objects.filter(email="kaputt@example.org").exists()
    assert AuditEntry.objects.filter(action="directory.invitation_created").exists()


def test_an_invitation_accepted_meanwhile_is_not_revoked(org_admin):
    user = UserFactory(email="schneller@example.org")
    verify_email(user)
    invitation = services.invitation_create(
        organization=org_admin.organization,
        email=user.email,
        invited_by=org_admin.user,
        site_url="http://testserver",
    )
    loaded_by_the_revoke_page = Invitation.objects.get(pk=invitation.pk)
    services.invitation_accept(invitation=invitation, user=user)

    with pytest.raises(services.MembershipError, match="schon angenommen"):
        services.invitation_revoke(invitation=loaded_by_the_revoke_page, actor=org_admin.user)
    assert Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=False).exists()
    assert not AuditEntry.objects.filter(action="directory.invitation_revoked").exists()
