"""Downloads of a map view: CSV, XLSX and GeoJSON with the same rows as the page.

Suppressed figures stay suppressed: the files carry the symbol ("." or "x") and its
explanation, never the number. Each file names the indicator, the day and the source.
"""

import csv
import io
import json
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from sozialraum.areas.geometry import simplified_geojson
from sozialraum.areas.models import Area
from sozialraum.core.spreadsheets import inert

from .classify import Method
from .maps import MapData, suppression_threshold
from .small_areas import minimum_population, population_indicator

FORMATS = ["csv", "xlsx", "geojson"]
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
}


def file_name(data: MapData, fmt: str) -> str:
    return f"{data.indicator.key}-{data.level.slug}-{data.date.isoformat()}.{fmt}"


def about(data: MapData) -> list[tuple[str, str]]:
    """What the figures are: the lines of the XLSX sheet "Angaben" and the GeoJSON's metadata."""
    indicator = data.indicator
    return [
        (_("Merkmal"), str(indicator.name)),
        (_("Schlüssel"), indicator.key),
        (_("Einheit"), str(indicator.unit)),
        (_("Definition"), str(indicator.definition)),
        (_("Gebietsebene"), str(data.level.name)),
        (_("Stichtag"), data.date.isoformat()),
        (_("Quelle"), str(indicator.source)),
        (
            _("Klassen"),
            f"{Method(data.classification.method).label}, {data.classification.k}",
        ),
        (_("Geheimhaltung"), secrecy_rule()),
        (_("Erstellt"), timezone.localtime().isoformat(timespec="seconds")),
    ]


def secrecy_rule() -> str:
    rule = _(
        "Werte, die auf weniger als %(threshold)d Fällen beruhen, sind geheim gehalten "
        "(Zeichen „.“)."
    ) % {"threshold": suppression_threshold()}
    if population_indicator() is not None:
        rule += " " + _(
            "Ebenso alle Werte außer der Einwohnerzahl für Gebiete mit weniger als "
            "%(minimum)d Einwohnerinnen und Einwohnern."
        ) % {"minimum": minimum_population()}
    return rule


def table(data: MapData) -> tuple[list[str], list[list[Any]]]:
    header = [
        "kennziffer",
        "gebiet",
        "ebene",
        "stichtag",
        "indikator",
        "wert",
        "zeichen",
        "anmerkung",
        "klasse",
        "rang",
        "quelle",
    ]
    rows = [
        [
            row.area.code,
            row.area.name,
            data.level.slug,
            data.date.isoformat(),
            data.indicator.key,
            round(row.value, data.indicator.precision) if row.value is not None else None,
            row.symbol,
            row.explanation,
            row.interval.number if row.interval else None,
            row.rank,
            str(data.indicator.source),
        ]
        for row in data.rows
    ]
    return header, rows


def as_csv(data: MapData) -> bytes:
    """Semicolon-separated with a decimal point and a byte order mark: opens in German
    spreadsheet programs and reads unambiguously in every statistics tool."""
    header, rows = table(data)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if cell is None else inert(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(data: MapData) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Daten")[:31]
    header, rows = table(data)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([inert(cell) for cell in row])
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet(_("Angaben")[:31])
    for label, value in about(data):
        notes.append([label, inert(value)])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def as_geojson(data: MapData) -> bytes:
    geometries = dict(
        Area.objects.filter(pk__in=[row.area.pk for row in data.rows]).values_list("pk", "geometry")
    )
    header, rows = table(data)
    features = [
        {
            "type": "Feature",
            "id": row.area.code,
            "properties": dict(zip(header, values, strict=True)),
            "geometry": simplified_geojson(geometries[row.area.pk]),
        }
        for row, values in zip(data.rows, rows, strict=True)
    ]
    collection = {
        "type": "FeatureCollection",
        "name": file_name(data, "geojson").removesuffix(".geojson"),
        "metadata": dict(about(data)),
        "features": features,
    }
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def respond(data: MapData, fmt: str) -> HttpResponse:
    body = {"csv": as_csv, "xlsx": as_xlsx, "geojson": as_geojson}[fmt](data)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{file_name(data, fmt)}"'
    return response
