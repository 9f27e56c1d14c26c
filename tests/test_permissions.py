"""Who may do what: the matrix of roles and actions of docs/accounts.md, rule by rule.

"Own organization" is organization A. Provider staff and the organization admin work for A;
"staff of another organization" is an admin of organization B.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.utils import translation

from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


ROLES = [
    "anonymous",
    "citizen",
    "provider staff",
    "organization admin",
    "staff of another organization",
    "editor",
    "planner",
    "administrator",
]

# action: (permission, needs the organization as object, roles that may)
MATRIX = {
    "edit own organization": (
        "directory.change_organization",
        True,
        {"provider staff", "organization admin", "editor", "administrator"},
    ),
    "see the organization's members": (
        "directory.view_organization_members",
        True,
        {"provider staff", "organization admin", "administrator"},
    ),
    "invite colleague": (
        "directory.invite_member",
        True,
        {"organization admin", "administrator"},
    ),
    "remove colleague": (
        "directory.remove_member",
        True,
        {"organization admin", "administrator"},
    ),
    "change who manages the organization": (
        "directory.change_membership",
        True,
        {"organization admin", "administrator"},
    ),
    "moderate": ("directory.moderate", False, {"editor", "administrator"}),
    "edit pages": ("core.change_page", False, {"editor", "administrator"}),
    "change site settings": ("core.change_sitesettings", False, {"administrator"}),
    "view audit log": ("core.view_auditentry", False, {"administrator"}),
    "open the management area": (
        "core.access_management",
        False,
        {"editor", "planner", "administrator"},
    ),
    "manage roles": ("accounts.manage_roles", False, {"administrator"}),
    "view restricted statistics": (
        "atlas.view_restricted_indicator",
        False,
        {"planner", "administrator"},
    ),
    "change indicators": ("atlas.change_indicator", False, {"planner", "administrator"}),
    "import statistics": ("atlas.import_data", False, {"planner", "administrator"}),
    "manage passes": ("passes.manage_passes", False, {"editor", "administrator"}),
}


@pytest.fixture
def organization():
    return OrganizationFactory(name="Organisation A")


def person(role: str, organization):
    if role == "anonymous":
        return AnonymousUser()
    if role == "citizen":
        return UserFactory()
    if role == "provider staff":
        return MembershipFactory(organization=organization, is_admin=False).user
    if role == "organization admin":
        return MembershipFactory(organization=organization, is_admin=True).user
    if role == "staff of another organization":
        return MembershipFactory(is_admin=True).user
    return UserFactory(roles=[role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", MATRIX)
def test_permission_matrix(action, role, organization):
    permission, per_organization, allowed = MATRIX[action]
    user = person(role, organization)
    obj = organization if per_organization else None
    assert user.has_perm(permission, obj) is (role in allowed), (
        f"{role} {'may' if role not in allowed else 'may not'} {action}, expected the opposite"
    )


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_public_pages(client: Client, role, organization):
    user = person(role, organization)
    if user.is_authenticated:
        client.force_login(user)
    for url in ("/de/", "/de/angebote/", "/de/sozialatlas/", "/de/seite/impressum/"):
        assert client.get(url).status_code == 200, url


def test_superusers_may_do_everything(organization):
    superuser = UserFactory(is_superuser=True)
    for permission, per_organization, _allowed in MATRIX.values():
        assert superuser.has_perm(permission, organization if per_organization else None)


def test_locked_accounts_lose_their_rights(organization):
    admin = UserFactory(roles=["administrator"], is_active=False)
    assert not admin.has_perm("accounts.manage_roles")
