"""Named permission rules for accounts and roles (django-rules).

Every app keeps its rules in its own rules.py and builds on these role predicates, so views,
templates ({% has_perm %}) and the API check permissions the same way. docs/accounts.md has the
whole matrix of who may do what.
"""

import rules

from .roles import Role


@rules.predicate
def is_signed_in(user) -> bool:
    """An active account (a locked account keeps its roles but loses every right)."""
    return user.is_authenticated and user.is_active


@rules.predicate
def is_editor(user) -> bool:
    return is_signed_in(user) and user.has_role(Role.EDITOR)


@rules.predicate
def is_planner(user) -> bool:
    return is_signed_in(user) and user.has_role(Role.PLANNER)


@rules.predicate
def is_administrator(user) -> bool:
    return is_signed_in(user) and user.has_role(Role.ADMINISTRATOR)


@rules.predicate
def is_provider_staff(user) -> bool:
    """Works for at least one organization (any membership)."""
    return is_signed_in(user) and user.memberships.exists()


is_city_staff = is_editor | is_planner | is_administrator

rules.add_perm("accounts.manage_roles", is_administrator)
