"""`sozialraum import_indicators FILE [--mapping M.json] ...`: see docs/atlas.md."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.areas.management.commands.import_areas import iso_date
from sozialraum.atlas.importing import IndicatorImportError, Mapping
from sozialraum.atlas.services import indicators_import


class Command(BaseCommand):
    help = gettext_lazy(  # type: ignore[assignment]  # the stubs say str; Django accepts lazy
        "Importiert Werte von Indikatoren aus CSV oder XLSX, im langen Format (Gebiet, "
        "Indikator, Stichtag, Wert je Zeile) oder im breiten (eine Spalte je Indikator). Prüft "
        "zuerst die ganze Datei und importiert nichts, wenn etwas nicht stimmt, außer mit "
        "--skip-invalid. Kann gefahrlos wiederholt werden."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.description = str(self.help)  # argparse cannot wrap a lazy string
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("CSV- oder XLSX-Datei"))
        parser.add_argument(
            "--mapping",
            help=_("JSON-Datei mit der Zuordnung von Spalten zu Indikatoren (docs/atlas.md)"),
        )
        parser.add_argument("--format", choices=["long", "wide"], help=_("Format der Tabelle"))
        parser.add_argument("--level", help=_("Gebietsebene, z. B. planungsraum"))
        parser.add_argument("--area-column", help=_("Spalte mit der Kennziffer des Gebiets"))
        parser.add_argument(
            "--date", type=iso_date, help=_("Stichtag aller Werte der Datei, JJJJ-MM-TT")
        )
        parser.add_argument("--date-column", help=_("Spalte mit dem Stichtag jeder Zeile"))
        parser.add_argument(
            "--ignore",
            action="append",
            default=[],
            metavar="SPALTE",
            help=_("Spalte, die kein Indikator ist (mehrfach möglich)"),
        )
        parser.add_argument(
            "--decimal", choices=[",", "."], help=_("Dezimaltrennzeichen (sonst erkannt)")
        )
        parser.add_argument("--encoding", help=_("Zeichenkodierung (sonst UTF-8 oder Latin-1)"))
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help=_("die gültigen Werte importieren, die übersprungenen auflisten"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            mapping = Mapping.from_file(options["mapping"]) if options["mapping"] else Mapping()
            for option in ("format", "level", "area_column", "date_column", "decimal", "encoding"):
                if options[option]:
                    setattr(mapping, option, options[option])
            if options["date"]:
                mapping.date, mapping.date_column = options["date"], None
            elif options["date_column"]:
                mapping.date = None
            mapping.ignore = [*mapping.ignore, *options["ignore"]]
            report = indicators_import(
                path=Path(options["file"]), mapping=mapping, skip_invalid=options["skip_invalid"]
            )
        except IndicatorImportError as error:
            for line in error.issues.lines():
                self.stderr.write(line)
            raise CommandError(
                _("Nichts importiert: %(count)d Fehler. Bitte die Datei korrigieren.")
                % {"count": len(error.issues)}
            ) from None
        if report.skipped:
            self.stderr.write(self.style.WARNING(_("Übersprungen:")))
            for line in report.skipped.lines():
                self.stderr.write(self.style.WARNING("  " + line))
        if report.indicators_created:
            self.stdout.write(
                _("Neue Indikatoren: %(keys)s") % {"keys": ", ".join(report.indicators_created)}
            )
        self.stdout.write(self.style.SUCCESS(report.summary()))
