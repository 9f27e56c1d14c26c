"""`sozialraum load_demo`: the demo city (Berlin's open data) and demo accounts, idempotently."""

from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

# Each app that has demo data offers `demo.load(stdout, style)`; order matters (areas first).
DEMO_MODULES = [
    "sozialraum.core.demo",
    "sozialraum.areas.demo",
    "sozialraum.accounts.demo",
    "sozialraum.directory.demo",
    "sozialraum.events.demo",
    "sozialraum.atlas.demo",
    "sozialraum.passes.demo",
    "sozialraum.appointments.demo",
    "sozialraum.lottery.demo",
]
DEMO_EMAIL_DOMAIN = "@example.org"


class Command(BaseCommand):
    help = (
        "Load the demo data: Berlin's areas, pages and demo accounts with published passwords. "
        "Only for a demo database (DEBUG=1). Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--demo-database",
            action="store_true",
            help="Load the demo even though the database already has other accounts.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The demo renames the platform and creates accounts whose passwords are printed in the
        # README: on a real installation that would be a back door.
        if not settings.DEBUG:
            raise CommandError(
                "load_demo only runs with DEBUG=1: it creates accounts with published passwords."
            )
        real_accounts = get_user_model().objects.exclude(email__endswith=DEMO_EMAIL_DOMAIN).exists()
        if real_accounts and not options["demo_database"]:
            raise CommandError(
                "This database already has accounts that are not demo accounts: it looks like a "
                "real installation. Refusing to load the demo. Use --demo-database if you are "
                "sure this is a demo database."
            )
        for module_name in DEMO_MODULES:
            import_module(module_name).load(self.stdout, self.style)
