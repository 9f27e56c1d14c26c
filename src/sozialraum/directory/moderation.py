"""Providers' changes and their moderation: submit, approve, reject, withdraw; registrations
and claims of organizations; the field-by-field diff editors read.

A member of a trusted organization (or anyone the rule `directory.publish_directly` allows)
publishes at once; everybody else's change waits as a `ChangeRequest`. Approval applies the
proposal in one transaction, but only if the record still looks as it did when the provider
proposed the change (otherwise it is refused: someone changed it meanwhile). The provider hears
of every decision by e-mail, sent after the commit.
"""

import logging
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sozialraum.accounts.models import User
from sozialraum.core.audit import audit_log, snapshot

from .models import ChangeRequest, Membership, Organization
from .search import index_services
from .subjects import ORGANIZATION, SUBJECTS, Subject

logger = logging.getLogger(__name__)

Action = ChangeRequest.Action
Status = ChangeRequest.Status

SUBMITTED = "directory.change_submitted"
PUBLISHED = "directory.change_published"
APPROVED = "directory.change_approved"
REJECTED = "directory.change_rejected"
WITHDRAWN = "directory.change_withdrawn"
APPLIED = "directory.change_applied"

#: Registrations one person may have waiting at once (against accidental or deliberate floods).
MAX_WAITING_REGISTRATIONS = 3


class ModerationError(Exception):
    """A change that cannot be made or decided; the message says why and what to do."""


def can_publish_directly(user: User, organization: Organization) -> bool:
    return organization.is_trusted or user.has_perm("directory.publish_directly", organization)


def _request_state(change: ChangeRequest) -> dict[str, Any]:
    return snapshot(
        change,
        fields=["organization", "subject", "action", "object_id", "status", "reason"],
    )


def _log_applied(
    *, actor: User, subject: Subject, action: str, obj: Any, before: Any, after: Any
) -> None:
    audit_log(
        actor=actor,
        action=APPLIED,
        obj=obj,
        before=before if action != Action.CREATE else None,
        after=after if action != Action.DELETE else None,
    )


def _apply(
    *,
    subject: Subject,
    action: str,
    organization: Organization,
    obj: Any,
    data: dict[str, Any],
    actor: User,
) -> Any:
    """Apply one change and index the services it touched. The caller holds the locks."""
    before = subject.state(obj) if obj is not None else None
    service_ids = subject.service_ids(obj) if obj is not None else []
    try:
        if action == Action.DELETE:
            _log_applied(
                actor=actor, subject=subject, action=action, obj=obj, before=before, after=None
            )
            subject.remove(obj)
            result = None
        else:
            result = subject.apply(obj, data, organization)
            _log_applied(
                actor=actor,
                subject=subject,
                action=action,
                obj=result,
                before=before,
                after=subject.state(result),
            )
            service_ids += subject.service_ids(result)
    except ValidationError as error:
        raise ModerationError(" ".join(error.messages)) from None
    if service_ids:
        index_services(sorted(set(service_ids)))
    return result


@dataclass
class Submitted:
    """What became of a change: published at once (`obj`) or waiting (`request`)."""

    published: bool
    obj: Any = None
    request: ChangeRequest | None = None


