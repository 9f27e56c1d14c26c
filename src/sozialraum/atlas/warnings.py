"""Early warning (Frühwarnung): rules per indicator, findings per area and day, a mail digest.

`evaluate_rule` is pure: a rule and the indicator's numbers of one area level in, the findings
(area, day, values) out. `warnings_evaluate` reads the stored values, evaluates the active
rules and stores the findings it has not stored before. After an import, `warnings_after_import`
evaluates the rules of the imported indicators and hands the new findings to the digest task
(tasks.py), which e-mails every planner. The rule kinds in plain words: docs/atlas-warnings.md.
"""

import datetime
import logging
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sozialraum.accounts.models import User
from sozialraum.accounts.roles import Role

from .models import (
    ChangeDirection,
    ChangeMeasure,
    Finding,
    ImportRun,
    IndicatorValue,
    RuleKind,
    WarningRule,
)

logger = logging.getLogger(__name__)

Series = dict[int, dict[datetime.date, float]]  # area id -> day -> number


@dataclass(frozen=True)
class Hit:
    """One finding before it is stored."""

    area_id: int
    date: datetime.date
    values: dict[str, Any]


def _beyond(change: float, limit: float, direction: str) -> bool:
    """Whether a change goes beyond the limit (strictly) in the rule's direction."""
    if direction == ChangeDirection.UP:
        return change > limit
    if direction == ChangeDirection.DOWN:
        return change < -limit
    return abs(change) > limit


def _z_values(numbers: dict[int, float]) -> dict[int, float]:
    """z = (x - mean) / sd over the areas with a number (population sd, as the social index).

    No spread (one area, or all equal): no z-values."""
    if len(numbers) < 2:
        return {}
    mean = sum(numbers.values()) / len(numbers)
    spread = math.sqrt(sum((x - mean) ** 2 for x in numbers.values()) / len(numbers))
    if not spread > 0:
        return {}
    return {area: (x - mean) / spread for area, x in numbers.items()}


def evaluate_rule(
    rule: WarningRule,
    series: Series,
    dates: Sequence[datetime.date],
    *,
    since: datetime.date | None = None,
) -> list[Hit]:
    """The findings of `rule` in `series` (one level's numbers; flagged values left out).

    `dates` are the level's days with figures for the indicator, ascending: a period is the step
    from one of them to the next, so a missing figure never stretches the comparison. Only days
    from `since` on are reported.
    """
    hits: list[Hit] = []
    reported = [day for day in dates if since is None or day >= since]
    if rule.kind in (RuleKind.ABOVE, RuleKind.BELOW):
        for area_id, numbers in series.items():
            for day in reported:
                value = numbers.get(day)
                if value is None:
                    continue
                if (rule.kind == RuleKind.ABOVE and value > rule.threshold) or (
                    rule.kind == RuleKind.BELOW and value < rule.threshold
                ):
                    hits.append(Hit(area_id, day, {"value": value}))
        return hits
    position = {day: index for index, day in enumerate(dates)}
    if rule.kind == RuleKind.CHANGE:
        for area_id, numbers in series.items():
            for day in reported:
                index = position[day] - rule.periods
                if index < 0 or day not in numbers or dates[index] not in numbers:
                    continue
                value, earlier = numbers[day], numbers[dates[index]]
                change = value - earlier
                if rule.measure == ChangeMeasure.PERCENT:
                    if earlier == 0:
                        continue  # no percentage of nothing
                    change = change / abs(earlier) * 100
                if _beyond(change, rule.threshold, rule.direction):
                    hits.append(
                        Hit(
                            area_id,
                            day,
                            {
                                "value": value,
                                "earlier": earlier,
                                "earlier_date": dates[index].isoformat(),
                                "change": change,
                            },
                        )
                    )
        return hits
    # RuleKind.Z_JUMP: the area's z-value among the level's areas, from one day to the next.
    z_by_day = {
        day: _z_values(
            {area_id: numbers[day] for area_id, numbers in series.items() if day in numbers}
        )
        for day in dates
    }
    for day in reported:
        if position[day] == 0:
            continue
        before = dates[position[day] - 1]
        for area_id, z in z_by_day[day].items():
            earlier_z = z_by_day[before].get(area_id)
            if earlier_z is None:
                continue
            if _beyond(z - earlier_z, rule.threshold, rule.direction):
                hits.append(
                    Hit(
                        area_id,
                        day,
                        {
                            "value": series[area_id][day],
                            "z": z,
                            "earlier_z": earlier_z,
                            "earlier_date": before.isoformat(),
                            "change": z - earlier_z,
                        },
                    )
                )
    return hits


def _series_by_level(indicator_id: int, level_id: int | None) -> dict[int, Series]:
    """level id -> the indicator's numbers per area and day (suppressed values left out)."""
    values = IndicatorValue.objects.filter(indicator_id=indicator_id, value__isnull=False, flag="")
    if level_id is not None:
        values = values.filter(area__level_id=level_id)
    by_level: dict[int, Series] = defaultdict(lambda: defaultdict(dict))
    for area_id, level, day, number in values.values_list(
        "area_id", "area__level_id", "date", "value"
    ):
        if number is not None:  # never, by the filter; for the type checker
            by_level[level][area_id][day] = number
    return by_level


