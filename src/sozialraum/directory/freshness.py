"""Freshness: providers confirm that their services are current; the platform reminds them.

A public service is *due* when nobody confirmed it for ``settings.FRESHNESS_REMINDER_MONTHS``
months (a service never confirmed counts from the day it was entered). Once a day
`freshness_reminders_send` e-mails the members of every organization with due services, at most
once per such period. After FRESHNESS_MONTHS (12) months the public pages mark a service as
possibly outdated (`Service.is_possibly_outdated`). See docs/freshness.md.
"""

import datetime
import enum
import logging
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sozialraum.accounts.models import User
from sozialraum.core.audit import audit_log, snapshot

from .models import FreshnessReminder, Membership, Organization, Service, ServiceQuerySet
from .models.offers import months_before
from .search import index_services

logger = logging.getLogger(__name__)

SERVICE_CONFIRMED = "directory.service_confirmed"


class FreshnessError(Exception):
    """A confirmation that cannot be done; the message says what to do instead."""


class FreshnessState(enum.StrEnum):
    CURRENT = "current"  # confirmed within the reminder period
    DUE = "due"  # the members are asked to confirm it
    OUTDATED = "outdated"  # the public pages mark it as possibly outdated


def reminder_months() -> int:
    return max(1, settings.FRESHNESS_REMINDER_MONTHS)


def freshness_state(service: Service, today: datetime.date) -> FreshnessState:
    if service.is_possibly_outdated(today):
        return FreshnessState.OUTDATED
    if service.is_unconfirmed_for(reminder_months(), today):
        return FreshnessState.DUE
    return FreshnessState.CURRENT


def due_services(
    today: datetime.date, *, organization: Organization | None = None
) -> ServiceQuerySet:
    """Public services (of the organization) nobody confirmed for the reminder period."""
    services = Service.objects.public()
    if organization is not None:
        services = services.filter(organization=organization)
    return services.unconfirmed_for(reminder_months(), today)


def _recent_reminders(today: datetime.date) -> QuerySet[FreshnessReminder]:
    """Reminders that count for the current period: not older than the reminder period, and
    not a round in which every address failed (that one is tried again the next day)."""
    since = months_before(today, reminder_months())
    return FreshnessReminder.objects.filter(sent_on__gt=since).exclude(delivered=0)


def freshness_page_url(organization: Organization, *, language: str | None = None) -> str:
    """The absolute address of the organization's freshness page, for e-mails (in German
    unless another language is asked for)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        path = reverse("directory:freshness", kwargs={"organization_id": organization.pk})
    return settings.SITE_URL.rstrip("/") + path


def reminder_recipients(organization: Organization) -> list[tuple[str, str]]:
    """Every active member's address and mail language, admins first: any member may confirm
    the services, and one person on leave should not let the entries go stale."""
    memberships = (
        Membership.objects.filter(organization=organization, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("-is_admin", "user__email")
    )
    recipients: dict[str, str] = {}
    for membership in memberships:
        recipients.setdefault(membership.user.email, membership.user.mail_language)
    return list(recipients.items())


def freshness_reminders_send(*, today: datetime.date | None = None) -> int:
    """Remind the members of each organization with due services; returns how many
    organizations were reminded.

    Each organization is handled in a transaction of its own, so one failure does not hold up
    the others, and running it again the same day (or concurrently) reminds nobody twice.
    The e-mails go out after each commit.
    """
    today = today or timezone.localdate()
    has_members = Membership.objects.filter(organization=OuterRef("pk"), user__is_active=True)
    candidates = (
        Organization.objects.filter(pk__in=due_services(today).values("organization"))
        .filter(Exists(has_members))
        .exclude(pk__in=_recent_reminders(today).values("organization"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    reminded = 0
    for organization_id in list(candidates):
        try:
            if _remind_organization(organization_id, today=today):
                reminded += 1
        except Exception:
            # The next organization's reminder must not wait for a fix; tomorrow's run retries.
            logger.exception("Freshness: reminding organization %s failed", organization_id)
    return reminded


@transaction.atomic
def _remind_organization(organization_id: Any, *, today: datetime.date) -> bool:
    # The organization's row is the lock: a second run waits here and then sees our reminder.
    organization = Organization.objects.select_for_update().filter(pk=organization_id).first()
    if organization is None:
        return False
    if _recent_reminders(today).filter(organization=organization).exists():
        return False
    due = list(due_services(today, organization=organization).values_list("pk", flat=True))
    if not due:
        return False
    recipients = reminder_recipients(organization)
    if not recipients:
        logger.debug("Freshness: organization %s has due services but no members", organization.pk)
        return False
    reminder = FreshnessReminder.objects.create(
        organization=organization,
        sent_on=today,
        service_count=len(due),
        recipient_count=len(recipients),
    )
    transaction.on_commit(
        partial(_send_reminder, reminder.pk, recipients=recipients, service_ids=due, today=today),
        robust=True,
    )
    return True


def _send_reminder(
    reminder_id: int,
    *,
    recipients: list[tuple[str, str]],
    service_ids: list[Any],
    today: datetime.date,
) -> None:
    """One e-mail per address, in the member's language, so that a refused address neither
    stops the others nor shows the colleagues' addresses to each other."""
    reminder = FreshnessReminder.objects.select_related("organization").get(pk=reminder_id)
    organization = reminder.organization
    services = [
        {
            "service": service,
            "last_confirmed": service.last_confirmed,
            "confirmed": service.assured_date is not None,
            "outdated": service.is_possibly_outdated(today),
        }
        for service in Service.objects.filter(pk__in=service_ids).order_by("name")
    ]
    delivered = 0
    mails: dict[str, tuple[str, str]] = {}  # language → subject, body
    for address, language in recipients:
        if language not in mails:
            with translation.override(language):
                context = {
                    "organization": organization,
                    "services": services,
                    "months": reminder_months(),
                    "page_url": freshness_page_url(organization, language=language),
                }
                mails[language] = (
                    " ".join(
                        render_to_string(
                            "directory/freshness/reminder_email_subject.txt", context
                        ).split()
                    ),
                    render_to_string("directory/freshness/reminder_email.txt", context),
                )
        try:
            send_mail(*mails[language], settings.DEFAULT_FROM_EMAIL, [address])
        except Exception:
            # No address in the log (personal data); the count below shows the failure.
            logger.exception("Freshness reminder %s: one e-mail could not be sent", reminder_id)
        else:
            delivered += 1
    FreshnessReminder.objects.filter(pk=reminder_id).update(delivered=delivered)


def _confirmation_state(service: Service) -> dict[str, Any]:
    return snapshot(service, fields=["assured_date", "assured_by", "assurer_email"])


@transaction.atomic
def services_confirm(
    *, services: Iterable[Service], actor: User, today: datetime.date | None = None
) -> list[Service]:
    """Record that `actor` checked these services and found them current (one step for many).

    The caller makes sure `actor` may change them (permission directory.change_organization).
    """
    ids = [service.pk for service in services]
    if not ids:
        raise FreshnessError(_("Wählen Sie mindestens ein Angebot aus, das noch stimmt."))
    today = today or timezone.localdate()
    # Locked in a fixed order: two people confirming overlapping selections cannot deadlock.
    confirmed = list(Service.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    for service in confirmed:
        before = _confirmation_state(service)
        service.confirm(by=actor, today=today)
        audit_log(
            actor=actor,
            action=SERVICE_CONFIRMED,
            obj=service,
            before=before,
            after=_confirmation_state(service),
        )
    index_services([service.pk for service in confirmed])
    return confirmed