@transaction.atomic
def change_submit(
    *,
    user: User,
    organization: Organization,
    subject: str,
    action: str,
    obj: Any = None,
    data: dict[str, Any] | None = None,
) -> Submitted:
    """A provider's change: published at once if they may, else queued for an editor.

    `obj` is the record to change or delete (None to create). A newer proposal for the same
    record replaces an older one still waiting.
    """
    spec = SUBJECTS[subject]
    if action not in (Action.CREATE, Action.UPDATE, Action.DELETE):
        raise ModerationError(_("Unbekannte Art der Änderung."))
    if action == Action.CREATE and (not spec.can_create or obj is not None):
        raise ModerationError(_("Das kann man nicht neu anlegen."))
    if action == Action.DELETE and not spec.can_delete:
        raise ModerationError(_("Das kann man nicht löschen."))
    direct = can_publish_directly(user, organization)
    earlier: list[ChangeRequest] = []
    if action != Action.CREATE:
        if obj is None:
            raise ModerationError(_("Der Eintrag existiert nicht mehr."))
        if not direct:
            # The same lock order as change_approve: waiting requests first, then the record.
            earlier = list(
                ChangeRequest.objects.select_for_update().filter(
                    organization=organization,
                    subject=subject,
                    object_id=obj.pk,
                    status=Status.PENDING,
                )
            )
        obj = spec.get(organization, obj.pk, lock=True)
        if obj is None:
            raise ModerationError(_("Der Eintrag existiert nicht mehr."))
    data = data or {}
    if direct:
        result = _apply(
            subject=spec, action=action, organization=organization, obj=obj, data=data, actor=user
        )
        return Submitted(published=True, obj=result)

    for old in earlier:
        before = _request_state(old)
        old.status = Status.WITHDRAWN
        old.decided_at = timezone.now()
        old.decided_by = user
        old.reason = _("Durch eine neuere Änderung ersetzt.")
        old.save(update_fields=["status", "decided_at", "decided_by", "reason"])
        audit_log(actor=user, action=WITHDRAWN, obj=old, before=before, after=_request_state(old))
    base = spec.state(obj) if obj is not None else None
    if action == Action.UPDATE and base == data:
        raise ModerationError(_("Sie haben nichts geändert."))
    change = ChangeRequest.objects.create(
        organization=organization,
        subject=subject,
        action=action,
        object_id=obj.pk if obj is not None else None,
        object_repr=_repr(spec, obj, data),
        data=data if action != Action.DELETE else {},
        base=base,
        submitted_by=user,
    )
    audit_log(actor=user, action=SUBMITTED, obj=change, after=_request_state(change))
    return Submitted(published=False, request=change)


def _repr(spec: Subject, obj: Any, data: dict[str, Any]) -> str:
    if obj is not None:
        return str(obj)[:255]
    return str(data.get("name") or data.get("title") or spec.label)[:255]


@transaction.atomic
def organization_register(*, user: User, data: dict[str, Any]) -> Submitted:
    """Register a new organization. It exists (and the user becomes its admin) once an editor
    approved it; editors and administrators register directly."""
    if user.has_perm("directory.publish_directly"):
        organization = _create_organization(user=user, data=data, actor=user)
        return Submitted(published=True, obj=organization)
    name = str(data.get("name", "")).strip()
    waiting = ChangeRequest.objects.filter(
        action=Action.REGISTER, status=Status.PENDING, submitted_by=user
    )
    if waiting.count() >= MAX_WAITING_REGISTRATIONS:
        raise ModerationError(
            _(
                "Sie haben schon %(count)s Organisationen angemeldet, die noch geprüft werden. "
                "Bitte warten Sie, bis die Redaktion sie geprüft hat."
            )
            % {"count": MAX_WAITING_REGISTRATIONS}
        )
    if ChangeRequest.objects.filter(
        action=Action.REGISTER, status=Status.PENDING, submitted_by=user, object_repr=name
    ).exists():
        raise ModerationError(
            _("Sie haben „%(name)s“ schon angemeldet. Die Anmeldung wird gerade geprüft.")
            % {"name": name}
        )
    change = ChangeRequest.objects.create(
        organization=None,
        subject=ORGANIZATION.key,
        action=Action.REGISTER,
        object_repr=name[:255],
        data=data,
        submitted_by=user,
    )
    audit_log(actor=user, action=SUBMITTED, obj=change, after=_request_state(change))
    return Submitted(published=False, request=change)


def _create_organization(*, user: User | None, data: dict[str, Any], actor: User) -> Organization:
    organization = ORGANIZATION.apply(None, data, None)
    audit_log(
        actor=actor,
        action=APPLIED,
        obj=organization,
        after=ORGANIZATION.state(organization),
    )
    if user is not None and user.is_active:
        _add_admin(organization=organization, user=user, actor=actor)
    return organization


def _add_admin(*, organization: Organization, user: User, actor: User) -> Membership:
    membership, created = Membership.objects.get_or_create(
        organization=organization, user=user, defaults={"is_admin": True}
    )
    before = None if created else snapshot(membership, fields=["user", "organization", "is_admin"])
    if not membership.is_admin:
        membership.is_admin = True
        membership.save(update_fields=["is_admin"])
    after = snapshot(membership, fields=["user", "organization", "is_admin"])
    audit_log(
        actor=actor,
        action="directory.member_added" if created else "directory.member_changed",
        obj=membership,
        before=before,
        after={**after, "email": user.email},
    )
    return membership


