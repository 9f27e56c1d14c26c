"""Regular opening hours (HSDS schedule)."""

import datetime
import zoneinfo
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..recurrence import Recurrence
from .base import HsdsModel, at_least_one_of

DEFAULT_TIMEZONE = "Europe/Berlin"


def validate_timezone(value: str) -> None:
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(
            _("Unbekannte Zeitzone: %(value)s"), params={"value": value}
        ) from None


class Schedule(HsdsModel):  # type: ignore[django-manager-missing]  # modeltranslation
    """When a service, a location or a service at a location is open (HSDS schedule).

    The rule is iCalendar's (``freq``, ``byday``, …), evaluated by ``dateutil.rrule`` (see
    ``directory.recurrence``); the series starts at ``dtstart``, else at ``valid_from``;
    ``opens_at`` and ``closes_at`` are local wall-clock times in ``timezone``. HSDS gives the
    time zone as a UTC offset, which cannot describe a place with daylight saving time; we store
    the IANA name (Europe/Berlin) and the serializer writes the offset valid at export.
    """

    class Freq(models.TextChoices):
        WEEKLY = "WEEKLY", _("Wöchentlich")
        MONTHLY = "MONTHLY", _("Monatlich")

    class Weekday(models.TextChoices):
        MO = "MO", _("Montag")
        TU = "TU", _("Dienstag")
        WE = "WE", _("Mittwoch")
        TH = "TH", _("Donnerstag")
        FR = "FR", _("Freitag")
        SA = "SA", _("Samstag")
        SU = "SU", _("Sonntag")

    service = models.ForeignKey(
        "directory.Service",
        verbose_name=_("Angebot"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
    )
    location = models.ForeignKey(
        "directory.Location",
        verbose_name=_("Ort"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
    )
    service_at_location = models.ForeignKey(
        "directory.ServiceAtLocation",
        verbose_name=_("Angebot an einem Ort"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="schedules",
    )
    valid_from = models.DateField(_("Gültig ab"), null=True, blank=True)
    valid_to = models.DateField(_("Gültig bis"), null=True, blank=True)
    dtstart = models.DateField(
        _("Erster Termin"), null=True, blank=True, help_text=_("Nötig bei einem Intervall.")
    )
    timezone = models.CharField(
        _("Zeitzone"), max_length=64, default=DEFAULT_TIMEZONE, validators=[validate_timezone]
    )
    until = models.DateField(_("Letzter Termin"), null=True, blank=True)
    count = models.PositiveIntegerField(_("Anzahl der Termine"), null=True, blank=True)
    wkst = models.CharField(_("Wochenbeginn"), max_length=2, choices=Weekday.choices, blank=True)
    freq = models.CharField(_("Häufigkeit"), max_length=7, choices=Freq.choices, blank=True)
    interval = models.PositiveSmallIntegerField(
        _("Intervall"), null=True, blank=True, help_text=_("2 bei wöchentlich heißt: alle 14 Tage.")
    )
    byday = models.CharField(
        _("Wochentage"),
        max_length=100,
        blank=True,
        help_text=_(
            "Kürzel der Wochentage auf Englisch, zum Beispiel „MO,TU“ (Montag und Dienstag); "
            "monatlich auch „1MO“ (erster Montag) oder „-1FR“ (letzter Freitag)."
        ),
    )
    byweekno = models.CharField(_("Kalenderwochen"), max_length=200, blank=True)
    bymonthday = models.CharField(
        _("Tage im Monat"), max_length=100, blank=True, help_text=_("Zum Beispiel „1,15,-1“.")
    )
    byyearday = models.CharField(_("Tage im Jahr"), max_length=200, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    opens_at = models.TimeField(_("Öffnet um"), null=True, blank=True)
    closes_at = models.TimeField(_("Schließt um"), null=True, blank=True)
    schedule_link = models.URLField(_("Terminübersicht (Adresse)"), max_length=500, blank=True)
    attending_type = models.TextField(_("Art der Teilnahme"), blank=True)
    notes = models.TextField(_("Hinweise"), blank=True)

    class Meta:
        verbose_name = _("Öffnungszeit")
        verbose_name_plural = _("Öffnungszeiten")
        constraints = [
            at_least_one_of(
                "service", "location", "service_at_location", name="schedule_has_parent"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="schedule_valid_to_after_valid_from",
            ),
        ]

    def __str__(self) -> str:
        times = ""
        if self.opens_at and self.closes_at:
            times = f" {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"
        return f"{self.freq} {self.byday or self.bymonthday}{times}".strip()

    def clean(self) -> None:
        super().clean()
        if self.freq:
            try:
                self.recurrence()
            except ValueError as error:
                raise ValidationError(str(error)) from None

    def recurrence(self) -> Recurrence | None:
        """The iCalendar rule, or None for a schedule described only in words."""
        if not self.freq:
            return None
        return Recurrence.parse(
            freq=self.freq,
            interval=self.interval,
            byday=self.byday,
            bymonthday=self.bymonthday,
            byweekno=self.byweekno,
            byyearday=self.byyearday,
            # interval and count count from here (dateutil's dtstart)
            dtstart=self.dtstart or self.valid_from,
            until=self.until,
            count=self.count,
            wkst=self.wkst,
        )

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone or DEFAULT_TIMEZONE)

    def opens_on(self, day: datetime.date) -> bool:
        """True if the rule has an opening on the (local) day within the validity period.

        A schedule without a rule, or with a rule that cannot be read, opens on no day: only
        its description says when.
        """
        if self.valid_from is not None and day < self.valid_from:
            return False
        if self.valid_to is not None and day > self.valid_to:
            return False
        try:
            rule = self.recurrence()
        except ValueError:
            return False
        return rule is not None and rule.occurs_on(day)

    def is_open_at(self, moment: datetime.datetime) -> bool:
        """True if open at the moment, compared in the schedule's local time (DST included).

        A naive moment is read as local time. ``closes_at`` is exclusive; a closing time at or
        before the opening time means past midnight (22:00 to 02:00). A rule without times is
        open all day.
        """
        if moment.tzinfo is None:
            local = moment.replace(tzinfo=self.tzinfo)
        else:
            local = moment.astimezone(self.tzinfo)
        return open_at_local_time(
            local.date(),
            local.time().replace(tzinfo=None),
            opens=self.opens_at,
            closes=self.closes_at,
            opens_on=self.opens_on,
        )


def open_at_local_time(
    day: datetime.date,
    time: datetime.time,
    *,
    opens: datetime.time | None,
    closes: datetime.time | None,
    opens_on: Callable[[datetime.date], bool],
) -> bool:
    """Whether hours from `opens` to `closes` (exclusive) include `time` on the local `day`,
    given which days the rule opens on. No times: open all day; a closing time at or before
    the opening time means past midnight (22:00 to 02:00)."""
    if opens is None and closes is None:
        return opens_on(day)
    opens = opens or datetime.time.min
    if closes is None or closes == datetime.time.min:
        return time >= opens and opens_on(day)
    if opens < closes:
        return opens <= time < closes and opens_on(day)
    return (time >= opens and opens_on(day)) or (
        time < closes and opens_on(day - datetime.timedelta(days=1))
    )
