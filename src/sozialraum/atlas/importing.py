# ruff: noqa: RUF001, RUF003  (the en dash and minus sign are symbols of official statistics)
"""Reading statistics tables (CSV, XLSX) and turning their cells into numbers, dates and ids.

Real files from statistics offices are messy: Latin-1 or UTF-8, semicolons or commas, decimal
commas, thousands separators, the symbols of official statistics instead of numbers, ids whose
leading zeros a spreadsheet dropped. Everything here reports problems as `Issue`s naming file,
row, column and reason; services.py decides whether they stop the import.
"""

import csv
import datetime
import io
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from .models import Flag

MAX_LISTED = 1000  # issues kept with their details; the rest are only counted


@dataclass(frozen=True)
class Issue:
    """A problem found before anything was written."""

    file: str
    message: str
    row: int | None = None  # 1-based, the header is row 1 (as a spreadsheet numbers them)
    column: str | None = None

    def __str__(self) -> str:
        if self.row is not None and self.column is not None:
            where = _("Zeile %(row)d, Spalte „%(column)s“") % {
                "row": self.row,
                "column": self.column,
            }
        elif self.row is not None:
            where = _("Zeile %(row)d") % {"row": self.row}
        elif self.column is not None:
            where = _("Spalte „%(column)s“") % {"column": self.column}
        else:
            return f"{self.file}: {self.message}"
        return f"{self.file}, {where}: {self.message}"


@dataclass
class Issues:
    """Issues as found: the first MAX_LISTED in full, all of them counted per column."""

    listed: list[Issue] = field(default_factory=list)
    total: int = 0
    per_column: Counter[str] = field(default_factory=Counter)

    def add(self, issue: Issue) -> None:
        self.total += 1
        self.per_column[issue.column or ""] += 1
        if len(self.listed) < MAX_LISTED:
            self.listed.append(issue)

    def __bool__(self) -> bool:
        return self.total > 0

    def __len__(self) -> int:
        return self.total

    def lines(self, limit: int = 50) -> list[str]:
        """The first `limit` issues, and how many more there are."""
        shown = [str(issue) for issue in self.listed[:limit]]
        if self.total > len(shown):
            shown.append(_("… und %(count)d weitere.") % {"count": self.total - len(shown)})
        return shown

    def by_column(self) -> list[str]:
        """One line per column: how many, and the first example."""
        lines = []
        for column, count in self.per_column.most_common():
            example = next((i for i in self.listed if (i.column or "") == column), None)
            if column:
                text = _("%(count)d Fehler in Spalte „%(column)s“, z. B. %(example)s")
            else:
                text = _("%(count)d Fehler, z. B. %(example)s")
            lines.append(text % {"count": count, "column": column, "example": example})
        return lines


class IndicatorImportError(Exception):
    """The file cannot be imported; `issues` has every problem found (the first ones listed)."""

    def __init__(self, issues: Issues | list[Issue]) -> None:
        if isinstance(issues, list):
            collected = Issues()
            for issue in issues:
                collected.add(issue)
            issues = collected
        self.issues = issues
        super().__init__("\n".join(issues.lines()))


# ---------------------------------------------------------------------------------------------
# The mapping: how a file's columns become indicators, areas and dates.

FORMATS = ("long", "wide")
MAPPING_KEYS = {
    "format",
    "level",
    "area_column",
    "date",
    "date_column",
    "indicator_column",
    "value_column",
    "columns",
    "ignore",
    "indicators",
    "decimal",
    "encoding",
    "delimiter",
    "sheet",
    "header_row",
    "skip_rows_below",
    "skip_all_zero_rows",
}


