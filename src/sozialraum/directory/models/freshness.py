"""Freshness reminders: which organization was asked when to confirm its services."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FreshnessReminder(models.Model):
    """One reminder e-mail round to an organization's members (directory/freshness.py).

    ``delivered`` stays empty until the mails went out after the commit; 0 means every address
    failed, and the next run tries again instead of waiting a whole period.
    """

    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="freshness_reminders",
    )
    sent_on = models.DateField(_("Erinnert am"))
    created = models.DateTimeField(_("Angelegt"), auto_now_add=True)
    service_count = models.PositiveIntegerField(_("Fällige Angebote"))
    recipient_count = models.PositiveIntegerField(_("Empfängerinnen und Empfänger"))
    delivered = models.PositiveIntegerField(_("Zugestellt"), null=True, blank=True)

    class Meta:
        verbose_name = _("Erinnerung zur Aktualität")
        verbose_name_plural = _("Erinnerungen zur Aktualität")
        ordering = ["-sent_on", "-created"]
        indexes = [
            models.Index(fields=["organization", "sent_on"], name="freshness_reminder_org_day")
        ]

    def __str__(self) -> str:
        return f"{self.organization}: {self.sent_on:%Y-%m-%d}"
