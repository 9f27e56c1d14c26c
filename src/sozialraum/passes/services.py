"""Checking, issuing, importing and revoking passes (docs/passes.md).

The registration calls one function:

    from sozialraum.passes.services import PassCheckError, pass_check

    try:
        card = pass_check(number=form_number, pass_type="FP", on=event_day)
    except PassCheckError as error:
        form.add_error("pass_number", error.message)

`pass_check` answers only "valid pass of this type on this day" (the Pass, whose birth_year
serves age limits) or a PassCheckError with a plain message. It never tells anything about a pass
that would help someone who tries numbers: an unknown number, a blocked pass and a pass of
another type get the same message. What it does tell apart needs no secret: a typo (a number
not found whose check character does not fit: anyone can compute that), and a pass that is not
valid on that day (its holder has the dates printed on it and needs to know to get a new one).
Registration forms should call `pass_check_limited`, which also counts failed attempts per
client and refuses after too many, so that numbers cannot be tried out in bulk.
"""

import datetime
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sozialraum.core.audit import audit_log, snapshot
from sozialraum.core.models import AuditEntry

from . import numbering
from .importing import PassImportError, PassRow, read_passes
from .models import Pass, PassType

# Actions in the audit log.
ISSUED = "passes.issued"
IMPORTED = "passes.imported"
CHANGED = "passes.changed"
REVOKED = "passes.revoked"
REINSTATED = "passes.reinstated"
TYPE_CREATED = "passes.type_created"
TYPE_CHANGED = "passes.type_changed"

MAX_ISSUE = 10_000  # passes made in one go
PASS_FIELDS = ["number", "pass_type", "valid_from", "valid_until", "birth_year", "revoked"]


class PassError(Exception):
    """Staff asked for something that cannot be done; the message says why."""


class PassCheckError(Exception):
    """A number that is not a valid pass for the registration; `message` is for the citizen."""

    EMPTY = "empty"
    TYPO = "typo"
    NOT_FOUND = "not_found"  # unknown, blocked, or another type: deliberately one answer
    NOT_YET_VALID = "not_yet_valid"
    EXPIRED = "expired"
    TOO_MANY = "too_many"

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message
        super().__init__(message)


# --- Checking ------------------------------------------------------------------------------------


def pass_check(
    *,
    number: str,
    pass_type: PassType | str | None = None,
    on: datetime.date | None = None,
) -> Pass:
    """The pass with this number if it is valid on `on` (default today) and of `pass_type` (a
    PassType or its code; None: any type). Raises PassCheckError otherwise."""
    day = on or timezone.localdate()
    wanted = _pass_type(pass_type)
    codes = list(PassType.objects.values_list("code", flat=True))
    canonical = numbering.canonical(number or "", codes)
    if not canonical:
        raise PassCheckError(
            PassCheckError.EMPTY, _("Bitte geben Sie die Nummer Ihres Passes ein.")
        )
    card = Pass.objects.select_related("pass_type").filter(number=canonical).first()
    if card is None and numbering.is_typo(canonical, codes):
        raise PassCheckError(
            PassCheckError.TYPO,
            _(
                "In dieser Passnummer steckt ein Tippfehler. Bitte vergleichen Sie sie Zeichen "
                "für Zeichen mit Ihrem Pass."
            ),
        )
    if card is None or card.revoked is not None or (wanted and card.pass_type_id != wanted.pk):
        raise PassCheckError(PassCheckError.NOT_FOUND, _not_found_message(wanted))
    if day < card.valid_from:
        raise PassCheckError(
            PassCheckError.NOT_YET_VALID,
            _("Dieser Pass gilt am %(date)s noch nicht.") % {"date": date_format(day)},
        )
    if day > card.valid_until:
        raise PassCheckError(
            PassCheckError.EXPIRED,
            _(
                "Dieser Pass gilt am %(date)s nicht mehr. Einen neuen Pass bekommen Sie bei der "
                "Stelle, die Ihnen den alten gegeben hat."
            )
            % {"date": date_format(day)},
        )
    return card