@dataclass
class Mapping:
    """What the import needs to know about a file; from a JSON file, options, or code."""

    format: str = "wide"
    level: str = ""
    area_column: str = "id"
    date: datetime.date | None = None  # one day for the whole file ...
    date_column: str | None = None  # ... or a column with the day of each row
    indicator_column: str = "indicator"  # long format
    value_column: str = "value"  # long format
    # wide: column -> indicator key; long: name in the indicator column -> indicator key
    columns: dict[str, str] = field(default_factory=dict)
    ignore: list[str] = field(default_factory=list)
    indicators: dict[str, dict[str, Any]] = field(default_factory=dict)  # key -> metadata
    decimal: str | None = None  # "," or "."; None: recognised from the file
    encoding: str | None = None  # None: UTF-8, else Windows-1252/Latin-1
    delimiter: str | None = None  # None: recognised from the header
    sheet: str | None = None  # XLSX: the worksheet; None: the first
    header_row: int = 1
    skip_rows_below: dict[str, Any] | None = None  # {"column": "inhabitants", "value": 300}
    skip_all_zero_rows: bool = False  # wide: a row of zeros only stands for "no figures"

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, file: str) -> "Mapping":
        """Check a mapping given as a dict (a parsed JSON file); raise with every problem."""
        problems: list[str] = []
        if not isinstance(data, dict):
            raise IndicatorImportError([Issue(file, _("Die Zuordnung muss ein JSON-Objekt sein."))])
        unknown = sorted(set(data) - MAPPING_KEYS)
        if unknown:
            problems.append(
                _("Unbekannte Angaben: %(keys)s. Möglich sind: %(allowed)s.")
                % {"keys": ", ".join(unknown), "allowed": ", ".join(sorted(MAPPING_KEYS))}
            )
        values = {key: value for key, value in data.items() if key in MAPPING_KEYS}
        if "date" in values and values["date"] is not None:
            parsed = parse_date(values["date"])
            if parsed is None:
                problems.append(
                    _("„date“: „%(value)s“ ist kein Datum der Form JJJJ-MM-TT.")
                    % {"value": values["date"]}
                )
            values["date"] = parsed
        mapping = cls(**values)
        problems += mapping.form_problems()
        if problems:
            raise IndicatorImportError([Issue(file, problem) for problem in problems])
        return mapping

    @classmethod
    def from_file(cls, path: Path | str) -> "Mapping":
        file = str(path)
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except OSError as error:
            raise IndicatorImportError(
                [Issue(file, _("Die Datei lässt sich nicht lesen: %s") % error.strerror)]
            ) from None
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise IndicatorImportError(
                [Issue(file, _("Das ist kein gültiges JSON (UTF-8): %s") % error)]
            ) from None
        return cls.from_dict(data, file=file)

    def problems(self) -> list[str]:
        """Everything wrong with the mapping, including what options may still fill in."""
        return self.form_problems() + self.completeness_problems()

    def completeness_problems(self) -> list[str]:
        problems = []
        if not self.level:
            problems.append(_("Es fehlt die Gebietsebene („level“ oder --level)."))
        if self.date is not None and self.date_column:
            problems.append(_("Entweder ein Datum für die ganze Datei oder eine Datumsspalte."))
        if self.date is None and not self.date_column:
            problems.append(
                _("Es fehlt der Stichtag: „date“ (--date) oder eine Datumsspalte („date_column“).")
            )
        return problems

    def form_problems(self) -> list[str]:
        problems = []
        if self.format not in FORMATS:
            problems.append(
                _("„format“ muss „long“ oder „wide“ sein, nicht „%(value)s“.")
                % {"value": self.format}
            )
        if self.decimal not in (None, ",", "."):
            problems.append(_("„decimal“ muss „,“ oder „.“ sein."))
        if not isinstance(self.header_row, int) or self.header_row < 1:
            problems.append(_("„header_row“ muss eine Zeilennummer ab 1 sein."))
        if not isinstance(self.columns, dict) or not all(
            isinstance(value, str) for value in self.columns.values()
        ):
            problems.append(_('„columns“ ordnet Spalten Schlüsseln zu: {"Spalte": "schluessel"}.'))
        if not isinstance(self.ignore, list) or not all(
            isinstance(value, str) for value in self.ignore
        ):
            problems.append(_('„ignore“ ist eine Liste von Spalten: ["Name", "Einwohner"].'))
        if not isinstance(self.indicators, dict) or not all(
            isinstance(value, dict) for value in self.indicators.values()
        ):
            problems.append(_('„indicators“ beschreibt Indikatoren: {"schluessel": {…}}.'))
        if self.skip_rows_below is not None and not (
            isinstance(self.skip_rows_below, dict)
            and set(self.skip_rows_below) == {"column", "value"}
        ):
            problems.append(_("„skip_rows_below“ braucht „column“ und „value“."))
        if not isinstance(self.skip_all_zero_rows, bool):
            problems.append(_("„skip_all_zero_rows“ ist true oder false."))
        return problems


