"""Providers' proposed changes waiting for an editor (the moderation queue)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ChangeRequest(models.Model):
    """A change a provider proposed: what (subject, object), how (action), and the new data.

    ``data`` is the proposed state as the forms produce it (JSON); ``base`` is the object's
    state when the request was made. An editor's approval applies ``data`` only if the object
    still looks like ``base``; otherwise someone changed it meanwhile and the request is refused.
    A registration has no organization yet: it is created on approval.
    """

    class Action(models.TextChoices):
        REGISTER = "register", _("Neue Organisation")
        CLAIM = "claim", _("Organisation übernehmen")
        CREATE = "create", _("Neu anlegen")
        UPDATE = "update", _("Ändern")
        DELETE = "delete", _("Löschen")

    class Status(models.TextChoices):
        PENDING = "pending", _("Wartet auf Prüfung")
        APPROVED = "approved", _("Freigegeben")
        REJECTED = "rejected", _("Abgelehnt")
        WITHDRAWN = "withdrawn", _("Zurückgezogen")

    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="change_requests",
    )
    subject = models.CharField(_("Bereich"), max_length=30)
    action = models.CharField(_("Art der Änderung"), max_length=10, choices=Action.choices)
    object_id = models.UUIDField(_("Datensatz"), null=True, blank=True)
    object_repr = models.CharField(_("Bezeichnung"), max_length=255, blank=True)
    data = models.JSONField(_("Vorgeschlagene Angaben"), default=dict, blank=True)
    base = models.JSONField(_("Angaben zum Zeitpunkt der Anfrage"), null=True, blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Eingereicht von"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created = models.DateTimeField(_("Eingereicht am"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Entschieden von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("Entschieden am"), null=True, blank=True)
    reason = models.TextField(_("Begründung"), blank=True)

    class Meta:
        verbose_name = _("Änderungsanfrage")
        verbose_name_plural = _("Änderungsanfragen")
        ordering = ["created", "id"]
        indexes = [
            models.Index(fields=["status", "created"], name="changerequest_status_created"),
            models.Index(fields=["organization", "status"], name="changerequest_org_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(action="register") | Q(organization__isnull=False),
                name="changerequest_has_organization",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.object_repr}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
