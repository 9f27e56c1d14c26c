# ruff: noqa: RUF001  (German text uses the en dash as its dash)
"""Appointment booking for counselling (see docs/appointments.md).

A service that advises by appointment has one `AppointmentOffer`: its counsellors or rooms
(`Resource`, booked in parallel), weekly hours (`WeeklyHours`), exceptions (`SpecialDay`: closed
days, holidays, extra days), topics with their own duration (`Topic`), and the booked
`Appointment`s. All times are wall-clock times in Europe/Berlin (settings.TIME_ZONE); the
database stores the aware datetimes of each appointment.
"""

import datetime
import secrets
from typing import Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    """The unguessable part of a citizen's personal link (256 bits)."""
    return secrets.token_urlsafe(32)


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Montag")
    TUESDAY = 1, _("Dienstag")
    WEDNESDAY = 2, _("Mittwoch")
    THURSDAY = 3, _("Donnerstag")
    FRIDAY = 4, _("Freitag")
    SATURDAY = 5, _("Samstag")
    SUNDAY = 6, _("Sonntag")


class AppointmentOffer(models.Model):  # type: ignore[django-manager-missing]  # modeltranslation
    """A service's appointment booking: where, how long a slot is, when booking opens and closes."""

    service = models.OneToOneField(
        "directory.Service",
        verbose_name=_("Angebot"),
        on_delete=models.CASCADE,
        related_name="appointment_offer",
    )
    location = models.ForeignKey(
        "directory.Location",
        verbose_name=_("Ort der Beratung"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_active = models.BooleanField(
        _("Online-Buchung eingeschaltet"),
        default=False,
        help_text=_("Erst dann sehen Bürgerinnen und Bürger die freien Termine."),
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("Zeitraster in Minuten"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
        help_text=_("Termine beginnen in diesem Abstand, z. B. alle 30 Minuten: 9:00, 9:30 …"),
    )
    notice_hours = models.PositiveSmallIntegerField(
        _("Buchung schließt so viele Stunden vorher"),
        default=12,
        validators=[MaxValueValidator(24 * 14)],
    )
    horizon_days = models.PositiveSmallIntegerField(
        _("Buchbar so viele Tage im Voraus"),
        default=28,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    hold_minutes = models.PositiveSmallIntegerField(
        _("Reservierung bis zur Bestätigung, in Minuten"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
        help_text=_(
            "So lange hält eine Online-Buchung den Termin frei, bis die Person den Link in der "
            "E-Mail bestätigt. Danach wird der Termin wieder frei."
        ),
    )
    instructions = models.TextField(
        _("Hinweise für die Bestätigung"),
        blank=True,
        max_length=1000,
        help_text=_("Steht in der Bestätigung, z. B. welche Unterlagen mitzubringen sind."),
    )
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Terminbuchung")
        verbose_name_plural = _("Terminbuchungen")

    def __str__(self) -> str:
        return str(self.service.name)


class Resource(models.Model):
    """A counsellor or room: each takes one appointment at a time, all in parallel."""

    offer = models.ForeignKey(AppointmentOffer, on_delete=models.CASCADE, related_name="resources")
    name = models.CharField(
        _("Name"),
        max_length=100,
        help_text=_("Zum Beispiel „Beraterin 1“ oder „Raum 2“. Nur Ihr Team sieht den Namen."),
    )
    is_active = models.BooleanField(_("Nimmt Termine an"), default=True)

    class Meta:
        verbose_name = _("Beraterin, Berater oder Raum")
        verbose_name_plural = _("Beraterinnen, Berater und Räume")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "name"], name="appointments_resource_name")
        ]

    def __str__(self) -> str:
        return self.name


class WeeklyHours(models.Model):
    """Every week on one day, from `start` to `end` (local time); for one resource or all."""

    offer = models.ForeignKey(
        AppointmentOffer, on_delete=models.CASCADE, related_name="weekly_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=Weekday.choices)
    start = models.TimeField(_("Von"))
    end = models.TimeField(_("Bis"))
    resource = models.ForeignKey(
        Resource,
        verbose_name=_("Nur für"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="weekly_hours",
        help_text=_("Leer: für alle Beraterinnen, Berater und Räume."),
    )

    class Meta:
        verbose_name = _("Sprechzeit")
        verbose_name_plural = _("Sprechzeiten")
        ordering = ["weekday", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="appointments_hours_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


class SpecialDay(models.Model):
    """An exception to the weekly hours: closed (holiday, leave) or open on an extra day."""

    class Kind(models.TextChoices):
        CLOSED = "closed", _("Geschlossen")
        OPEN = "open", _("Zusätzlich geöffnet")

    offer = models.ForeignKey(
        AppointmentOffer, on_delete=models.CASCADE, related_name="special_days"
    )
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices, default=Kind.CLOSED)
    first_day = models.DateField(_("Erster Tag"))
    last_day = models.DateField(
        _("Letzter Tag"), null=True, blank=True, help_text=_("Leer: nur der erste Tag.")
    )
    start = models.TimeField(_("Von"), null=True, blank=True, help_text=_("Nur bei „geöffnet“."))
    end = models.TimeField(_("Bis"), null=True, blank=True, help_text=_("Nur bei „geöffnet“."))
    resource = models.ForeignKey(
        Resource,
        verbose_name=_("Nur für"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="special_days",
        help_text=_("Leer: für alle. Zum Beispiel Urlaub einer Beraterin: nur sie."),
    )
    note = models.CharField(_("Anlass"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Ausnahme")
        verbose_name_plural = _("Ausnahmen")
        ordering = ["first_day", "start"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.first_day:%d.%m.%Y}"

    @property
    def until(self) -> datetime.date:
        return self.last_day or self.first_day

    def covers(self, day: datetime.date) -> bool:
        return self.first_day <= day <= self.until


class Topic(models.Model):  # type: ignore[django-manager-missing]  # modeltranslation
    """What a person comes for; each topic takes its own time (a first talk takes longer)."""

    offer = models.ForeignKey(AppointmentOffer, on_delete=models.CASCADE, related_name="topics")
    name = models.CharField(_("Thema"), max_length=200)
    duration_minutes = models.PositiveSmallIntegerField(
        _("Dauer in Minuten"), default=30, validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    is_active = models.BooleanField(_("Buchbar"), default=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def duration(self) -> datetime.timedelta:
        return datetime.timedelta(minutes=self.duration_minutes)


class AppointmentQuerySet(models.QuerySet["Appointment"]):
    def blocking(self, now: datetime.datetime) -> Self:
        """Appointments that occupy their time: confirmed ones, and reservations still held."""
        S = Appointment.Status
        return self.filter(
            Q(status__in=[S.CONFIRMED, S.NO_SHOW]) | Q(status=S.PENDING, hold_until__gt=now)
        )

    def overlapping(self, start: datetime.datetime, end: datetime.datetime) -> Self:
        return self.filter(start__lt=end, end__gt=start)

    def with_personal_data(self) -> Self:
        return self.filter(anonymised_at__isnull=True)


class Appointment(models.Model):
    """One booked appointment. Personal data (name, e-mail, phone, note) is removed
    APPOINTMENT_RETENTION_DAYS after the appointment (`appointments_anonymise`)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Wartet auf Bestätigung")
        CONFIRMED = "confirmed", _("Bestätigt")
        CANCELLED = "cancelled", _("Abgesagt")
        EXPIRED = "expired", _("Nicht bestätigt")
        NO_SHOW = "no_show", _("Nicht erschienen")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online gebucht")
        PHONE = "phone", _("Am Telefon")
        WALK_IN = "walk_in", _("Vor Ort")

    #: fields with personal data: never copied into the audit log, removed after retention
    PERSONAL_FIELDS = ("name", "email", "phone", "note")

    offer = models.ForeignKey(
        AppointmentOffer, on_delete=models.CASCADE, related_name="appointments"
    )
    resource = models.ForeignKey(
        Resource,
        verbose_name=_("Beraterin, Berater oder Raum"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("Thema"), on_delete=models.PROTECT, related_name="appointments"
    )
    start = models.DateTimeField(_("Beginn"), db_index=True)
    end = models.DateTimeField(_("Ende"))
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    channel = models.CharField(
        _("Gebucht"), max_length=10, choices=Channel.choices, default=Channel.ONLINE
    )
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    note = models.TextField(_("Nachricht"), blank=True, max_length=1000)
    language = models.CharField(_("Sprache"), max_length=10, default="de")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    hold_until = models.DateTimeField(_("Reserviert bis"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("Bestätigt am"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("Abgesagt am"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("Erinnerung verschickt"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("Persönliche Daten gelöscht"), null=True, blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Gebucht von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sequence = models.PositiveIntegerField(default=0, editable=False)  # iCalendar SEQUENCE
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")
        ordering = ["start", "resource"]
        constraints = [
            # The database's last word: one resource never holds two appointments starting at
            # the same time (the services lock the resources and check overlaps first).
            models.UniqueConstraint(
                fields=["resource", "start"],
                condition=Q(status__in=["pending", "confirmed", "no_show"]),
                name="appointments_one_per_resource_and_start",
            ),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="appointments_end_after_start"
            ),
        ]
        indexes = [models.Index(fields=["resource", "start", "end"])]

    def __str__(self) -> str:
        # no personal data: the audit log shows this
        start = timezone.localtime(self.start)
        return f"{_('Termin')} {start:%d.%m.%Y %H:%M} ({self.offer.service.name})"

    @property
    def is_past(self) -> bool:
        return self.start <= timezone.now()

    def can_be_changed_by_citizen(self, now: datetime.datetime) -> bool:
        return self.status in (self.Status.PENDING, self.Status.CONFIRMED) and self.start > now