# ---------------------------------------------------------------------------------------------
# Reading the table.


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[Any]]]  # (row number as a spreadsheet shows it, cells)
    delimiter: str | None = None


def read_table(path: Path, *, file: str, mapping: Mapping) -> Table:
    """The header and the rows of a CSV or XLSX file; unreadable files raise at once."""
    if not path.is_file():
        raise IndicatorImportError([Issue(file, _("Die Datei gibt es nicht."))])
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path, file=file, mapping=mapping)
    if path.suffix.lower() == ".xls":
        raise IndicatorImportError(
            [
                Issue(
                    file,
                    _(
                        "Das alte Excel-Format .xls wird nicht gelesen; bitte als .xlsx oder CSV "
                        "speichern."
                    ),
                )
            ]
        )
    return _read_csv(path, file=file, mapping=mapping)


def decode(raw: bytes, encoding: str | None) -> str:
    """UTF-8 (with or without byte order mark) if it is valid UTF-8, else Windows-1252/Latin-1.

    A Latin-1 file with umlauts is almost never valid UTF-8, so trying UTF-8 first is safe.
    """
    if encoding:
        return raw.decode(encoding)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")  # Latin-1 plus „“–€, as Windows saves "Latin-1"
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _read_csv(path: Path, *, file: str, mapping: Mapping) -> Table:
    try:
        text = decode(path.read_bytes(), mapping.encoding)
    except (LookupError, UnicodeDecodeError) as error:
        raise IndicatorImportError(
            [Issue(file, _("Die Datei lässt sich nicht als Text lesen: %s") % error)]
        ) from None
    lines = text.splitlines()
    if len(lines) < mapping.header_row:
        raise IndicatorImportError([Issue(file, _("Die Datei hat keine Kopfzeile."))])
    delimiter = mapping.delimiter or _guess_delimiter(lines[mapping.header_row - 1])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows = []
    for cells in reader:
        number = reader.line_num
        if number < mapping.header_row:
            continue
        if header is None:
            header = [cell.strip() for cell in cells]
            continue
        if any(cell.strip() for cell in cells):
            rows.append((number, cells))
    if header is None:
        raise IndicatorImportError([Issue(file, _("Die Datei hat keine Kopfzeile."))])
    return Table(header=header, rows=rows, delimiter=delimiter)


def _guess_delimiter(line: str) -> str:
    counts = {delimiter: line.count(delimiter) for delimiter in (";", ",", "\t", "|")}
    return max(counts, key=lambda delimiter: counts[delimiter]) if any(counts.values()) else ","


def _read_xlsx(path: Path, *, file: str, mapping: Mapping) -> Table:
    import openpyxl  # only XLSX imports pay for loading it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, OSError, KeyError, ValueError) as error:
        raise IndicatorImportError(
            [Issue(file, _("Die Datei ist keine lesbare XLSX-Datei: %s") % error)]
        ) from None
    try:
        if mapping.sheet is not None:
            if mapping.sheet not in workbook.sheetnames:
                raise IndicatorImportError(
                    [
                        Issue(
                            file,
                            _("Es gibt kein Tabellenblatt „%(sheet)s“; vorhanden: %(sheets)s.")
                            % {"sheet": mapping.sheet, "sheets": ", ".join(workbook.sheetnames)},
                        )
                    ]
                )
            sheet = workbook[mapping.sheet]
        else:
            sheet = workbook.worksheets[0]
        header: list[str] | None = None
        rows = []
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number < mapping.header_row:
                continue
            if header is None:
                header = ["" if cell is None else str(cell).strip() for cell in cells]
                continue
            if any(cell not in (None, "") for cell in cells):
                rows.append((number, list(cells)))
    finally:
        workbook.close()
    if header is None:
        raise IndicatorImportError([Issue(file, _("Das Tabellenblatt hat keine Kopfzeile."))])
    return Table(header=header, rows=rows)


# ---------------------------------------------------------------------------------------------
# Cells.