def pass_check_limited(
    *,
    client: str,
    number: str,
    pass_type: PassType | str | None = None,
    on: datetime.date | None = None,
) -> Pass:
    """`pass_check`, refusing a client (e.g. the request's IP address) after too many numbers
    that were not found in one hour (setting PASS_CHECK_FAILURES_PER_HOUR, default 20)."""
    limit = getattr(settings, "PASS_CHECK_FAILURES_PER_HOUR", 20)
    key = "passes:failed-checks:" + hashlib.sha256(client.encode()).hexdigest()
    if (cache.get(key) or 0) >= limit:
        raise PassCheckError(
            PassCheckError.TOO_MANY,
            _(
                "Sie haben zu oft eine Passnummer eingegeben, die wir nicht finden. Bitte "
                "versuchen Sie es in einer Stunde noch einmal oder fragen Sie bei der Stelle "
                "nach, die Ihnen den Pass gegeben hat."
            ),
        )
    try:
        return pass_check(number=number, pass_type=pass_type, on=on)
    except PassCheckError as error:
        if error.code in (PassCheckError.NOT_FOUND, PassCheckError.TYPO):
            cache.add(key, 0, timeout=3600)
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, timeout=3600)
        raise


def _pass_type(pass_type: PassType | str | None) -> PassType | None:
    if pass_type is None or isinstance(pass_type, PassType):
        return pass_type
    try:
        return PassType.objects.get(code=pass_type)
    except PassType.DoesNotExist:
        raise ValueError(f"There is no pass type with the code {pass_type!r}.") from None


def _not_found_message(pass_type: PassType | None) -> str:
    if pass_type is not None:
        return _(
            "Wir finden keinen gültigen %(pass_type)s mit dieser Nummer. Bitte prüfen Sie die "
            "Nummer. Stimmt sie, fragen Sie bei der Stelle nach, die Ihnen den Pass gegeben hat."
        ) % {"pass_type": pass_type.name}
    return _(
        "Wir finden keinen gültigen Pass mit dieser Nummer. Bitte prüfen Sie die Nummer. Stimmt "
        "sie, fragen Sie bei der Stelle nach, die Ihnen den Pass gegeben hat."
    )


# --- Issuing ------------------------------------------------------------------------------------


@transaction.atomic
def passes_issue(
    *,
    actor: Any,
    pass_type: PassType,
    count: int,
    valid_from: datetime.date,
    valid_until: datetime.date | None = None,
    birth_year: int | None = None,
) -> list[Pass]:
    """Make `count` new passes with fresh random numbers (e.g. for printing), all alike."""
    if not 1 <= count <= MAX_ISSUE:
        raise PassError(
            _("Bitte zwischen 1 und %(max)d Pässe auf einmal ausgeben.") % {"max": MAX_ISSUE}
        )
    valid_until = valid_until or pass_type.default_valid_until(valid_from)
    if valid_until < valid_from:
        raise PassError(_("„Gültig bis“ liegt vor „gültig ab“."))
    _check_birth_year(birth_year)
    # Two issues (or an import) of the same type wait for each other: no number is made twice.
    PassType.objects.select_for_update().get(pk=pass_type.pk)
    numbers: set[str] = set()
    while len(numbers) < count:
        fresh = {numbering.generate(pass_type.code) for _ in range(count - len(numbers))}
        taken = set(Pass.objects.filter(number__in=fresh).values_list("number", flat=True))
        numbers |= fresh - taken
    cards = Pass.objects.bulk_create(
        Pass(
            number=number,
            pass_type=pass_type,
            valid_from=valid_from,
            valid_until=valid_until,
            birth_year=birth_year,
        )
        for number in sorted(numbers)
    )
    _audit_many(actor, ISSUED, [(card, None, snapshot(card, PASS_FIELDS)) for card in cards])
    return cards


def _check_birth_year(birth_year: int | None) -> None:
    if birth_year is not None and not 1900 <= birth_year <= timezone.localdate().year:
        raise PassError(_("Das Geburtsjahr muss zwischen 1900 und diesem Jahr liegen."))


