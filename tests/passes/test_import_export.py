"""Importing passes from CSV/XLSX (all or nothing, idempotent) and exporting them again."""

import datetime
import io

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sozialraum.core.models import AuditEntry
from sozialraum.passes import numbering
from sozialraum.passes.exports import passes_file
from sozialraum.passes.models import Pass
from sozialraum.passes.services import PassImportError, pass_revoke, passes_import

from .factories import PassFactory, PassTypeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pass_types():
    return PassTypeFactory(code="FP", name="Ferienpass"), PassTypeFactory(
        code="FAM", name="Familienpass", validity_months=24
    )


@pytest.fixture
def write(tmp_path):
    def write(name: str, content: str, encoding: str = "utf-8"):
        path = tmp_path / name
        path.write_text(content, encoding=encoding)
        return path

    return write


def our_number(code: str = "FP") -> str:
    return numbering.display(numbering.generate(code), code)


def issues_of(path) -> list[str]:
    with pytest.raises(PassImportError) as caught:
        passes_import(actor=None, path=path)
    return caught.value.issues.lines()


def test_a_csv_from_a_german_spreadsheet_is_imported(write):
    number = our_number()
    path = write(
        "paesse.csv",
        "Nummer;Art;Gültig ab;Gültig bis;Geburtsjahr\n"
        f"{number};FP;01.01.2025;31.12.2025;2014\n"
        "M-2025-000815;fam;2025-03-01;;\n",
        encoding="cp1252",
    )
    report = passes_import(actor=None, path=path)
    assert (report.created, report.updated, report.unchanged) == (2, 0, 0)
    ours = Pass.objects.get(number=numbering.normalize(number))
    assert (ours.pass_type.code, ours.birth_year) == ("FP", 2014)
    assert ours.valid_until == datetime.date(2025, 12, 31)
    theirs = Pass.objects.get(number="M2025000815")
    assert theirs.pass_type.code == "FAM"
    assert theirs.valid_until == datetime.date(2027, 2, 28)  # the type's 24 months
    assert AuditEntry.objects.filter(action="passes.imported").count() == 2


