"""Write paths for organizations' members and invitations.

Each function runs in one transaction, checks that the change leaves the organization in a
sound state (at least one admin), and records the change in the audit log.
"""

import secrets
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.accounts.models import User
from sozialraum.core.audit import audit_log, snapshot

from .models import INVITATION_VALIDITY, Invitation, Membership, Organization


class MembershipError(Exception):
    """A change to an organization's members that is not allowed; the message says why."""


def _membership_state(membership: Membership) -> dict[str, Any]:
    state = snapshot(membership, fields=["user", "organization", "is_admin"])
    state["email"] = membership.user.email
    return state


def _invitation_state(invitation: Invitation) -> dict[str, Any]:
    return snapshot(
        invitation,
        fields=["organization", "email", "as_admin", "invited_by", "expires", "accepted_at"],
    )


def lock_organization(organization: Organization) -> None:
    """Serialise changes to an organization's admins on the organization's row.

    Locking only the current admins' memberships would not stop a second transaction that read
    the same admins before the first committed. Every change that can take away an admin (here
    and when an account is locked) locks the organization's row first and counts afterwards.
    """
    Organization.objects.select_for_update().only("pk").get(pk=organization.pk)


def _is_only_admin(membership: Membership) -> bool:
    """Whether this is the organization's only active admin. Lock the organization first.

    A fresh query: it sees what a transaction that held the lock before has committed.
    """
    admins = Membership.objects.admins().filter(organization_id=membership.organization_id)
    return (
        admins.filter(pk=membership.pk).exists() and not admins.exclude(pk=membership.pk).exists()
    )


def user_has_address(user: User, email: str) -> bool:
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()


@transaction.atomic
def invitation_create(
    *,
    organization: Organization,
    email: str,
    invited_by: User,
    as_admin: bool = False,
    site_url: str,
) -> Invitation:
    """Invite a colleague by e-mail; inviting the same address again renews the invitation.

    `site_url` is the address of the platform (scheme and host) for the link in the e-mail.
    """
    email = User.objects.normalize_email(email.strip())
    if Membership.objects.filter(organization=organization, user__email__iexact=email).exists():
        raise MembershipError(
            _("%(email)s gehört schon zu %(organization)s.")
            % {"email": email, "organization": organization}
        )
    invitation = (
        Invitation.objects.select_for_update()
        .filter(organization=organization, email__iexact=email, accepted_at__isnull=True)
        .first()
    )
    before = _invitation_state(invitation) if invitation else None
    if invitation is None:
        invitation = Invitation(organization=organization, email=email)
    invitation.as_admin = as_admin
    invitation.invited_by = invited_by
    invitation.token = secrets.token_urlsafe(32)
    invitation.expires = timezone.now() + INVITATION_VALIDITY
    invitation.save()
    audit_log(
        actor=invited_by,
        action="directory.invitation_renewed" if before else "directory.invitation_created",
        obj=invitation,
        before=before,
        after=_invitation_state(invitation),
    )
    # After the commit: no SMTP while the transaction holds its locks, and a mail server that
    # fails cannot undo the invitation (inviting the address again sends a new link).
    transaction.on_commit(partial(_send_invitation, invitation, site_url=site_url), robust=True)
    return invitation


def _send_invitation(invitation: Invitation, *, site_url: str) -> None:
    context = {
        "invitation": invitation,
        "organization": invitation.organization,
        "inviter": invitation.invited_by,
        "accept_url": site_url.rstrip("/") + invitation.get_absolute_url(),
    }
    subject = render_to_string("directory/members/invitation_email_subject.txt", context)
    body = render_to_string("directory/members/invitation_email.txt", context)
    send_mail(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [invitation.email],
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> Membership:
    """The invited person joins the organization (as admin if the invitation says so)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise MembershipError(_("Diese Einladung wurde schon angenommen."))
    if invitation.is_expired:
        raise MembershipError(
            _(
                "Diese Einladung ist abgelaufen. Bitten Sie die Person, die Sie eingeladen hat, "
                "um eine neue Einladung."
            )
        )
    if not user_has_address(user, invitation.email):
        raise MembershipError(
            _(
                "Diese Einladung gilt für %(email)s. Melden Sie sich bitte mit dieser "
                "E-Mail-Adresse an, oder fügen Sie sie Ihrem Konto hinzu und bestätigen Sie sie."
            )
            % {"email": invitation.email}
        )
    invitation_before = _invitation_state(invitation)
    membership = Membership.objects.filter(organization=invitation.organization, user=user).first()
    membership_before = _membership_state(membership) if membership else None
    if membership is None:
        membership = Membership.objects.create(
            organization=invitation.organization, user=user, is_admin=invitation.as_admin
        )
    elif invitation.as_admin and not membership.is_admin:
        membership.is_admin = True
        membership.save(update_fields=["is_admin"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_log(
        actor=user,
        action="directory.invitation_accepted",
        obj=invitation,
        before=invitation_before,
        after=_invitation_state(invitation),
    )
    audit_log(
        actor=user,
        action="directory.member_added",
        obj=membership,
        before=membership_before,
        after=_membership_state(membership),
    )
    return membership


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User) -> None:
    """Withdraw an invitation that has not been accepted: its link stops working."""
    # The copy the view loaded may be stale: read it again under a lock, so an acceptance that
    # commits in between cannot be logged as revoked while its membership exists.
    current = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if current is None:
        return  # revoked a moment ago by someone else
    invitation = current
    if invitation.accepted_at is not None:
        raise MembershipError(
            _("Diese Einladung wurde schon angenommen. Entfernen Sie stattdessen das Mitglied.")
        )
    audit_log(
        actor=actor,
        action="directory.invitation_revoked",
        obj=invitation,
        before=_invitation_state(invitation),
        after=None,
    )
    invitation.delete()


@transaction.atomic
def membership_set_admin(*, membership: Membership, is_admin: bool, actor: User) -> Membership:
    """Give or take the right to manage the organization (invite and remove colleagues)."""
    lock_organization(membership.organization)
    membership.refresh_from_db()
    if membership.is_admin == is_admin:
        return membership
    if not is_admin and _is_only_admin(membership):
        raise MembershipError(
            _(
                "%(email)s verwaltet %(organization)s als Einzige oder Einziger. Machen Sie "
                "zuerst eine andere Person zur Verwaltung."
            )
            % {"email": membership.user.email, "organization": membership.organization}
        )
    before = _membership_state(membership)
    membership.is_admin = is_admin
    membership.save(update_fields=["is_admin"])
    audit_log(
        actor=actor,
        action="directory.member_changed",
        obj=membership,
        before=before,
        after=_membership_state(membership),
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor: User) -> None:
    """Remove a person from the organization. Their account stays; only the membership goes."""
    lock_organization(membership.organization)
    if not Membership.objects.filter(pk=membership.pk).exists():
        return  # someone else removed it a moment ago
    if _is_only_admin(membership):
        raise MembershipError(
            _(
                "%(email)s verwaltet %(organization)s als Einzige oder Einziger und kann nicht "
                "entfernt werden. Machen Sie zuerst eine andere Person zur Verwaltung."
            )
            % {"email": membership.user.email, "organization": membership.organization}
        )
    audit_log(
        actor=actor,
        action="directory.member_removed",
        obj=membership,
        before=_membership_state(membership),
        after=None,
    )
    membership.delete()
