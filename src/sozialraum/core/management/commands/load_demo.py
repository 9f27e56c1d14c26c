"""`sozialraum load_demo`: the demo city (Berlin's open data) and demo accounts, idempotently."""

from importlib import import_module

from django.core.management.base import BaseCommand

# Each app that has demo data offers `demo.load(stdout, style)`; order matters (areas first).
DEMO_MODULES = ["sozialraum.core.demo", "sozialraum.areas.demo", "sozialraum.accounts.demo"]


class Command(BaseCommand):
    help = "Load the demo data: Berlin's areas, pages and demo accounts. Safe to run again."

    def handle(self, *args: object, **options: object) -> None:
        for module_name in DEMO_MODULES:
            import_module(module_name).load(self.stdout, self.style)
