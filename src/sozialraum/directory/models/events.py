"""Events: one-off or recurring offers with a date (not part of HSDS 3.0)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .base import HsdsModel


class Event(HsdsModel):  # type: ignore[django-manager-missing]  # modeltranslation
    """A dated offer: a single date (``start``/``end``) or a series (``rrule``, RFC 5545).

    Kept small on purpose: the bookings issue adds registration, seats and waiting lists.
    ``capacity`` and ``registration_hint`` are only information for now.
    """

    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    service = models.ForeignKey(
        "directory.Service",
        verbose_name=_("Angebot"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    location = models.ForeignKey(
        "directory.Location",
        verbose_name=_("Ort"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    title = models.CharField(_("Titel"), max_length=255)
    description = models.TextField(_("Beschreibung"), blank=True)
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"), null=True, blank=True)
    rrule = models.CharField(
        _("Wiederholung (RRULE)"),
        max_length=500,
        blank=True,
        help_text=_("Für Reihen, nach iCalendar, z. B. „FREQ=WEEKLY;BYDAY=TU;COUNT=10“."),
    )
    capacity = models.PositiveIntegerField(_("Plätze"), null=True, blank=True)
    registration_hint = models.TextField(
        _("Anmeldung"), blank=True, help_text=_("Zum Beispiel „Anmeldung bis Freitag unter …“.")
    )

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        ordering = ["start"]
        indexes = [models.Index(fields=["organization", "start"], name="event_organization_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="event_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return str(self.title)

    @property
    def is_recurring(self) -> bool:
        return bool(self.rrule)

    def clean(self) -> None:
        super().clean()
        if self.rrule and not self.rrule.upper().removeprefix("RRULE:").startswith("FREQ="):
            raise ValidationError(
                {"rrule": _("Eine Wiederholung beginnt mit FREQ=, z. B. FREQ=WEEKLY;BYDAY=TU.")}
            )
