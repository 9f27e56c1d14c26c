"""Named permission rules for accounts and roles (django-rules).

Every app keeps its rules in its own rules.py and builds on these role predicates, so views,
templates ({% has_perm %}) and the API check permissions the same way.
"""

import rules

from .roles import Role


@rules.predicate
def is_editor(user) -> bool:
    return user.is_authenticated and user.has_role(Role.EDITOR)


@rules.predicate
def is_planner(user) -> bool:
    return user.is_authenticated and user.has_role(Role.PLANNER)


@rules.predicate
def is_administrator(user) -> bool:
    return user.is_authenticated and user.has_role(Role.ADMINISTRATOR)


is_city_staff = is_editor | is_planner | is_administrator

rules.add_perm("accounts.manage_roles", is_administrator)
