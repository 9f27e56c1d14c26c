# ruff: noqa: RUF001  (German text uses the en dash as its dash)
"""Importing indicator values from CSV and XLSX: check everything first, then write at once.

`indicators_import` reads a table in long format (one row per area, indicator, day and value) or
wide format (one row per area, one column per indicator), checks every cell and either raises
`IndicatorImportError` listing the problems (nothing is written) or, with `skip_invalid`, writes
the valid values and reports the skipped ones. Importing the same file again changes nothing:
values are matched by indicator, area and day, and only new or changed values are written, with
bulk statements (a large city has millions of values).
"""

import datetime
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Field
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sozialraum.areas.models import Area, AreaLevel

from .importing import (
    CellError,
    IndicatorImportError,
    Issue,
    Issues,
    Mapping,
    Table,
    cells_of,
    guess_decimal,
    parse_code,
    parse_date,
    parse_number,
    read_table,
)
from .models import (
    Flag,
    ImportRun,
    Indicator,
    IndicatorValue,
    Interpretation,
    Kind,
    Topic,
    UpdateInterval,
)
from .warnings import warnings_after_import

__all__ = ["ImportReport", "IndicatorImportError", "Issue", "Mapping", "indicators_import"]

BATCH_SIZE = 2000
TEXT_FIELDS = ("name", "unit", "definition", "source")
CHOICE_FIELDS = {
    "topic": Topic,
    "kind": Kind,
    "interpretation": Interpretation,
    "update_interval": UpdateInterval,
}


@dataclass
class ImportReport:
    file: str
    level: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    indicators_created: list[str] = field(default_factory=list)
    dates: list[datetime.date] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    excluded_rows: int = 0  # rows left out on purpose (skip_rows_below)
    skipped: Issues = field(default_factory=Issues)

    def summary(self) -> str:
        return _(
            "%(file)s: Ebene „%(level)s“, Stichtage %(dates)s: %(created)d Werte neu, "
            "%(updated)d geändert, %(unchanged)d unverändert, %(skipped)d übersprungen."
        ) % {
            "file": self.file,
            "level": self.level,
            "dates": ", ".join(date_format(day, "SHORT_DATE_FORMAT") for day in self.dates) or "–",
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": len(self.skipped),
        }


@dataclass
class ParsedValue:
    indicator: str
    code: str
    date: datetime.date
    value: float | None
    flag: str
    row: int
    column: str
    area_id: int | None = None


@transaction.atomic
def indicators_import(
    *,
    path: Path | str,
    mapping: Mapping,
    skip_invalid: bool = False,
    user: Any = None,
) -> ImportReport:
    """Import the values of one file; see the module's docstring and docs/atlas.md.

    Problems of the whole file (unreadable, unknown level, a column the mapping names is
    missing, an indicator without a description) always raise; problems of single cells raise
    too unless `skip_invalid` is set.
    """
    file = str(path)
    problems = mapping.problems()
    if problems:
        raise IndicatorImportError([Issue(file, problem) for problem in problems])
    level = _find_level(file, mapping.level)
    table = read_table(Path(path), file=file, mapping=mapping)
    known = {indicator.key: indicator for indicator in Indicator.objects.all()}
    metadata = _check_metadata(file, mapping, known)
    report = ImportReport(file=file, level=str(level))
    skipped = Issues()
    values = _parse_rows(file, table, mapping, set(known) | set(metadata), report, skipped)
    _resolve_areas(file, values, level, mapping.area_column, skipped)
    values = _without_duplicates(file, values, skipped)

    if skipped and not skip_invalid:
        raise IndicatorImportError(skipped)
    valid = [value for value in values if value.area_id is not None]
    if not valid and not metadata:
        skipped.add(Issue(file, _("Die Datei enthält keinen gültigen Wert.")))
        raise IndicatorImportError(skipped)

    indicators = _save_indicators(metadata, known, report)
    run = ImportRun.objects.create(
        file=Path(file).name[:500], user=user if getattr(user, "pk", None) else None
    )
    _save_values(valid, indicators, level, run, report)
    report.skipped = skipped
    report.dates = sorted({value.date for value in valid})
    run.created_count, run.updated_count = report.created, report.updated
    run.unchanged_count, run.skipped_count = report.unchanged, len(skipped)
    run.save()
    warnings_after_import(run=run)  # early warning: docs/atlas-warnings.md
    return report


