"""Move waiting lists on and delete old participant data (run every few minutes from a timer,
see docs/events.md)."""

from typing import Any

from django.core.management.base import BaseCommand

from sozialraum.events.services import waitlists_process
from sozialraum.events.services_provider import personal_data_delete
from sozialraum.lottery.services import applications_delete_old


class Command(BaseCommand):
    help = (
        "Gibt Plätze frei, deren Reservierung abgelaufen ist (nicht bestätigte Anmeldungen, nicht "
        "angenommene Angebote), bietet freie Plätze der Warteliste an und löscht die Angaben der "
        "Teilnehmenden (und die Wünsche im Ferienprogramm) EVENTS_DELETE_AFTER_DAYS Tage nach dem "
        "Termin. Am besten alle 5 Minuten."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        settled = waitlists_process()
        deleted = personal_data_delete() + applications_delete_old()
        self.stdout.write(f"Termine geprüft: {settled}. Alte Anmeldungen gelöscht: {deleted}.")
