"""The city-wide roles. Each role is a Django group with the role's value as its name.

Citizens need no role (an account is optional and never needed to read). Provider staff are
members of organizations (directory.Membership), not holders of a city-wide role.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    EDITOR = "editor", _("Redaktion")
    PLANNER = "planner", _("Sozialplanung")
    ADMINISTRATOR = "administrator", _("Administration")


STAFF_ROLES = frozenset(Role)