@transaction.atomic
def organization_claim(*, user: User, organization: Organization, message: str) -> ChangeRequest:
    """Ask to manage an organization already in the directory; an editor checks the claim."""
    if Membership.objects.filter(organization=organization, user=user, is_admin=True).exists():
        raise ModerationError(
            _("Sie verwalten %(organization)s schon.") % {"organization": organization}
        )
    if ChangeRequest.objects.filter(
        organization=organization, action=Action.CLAIM, status=Status.PENDING, submitted_by=user
    ).exists():
        raise ModerationError(
            _("Ihre Anfrage für %(organization)s wird schon geprüft.")
            % {"organization": organization}
        )
    change = ChangeRequest.objects.create(
        organization=organization,
        subject=ORGANIZATION.key,
        action=Action.CLAIM,
        object_id=organization.pk,
        object_repr=str(organization)[:255],
        data={"message": message.strip()},
        submitted_by=user,
    )
    audit_log(actor=user, action=SUBMITTED, obj=change, after=_request_state(change))
    return change


def _lock_pending(change: ChangeRequest) -> ChangeRequest:
    locked = ChangeRequest.objects.select_for_update().filter(pk=change.pk).first()
    if locked is None:
        raise ModerationError(_("Diese Anfrage gibt es nicht mehr."))
    if locked.status != Status.PENDING:
        who = locked.decided_by.email if locked.decided_by else _("jemand anderes")
        raise ModerationError(
            _("Über diese Anfrage ist schon entschieden: %(status)s (%(who)s).")
            % {"status": locked.get_status_display(), "who": who}
        )
    return locked


@transaction.atomic
def change_approve(*, change_request: ChangeRequest, editor: User, site_url: str = "") -> Any:
    """Apply a waiting change. Refused if the record changed since the provider proposed it."""
    change = _lock_pending(change_request)
    before = _request_state(change)
    submitter = change.submitted_by
    result: Any = None
    if change.action == Action.REGISTER:
        result = _create_organization(user=submitter, data=change.data, actor=editor)
        change.organization = result
        change.object_id = result.pk
    elif change.action == Action.CLAIM:
        assert change.organization is not None
        if submitter is not None and submitter.pk == editor.pk:
            raise ModerationError(
                _(
                    "Sie können Ihre eigene Anfrage, eine Organisation zu übernehmen, nicht "
                    "freigeben. Eine andere Person der Redaktion muss sie prüfen."
                )
            )
        if submitter is None or not submitter.is_active:
            raise ModerationError(
                _("Das Konto der anfragenden Person gibt es nicht mehr. Lehnen Sie die Anfrage ab.")
            )
        result = _add_admin(organization=change.organization, user=submitter, actor=editor)
    else:
        assert change.organization is not None
        spec = SUBJECTS[change.subject]
        obj = None
        if change.action != Action.CREATE:
            obj = spec.get(change.organization, change.object_id, lock=True)
            if obj is None:
                raise ModerationError(
                    _(
                        "Den Eintrag gibt es nicht mehr; die Änderung kann nicht übernommen "
                        "werden. Lehnen Sie sie ab."
                    )
                )
            if spec.state(obj) != change.base:
                raise ModerationError(
                    _(
                        "„%(name)s“ wurde geändert, nachdem diese Anfrage gestellt wurde. Die "
                        "Änderung wird nicht übernommen, damit nichts verloren geht. Lehnen Sie "
                        "sie ab und bitten Sie die Organisation, sie neu einzureichen."
                    )
                    % {"name": change.object_repr}
                )
        result = _apply(
            subject=spec,
            action=change.action,
            organization=change.organization,
            obj=obj,
            data=change.data,
            actor=editor,
        )
        if change.action == Action.CREATE and result is not None:
            change.object_id = result.pk
    change.status = Status.APPROVED
    change.decided_by = editor
    change.decided_at = timezone.now()
    change.save()
    audit_log(
        actor=editor, action=APPROVED, obj=change, before=before, after=_request_state(change)
    )
    transaction.on_commit(partial(_notify, change.pk, site_url=site_url), robust=True)
    return result


@transaction.atomic
def change_reject(
    *, change_request: ChangeRequest, editor: User, reason: str, site_url: str = ""
) -> ChangeRequest:
    """Turn a change down; the provider reads the reason in the e-mail and on their page."""
    reason = reason.strip()
    if not reason:
        raise ModerationError(
            _(
                "Bitte schreiben Sie eine Begründung: Die Organisation soll wissen, was sie "
                "ändern kann."
            )
        )
    change = _lock_pending(change_request)
    before = _request_state(change)
    change.status = Status.REJECTED
    change.reason = reason
    change.decided_by = editor
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    audit_log(
        actor=editor, action=REJECTED, obj=change, before=before, after=_request_state(change)
    )
    transaction.on_commit(partial(_notify, change.pk, site_url=site_url), robust=True)
    return change


