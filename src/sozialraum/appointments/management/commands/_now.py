"""The --now option of the appointment commands (to try them out for another moment)."""

import datetime

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone


def add_now_argument(parser: CommandParser) -> None:
    parser.add_argument(
        "--now",
        help="Zeitpunkt im Format JJJJ-MM-TTTHH:MM (Ortszeit) statt jetzt, zum Ausprobieren.",
    )


def parse_now(value: str | None) -> datetime.datetime | None:
    if not value:
        return None
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--now: „{value}“ ist kein Zeitpunkt wie 2026-03-31T18:00.") from error
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment
