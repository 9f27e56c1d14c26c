"""`sozialraum import_passes FILE`: see docs/passes.md."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.passes.services import PassImportError, passes_import


class Command(BaseCommand):
    help = gettext_lazy(  # type: ignore[assignment]  # the stubs say str; Django accepts lazy
        "Importiert Pässe aus CSV oder XLSX (Spalten: nummer, art, gueltig_ab, gueltig_bis, "
        "geburtsjahr, gesperrt). Prüft zuerst die ganze Datei und importiert nichts, wenn "
        "etwas nicht stimmt. Bekannte Nummern werden aktualisiert: kann gefahrlos wiederholt "
        "werden."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.description = str(self.help)  # argparse cannot wrap a lazy string
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("CSV- oder XLSX-Datei"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = passes_import(actor=None, path=Path(options["file"]))
        except PassImportError as error:
            for line in error.issues.lines():
                self.stderr.write(line)
            raise CommandError(
                _("Nichts importiert: %(count)d Fehler. Bitte die Datei korrigieren.")
                % {"count": len(error.issues)}
            ) from None
        self.stdout.write(self.style.SUCCESS(report.summary()))