def _find_level(file: str, name_or_slug: str) -> AreaLevel:
    level = AreaLevel.objects.filter(slug=slugify(name_or_slug)).first()
    if level is None:
        with translation.override(settings.LANGUAGE_CODE):
            level = AreaLevel.objects.filter(name__iexact=name_or_slug.strip()).first()
    if level is None:
        levels = ", ".join(AreaLevel.objects.values_list("slug", flat=True)) or _("(noch keine)")
        raise IndicatorImportError(
            [
                Issue(
                    file,
                    _("Die Gebietsebene „%(level)s“ gibt es nicht. Vorhanden: %(levels)s.")
                    % {"level": name_or_slug, "levels": levels},
                )
            ]
        )
    return level


def _check_metadata(
    file: str, mapping: Mapping, known: dict[str, Indicator]
) -> dict[str, dict[str, Any]]:
    """The indicators the mapping describes, as model field values; raise if any is wrong."""
    problems: list[str] = []
    checked: dict[str, dict[str, Any]] = {}
    allowed = {
        *TEXT_FIELDS,
        *CHOICE_FIELDS,
        "numerator",
        "denominator",
        "factor",
        "precision",
        "restricted",
    }
    for key, description in mapping.indicators.items():
        where = _("Indikator „%(key)s“") % {"key": key}
        if slugify(key) != key:
            problems.append(
                _("%(where)s: ein Schlüssel hat nur Kleinbuchstaben, Ziffern, - und _.")
                % {"where": where}
            )
            continue
        fields: dict[str, Any] = {}
        for name, value in description.items():
            if name not in allowed:
                problems.append(
                    _("%(where)s: unbekannte Angabe „%(name)s“; möglich: %(allowed)s.")
                    % {"where": where, "name": name, "allowed": ", ".join(sorted(allowed))}
                )
            elif name in CHOICE_FIELDS:
                choices = CHOICE_FIELDS[name]
                if value not in choices.values:
                    problems.append(
                        _("%(where)s: „%(value)s“ passt nicht zu „%(name)s“; möglich: %(choices)s.")
                        % {
                            "where": where,
                            "value": value,
                            "name": name,
                            "choices": ", ".join(choices.values),
                        }
                    )
                fields[name] = value
            elif name in ("numerator", "denominator"):
                described = mapping.indicators.get(value, {})
                kind = described.get("kind") or (known[value].kind if value in known else None)
                if value not in known and value not in mapping.indicators:
                    problems.append(
                        _("%(where)s: „%(name)s“ nennt den unbekannten Indikator „%(value)s“.")
                        % {"where": where, "name": name, "value": value}
                    )
                elif kind != Kind.COUNT:
                    problems.append(
                        _(
                            "%(where)s: „%(name)s“ muss eine Anzahl sein (Art „count“), "
                            "„%(value)s“ ist keine."
                        )
                        % {"where": where, "name": name, "value": value}
                    )
                fields[name] = value
            elif name in ("factor", "precision"):
                if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                    problems.append(
                        _("%(where)s: „%(name)s“ muss eine Zahl ab 0 sein.")
                        % {"where": where, "name": name}
                    )
                fields[name] = value
            elif name == "restricted":
                if not isinstance(value, bool):
                    problems.append(
                        _("%(where)s: „restricted“ ist true oder false.") % {"where": where}
                    )
                fields[name] = value
            else:
                fields[name] = str(value).strip()
        if ("numerator" in fields) != ("denominator" in fields):
            problems.append(
                _("%(where)s: ein berechneter Anteil braucht „numerator“ und „denominator“.")
                % {"where": where}
            )
        elif "numerator" in fields and fields.setdefault("kind", Kind.RATE) != Kind.RATE:
            problems.append(
                _("%(where)s: mit Zähler und Nenner ist die Art „rate“.") % {"where": where}
            )
        if key not in known and not fields.get("name"):
            problems.append(
                _("%(where)s ist neu und braucht einen Namen („name“).") % {"where": where}
            )
        checked[key] = fields
    if problems:
        raise IndicatorImportError([Issue(file, problem) for problem in problems])
    return checked