def _audit_many(
    actor: Any,
    action: str,
    changes: list[tuple[Pass, dict[str, Any] | None, dict[str, Any] | None]],
) -> None:
    """One audit entry per pass, written in one go (imports change thousands of passes)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=user,
            actor_label=str(getattr(user, "email", "")) if user else "system",
            action=action,
            object_type=Pass._meta.label,
            object_id=str(card.pk),
            object_repr=str(card)[:255],
            before=before,
            after=after,
        )
        for card, before, after in changes
    )


# --- Revoking -----------------------------------------------------------------------------------


@transaction.atomic
def pass_revoke(*, actor: Any, card: Pass) -> Pass:
    """Block a pass (lost, stolen, replaced): from now on pass_check does not accept it."""
    card = Pass.objects.select_for_update().select_related("pass_type").get(pk=card.pk)
    if card.revoked is not None:
        raise PassError(_("Dieser Pass ist schon gesperrt."))
    before = snapshot(card, PASS_FIELDS)
    card.revoke()
    audit_log(actor=actor, action=REVOKED, obj=card, before=before, after=snapshot(card))
    return card


@transaction.atomic
def pass_reinstate(*, actor: Any, card: Pass) -> Pass:
    card = Pass.objects.select_for_update().select_related("pass_type").get(pk=card.pk)
    if card.revoked is None:
        raise PassError(_("Dieser Pass ist nicht gesperrt."))
    before = snapshot(card, PASS_FIELDS)
    card.reinstate()
    audit_log(actor=actor, action=REINSTATED, obj=card, before=before, after=snapshot(card))
    return card


# --- Pass types ---------------------------------------------------------------------------------


@transaction.atomic
def pass_type_save(*, actor: Any, pass_type: PassType) -> PassType:
    """Save a new or changed pass type (validated by its form) and log the change."""
    if pass_type.pk is None:
        pass_type.save()
        audit_log(actor=actor, action=TYPE_CREATED, obj=pass_type, after=snapshot(pass_type))
        return pass_type
    stored = PassType.objects.select_for_update().get(pk=pass_type.pk)
    if stored.code != pass_type.code:
        raise PassError(_("Das Kürzel einer Passart bleibt, wie es angelegt wurde."))
    before = snapshot(stored)
    pass_type.save()
    audit_log(
        actor=actor,
        action=TYPE_CHANGED,
        obj=pass_type,
        before=before,
        after=snapshot(pass_type),
    )
    return pass_type


# --- Import -------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        return _("%(created)d Pässe neu, %(updated)d geändert, %(unchanged)d unverändert.") % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


@transaction.atomic
def passes_import(*, actor: Any, path: Path, file_name: str | None = None) -> ImportReport:
    """Import passes from a CSV or XLSX file (columns in docs/passes.md): all or nothing.

    A number already known is updated to the file's values, so importing the same file again
    changes nothing. Raises PassImportError listing every problem (file, row, column).
    """
    types = {t.code: t for t in PassType.objects.all()}
    rows = read_passes(path, file=file_name or path.name, types=types)
    used_codes = sorted({row.type_code for row in rows})
    # Imports and issues of the same types wait for each other (see passes_issue).
    list(PassType.objects.select_for_update().filter(code__in=used_codes).order_by("code"))
    existing = {
        card.number: card
        for card in Pass.objects.select_related("pass_type").filter(
            number__in=[row.number for row in rows]
        )
    }
    now = timezone.now()
    report = ImportReport()
    new: list[Pass] = []
    changed: list[tuple[Pass, dict[str, Any]]] = []
    for row in rows:
        card = existing.get(row.number)
        if card is None:
            new.append(_apply(Pass(number=row.number), row, types, now))
            continue
        before = snapshot(card, PASS_FIELDS)
        _apply(card, row, types, now)
        if snapshot(card, PASS_FIELDS) == before:
            report.unchanged += 1
        else:
            changed.append((card, before))
    created = Pass.objects.bulk_create(new)
    if changed:
        Pass.objects.bulk_update(
            [card for card, _before in changed],
            ["pass_type", "valid_from", "valid_until", "birth_year", "revoked", "modified"],
        )
    report.created, report.updated = len(created), len(changed)
    _audit_many(actor, IMPORTED, [(c, None, snapshot(c, PASS_FIELDS)) for c in created])
    _audit_many(actor, CHANGED, [(c, before, snapshot(c, PASS_FIELDS)) for c, before in changed])
    return report


def _apply(card: Pass, row: PassRow, types: dict[str, PassType], now: datetime.datetime) -> Pass:
    pass_type = types[row.type_code]
    card.pass_type = pass_type
    card.valid_from = row.valid_from
    card.valid_until = row.valid_until or pass_type.default_valid_until(row.valid_from)
    card.birth_year = row.birth_year
    if row.revoked is not None:  # the column is there: it decides
        if row.revoked and card.revoked is None:
            card.revoked = now
        elif not row.revoked:
            card.revoked = None
    card.modified = now
    return card


__all__ = [
    "ImportReport",
    "PassCheckError",
    "PassError",
    "PassImportError",
    "pass_check",
    "pass_check_limited",
    "pass_reinstate",
    "pass_revoke",
    "pass_type_save",
    "passes_import",
    "passes_issue",
]