@transaction.atomic
def change_withdraw(*, change_request: ChangeRequest, user: User) -> ChangeRequest:
    """The provider takes back a change that is still waiting: the person who proposed it, or
    an admin of the organization. A request to take over an organization is the claimant's
    alone; the organization's members cannot withdraw it."""
    change = _lock_pending(change_request)
    is_submitter = change.submitted_by_id == user.pk
    is_org_admin = (
        change.organization_id is not None
        and Membership.objects.filter(
            organization_id=change.organization_id, user=user, is_admin=True
        ).exists()
    )
    if not is_submitter and (change.action == Action.CLAIM or not is_org_admin):
        raise ModerationError(
            _(
                "Nur wer die Änderung vorgeschlagen hat oder die Organisation verwaltet, kann "
                "sie zurückziehen."
            )
        )
    before = _request_state(change)
    change.status = Status.WITHDRAWN
    change.decided_by = user
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])
    audit_log(actor=user, action=WITHDRAWN, obj=change, before=before, after=_request_state(change))
    return change


TRUST_CHANGED = "directory.organization_trust_changed"


@transaction.atomic
def organization_set_trusted(
    *, organization: Organization, trusted: bool, editor: User
) -> Organization:
    """Let an organization's changes skip moderation (or stop that). Editors decide."""
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    if organization.is_trusted == trusted:
        return organization
    before = snapshot(organization, fields=["is_trusted"])
    organization.is_trusted = trusted
    organization.save(update_fields=["is_trusted", "modified"])
    audit_log(
        actor=editor,
        action=TRUST_CHANGED,
        obj=organization,
        before=before,
        after=snapshot(organization, fields=["is_trusted"]),
    )
    return organization


def _notify(change_id: int, *, site_url: str) -> None:
    """E-mail the provider about the decision, in the language they last signed in with."""
    change = ChangeRequest.objects.select_related("submitted_by", "organization").get(pk=change_id)
    recipient = change.submitted_by
    if recipient is None or not recipient.email:
        return
    with translation.override(recipient.mail_language):
        context = {
            "change": change,
            "subject_label": subject_label(change),
            "dashboard_url": site_url.rstrip("/") + reverse("directory:provider_dashboard"),
        }
        subject = render_to_string("directory/provider/decision_email_subject.txt", context)
        body = render_to_string("directory/provider/decision_email.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [recipient.email])


def subject_label(change: ChangeRequest) -> str:
    if change.action in (Action.REGISTER, Action.CLAIM):
        return str(change.get_action_display())
    spec = SUBJECTS.get(change.subject)
    return str(spec.label) if spec else change.subject


# --- The diff editors read ----------------------------------------------------------------------


@dataclass
class DiffRow:
    label: str
    old: str
    new: str
    changed: bool
    conflict: bool = False  # the record's current value differs from what the provider saw


def change_diff(change: ChangeRequest) -> list[DiffRow]:
    """Field by field: the value the provider saw → the proposed value, with German labels.

    An update lists only changed fields; a new record every filled field; a deletion every
    field of the record. Where the record changed since, `conflict` marks the field.
    """
    if change.action == Action.CLAIM:
        return [
            DiffRow(
                label=_("Nachricht"),
                old="",
                new=str(change.data.get("message") or "\N{EN DASH}"),
                changed=True,
            )
        ]
    spec = SUBJECTS.get(change.subject)
    if spec is None:
        return []
    base = change.base or {}
    data = change.data or {}
    current: dict[str, Any] | None = None
    if change.is_pending and change.action in (Action.UPDATE, Action.DELETE):
        assert change.organization is not None
        obj = spec.get(change.organization, change.object_id)
        current = spec.state(obj) if obj is not None else None
    rows = []
    for field, label in spec.labels.items():
        old, new = base.get(field), data.get(field)
        if change.action == Action.DELETE:
            new = None
        changed = old != new and not (_empty(old) and _empty(new))
        if change.action == Action.UPDATE and not changed:
            continue
        if change.action in (Action.CREATE, Action.REGISTER) and _empty(new):
            continue
        if change.action == Action.DELETE and _empty(old):
            continue
        rows.append(
            DiffRow(
                label=str(label),
                old=spec.value_text(field, old),
                new=spec.value_text(field, new),
                changed=changed,
                conflict=current is not None and current.get(field) != base.get(field),
            )
        )
    return rows


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []
