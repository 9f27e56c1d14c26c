"""Demo figures: Berlin's Monitoring Soziale Stadtentwicklung 2013-2019 and population 2015-2020.

After the import the MSS status and dynamics index is computed from S1-S4 and D1-D4
("MSS-Statusindex", docs/atlas-index.md).

The CSV files in src/sozialraum/demo/berlin/mss/ and population/ are copied verbatim from the
open data products (see ATTRIBUTION.md there) and imported with `indicators_import`, as an
operator would, with --skip-invalid: the known broken column z_d3 of the MSS tables -3 (class
words instead of numbers) and the two planning areas the area import skips are reported, not
imported. Dates: an MSS report of year Y describes 31.12. of Y-1; population period -01 is 30.06.,
-02 is 31.12.
"""

import datetime
from collections.abc import Iterator
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from sozialraum.areas.demo import DATA, _shown
from sozialraum.areas.models import Area, AreaLevel

from .demo_indicators import (
    mss_columns,
    mss_indicators,
    population_columns,
    population_indicators,
)
from .importing import Mapping
from .models import (
    BlockKind,
    Indicator,
    MapMethod,
    Report,
    ReportBlock,
    ReportStatus,
    SocialIndex,
    SocialIndexComponent,
)
from .services import ImportReport, indicators_import
from .social_index_service import social_index_compute

MSS_YEARS = (2013, 2015, 2017, 2019)
MSS_TABLES = {
    "2-1": "planungsraum",
    "2-2": "bezirksregion",
    "2-3": "bezirk",
    "3": "planungsraum",
    "4-1": "planungsraum",
    "4-2": "bezirksregion",
    "4-3": "bezirk",
}
POPULATION_YEARS = range(2015, 2021)
POPULATION_LEVELS = {
    "city": "stadt",
    "districts": "bezirk",
    "district-regions": "bezirksregion",
    "planning-areas": "planungsraum",
}
POPULATION_IGNORE = [
    "district_id",
    "forecast_area_id",
    "district_region_id",
    "planning_area_id",
]
MSS_SMALL_AREA = 300  # the MSS leaves out planning areas with fewer inhabitants (their rows are 0)


def mss_imports() -> Iterator[tuple[str, Path, Mapping]]:
    indicators, columns = mss_indicators(), mss_columns()
    for year in MSS_YEARS:
        label = _("MSS %(year)d") % {"year": year}
        for table, level in MSS_TABLES.items():
            name = f"berlin-lor-monitoring-social-urban-development-{year}-00-{table}.csv"
            mapping = Mapping(
                format="wide",
                level=level,
                area_column="id",
                date=datetime.date(year - 1, 12, 31),
                ignore=["name", "inhabitants"],
                columns=columns,
                indicators=indicators,
                decimal=".",
                skip_rows_below=(
                    {"column": "inhabitants", "value": MSS_SMALL_AREA}
                    if level == "planungsraum"
                    else None
                ),
                skip_all_zero_rows=True,  # areas a report leaves out for other reasons
            )
            yield label, DATA / "mss" / name, mapping


def population_imports() -> Iterator[tuple[str, Path, Mapping]]:
    indicators, columns = population_indicators(), population_columns()
    for year in POPULATION_YEARS:
        label = _("Einwohner %(year)d") % {"year": year}
        for half, day in (("01", datetime.date(year, 6, 30)), ("02", datetime.date(year, 12, 31))):
            for table in ("t1", "t2"):
                for suffix, level in POPULATION_LEVELS.items():
                    name = f"berlin-lor-population-{year}-{half}-{table}-{suffix}.csv"
                    header = _header(DATA / "population" / name)
                    # t2 repeats the totals of t1 (inhabitants, foreigners): read them once.
                    repeated = ["inhabitants", "inhabitants_foreigners"] if table == "t2" else []
                    mapping = Mapping(
                        format="wide",
                        level=level,
                        area_column="id",
                        date=day,
                        ignore=[
                            *POPULATION_IGNORE,
                            *repeated,
                            *(column for column in header if column.endswith("_percentage")),
                        ],
                        columns=columns,
                        indicators=indicators,
                        decimal=".",
                    )
                    yield label, DATA / "population" / name, mapping


