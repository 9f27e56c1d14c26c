"""Demo accounts for every role (`sozialraum load_demo`): one password, TOTP with a known secret.

Only with DEBUG on: demo accounts with a published password and a published TOTP secret would
be an open door on a real installation.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction

from sozialraum.directory.demo import organization_id
from sozialraum.directory.models import Membership, Organization

from .models import User
from .roles import Role

DEMO_PASSWORD = "Sozialraum-Demo-2025"  # noqa: S105  (printed on purpose; DEBUG only)
DEMO_TOTP_SECRET = "SOZIALRAUMDEMO22"  # noqa: S105  (base32, for an authenticator app)
# One of the demo directory's organizations (directory/demo_data.py), with its services.
DEMO_ORGANIZATION = "Nachbarschaftshaus Am Kanal e. V."

# (e-mail, name, city-wide roles, admin of the demo organization)
DEMO_ACCOUNTS: list[tuple[str, str, list[Role], bool]] = [
    ("admin@example.org", "Ada Administration", [Role.ADMINISTRATOR], False),
    ("redaktion@example.org", "Rita Redaktion", [Role.EDITOR], False),
    ("planung@example.org", "Paul Planung", [Role.PLANNER], False),
    ("traeger@example.org", "Tara Träger", [], True),
    ("buerger@example.org", "Bernd Bürger", [], False),
]
DEMO_DESCRIPTIONS = {
    "admin@example.org": "administrator",
    "redaktion@example.org": "editor",
    "planung@example.org": "social planner",
    "traeger@example.org": f"provider staff, manages “{DEMO_ORGANIZATION}”",
    "buerger@example.org": "citizen (no two-factor)",
}


def _ensure_totp(user: User) -> None:
    existing = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if existing and decrypt(existing.data["secret"]) == DEMO_TOTP_SECRET:
        return
    if existing:
        existing.delete()
    TOTP.activate(user, DEMO_TOTP_SECRET)


@transaction.atomic
def _load_accounts() -> None:
    # The same id as in the demo directory, which fills in the organization's details.
    organization, _created = Organization.objects.get_or_create(
        id=organization_id(DEMO_ORGANIZATION), defaults={"name": DEMO_ORGANIZATION}
    )
    for email, name, roles, is_org_admin in DEMO_ACCOUNTS:
        user = User.objects.filter(email__iexact=email).first() or User(email=email)
        user.name = name
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set(Group.objects.filter(name__in=[role.value for role in roles]))
        EmailAddress.objects.filter(user=user).exclude(email__iexact=email).update(primary=False)
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        if is_org_admin:
            Membership.objects.update_or_create(
                user=user, organization=organization, defaults={"is_admin": True}
            )
        if roles or is_org_admin:
            _ensure_totp(user)


def load(stdout, style) -> None:
    if not settings.DEBUG:
        stdout.write(
            style.WARNING(
                "Demo accounts skipped: they have a published password and are only created "
                "with DEBUG=1."
            )
        )
        return
    _load_accounts()
    stdout.write(style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD})"))
    for email, description in DEMO_DESCRIPTIONS.items():
        stdout.write(f"  {email:<24} {description}")
    stdout.write(
        "  Staff accounts sign in in two steps: add the secret "
        f"{DEMO_TOTP_SECRET} to an authenticator app (time-based, 6 digits),\n"
        "  or print the current code with: "
        "DEBUG=1 .venv/bin/sozialraum demo_totp_code admin@example.org"
    )