def _parse_rows(
    file: str,
    table: Table,
    mapping: Mapping,
    keys: set[str],
    report: ImportReport,
    skipped: Issues,
) -> list[ParsedValue]:
    header = table.header
    position = {name: index for index, name in enumerate(header) if name}

    def column(name: str | None, what: str) -> int:
        if name not in position:
            raise IndicatorImportError(
                [
                    Issue(
                        file,
                        _(
                            "Die Spalte „%(column)s“ (%(what)s) fehlt. Die Kopfzeile hat: "
                            "%(header)s."
                        )
                        % {"column": name, "what": what, "header": ", ".join(header)},
                    )
                ]
            )
        return position[name]

    area_index = column(mapping.area_column, _("Gebiet"))
    date_index = column(mapping.date_column, _("Stichtag")) if mapping.date_column else None
    skip_index = None
    if mapping.skip_rows_below:
        skip_index = column(mapping.skip_rows_below["column"], _("Zeilen auslassen"))

    # Which columns hold values, and of which indicator (wide), or which names mean which
    # indicator (long).
    value_columns: list[tuple[int, str]] = []
    if mapping.format == "wide":
        structural = {mapping.area_column, mapping.date_column, *mapping.ignore}
        unknown_columns = []
        for index, name in enumerate(header):
            if not name or name in structural:
                if name in mapping.ignore:
                    report.ignored_columns.append(name)
                continue
            key = mapping.columns.get(name, name)
            if key in keys:
                value_columns.append((index, key))
            else:
                unknown_columns.append(name)
        if unknown_columns:
            raise IndicatorImportError(
                [
                    Issue(
                        file,
                        _(
                            "Zu dieser Spalte gibt es keinen Indikator. In der Zuordnung unter "
                            "„columns“ einem Indikator zuordnen oder unter „ignore“ aufführen."
                        ),
                        column=name,
                    )
                    for name in unknown_columns
                ]
            )
    else:
        indicator_index = column(mapping.indicator_column, _("Indikator"))
        value_index = column(mapping.value_column, _("Wert"))

    decimal = mapping.decimal or guess_decimal(
        list(
            cells_of(
                table,
                [index for index, _key in value_columns]
                if mapping.format == "wide"
                else [value_index],
            )
        ),
        table.delimiter,
    )

    def cell(cells: list[Any], index: int) -> Any:
        return cells[index] if index < len(cells) else None

    values: list[ParsedValue] = []
    threshold = mapping.skip_rows_below["value"] if mapping.skip_rows_below else None
    for number, cells in table.rows:
        code = parse_code(cell(cells, area_index))
        if not code:
            skipped.add(Issue(file, _("Die Kennziffer fehlt."), number, mapping.area_column))
            continue
        if skip_index is not None:
            try:
                guard = parse_number(cell(cells, skip_index), decimal)
            except CellError:
                guard = None
            if isinstance(guard, float) and threshold is not None and guard < threshold:
                report.excluded_rows += 1
                continue
        if date_index is not None:
            day = parse_date(cell(cells, date_index))
            if day is None:
                skipped.add(
                    Issue(
                        file,
                        _("„%(value)s“ ist kein Datum (JJJJ-MM-TT oder TT.MM.JJJJ).")
                        % {"value": cell(cells, date_index) or ""},
                        number,
                        mapping.date_column,
                    )
                )
                continue
        else:
            assert mapping.date is not None
            day = mapping.date

        if mapping.format == "wide":
            pairs = [(index, key) for index, key in value_columns]
        else:
            name = str(cell(cells, indicator_index) or "").strip()
            key = mapping.columns.get(name, name)
            if key not in keys:
                skipped.add(
                    Issue(
                        file,
                        _("Den Indikator „%(key)s“ gibt es nicht; in der Zuordnung beschreiben.")
                        % {"key": name},
                        number,
                        mapping.indicator_column,
                    )
                )
                continue
            pairs = [(value_index, key)]

        row: list[ParsedValue] = []
        for index, key in pairs:
            try:
                parsed = parse_number(cell(cells, index), decimal)
            except CellError as error:
                skipped.add(Issue(file, str(error), number, header[index]))
                continue
            if parsed is None:
                continue  # an empty cell: no figure, and an earlier one stays
            if isinstance(parsed, Flag):
                row.append(ParsedValue(key, code, day, None, parsed, number, header[index]))
            else:
                row.append(ParsedValue(key, code, day, parsed, "", number, header[index]))
        if mapping.skip_all_zero_rows and row and all(value.value == 0 for value in row):
            report.excluded_rows += 1
            continue
        values.extend(row)
    return values


