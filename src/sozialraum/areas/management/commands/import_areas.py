"""`sozialraum import_areas FILE.geojson --level NAME ...`: see docs/areas.md."""

import argparse
import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.areas.services import AreaImportError, areas_import


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("„%(value)s“ ist kein Datum der Form JJJJ-MM-TT (z. B. 2021-01-01).")
            % {"value": value}
        ) from None


class Command(BaseCommand):
    # Lazy: the class is defined at import, before the command's language is active.
    help = gettext_lazy(  # type: ignore[assignment]  # the stubs say str; Django accepts lazy
        "Importiert die Gebiete einer Ebene (z. B. Bezirke) aus einer GeoJSON-FeatureCollection "
        "in WGS84. Prüft zuerst die ganze Datei und importiert nichts, wenn ein Feature "
        "fehlerhaft ist, außer mit --skip-invalid. Kann gefahrlos wiederholt werden."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.description = str(self.help)  # argparse cannot wrap a lazy string
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("GeoJSON-Datei (RFC 7946: WGS84, Länge/Breite)"))
        parser.add_argument(
            "--level",
            required=True,
            help=_("Name der Ebene, z. B. Bezirk (wird angelegt, wenn es sie nicht gibt)"),
        )
        parser.add_argument(
            "--id-field",
            required=True,
            help=_("Eigenschaft mit der Kennziffer des Gebiets, z. B. id"),
        )
        parser.add_argument(
            "--name-field",
            required=True,
            help=_("Eigenschaft mit dem Namen des Gebiets, z. B. name"),
        )
        parser.add_argument(
            "--parent-level",
            help=_(
                "Ebene der übergeordneten Gebiete: gefunden über den Anfang der Kennziffer, "
                "sonst über die Lage"
            ),
        )
        parser.add_argument(
            "--parent-field",
            help=_(
                "Eigenschaft mit der Kennziffer des übergeordneten Gebiets (braucht --parent-level)"
            ),
        )
        parser.add_argument(
            "--valid-from",
            type=iso_date,
            help=_("erster Tag der Gültigkeit, JJJJ-MM-TT"),
        )
        parser.add_argument(
            "--valid-until",
            type=iso_date,
            help=_("letzter Tag der Gültigkeit, JJJJ-MM-TT"),
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help=_("die gültigen Features importieren, die übersprungenen auflisten"),
        )
        parser.add_argument("--source", default="", help=_("Quelle und Lizenz der Daten"))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = areas_import(
                path=options["file"],
                level=options["level"],
                id_field=options["id_field"],
                name_field=options["name_field"],
                parent_level=options["parent_level"],
                parent_field=options["parent_field"],
                valid_from=options["valid_from"],
                valid_until=options["valid_until"],
                skip_invalid=options["skip_invalid"],
                source=options["source"],
            )
        except AreaImportError as error:
            for issue in error.issues:
                self.stderr.write(str(issue))
            raise CommandError(
                _("Nichts importiert: %(count)d Fehler. Bitte die Datei korrigieren.")
                % {"count": len(error.issues)}
            ) from None
        for issue in report.skipped:
            self.stderr.write(self.style.WARNING(_("Übersprungen: %s") % issue))
        for issue in report.warnings:
            self.stderr.write(self.style.WARNING(_("Hinweis: %s") % issue))
        self.stdout.write(self.style.SUCCESS(report.summary()))