def _level_dates(indicator_id: int, level_id: int) -> list[datetime.date]:
    """Every day with a figure (or a flag) at the level: the periods of the series."""
    return sorted(
        IndicatorValue.objects.filter(indicator_id=indicator_id, area__level_id=level_id)
        .values_list("date", flat=True)
        .distinct()
    )


@transaction.atomic
def warnings_evaluate(
    *, rules: Iterable[WarningRule] | None = None, since_import: ImportRun | None = None
) -> list[Finding]:
    """Evaluate the active rules (all, or the given ones) and store the new findings.

    With `since_import`, only the rules of the indicators that import wrote, and only days from
    the earliest day it wrote on (later changes and z-values may depend on it). A finding
    already stored (same rule, area and day) is left as it is, so running this again stores
    nothing twice. A stored finding of an evaluated day that the figures no longer support is
    deleted. Returns the new findings.
    """
    selected = WarningRule.objects.filter(active=True).select_related("indicator")
    if rules is not None:
        selected = selected.filter(pk__in=[rule.pk for rule in rules])
    since: dict[int, datetime.date] = {}
    if since_import is not None:
        for indicator_id, day in (
            IndicatorValue.objects.filter(import_run=since_import)
            .values_list("indicator_id", "date")
            .order_by("date")
        ):
            since.setdefault(indicator_id, day)
        selected = selected.filter(indicator_id__in=since)
    new: list[Finding] = []
    for rule in selected:
        start = since.get(rule.indicator_id)
        for level_id, series in _series_by_level(rule.indicator_id, rule.level_id).items():
            dates = _level_dates(rule.indicator_id, level_id)
            hits = evaluate_rule(rule, series, dates, since=start)
            # The stored findings of the days just evaluated: those the figures no longer
            # support (a value was corrected, the rule was changed) are removed.
            scope = Finding.objects.filter(rule=rule, area__level_id=level_id)
            if start is not None:
                scope = scope.filter(date__gte=start)
            stored_keys = {
                (area_id, day): pk
                for pk, area_id, day in scope.values_list("pk", "area_id", "date")
            }
            hit_keys = {(hit.area_id, hit.date) for hit in hits}
            stale = [pk for key, pk in stored_keys.items() if key not in hit_keys]
            if stale:
                Finding.objects.filter(pk__in=stale).delete()
            known = set(stored_keys)
            fresh = {
                (hit.area_id, hit.date): Finding(
                    rule=rule, area_id=hit.area_id, date=hit.date, values=hit.values
                )
                for hit in hits
                if (hit.area_id, hit.date) not in known
            }
            if not fresh:
                continue
            # ignore_conflicts: a concurrent run may have stored the same finding meanwhile.
            # It leaves the ids unset, so the new rows are read back.
            Finding.objects.bulk_create(fresh.values(), ignore_conflicts=True)
            stored = Finding.objects.filter(
                rule=rule,
                area_id__in={area_id for area_id, _day in fresh},
                date__in={day for _area_id, day in fresh},
                mailed__isnull=True,
            ).select_related("rule__indicator", "area")
            new.extend(finding for finding in stored if (finding.area_id, finding.date) in fresh)
    return new


def warnings_after_import(*, run: ImportRun) -> list[Finding]:
    """The hook of `indicators_import`: evaluate, and mail the new findings once the import is
    committed (nothing is mailed for an import that rolls back).

    A failing evaluation is logged and does not undo the import (its savepoint is rolled back
    alone); `sozialraum evaluate_warnings` catches up."""
    try:
        findings = warnings_evaluate(since_import=run)
    except Exception:
        logger.exception("Early warning: evaluating the rules after import %s failed", run.pk)
        return []
    if findings:
        ids = [finding.pk for finding in findings]
        transaction.on_commit(partial(_enqueue_digest, ids), robust=True)
    return findings


def _enqueue_digest(finding_ids: list[int]) -> None:
    from .tasks import send_warning_digest

    send_warning_digest.enqueue(finding_ids=finding_ids)


# --- Words and numbers --------------------------------------------------------------------------


def _number(value: float, precision: int) -> str:
    return number_format(value, decimal_pos=precision, use_l10n=True, force_grouping=True)


def _signed(value: float, precision: int) -> str:
    """A change with its sign, e.g. +3,5 or -1,2."""
    text = _number(value, precision)
    return f"+{text}" if value > 0 else text


def _change_unit(unit: str) -> str:
    """The unit of an absolute change: the difference of two shares in % is in percentage
    points, not per cent."""
    return str(_("Prozentpunkte")) if unit.strip() == "%" else unit