def _resolve_areas(
    file: str, values: list[ParsedValue], level: AreaLevel, column: str, skipped: Issues
) -> None:
    """Find each value's area by id in the level, valid on the value's day.

    Ids that lost their leading zeros in a spreadsheet (1011101) are padded when every id of
    the level has the same length.
    """
    by_code: dict[str, list[Area]] = defaultdict(list)
    for area in Area.objects.in_level(level).without_geometry():
        by_code[area.code].append(area)
    lengths = {len(code) for code in by_code}
    width = lengths.pop() if len(lengths) == 1 else None
    reported: set[tuple[int, str]] = set()
    for value in values:
        code = value.code
        if code not in by_code and width and code.isdigit() and len(code) < width:
            code = code.zfill(width)
        found = next((a for a in by_code.get(code, []) if a.is_valid_on(value.date)), None)
        if found is not None:
            value.area_id = found.pk
            continue
        if (value.row, "area") in reported:
            continue
        reported.add((value.row, "area"))
        if code in by_code:
            message = _("Das Gebiet „%(code)s“ der Ebene „%(level)s“ gilt am %(date)s nicht.") % {
                "code": value.code,
                "level": level,
                "date": date_format(value.date, "SHORT_DATE_FORMAT"),
            }
        else:
            message = _("Ein Gebiet „%(code)s“ gibt es in der Ebene „%(level)s“ nicht.") % {
                "code": value.code,
                "level": level,
            }
        skipped.add(Issue(file, message, value.row, column))


def _without_duplicates(file: str, values: list[ParsedValue], skipped: Issues) -> list[ParsedValue]:
    first_row: dict[tuple[str, int, datetime.date], int] = {}
    unique = []
    for value in values:
        if value.area_id is None:
            unique.append(value)
            continue
        key = (value.indicator, value.area_id, value.date)
        if key in first_row:
            skipped.add(
                Issue(
                    file,
                    _("Dieser Wert steht schon in Zeile %(row)d (gleiches Gebiet, gleicher Tag).")
                    % {"row": first_row[key]},
                    value.row,
                    value.column,
                )
            )
            continue
        first_row[key] = value.row
        unique.append(value)
    return unique