# The symbols of official statistics (Zeichenerklärung of Destatis and the statistics offices).
ZERO = {"-", "–", "—"}  # nichts vorhanden: exactly nothing, so the number is 0
SUPPRESSED = {".", "/", "…", "..."}  # unknown, secret, not reliable enough, comes later
NOT_APPLICABLE = {"x", "X"}  # Tabellenfach gesperrt, weil Aussage nicht sinnvoll
BLANKS = re.compile(r"[\s\u00a0\u202f\u2009']")  # spaces, no-break spaces, Swiss apostrophe
TRAILING_MARKS = re.compile(r"(?<=\d)\s*[prs]$")  # vorläufig, berichtigt, geschätzt
NUMBER = {
    ",": re.compile(r"[+-]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?"),
    ".": re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][+-]?\d+)?"),
}
COMMA_DECIMAL = re.compile(r"^[+-]?\d+,(\d{1,2}|\d{4,})$")
DOT_DECIMAL = re.compile(r"^[+-]?\d+\.(\d{1,2}|\d{4,})$")


class CellError(ValueError):
    """The cell is not what the column needs; the message says what it holds."""


def guess_decimal(cells: list[Any], delimiter: str | None) -> str:
    """ "," or ".": from cells that can only be read one way (3,5 or 3.25), else from the delimiter
    (files with semicolons come from German spreadsheets)."""
    comma = dot = False
    for cell in cells:
        if isinstance(cell, str):
            text = BLANKS.sub("", cell)
            comma = comma or bool(COMMA_DECIMAL.match(text))
            dot = dot or bool(DOT_DECIMAL.match(text))
            if comma and dot:
                break
    if comma != dot:
        return "," if comma else "."
    return "," if delimiter == ";" else "."


def parse_number(cell: Any, decimal: str) -> float | Flag | None:
    """A number, a Flag for a symbol, None for an empty cell; CellError for anything else."""
    if cell is None:
        return None
    if isinstance(cell, bool):
        raise CellError(_("„%(value)s“ ist keine Zahl.") % {"value": cell})
    if isinstance(cell, int | float):
        return float(cell)
    if isinstance(cell, datetime.date):
        raise CellError(_("„%(value)s“ ist ein Datum, keine Zahl.") % {"value": cell})
    text = str(cell).strip()
    if not text:
        return None
    if text in ZERO:
        return 0.0
    if text in SUPPRESSED:
        return Flag.SUPPRESSED
    if text in NOT_APPLICABLE:
        return Flag.NOT_APPLICABLE
    compact = TRAILING_MARKS.sub("", BLANKS.sub("", text.replace("−", "-")))
    if not NUMBER[decimal].fullmatch(compact):
        other = "." if decimal == "," else ","
        if NUMBER[other].fullmatch(compact) and any(char in compact for char in ",."):
            raise CellError(
                _(
                    "„%(value)s“ passt nicht zum Dezimaltrennzeichen „%(decimal)s“ der Datei "
                    "(in der Zuordnung „decimal“ angeben)."
                )
                % {"value": text, "decimal": decimal}
            )
        raise CellError(_("„%(value)s“ ist keine Zahl.") % {"value": text})
    if decimal == ",":
        compact = compact.replace(".", "").replace(",", ".")
    else:
        compact = compact.replace(",", "")
    return float(compact)


GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def parse_date(cell: Any) -> datetime.date | None:
    """A day from a date cell, 2019-12-31 or 31.12.2019; None if it is none of these."""
    if isinstance(cell, datetime.datetime):
        return cell.date()
    if isinstance(cell, datetime.date):
        return cell
    text = str(cell).strip() if cell is not None else ""
    try:
        return datetime.date.fromisoformat(text[:10]) if len(text) >= 10 else None
    except ValueError:
        pass
    match = GERMAN_DATE.fullmatch(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            return None
    return None


def parse_code(cell: Any) -> str:
    """An area id as text: spreadsheets store 01011101 as the number 1011101(.0)."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return "" if cell is None else str(cell).strip()


def cells_of(table: Table, columns: list[int]) -> Iterator[Any]:
    for _number, cells in table.rows:
        for index in columns:
            if index < len(cells):
                yield cells[index]
