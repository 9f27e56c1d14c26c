"""Demo areas: Berlin's LOR (city, districts, district regions and planning areas until 2020).

The files in src/sozialraum/demo/berlin/ are copied verbatim from the open data product (see
ATTRIBUTION.md there). The planning-area file has a known error, id 06010102 twice; the import
skips both features and says so, as an operator's import would.
"""

import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from .models import AreaLevel
from .services import areas_import

DATA = Path(__file__).resolve().parent.parent / "demo" / "berlin"
SOURCE = (
    "Amt für Statistik Berlin-Brandenburg / Senatsverwaltung für Stadtentwicklung Berlin "
    "(CC BY 3.0 DE), über ODIS; aufbereitet von open-data-product-berlin-lor-geodata (CC BY 4.0)"
)
LOR_UNTIL = datetime.date(2020, 12, 31)  # Berlin redrew its LOR on 1 January 2021

IMPORTS: list[dict[str, Any]] = [
    {"file": "berlin-lor-city.geojson", "level": "Stadt"},
    {"file": "berlin-lor-districts.geojson", "level": "Bezirk", "parent_level": "Stadt"},
    {
        "file": "berlin-lor-district-regions-until-2020.geojson",
        "level": "Bezirksregion",
        "parent_level": "Bezirk",
        "valid_until": LOR_UNTIL,
    },
    {
        "file": "berlin-lor-planning-areas-until-2020.geojson",
        "level": "Planungsraum",
        "parent_level": "Bezirksregion",
        "valid_until": LOR_UNTIL,
    },
]

# The level names in the other UI languages (the import names them in German).
LEVEL_NAMES = {
    "stadt": {"en": "City", "ar": "المدينة"},
    "bezirk": {"en": "District", "ar": "المنطقة"},
    "bezirksregion": {"en": "District region", "ar": "منطقة فرعية"},
    "planungsraum": {"en": "Planning area", "ar": "منطقة تخطيط"},
}


@transaction.atomic
def load(stdout, style) -> None:
    for spec in IMPORTS:
        spec = dict(spec)
        path = _shown(DATA / spec.pop("file"))
        report = areas_import(
            path=path,
            id_field="id",
            name_field="name",
            skip_invalid=True,
            source=SOURCE,
            **spec,
        )
        stdout.write(style.SUCCESS(report.summary()))
        for issue in report.skipped:
            stdout.write(style.WARNING("  " + _("Übersprungen: %s") % issue))
        for issue in report.warnings:
            stdout.write(style.WARNING("  " + _("Hinweis: %s") % issue))
    for slug, names in LEVEL_NAMES.items():
        level = AreaLevel.objects.get(slug=slug)
        for language, name in names.items():
            if language in dict(settings.LANGUAGES):
                with translation.override(language):
                    level.name = name
        level.save()


def _shown(path: Path) -> Path:
    """The path as the operator would type it: relative to the working directory if inside."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path
