"""Write paths for accounts and roles. Each runs in one transaction and writes the audit log."""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from sozialraum.core.audit import audit_log, snapshot

from .models import User
from .roles import Role


class AccountError(Exception):
    """A change to an account that is not allowed; the message says why and what to do."""


def administrators() -> Any:
    """Active accounts with the administrator role (superusers count as administrators)."""
    return User.objects.filter(
        Q(groups__name=Role.ADMINISTRATOR.value) | Q(is_superuser=True), is_active=True
    ).distinct()


def _account_state(user: User) -> dict[str, Any]:
    state = snapshot(user, fields=["email", "name", "is_active", "is_superuser"])
    state["roles"] = sorted(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
    return state


def _lock_administrators() -> None:
    """Serialise every change that could remove an administrator on one shared row.

    Roles live in the auth groups table, so locking user rows would not stop a second
    transaction from demoting the other administrator at the same time. Every such change
    first locks the administrator group's row; the next one waits until the first commits.
    """
    Group.objects.select_for_update().get(name=Role.ADMINISTRATOR.value)


def _is_last_administrator(user: User) -> bool:
    """Whether `user` is the only active administrator. Call `_lock_administrators` first.

    The count is a fresh query after the lock, so it sees what a transaction that held the lock
    before has committed.
    """
    return not administrators().exclude(pk=user.pk).exists()


@transaction.atomic
def user_set_roles(*, user: User, roles: Iterable[Role | str], actor: User) -> User:
    """Give the account exactly these city-wide roles (editor, planner, administrator)."""
    wanted = {Role(role) for role in roles}
    _lock_administrators()
    user.refresh_from_db()
    before = _account_state(user)
    if (
        Role.ADMINISTRATOR.value in before["roles"]
        and Role.ADMINISTRATOR not in wanted
        and not user.is_superuser
        and user.is_active
        and _is_last_administrator(user)
    ):
        raise AccountError(
            _(
                "%(email)s ist die letzte Person mit der Rolle Administration. Geben Sie "
                "zuerst einer anderen Person diese Rolle, dann können Sie sie hier entfernen."
            )
            % {"email": user.email}
        )
    role_groups = Group.objects.filter(name__in=Role.values)
    user.groups.remove(*[group for group in role_groups if group.name not in wanted])
    user.groups.add(*[group for group in role_groups if group.name in wanted])
    user.__dict__.pop("_roles_cache", None)
    after = _account_state(user)
    if before != after:
        audit_log(
            actor=actor, action="accounts.roles_changed", obj=user, before=before, after=after
        )
    return user


def _check_organizations_keep_an_admin(user: User) -> None:
    """Refuse to lock the only active admin of an organization (it could not invite anyone)."""
    from sozialraum.directory.models import Membership, Organization
    from sozialraum.directory.services import lock_organization

    organizations = Organization.objects.filter(
        memberships__user=user, memberships__is_admin=True
    ).order_by("pk")
    for organization in organizations:
        lock_organization(organization)  # in pk order, so two of these cannot deadlock
        others = Membership.objects.admins().filter(organization=organization).exclude(user=user)
        if not others.exists():
            raise AccountError(
                _(
                    "%(email)s verwaltet %(organization)s als Einzige oder Einziger und kann "
                    "nicht gesperrt werden. Machen Sie zuerst eine andere Person zur Verwaltung "
                    "von %(organization)s."
                )
                % {"email": user.email, "organization": organization}
            )


@transaction.atomic
def user_deactivate(*, user: User, actor: User) -> User:
    """Lock the account: the person can no longer sign in. Nothing is deleted."""
    if user.pk == actor.pk:
        raise AccountError(
            _("Sie können Ihr eigenes Konto nicht sperren. Bitten Sie eine andere Person darum.")
        )
    _lock_administrators()
    user.refresh_from_db()
    if not user.is_active:
        return user
    before = _account_state(user)
    is_admin = user.is_superuser or Role.ADMINISTRATOR.value in before["roles"]
    if is_admin and _is_last_administrator(user):
        raise AccountError(
            _(
                "%(email)s ist die letzte Person mit der Rolle Administration und kann nicht "
                "gesperrt werden."
            )
            % {"email": user.email}
        )
    _check_organizations_keep_an_admin(user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    audit_log(
        actor=actor,
        action="accounts.deactivated",
        obj=user,
        before=before,
        after=_account_state(user),
    )
    return user


@transaction.atomic
def user_reactivate(*, user: User, actor: User) -> User:
    """Unlock a locked account: the person can sign in again with their password."""
    if user.is_active:
        return user
    before = _account_state(user)
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_log(
        actor=actor,
        action="accounts.reactivated",
        obj=user,
        before=before,
        after=_account_state(user),
    )
    return user


@transaction.atomic
def two_factor_reset(*, actor: User, user: User) -> int:
    """Remove the person's two-factor sign-in (authenticator app and recovery codes).

    For a lost phone: at the next sign-in the person signs in with the password only and must
    set up two-factor again before they can work (staff cannot skip it). Returns how many
    authenticators were removed.
    """
    from allauth.mfa.models import Authenticator

    if user.pk == actor.pk:
        raise AccountError(
            _(
                "Sie können Ihre eigene Zwei-Schritt-Anmeldung hier nicht zurücksetzen. Bitten "
                "Sie eine andere Person mit der Rolle Administration darum."
            )
        )
    authenticators = Authenticator.objects.select_for_update().filter(user=user)
    kinds = sorted(authenticators.values_list("type", flat=True))
    if not kinds:
        raise AccountError(
            _("%(email)s hat keine Zwei-Schritt-Anmeldung eingerichtet.") % {"email": user.email}
        )
    authenticators.delete()
    audit_log(
        actor=actor,
        action="accounts.two_factor_reset",
        obj=user,
        before={"two_factor": True},
        after={"two_factor": False},
    )
    return len(kinds)
