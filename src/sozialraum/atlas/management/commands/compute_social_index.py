"""`sozialraum compute_social_index KEY [--date DAY ...] [--level LEVEL]`: docs/atlas-index.md."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.areas.management.commands.import_areas import iso_date
from sozialraum.areas.models import AreaLevel
from sozialraum.atlas.models import IndicatorValue, SocialIndex
from sozialraum.atlas.social_index_service import SocialIndexError, social_index_compute


class Command(BaseCommand):
    help = gettext_lazy(  # type: ignore[assignment]  # the stubs say str; Django accepts lazy
        "Berechnet einen Sozialindex (Status, Dynamik, Klassen) aus den gespeicherten Werten "
        "und speichert die Ergebnisse als Werte seiner Ergebnis-Indikatoren. Ohne --date für "
        "jeden Stichtag, an dem der erste Statusindikator Werte hat. Kann gefahrlos wiederholt "
        "werden."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.description = str(self.help)  # argparse cannot wrap a lazy string
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("index", help=_("Schlüssel des Index, z. B. mss"))
        parser.add_argument(
            "--date",
            type=iso_date,
            action="append",
            default=[],
            help=_("Stichtag, JJJJ-MM-TT (mehrfach möglich)"),
        )
        parser.add_argument(
            "--level", default="planungsraum", help=_("Gebietsebene, z. B. planungsraum")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        index = SocialIndex.objects.filter(key=options["index"]).first()
        if index is None:
            raise CommandError(
                _("Einen Index „%(key)s“ gibt es nicht. Vorhanden: %(keys)s.")
                % {
                    "key": options["index"],
                    "keys": ", ".join(SocialIndex.objects.values_list("key", flat=True)) or "-",
                }
            )
        level = AreaLevel.objects.filter(slug=options["level"]).first()
        if level is None:
            raise CommandError(
                _("Die Gebietsebene „%(level)s“ gibt es nicht.") % {"level": options["level"]}
            )
        dates = options["date"] or social_index_dates(index, level)
        if not dates:
            raise CommandError(_("Die Indikatoren des Index haben auf dieser Ebene keine Werte."))
        for day in dates:
            try:
                report = social_index_compute(index=index, date=day, level=level)
            except SocialIndexError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(self.style.SUCCESS(report.summary()))


def social_index_dates(index: SocialIndex, level: AreaLevel) -> list[datetime.date]:
    """The days on which the index's first status indicator has values on the level."""
    first = index.components.first()
    if first is None:
        return []
    return sorted(
        IndicatorValue.objects.filter(indicator=first.indicator_id, area__level=level)
        .values_list("date", flat=True)
        .distinct()
    )
