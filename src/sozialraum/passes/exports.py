"""Passes as CSV or XLSX, in the columns the import reads (export, edit, import again)."""

import csv
import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.styles import Font

from sozialraum.core.spreadsheets import inert

from .models import Pass

FORMATS = ("csv", "xlsx")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
HEADER = ["nummer", "art", "gueltig_ab", "gueltig_bis", "geburtsjahr", "gesperrt"]


def rows(passes: Iterable[Pass]) -> Iterable[list[object]]:
    for card in passes:
        yield [
            card.display_number,
            card.pass_type.code,
            card.valid_from.isoformat(),
            card.valid_until.isoformat(),
            card.birth_year if card.birth_year is not None else "",
            "ja" if card.revoked else "nein",
        ]


def passes_file(passes: Iterable[Pass], fmt: str) -> bytes:
    """The passes as a CSV (UTF-8 with BOM, semicolons: opens in German spreadsheets) or XLSX."""
    if fmt == "csv":
        text = io.StringIO()
        writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADER)
        for row in rows(passes):
            writer.writerow([inert(value) for value in row])
        return ("\ufeff" + text.getvalue()).encode()
    if fmt == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = "Pässe"
        sheet.append(HEADER)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows(passes):
            sheet.append([inert(value) for value in row])
        sheet.column_dimensions["A"].width = 24
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()
    raise ValueError(f"Unknown format {fmt!r}; known: {FORMATS}.")
