"""The participant list of a date as CSV and XLSX: one row per participant. Text a spreadsheet
would run as a formula stays text (core.spreadsheets.inert): names and answers are typed by
the public."""

import csv
import io
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from sozialraum.core.spreadsheets import inert

from .models import ACTIVE, Occurrence, Participant


def participant_rows(occurrence: Occurrence) -> tuple[list[str], list[list[Any]]]:
    registration = occurrence.registration
    questions = list(registration.questions.all())
    header = [_("Name"), _("Stand"), _("Angemeldet von"), _("E-Mail-Adresse")]
    if registration.asks_age:
        header.append(_("Alter"))
    if registration.pass_type is not None:
        header.append(str(registration.pass_type.name))
    header += [question.label for question in questions]
    header += [_("War da"), _("Angemeldet am")]
    participants = (
        Participant.objects.filter(booking__occurrence=occurrence, booking__status__in=ACTIVE)
        .select_related("booking")
        .order_by("booking__status", "booking__created", "position")
    )
    rows = []
    for participant in participants:
        booking = participant.booking
        row: list[Any] = [
            participant.name,
            str(booking.get_status_display()),
            booking.name,
            booking.email,
        ]
        if registration.asks_age:
            row.append(participant.age)
        if registration.pass_type is not None:
            row.append(_("Ja") if participant.pass_card_id else _("Nein"))
        row += [participant.answers.get(question.key, "") for question in questions]
        attended = {True: _("Ja"), False: _("Nein"), None: ""}[participant.attended]
        row += [attended, timezone.localtime(booking.created).strftime("%d.%m.%Y %H:%M")]
        rows.append(row)
    return header, rows


def as_csv(occurrence: Occurrence) -> bytes:
    """Semicolon-separated with a byte order mark: opens in German spreadsheet programs."""
    header, rows = participant_rows(occurrence)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([inert(cell) for cell in header])
    for row in rows:
        writer.writerow(["" if cell is None else inert(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(occurrence: Occurrence) -> bytes:
    header, rows = participant_rows(occurrence)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Teilnehmende")[:31]
    sheet.append([inert(cell) for cell in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([inert(cell) for cell in row])
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
