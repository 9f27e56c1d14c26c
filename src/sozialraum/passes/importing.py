"""Reading pass files (CSV, XLSX): every row checked before anything is written.

The columns (docs/passes.md), in any order, German or English names:
  nummer (number), art (type: the pass type's code), gueltig_ab (valid_from),
  gueltig_bis (valid_until, optional), geburtsjahr (birth_year, optional),
  gesperrt (revoked, optional: ja/nein).
The file readers are the Sozialatlas' (encoding, delimiter, XLSX cells), so both imports read
spreadsheets the same way.
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.atlas.importing import (
    IndicatorImportError,
    Issue,
    Issues,
    Mapping,
    parse_date,
    read_table,
)

from . import numbering
from .models import PassType

COLUMNS = {
    "number": ("nummer", "passnummer", "number"),
    "type": ("art", "passart", "type", "pass_type"),
    "valid_from": ("gueltig_ab", "valid_from"),
    "valid_until": ("gueltig_bis", "valid_until"),
    "birth_year": ("geburtsjahr", "birth_year"),
    "revoked": ("gesperrt", "revoked"),
}
REQUIRED = ("number", "type", "valid_from")
YES = {"ja", "j", "yes", "y", "x", "1", "true", "wahr"}
NO = {"nein", "n", "no", "", "0", "false", "falsch"}
NUMBER_PATTERN = re.compile(r"^[A-Z0-9]{6,40}$")


class PassImportError(Exception):
    """Nothing was imported; `issues` has every problem found (file, row, column)."""

    def __init__(self, issues: Issues) -> None:
        self.issues = issues
        super().__init__("\n".join(issues.lines()))


@dataclass(frozen=True)
class PassRow:
    row: int
    number: str
    type_code: str
    valid_from: datetime.date
    valid_until: datetime.date | None
    birth_year: int | None
    revoked: bool | None  # None: the file has no such column


def column_key(header: str) -> str:
    """„Gültig ab“, "gueltig-ab" and "GUELTIG_AB" are the same column."""
    text = header.strip().lower()
    for umlaut, spelled in (("ü", "ue"), ("ä", "ae"), ("ö", "oe"), ("ß", "ss")):
        text = text.replace(umlaut, spelled)
    return re.sub(r"[\s\-]+", "_", text)


def read_passes(path: Path, *, file: str, types: dict[str, PassType]) -> list[PassRow]:
    try:
        table = read_table(path, file=file, mapping=Mapping())
    except IndicatorImportError as error:
        raise PassImportError(error.issues) from None
    issues = Issues()
    positions: dict[str, int] = {}
    names: dict[str, str] = {}
    for index, header in enumerate(table.header):
        key = column_key(header)
        for field, aliases in COLUMNS.items():
            if key in aliases:
                if field in positions:
                    issues.add(Issue(file, _("Die Spalte gibt es zweimal."), row=1, column=header))
                positions[field], names[field] = index, header
    for field in REQUIRED:
        if field not in positions:
            issues.add(
                Issue(
                    file,
                    _("Die Spalte „%(column)s“ fehlt (Kopfzeile: %(header)s).")
                    % {"column": COLUMNS[field][0], "header": ", ".join(table.header)},
                    row=1,
                )
            )
    if issues:
        raise PassImportError(issues)

    codes = list(types)
    this_year = timezone.localdate().year
    seen: dict[str, int] = {}
    rows = []
    for row_number, cells in table.rows:

        def cell(field: str, cells: list[Any] = cells) -> Any:
            index = positions.get(field)
            if index is None or index >= len(cells):
                return None
            value = cells[index]
            return value.strip() if isinstance(value, str) else value

        def problem(field: str, message: str, row_number: int = row_number) -> None:
            issues.add(Issue(file, message, row=row_number, column=names[field]))

        raw_number = cell("number")
        if isinstance(raw_number, float) and raw_number.is_integer():
            raw_number = int(raw_number)  # a spreadsheet's 123456 is 123456.0
        number = numbering.canonical(str(raw_number or ""), codes)
        if not number:
            problem("number", _("Die Passnummer fehlt."))
        elif not NUMBER_PATTERN.match(number):
            problem(
                "number",
                _("„%(value)s“ ist keine Passnummer: 6 bis 40 Buchstaben (A bis Z) und Ziffern.")
                % {"value": raw_number},
            )
        elif numbering.is_typo(number, codes):
            problem(
                "number",
                _(
                    "„%(value)s“ sieht aus wie eine Nummer von Sozialraum, aber das Prüfzeichen "
                    "(das letzte Zeichen) passt nicht: ein Tippfehler? Wenn die eigenen Nummern "
                    "Ihrer Stadt so aussehen, geben Sie der Passart ein anderes Kürzel."
                )
                % {"value": raw_number},
            )
        elif number in seen:
            problem(
                "number",
                _("Die Nummer „%(value)s“ steht schon in Zeile %(row)d.")
                % {"value": raw_number, "row": seen[number]},
            )
        else:
            seen[number] = row_number

        type_code = str(cell("type") or "").upper()
        if type_code not in types:
            problem(
                "type",
                _("Die Passart „%(value)s“ gibt es nicht; bekannt sind: %(codes)s.")
                % {"value": type_code, "codes": ", ".join(sorted(codes)) or _("keine")},
            )

        valid_from = parse_date(cell("valid_from"))
        if valid_from is None:
            problem(
                "valid_from",
                _("„%(value)s“ ist kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ).")
                % {"value": cell("valid_from") or ""},
            )
        valid_until = None
        if cell("valid_until") not in (None, ""):
            valid_until = parse_date(cell("valid_until"))
            if valid_until is None:
                problem(
                    "valid_until",
                    _("„%(value)s“ ist kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ).")
                    % {"value": cell("valid_until")},
                )
            elif valid_from is not None and valid_until < valid_from:
                problem("valid_until", _("„Gültig bis“ liegt vor „gültig ab“."))

        birth_year = None
        raw_year = cell("birth_year")
        if raw_year not in (None, ""):
            try:
                birth_year = int(float(str(raw_year)))
            except ValueError:
                birth_year = None
            if birth_year is None or not 1900 <= birth_year <= this_year:
                problem(
                    "birth_year",
                    _("„%(value)s“ ist kein Geburtsjahr zwischen 1900 und %(year)d.")
                    % {"value": raw_year, "year": this_year},
                )
                birth_year = None

        revoked = None
        if "revoked" in positions:
            text = str(cell("revoked") or "").lower()
            if text in YES:
                revoked = True
            elif text in NO:
                revoked = False
            else:
                problem(
                    "revoked",
                    _("„%(value)s“: bitte „ja“ oder „nein“.") % {"value": cell("revoked")},
                )
        if valid_from is not None:
            rows.append(
                PassRow(
                    row=row_number,
                    number=number,
                    type_code=type_code,
                    valid_from=valid_from,
                    valid_until=valid_until,
                    birth_year=birth_year,
                    revoked=revoked,
                )
            )
    if issues:
        raise PassImportError(issues)
    if not rows:
        issues.add(Issue(file, _("Die Datei enthält keine Pässe.")))
        raise PassImportError(issues)
    return rows
