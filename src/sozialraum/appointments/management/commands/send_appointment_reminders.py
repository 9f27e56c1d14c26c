"""Remind people of tomorrow's appointments (run daily, e.g. at 17:00; docs/appointments.md)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sozialraum.appointments.services import appointment_reminders_send

from ._now import add_now_argument, parse_now


class Command(BaseCommand):
    help = (
        "Schickt allen mit einem bestätigten Termin morgen eine Erinnerung per E-Mail. "
        "Jeder Termin bekommt höchstens eine Erinnerung; der Befehl kann mehrmals laufen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_now_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        sent = appointment_reminders_send(now=parse_now(options["now"]))
        self.stdout.write(f"{sent} Erinnerung(en) verschickt.")
