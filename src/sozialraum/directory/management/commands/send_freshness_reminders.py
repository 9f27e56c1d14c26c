"""Remind providers by e-mail to confirm their services (run once a day, see docs/freshness.md)."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sozialraum.directory.freshness import freshness_reminders_send


class Command(BaseCommand):
    help = (
        "Erinnert die Mitglieder jeder Organisation per E-Mail, deren öffentliche Angebote "
        "seit FRESHNESS_REMINDER_MONTHS Monaten niemand bestätigt hat, höchstens einmal in "
        "diesem Zeitraum. Kann täglich (auch mehrmals) laufen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            help="Stichtag im Format JJJJ-MM-TT statt heute (zum Ausprobieren).",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Als Aufgabe an das Aufgaben-Backend (Einstellung TASKS) übergeben.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError as error:
                raise CommandError(
                    f"--today: „{options['today']}“ ist kein Datum wie 2026-03-31."
                ) from error
        if options["enqueue"]:
            from sozialraum.directory.tasks import send_freshness_reminders

            result = send_freshness_reminders.enqueue(today=today.isoformat() if today else None)
            self.stdout.write(f"Aufgabe übergeben: {result.id} ({result.status}).")
            return
        reminded = freshness_reminders_send(today=today)
        self.stdout.write(f"Erinnerungen verschickt an {reminded} Organisation(en).")
