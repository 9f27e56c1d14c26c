"""`sozialraum evaluate_warnings [--rule ID ...] [--no-mail]`: see docs/atlas-warnings.md."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.atlas.models import WarningRule
from sozialraum.atlas.warnings import warnings_evaluate


class Command(BaseCommand):
    help = gettext_lazy(  # type: ignore[assignment]  # the stubs say str; Django accepts lazy
        "Prüft die aktiven Frühwarnregeln an allen gespeicherten Werten, speichert neue "
        "Hinweise und schickt sie der Sozialplanung per E-Mail (außer mit --no-mail). "
        "Kann gefahrlos wiederholt werden."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.description = str(self.help)  # argparse cannot wrap a lazy string
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--rule",
            type=int,
            action="append",
            default=[],
            metavar="ID",
            help=_("nur diese Regel prüfen (mehrfach möglich)"),
        )
        parser.add_argument(
            "--no-mail",
            action="store_true",
            help=_("neue Hinweise nur speichern, nicht per E-Mail melden"),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        rules = None
        if options["rule"]:
            rules = list(WarningRule.objects.filter(pk__in=options["rule"], active=True))
            missing = set(options["rule"]) - {rule.pk for rule in rules}
            if missing:
                raise CommandError(
                    _("Keine aktive Regel mit der Nummer %(ids)s.")
                    % {"ids": ", ".join(str(pk) for pk in sorted(missing))}
                )
        with transaction.atomic():
            findings = warnings_evaluate(rules=rules)
        self.stdout.write(
            self.style.SUCCESS(_("Neue Hinweise: %(count)d") % {"count": len(findings)})
        )
        if findings and not options["no_mail"]:
            from sozialraum.atlas.tasks import send_warning_digest

            send_warning_digest.enqueue(finding_ids=[finding.pk for finding in findings])
            self.stdout.write(_("Die E-Mail an die Sozialplanung ist der Aufgabe übergeben."))