def _header(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as file:
        return file.readline().strip().split(",")


@transaction.atomic
def load(stdout, style) -> None:
    groups: dict[str, ImportReport] = {}
    for label, path, mapping in [*mss_imports(), *population_imports()]:
        report = indicators_import(path=_shown(path), mapping=mapping, skip_invalid=True)
        total = groups.setdefault(label, ImportReport(file=label, level=""))
        total.created += report.created
        total.updated += report.updated
        total.unchanged += report.unchanged
        total.excluded_rows += report.excluded_rows
        total.dates = sorted({*total.dates, *report.dates})
        for issue in report.skipped.listed:
            total.skipped.add(issue)
    for label, total in groups.items():
        stdout.write(
            style.SUCCESS(
                _(
                    "Sozialatlas, %(label)s (Stichtage %(dates)s): %(created)d Werte neu, "
                    "%(updated)d geändert, %(unchanged)d unverändert, %(skipped)d übersprungen."
                )
                % {
                    "label": label,
                    "dates": ", ".join(day.strftime("%d.%m.%Y") for day in total.dates),
                    "created": total.created,
                    "updated": total.updated,
                    "unchanged": total.unchanged,
                    "skipped": len(total.skipped),
                }
            )
        )
        for line in total.skipped.by_column():
            stdout.write(style.WARNING("  " + _("Übersprungen: %s") % line))
    index = mss_index()
    level = AreaLevel.objects.get(slug="planungsraum")
    for year in MSS_YEARS:
        computed = social_index_compute(
            index=index, date=datetime.date(year - 1, 12, 31), level=level
        )
        stdout.write(style.SUCCESS(computed.summary()))
    shown = demo_report()
    stdout.write(style.SUCCESS(_("Bericht „%(title)s“ angelegt.") % {"title": shown.title}))


def mss_index() -> SocialIndex:
    """The MSS status and dynamics index over S1-S4 and D1-D4, as the reports compute it.

    No population indicator: the import leaves out the planning areas under 300 inhabitants;
    the rows of zeros of the larger areas the reports leave out are no figures. S2 exists until
    the report 2017 only.
    """
    index, _created = SocialIndex.objects.update_or_create(
        key="mss",
        defaults={
            "name": _("MSS-Statusindex"),
            "description": _(
                "Der Statusindex des Monitorings Soziale Stadtentwicklung Berlin: "
                "Arbeitslosigkeit, Langzeitarbeitslosigkeit (bis 2017), Transferbezug und "
                "Kinderarmut je Planungsraum, verglichen mit dem Berliner Durchschnitt; dazu "
                "ihre Veränderung in zwei Jahren (Dynamik)."
            ),
            "population": None,
            "minimum_population": MSS_SMALL_AREA,
            "all_zero_is_missing": True,
            "dynamics_years": 2,
        },
    )
    for position, code in enumerate(("1", "2", "3", "4")):
        SocialIndexComponent.objects.update_or_create(
            index=index,
            indicator=Indicator.objects.get(key=f"mss-s{code}"),
            defaults={
                "change": Indicator.objects.get(key=f"mss-d{code}"),
                "position": position,
                "optional": code == "2",
            },
        )
    return index


def demo_report() -> Report:
    """A published demo report (docs/atlas-reports.md): a text, the MSS status on a map of the
    planning areas, the unemployment of four districts over the years and the inhabitants of the
    districts as a table. Built afresh on every run; its blocks show the newest figures."""
    report, _created = Report.objects.update_or_create(
        slug="sozialbericht-berlin-demo",
        defaults={
            "title": _("Sozialbericht Berlin (Demo)"),
            "summary": _(
                "Ein Beispiel, wie die Sozialplanung Texte, Karten und Tabellen zu einem Bericht "
                "zusammenstellt. Die Zahlen sind die offenen Daten Berlins."
            ),
            "status": ReportStatus.PUBLISHED,
            "published": datetime.date(2024, 1, 1),
        },
    )
    report.blocks.all().delete()
    indicators = Indicator.objects.in_bulk(["mss-status", "mss-s1", "einwohner"], field_name="key")
    levels = AreaLevel.objects.in_bulk(["planungsraum", "bezirk"], field_name="slug")
    ReportBlock.objects.create(
        report=report,
        position=1,
        kind=BlockKind.TEXT,
        heading=_("Worum es geht"),
        text=_(
            "Das **Monitoring Soziale Stadtentwicklung** vergleicht die Planungsräume mit dem "
            "Berliner Durchschnitt. Die Karte zeigt den Statusindex, die Zeitreihe die "
            "Arbeitslosigkeit in vier Bezirken, die Tabelle die Einwohnerzahl der Bezirke."
        ),
    )
    if "mss-status" in indicators and "planungsraum" in levels:
        ReportBlock.objects.create(
            report=report,
            position=2,
            kind=BlockKind.MAP,
            indicator=indicators["mss-status"],
            level=levels["planungsraum"],
            method=MapMethod.STD_DEV,
        )
    if "mss-s1" in indicators and "bezirk" in levels:
        chart = ReportBlock.objects.create(
            report=report,
            position=3,
            kind=BlockKind.CHART,
            indicator=indicators["mss-s1"],
            heading=_("Arbeitslosigkeit in vier Bezirken"),
        )
        chart.areas.set(
            Area.objects.in_level(levels["bezirk"]).filter(code__in=["01", "02", "07", "12"])
        )
    if "einwohner" in indicators and "bezirk" in levels:
        ReportBlock.objects.create(
            report=report,
            position=4,
            kind=BlockKind.TABLE,
            indicator=indicators["einwohner"],
            level=levels["bezirk"],
            heading=_("Einwohnerinnen und Einwohner der Bezirke"),
        )
    return report
