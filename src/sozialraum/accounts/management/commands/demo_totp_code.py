"""`sozialraum demo_totp_code EMAIL`: the current two-factor code of an account (DEBUG only)."""

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sozialraum.accounts.models import User


class Command(BaseCommand):
    help = (
        "Print the current TOTP code of an account, for signing in to the demo without an "
        "authenticator app. Refuses to run unless DEBUG=1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="e-mail address of the account, e.g. admin@example.org")

    def handle(self, *args: object, **options: str) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "demo_totp_code only runs with DEBUG=1: on a real installation it would let "
                "anyone with shell access bypass two-factor sign-in."
            )
        user = User.objects.filter(email__iexact=options["email"]).first()
        if user is None:
            raise CommandError(f"There is no account {options['email']}.")
        authenticator = Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).first()
        if authenticator is None:
            raise CommandError(f"{user.email} has no authenticator app set up.")
        secret = decrypt(authenticator.data["secret"])
        now = int(time.time())
        period = mfa_settings.TOTP_PERIOD
        code = format_hotp_value(hotp_value(secret, now // period))
        self.stdout.write(code)
        self.stderr.write(f"(valid for another {period - now % period} seconds)")
