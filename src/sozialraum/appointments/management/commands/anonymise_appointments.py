"""Delete the personal data of past appointments (run daily; docs/appointments.md)."""

import logging
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from sozialraum.appointments.services import appointments_anonymise

from ._now import add_now_argument, parse_now

logger = logging.getLogger("sozialraum.appointments")


class Command(BaseCommand):
    help = (
        "Löscht Name, E-Mail-Adresse, Telefon und Nachricht aller Termine, die länger als "
        "APPOINTMENT_RETENTION_DAYS Tage vorbei sind. Zeit, Thema und Status bleiben für die "
        "Statistik. Kann täglich (auch mehrmals) laufen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_now_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        count = appointments_anonymise(now=parse_now(options["now"]))
        self.stdout.write(
            f"Persönliche Daten von {count} Termin(en) gelöscht "
            f"(älter als {settings.APPOINTMENT_RETENTION_DAYS} Tage)."
        )
