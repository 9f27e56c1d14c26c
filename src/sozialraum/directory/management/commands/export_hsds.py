"""`sozialraum export_hsds --format json|csv|xlsx --output PATH` or `--downloads`"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.directory.api.export import hsds_export, hsds_export_downloads

#: The command says csv (what people ask for); the file is a zip of CSV tables.
FILE_FORMATS = {"json": "json", "csv": "zip", "xlsx": "xlsx"}


class Command(BaseCommand):
    help = gettext_lazy(  # type: ignore[assignment]  # the stubs say str; Django accepts lazy
        "Exportiert alle öffentlichen Angebote als HSDS 3.0: JSON (eine Liste vollständiger "
        "Angebote), CSV (die HSDS-Tabellen in einer ZIP-Datei) oder XLSX (eine Tabelle je "
        "Blatt). Mit --downloads werden alle drei Formate für /api/hsds/export.* erneuert."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.description = str(self.help)  # argparse cannot wrap a lazy string
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--format", choices=sorted(FILE_FORMATS), default="json", help=_("Dateiformat")
        )
        parser.add_argument("--output", help=_("Zieldatei; sie wird erst am Ende ersetzt"))
        parser.add_argument(
            "--downloads",
            action="store_true",
            help=_("Alle Formate in HSDS_EXPORT_DIR schreiben (für die Downloads der API)"),
        )
        parser.add_argument(
            "--locale",
            default="de",
            choices=["de", "en", "ar"],
            help=_("Sprache der Texte (fehlende Übersetzungen: Deutsch)"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["downloads"]:
            if options["output"]:
                raise CommandError(_("Bitte entweder --output oder --downloads angeben."))
            for path in hsds_export_downloads():
                self.stdout.write(_("Geschrieben: %(path)s") % {"path": path})
            return
        if not options["output"]:
            raise CommandError(_("Bitte --output DATEI oder --downloads angeben."))
        path = Path(options["output"])
        if path.is_dir():
            raise CommandError(
                _("%(path)s ist ein Verzeichnis; bitte einen Dateinamen angeben.") % {"path": path}
            )
        try:
            hsds_export(
                file_format=FILE_FORMATS[options["format"]],
                path=path,
                language=options["locale"],
            )
        except OSError as error:
            raise CommandError(
                _("%(path)s kann nicht geschrieben werden: %(reason)s")
                % {"path": path, "reason": error.strerror or error}
            ) from None
        self.stdout.write(_("Geschrieben: %(path)s") % {"path": path})
