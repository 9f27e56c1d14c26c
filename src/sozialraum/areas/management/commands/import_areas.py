"""`sozialraum import_areas FILE.geojson --level NAME ...`: see docs/areas.md."""

import argparse
import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from sozialraum.areas.services import AreaImportError, areas_import


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a date in the form YYYY-MM-DD (e.g. 2021-01-01)"
        ) from None


class Command(BaseCommand):
    help = (
        "Import the areas of one level (e.g. districts) from a GeoJSON FeatureCollection in "
        "WGS84. Checks the whole file first; imports nothing if any feature is faulty, unless "
        "--skip-invalid is given. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="GeoJSON file (RFC 7946: WGS84 longitude/latitude)")
        parser.add_argument(
            "--level", required=True, help="name of the level, e.g. Bezirk (created if new)"
        )
        parser.add_argument(
            "--id-field", required=True, help="property holding the area's id, e.g. id"
        )
        parser.add_argument(
            "--name-field", required=True, help="property holding the area's name, e.g. name"
        )
        parser.add_argument(
            "--parent-level",
            help="level of the parent areas: found by id prefix, else by location",
        )
        parser.add_argument(
            "--parent-field", help="property holding the parent's id (needs --parent-level)"
        )
        parser.add_argument("--valid-from", type=iso_date, help="first day of validity, YYYY-MM-DD")
        parser.add_argument("--valid-until", type=iso_date, help="last day of validity, YYYY-MM-DD")
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="import the valid features and list the skipped ones",
        )
        parser.add_argument("--source", default="", help="source and licence of the data")

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