def _save_indicators(
    metadata: dict[str, dict[str, Any]], known: dict[str, Indicator], report: ImportReport
) -> dict[str, Indicator]:
    """Create the new indicators and update the described fields of the known ones."""
    indicators = dict(known)
    with translation.override(settings.LANGUAGE_CODE):  # metadata is written in German
        for key, fields in metadata.items():
            indicator = indicators.get(key) or Indicator(key=key)
            plain = {k: v for k, v in fields.items() if k not in ("numerator", "denominator")}
            if indicator.pk is None or any(
                getattr(indicator, name) != value for name, value in plain.items()
            ):
                for name, value in plain.items():
                    setattr(indicator, name, value)
                indicator.save()
            if key not in known:
                report.indicators_created.append(key)
            indicators[key] = indicator
        for key, fields in metadata.items():
            indicator = indicators[key]
            if "numerator" in fields and (
                indicator.numerator_id != indicators[fields["numerator"]].pk
                or indicator.denominator_id != indicators[fields["denominator"]].pk
            ):
                indicator.numerator = indicators[fields["numerator"]]
                indicator.denominator = indicators[fields["denominator"]]
                indicator.save()
    return indicators


def _save_values(
    values: list[ParsedValue],
    indicators: dict[str, Indicator],
    level: AreaLevel,
    run: ImportRun,
    report: ImportReport,
) -> None:
    """Write new and changed values with INSERT … ON CONFLICT UPDATE; leave the rest alone."""
    if not values:
        return
    ids = {indicators[key].pk for key in {value.indicator for value in values}}
    dates = {value.date for value in values}
    existing = {
        (indicator_id, day, area_id): (number, flag)
        for indicator_id, day, area_id, number, flag in IndicatorValue.objects.filter(
            indicator_id__in=ids, date__in=dates, area__level=level
        ).values_list("indicator_id", "date", "area_id", "value", "flag")
    }
    to_write = []
    adapt = connection.ops.adapt_datefield_value
    for value in values:
        assert value.area_id is not None
        indicator_id = indicators[value.indicator].pk
        before = existing.get((indicator_id, value.date, value.area_id))
        if before is None:
            report.created += 1
        elif before == (value.value, value.flag):
            report.unchanged += 1
            continue
        else:
            report.updated += 1
        to_write.append(
            (indicator_id, value.area_id, adapt(value.date), value.value, value.flag, run.pk)
        )
    _upsert(to_write)


def _upsert(rows: list[tuple[Any, ...]]) -> None:
    """INSERT … ON CONFLICT DO UPDATE for many rows per statement.

    What bulk_create(update_conflicts=True) sends, without building a model instance and
    compiling SQL for every value: that cost four fifths of the import time, and a city imports
    millions of values. PostgreSQL gets one array per column (unnest), so that the driver need
    not rewrite a query with thousands of placeholders; SQLite gets rows of placeholders.
    """
    meta = IndicatorValue._meta
    quote = connection.ops.quote_name
    fields = [
        field
        for name in ("indicator", "area", "date", "value", "flag", "import_run")
        if isinstance(field := meta.get_field(name), Field)
    ]
    columns = [quote(str(field.column)) for field in fields]
    conflict = f"{columns[0]}, {columns[2]}, {columns[1]}"  # the unique (indicator, date, area)
    updates = ", ".join(f"{column} = EXCLUDED.{column}" for column in columns[3:])
    # Table, column and type names come from the model, the values are parameters.
    head = f"INSERT INTO {quote(meta.db_table)} ({', '.join(columns)}) "
    tail = f" ON CONFLICT ({conflict}) DO UPDATE SET {updates}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in fields)
            sql = f"{head}SELECT * FROM unnest({arrays}){tail}"  # noqa: S608
            for batch in itertools.batched(rows, 20 * BATCH_SIZE):
                cursor.execute(sql, [list(column) for column in zip(*batch, strict=True)])
            return
        size = max(1, min(BATCH_SIZE, connection.ops.bulk_batch_size(fields, rows)))
        row = "(" + ", ".join(["%s"] * len(columns)) + ")"
        for batch in itertools.batched(rows, size):
            sql = f"{head}VALUES {', '.join([row] * len(batch))}{tail}"
            cursor.execute(sql, [item for values in batch for item in values])
