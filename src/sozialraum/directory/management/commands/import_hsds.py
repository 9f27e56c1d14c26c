"""`sozialraum import_hsds PATH [PATH ...]`: see docs/import-hsds.md."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.accounts.models import User
from sozialraum.directory.hsds_import import HsdsImportError, ImportLimits, hsds_import


class Command(BaseCommand):
    # Lazy: the class is defined at import, before the command's language is active.
    help = gettext_lazy(  # type: ignore[assignment]  # the stubs say str; Django accepts lazy
        "Importiert Organisationen und Angebote aus HSDS-3.0-JSON (Open Referral): Dateien oder "
        "Ordner mit .json-Dateien. Prüft zuerst alles und importiert nichts, wenn ein Fehler "
        "gefunden wird. Kann gefahrlos wiederholt werden."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.description = str(self.help)  # argparse cannot wrap a lazy string
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        defaults = ImportLimits()
        parser.add_argument("paths", nargs="+", help=_("JSON-Dateien oder Ordner"))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("nur prüfen und zählen, nichts speichern"),
        )
        parser.add_argument(
            "--actor",
            metavar="EMAIL",
            help=_("E-Mail-Adresse des Kontos, das im Protokoll als Urheber steht"),
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help=_("Sprache der Texte in den Daten (Standard: Sprache der Website, de)"),
        )
        parser.add_argument(
            "--max-file-bytes",
            type=int,
            default=defaults.max_file_bytes,
            help=_("größte erlaubte Datei in Bytes"),
        )
        parser.add_argument(
            "--max-string-length",
            type=int,
            default=defaults.max_string_length,
            help=_("längster erlaubter Text in Zeichen"),
        )
        parser.add_argument(
            "--max-list-length",
            type=int,
            default=defaults.max_list_length,
            help=_("längste erlaubte verschachtelte Liste"),
        )
        parser.add_argument(
            "--max-errors",
            type=int,
            default=defaults.max_errors,
            help=_("nach so vielen Fehlern aufhören zu suchen"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        limits = ImportLimits(
            max_file_bytes=options["max_file_bytes"],
            max_string_length=options["max_string_length"],
            max_list_length=options["max_list_length"],
            max_errors=max(1, options["max_errors"]),
        )
        actor = None
        if options["actor"]:
            actor = User.objects.filter(email__iexact=options["actor"]).first()
            if actor is None:
                raise CommandError(
                    _("Kein Konto mit der E-Mail-Adresse %(email)s.") % {"email": options["actor"]}
                )
        try:
            report = hsds_import(
                paths=options["paths"],
                actor=actor,
                dry_run=options["dry_run"],
                limits=limits,
                language=options["language"],
            )
        except HsdsImportError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                _("Nichts importiert: %(count)d Fehler. Bitte die Daten korrigieren.")
                % {"count": len(error.problems)}
            ) from None
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(_("Hinweis: %s") % warning))
        for line in report.lines():
            self.stdout.write(line)
        if report.dry_run:
            self.stdout.write(self.style.SUCCESS(_("Probelauf: nichts gespeichert.")))
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Import abgeschlossen. Dateien: %(files)d, Angebote: %(services)d.")
                    % {"files": len(report.files), "services": len(report.service_ids)}
                )
            )