def rule_text(rule: WarningRule) -> str:
    """The rule in words, in the active language, e.g. "Anstieg um mehr als 2,0 Prozentpunkte
    gegenüber dem vorigen Stichtag"."""
    precision = rule.indicator.precision
    unit = f" {rule.indicator.unit}" if rule.indicator.unit else ""
    if rule.kind == RuleKind.ABOVE:
        return _("Wert über %(limit)s") % {"limit": _number(rule.threshold, precision) + unit}
    if rule.kind == RuleKind.BELOW:
        return _("Wert unter %(limit)s") % {"limit": _number(rule.threshold, precision) + unit}
    direction = {
        ChangeDirection.UP: _("Anstieg"),
        ChangeDirection.DOWN: _("Rückgang"),
        ChangeDirection.EITHER: _("Anstieg oder Rückgang"),
    }[ChangeDirection(rule.direction)]
    if rule.kind == RuleKind.Z_JUMP:
        return _(
            "%(direction)s des z-Werts um mehr als %(limit)s Standardabweichungen seit dem "
            "vorigen Stichtag"
        ) % {"direction": direction, "limit": _number(rule.threshold, 1)}
    if rule.measure == ChangeMeasure.PERCENT:
        limit = _("%(number)s %%") % {"number": _number(rule.threshold, 1)}
    else:
        change_unit = _change_unit(rule.indicator.unit)
        limit = _number(rule.threshold, precision) + (f" {change_unit}" if change_unit else "")
    return ngettext(
        "%(direction)s um mehr als %(limit)s gegenüber dem vorigen Stichtag",
        "%(direction)s um mehr als %(limit)s gegenüber %(periods)d Stichtagen zuvor",
        rule.periods,
    ) % {
        "direction": direction,
        "limit": limit,
        "periods": rule.periods,
    }


def values_text(finding: Finding) -> str:
    """The numbers behind a finding in words, in the active language."""
    rule = finding.rule
    precision = rule.indicator.precision
    values = finding.values
    value = _number(values["value"], precision)
    if rule.kind in (RuleKind.ABOVE, RuleKind.BELOW):
        return value
    earlier_day = date_format(
        datetime.date.fromisoformat(values["earlier_date"]), "SHORT_DATE_FORMAT"
    )
    if rule.kind == RuleKind.Z_JUMP:
        return _("%(value)s; z-Wert %(z)s (%(day)s: %(earlier)s; Veränderung %(change)s)") % {
            "value": value,
            "z": _number(values["z"], 2),
            "day": earlier_day,
            "earlier": _number(values["earlier_z"], 2),
            "change": _signed(values["change"], 2),
        }
    if rule.measure == ChangeMeasure.PERCENT:
        change = _("%(number)s %%") % {"number": _signed(values["change"], 1)}
    else:
        change_unit = _change_unit(rule.indicator.unit)
        change = _signed(values["change"], precision) + (f" {change_unit}" if change_unit else "")
    return _("%(value)s (%(day)s: %(earlier)s; Veränderung %(change)s)") % {
        "value": value,
        "day": earlier_day,
        "earlier": _number(values["earlier"], precision),
        "change": change,
    }


# --- The digest ---------------------------------------------------------------------------------


def digest_recipients() -> list[tuple[str, str]]:
    """Address and mail language of every active planner and administrator."""
    people = (
        User.objects.filter(is_active=True)
        .filter(
            Q(groups__name__in=[Role.PLANNER.value, Role.ADMINISTRATOR.value])
            | Q(is_superuser=True)
        )
        .exclude(email="")
        .distinct()
        .order_by("email")
    )
    return [(person.email, person.mail_language) for person in people]


def findings_page_url(*, language: str | None = None) -> str:
    with translation.override(language or settings.LANGUAGE_CODE):
        path = reverse("atlas:warnings")
    return settings.SITE_URL.rstrip("/") + path


def warning_digest_send(*, finding_ids: Iterable[int]) -> int:
    """E-mail the findings not mailed before to every planner, one digest per person in their
    language; returns how many e-mails went out.

    The findings are marked as mailed first, in a transaction that locks them, so a digest
    that runs twice (or concurrently) mails each finding once.
    """
    with transaction.atomic():
        pending = list(
            Finding.objects.select_for_update()
            .filter(pk__in=list(finding_ids), mailed__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        Finding.objects.filter(pk__in=pending).update(mailed=timezone.now())
    if not pending:
        return 0
    findings = list(
        Finding.objects.filter(pk__in=pending)
        .select_related("rule__indicator", "area__level")
        .order_by("rule__indicator__name", "rule__name", "area__code", "date")
    )
    sent = 0
    mails: dict[str, tuple[str, str]] = {}  # language -> subject, body
    for address, language in digest_recipients():
        if language not in mails:
            with translation.override(language):
                context = {
                    "findings": [
                        {
                            "finding": finding,
                            "rule": rule_text(finding.rule),
                            "values": values_text(finding),
                        }
                        for finding in findings
                    ],
                    "page_url": findings_page_url(language=language),
                }
                subject = render_to_string("atlas/warnings/digest_email_subject.txt", context)
                mails[language] = (
                    " ".join(subject.split()),
                    render_to_string("atlas/warnings/digest_email.txt", context),
                )
        try:
            send_mail(*mails[language], settings.DEFAULT_FROM_EMAIL, [address])
        except Exception:
            # No address in the log (personal data).
            logger.exception("Warning digest: one e-mail could not be sent")
        else:
            sent += 1
    return sent
