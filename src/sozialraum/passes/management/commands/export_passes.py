"""`sozialraum export_passes FILE [--type CODE]`: see docs/passes.md."""

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.passes.exports import passes_file
from sozialraum.passes.models import Pass, PassType


class Command(BaseCommand):
    help = gettext_lazy(  # type: ignore[assignment]  # the stubs say str; Django accepts lazy
        "Schreibt die Pässe in eine CSV- oder XLSX-Datei (nach der Endung; „-“ für CSV auf die "
        "Standardausgabe), in den Spalten, die import_passes liest."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.description = str(self.help)
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("Zieldatei (.csv oder .xlsx) oder -"))
        parser.add_argument("--type", help=_("nur Pässe dieser Passart (Kürzel, z. B. FP)"))

    def handle(self, *args: Any, **options: Any) -> None:
        target = options["file"]
        fmt = "csv" if target == "-" else Path(target).suffix.lower().lstrip(".")
        if fmt not in ("csv", "xlsx"):
            raise CommandError(_("Bitte eine Datei mit der Endung .csv oder .xlsx angeben."))
        passes = Pass.objects.select_related("pass_type").order_by("pass_type__code", "number")
        if options["type"]:
            if not PassType.objects.filter(code=options["type"]).exists():
                raise CommandError(
                    _("Die Passart „%(code)s“ gibt es nicht.") % {"code": options["type"]}
                )
            passes = passes.filter(pass_type__code=options["type"])
        data = passes_file(passes.iterator(), fmt)
        if target == "-":
            sys.stdout.buffer.write(data)
            return
        Path(target).write_bytes(data)
        self.stdout.write(
            self.style.SUCCESS(
                _("%(count)d Pässe in %(file)s geschrieben.")
                % {"count": passes.count(), "file": target}
            )
        )