def test_importing_the_same_file_again_changes_nothing_and_a_changed_row_updates(write):
    path = write("a.csv", "nummer,art,gueltig_ab,gueltig_bis\nM0001234,FP,2025-01-01,2025-12-31\n")
    passes_import(actor=None, path=path)
    again = passes_import(actor=None, path=path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    changed = write(
        "b.csv",
        "nummer,art,gueltig_ab,gueltig_bis,gesperrt\nM0001234,FP,2025-01-01,2026-06-30,ja\n",
    )
    report = passes_import(actor=None, path=changed)
    assert (report.created, report.updated) == (0, 1)
    card = Pass.objects.get()
    assert card.valid_until == datetime.date(2026, 6, 30) and card.revoked is not None
    entry = AuditEntry.objects.get(action="passes.changed")
    assert entry.before["valid_until"] == "2025-12-31"
    assert entry.after["valid_until"] == "2026-06-30"
    # The same file once more: already blocked, nothing changes (the block keeps its time).
    revoked_at = card.revoked
    assert passes_import(actor=None, path=changed).unchanged == 1
    card.refresh_from_db()
    assert card.revoked == revoked_at


def test_every_problem_is_named_with_file_row_and_column_and_nothing_is_imported(write):
    good = our_number()
    typo = good[:-1] + ("0" if good[-1] != "0" else "1")
    path = write(
        "fehler.csv",
        "nummer;art;gueltig_ab;gueltig_bis;geburtsjahr;gesperrt\n"
        f"{good};FP;2025-01-01;;;\n"
        f"{typo};FP;2025-01-01;;;\n"
        "ABC;FP;2025-01-01;;;\n"
        "M0001234;XY;2025-01-01;;;\n"
        "M0001235;FP;morgen;;;\n"
        "M0001236;FP;2025-02-01;2025-01-01;;\n"
        "M0001237;FP;2025-01-01;;1850;\n"
        "M0001238;FP;2025-01-01;;;vielleicht\n"
        f"{good.replace('-', '')};FP;2025-01-01;;;\n",
    )
    lines = issues_of(path)
    assert (
        lines[0].startswith("fehler.csv, Zeile 3, Spalte „nummer“:") and "Prüfzeichen" in lines[0]
    )
    assert "Zeile 4, Spalte „nummer“" in lines[1] and "6 bis 40" in lines[1]
    assert "Zeile 5, Spalte „art“" in lines[2] and "FAM, FP" in lines[2]
    assert "Zeile 6, Spalte „gueltig_ab“" in lines[3] and "„morgen“ ist kein Datum" in lines[3]
    assert "Zeile 7, Spalte „gueltig_bis“" in lines[4]
    assert "Zeile 8, Spalte „geburtsjahr“" in lines[5]
    assert "Zeile 9, Spalte „gesperrt“" in lines[6]
    assert "Zeile 10, Spalte „nummer“" in lines[7] and "schon in Zeile 2" in lines[7]
    assert len(lines) == 8
    assert not Pass.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_missing_column_or_an_empty_file_is_named(write):
    (line,) = issues_of(write("x.csv", "nummer;gueltig_ab\nM0001234;2025-01-01\n"))
    assert "Zeile 1" in line and "„art“ fehlt" in line
    (line,) = issues_of(write("leer.csv", "nummer;art;gueltig_ab\n"))
    assert "keine Pässe" in line
    (line,) = issues_of(write("fehlt.csv", "").with_name("gibt-es-nicht.csv"))
    assert "gibt es nicht" in line


def test_an_xlsx_with_date_cells_and_numbers_as_numbers_is_imported(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Passnummer", "Passart", "Gültig ab", "Gültig bis", "Geburtsjahr"])
    sheet.append([20250815, "FP", datetime.datetime(2025, 1, 1), datetime.date(2025, 9, 30), 2016])
    path = tmp_path / "paesse.xlsx"
    workbook.save(path)
    assert passes_import(actor=None, path=path).created == 1
    card = Pass.objects.get()
    assert (card.number, card.valid_until, card.birth_year) == (
        "20250815",
        datetime.date(2025, 9, 30),
        2016,
    )


def test_an_export_imports_again_unchanged(tmp_path, pass_types):
    ferienpass, _family = pass_types
    PassFactory(pass_type=ferienpass, birth_year=2013)
    PassFactory(pass_type=ferienpass, number="M2025000815")
    pass_revoke(actor=None, card=PassFactory(pass_type=ferienpass))
    for fmt in ("csv", "xlsx"):
        path = tmp_path / f"export.{fmt}"
        path.write_bytes(passes_file(Pass.objects.select_related("pass_type"), fmt))
        report = passes_import(actor=None, path=path)
        assert (report.created, report.updated, report.unchanged) == (0, 0, 3), fmt


def test_the_commands_import_and_export(tmp_path, write):
    path = write("p.csv", "nummer,art,gueltig_ab\nM0001234,FP,2025-01-01\n")
    out = io.StringIO()
    call_command("import_passes", str(path), stdout=out)
    assert "1 Pässe neu" in out.getvalue()
    target = tmp_path / "alle.xlsx"
    out = io.StringIO()
    call_command("export_passes", str(target), "--type", "FP", stdout=out)
    assert "1 Pässe" in out.getvalue()
    sheet = openpyxl.load_workbook(target).active
    assert [cell.value for cell in sheet[2]][:3] == ["M0001234", "FP", "2025-01-01"]


def test_the_import_command_lists_the_problems_and_fails(write):
    path = write("kaputt.csv", "nummer,art,gueltig_ab\nM0001234,XY,2025-01-01\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nichts importiert: 1 Fehler"):
        call_command("import_passes", str(path), stderr=err)
    assert "kaputt.csv, Zeile 2, Spalte „art“" in err.getvalue()
