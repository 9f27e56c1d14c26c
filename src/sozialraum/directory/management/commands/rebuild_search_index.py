"""`sozialraum rebuild_search_index`: see docs/search.md."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.directory.search import rebuild_search_index


class Command(BaseCommand):
    # Lazy: the class is defined at import, before the command's language is active.
    help = gettext_lazy(  # type: ignore[assignment]  # the stubs say str; Django accepts lazy
        "Baut den Suchindex der Angebote neu auf, zum Beispiel nach einer Änderung am "
        "Synonym-Wörterbuch oder an der Gewichtung. Die Suche funktioniert währenddessen weiter."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.description = str(self.help)  # argparse cannot wrap a lazy string
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size",
            type=int,
            default=500,
            help=_("Wie viele Angebote auf einmal indexiert werden (Standard: 500)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        count = rebuild_search_index(batch_size=options["batch_size"])
        self.stdout.write(
            _("%(count)d Angebote in %(seconds).1f s indexiert.")
            % {"count": count, "seconds": time.monotonic() - started}
        )
