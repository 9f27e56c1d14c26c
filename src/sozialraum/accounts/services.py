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


def _is_last_administrator(user: User) -> bool:
    """Locks the administrators' rows first, so two of them cannot demote each other at once."""
    locked = User.objects.select_for_update().filter(pk__in=administrators().values("pk"))
    return not [pk for pk in locked.values_list("pk", flat=True) if pk != user.pk]


@transaction.atomic
def user_set_roles(*, user: User, roles: Iterable[Role | str], actor: User) -> User:
    """Give the account exactly these city-wide roles (editor, planner, administrator)."""
    wanted = {Role(role) for role in roles}
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


@transaction.atomic
def user_deactivate(*, user: User, actor: User) -> User:
    """Lock the account: the person can no longer sign in. Nothing is deleted."""
    if user.pk == actor.pk:
        raise AccountError(
            _("Sie können Ihr eigenes Konto nicht sperren. Bitten Sie eine andere Person darum.")
        )
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
