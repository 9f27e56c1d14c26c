"""Registration for the directory's events: settings per event, one row per date with its own
capacity, bookings (one person's registration for themselves or a group) and participants.

How places are counted (docs/events.md): a booking *holds* places while it is confirmed, or
while it waits for the e-mail confirmation or for the acceptance of an offer from the waiting
list and its holding time (``hold_until``) has not run out. Everything that changes the places
of a date locks the date's row first (`services.py`).
"""

import datetime
import secrets

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def new_token() -> str:
    """The secret part of a personal link: 192 random bits, unguessable."""
    return secrets.token_urlsafe(24)


class Allocation(models.TextChoices):
    FIRST_COME = "first_come", _("Wer zuerst kommt, bekommt den Platz")
    LOTTERY = "lottery", _("Die Plätze werden verlost")


class Registration(models.Model):
    """That people can register for an event, and on which terms."""

    event = models.OneToOneField(
        "directory.Event",
        verbose_name=_("Veranstaltung"),
        on_delete=models.CASCADE,
        related_name="registration",
    )
    is_open = models.BooleanField(
        _("Anmeldung möglich"),
        default=True,
        help_text=_("Ohne Haken kann sich niemand mehr neu anmelden."),
    )
    capacity = models.PositiveIntegerField(
        _("Plätze je Termin"), validators=[MinValueValidator(1), MaxValueValidator(10000)]
    )
    opens_at = models.DateTimeField(_("Anmeldung ab"), null=True, blank=True)
    closes_at = models.DateTimeField(_("Anmeldung bis"), null=True, blank=True)
    min_age = models.PositiveSmallIntegerField(_("Mindestalter"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("Höchstalter"), null=True, blank=True)
    price = models.DecimalField(
        _("Preis je Person (Euro)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    price_note = models.CharField(_("Hinweis zum Preis"), max_length=255, blank=True)
    max_group_size = models.PositiveSmallIntegerField(
        _("Höchstens Personen je Anmeldung"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    waitlist = models.BooleanField(_("Warteliste"), default=True)
    #: Passes (docs/events.md): with a pass type, the form asks each participant for a pass
    #: number; `pass_required` admits pass holders only, `pass_price` is their price per person.
    pass_type = models.ForeignKey(
        "passes.PassType",
        verbose_name=_("Pass"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    pass_required = models.BooleanField(_("Nur mit Pass"), default=False)
    pass_price = models.DecimalField(
        _("Preis je Person mit Pass (Euro)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
    )
    #: How places are given: first come, first served (here), or by a draw (a separate module
    #: collects wishes and allocates; booking_create refuses direct registration then).
    allocation = models.CharField(
        _("Vergabe der Plätze"),
        max_length=20,
        choices=Allocation.choices,
        default=Allocation.FIRST_COME,
    )
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Anmeldung zu einer Veranstaltung")
        verbose_name_plural = _("Anmeldungen zu Veranstaltungen")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(max_age__gte=models.F("min_age")),
                name="registration_age_range",
            ),
            models.CheckConstraint(
                condition=Q(pass_type__isnull=False)
                | (Q(pass_required=False) & Q(pass_price__isnull=True)),
                name="registration_pass_terms_need_pass_type",
            ),
        ]

    def __str__(self) -> str:
        return str(self.event.title)

    @property
    def asks_age(self) -> bool:
        return self.min_age is not None or self.max_age is not None

    @property
    def is_free(self) -> bool:
        return not self.price

    @property
    def asks_pass(self) -> bool:
        return self.pass_type_id is not None

    def window_is_open(self, now: datetime.datetime) -> bool:
        return (self.opens_at is None or self.opens_at <= now) and (
            self.closes_at is None or now < self.closes_at
        )


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    NUMBER = "number", _("Zahl")
    CHOICE = "choice", _("Auswahl")
    DATE = "date", _("Datum")


class Question(models.Model):
    """A question asked for every participant (e.g. "Allergien?")."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    label = models.CharField(_("Frage"), max_length=200)
    help_text = models.CharField(_("Erklärung"), max_length=255, blank=True)
    kind = models.CharField(
        _("Art der Antwort"), max_length=10, choices=QuestionKind.choices, default="text"
    )
    choices = models.TextField(
        _("Antworten zur Auswahl"), blank=True, help_text=_("Eine Antwort je Zeile.")
    )
    required = models.BooleanField(_("Pflichtfrage"), default=False)

    class Meta:
        verbose_name = _("Frage")
        verbose_name_plural = _("Fragen")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label

    @property
    def key(self) -> str:
        """The key of the answer in a participant's answers."""
        return str(self.pk)

    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class BookingStatus(models.TextChoices):
    PENDING = "pending", _("Wartet auf Bestätigung per E-Mail")
    CONFIRMED = "confirmed", _("Angemeldet")
    WAITING = "waiting", _("Auf der Warteliste")
    OFFERED = "offered", _("Platz angeboten")
    CANCELLED = "cancelled", _("Abgesagt")
    EXPIRED = "expired", _("Verfallen")


#: Statuses that may hold places (see holding()).
HOLDING = (BookingStatus.PENDING, BookingStatus.CONFIRMED, BookingStatus.OFFERED)
#: Bookings that are still "in play" (not cancelled or expired).
ACTIVE = (*HOLDING, BookingStatus.WAITING)


def holding(now: datetime.datetime, prefix: str = "") -> Q:
    """Bookings that hold places at `now` (prefix: "bookings__" from an occurrence)."""
    return Q(**{f"{prefix}status": BookingStatus.CONFIRMED}) | Q(
        **{f"{prefix}status__in": [BookingStatus.PENDING, BookingStatus.OFFERED]},
        **{f"{prefix}hold_until__gt": now},
    )


class OccurrenceQuerySet(models.QuerySet["Occurrence"]):
    def with_places(self, now: datetime.datetime) -> "OccurrenceQuerySet":
        """Annotates `taken` (places held) and `waiting` (bookings on the waiting list)."""
        return self.annotate(
            taken=Coalesce(Sum("bookings__places", filter=holding(now, "bookings__")), 0),
            waiting=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
        )

    def upcoming(self, now: datetime.datetime) -> "OccurrenceQuerySet":
        return self.filter(start__gt=now, cancelled_at__isnull=True)


class Occurrence(models.Model):
    """One date of an event (a series has many); registration is per date."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="occurrences"
    )
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("Plätze"))
    cancelled_at = models.DateTimeField(_("Abgesagt am"), null=True, blank=True)
    cancel_reason = models.TextField(_("Grund der Absage"), blank=True)

    objects = OccurrenceQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("Veranstaltung", "Termin")
        verbose_name_plural = pgettext_lazy("Veranstaltung", "Termine")
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "start"], name="occurrence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.registration}, {timezone.localtime(self.start):%d.%m.%Y %H:%M}"

    @property
    def event(self):  # type: ignore[no-untyped-def]
        return self.registration.event

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def places_taken(self, now: datetime.datetime) -> int:
        total = self.bookings.filter(holding(now)).aggregate(total=Sum("places"))["total"]
        return int(total or 0)

    def places_free(self, now: datetime.datetime) -> int:
        return max(self.capacity - self.places_taken(now), 0)

    def accepts_registrations(self, now: datetime.datetime) -> bool:
        registration = self.registration
        return (
            registration.is_open
            and registration.window_is_open(now)
            and not self.is_cancelled
            and self.start > now
        )


class Booking(models.Model):
    """One registration for one date: by one person, for themselves or a group."""

    occurrence = models.ForeignKey(
        Occurrence,
        verbose_name=pgettext_lazy("Veranstaltung", "Termin"),
        on_delete=models.CASCADE,
        related_name="bookings",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail-Adresse"))
    language = models.CharField(_("Sprache"), max_length=8, default="de")
    status = models.CharField(_("Stand"), max_length=12, choices=BookingStatus.choices)
    #: how many people the booking is for (its participants)
    size = models.PositiveSmallIntegerField(_("Personen"))
    #: places held for or given to the booking (fewer than `size` after a partial offer)
    places = models.PositiveSmallIntegerField(_("Plätze"), default=0)
    accept_fewer = models.BooleanField(_("Nimmt auch weniger Plätze"), default=False)
    hold_until = models.DateTimeField(_("Reserviert bis"), null=True, blank=True)
    email_confirmed_at = models.DateTimeField(_("E-Mail bestätigt am"), null=True, blank=True)
    price = models.DecimalField(
        _("Preis (Euro)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    created = models.DateTimeField(_("Angemeldet am"), default=timezone.now, db_index=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Buchung")
        verbose_name_plural = _("Buchungen")
        ordering = ["created", "id"]
        indexes = [models.Index(fields=["occurrence", "status"], name="booking_occurrence_status")]

    def __str__(self) -> str:
        # no personal data: this text lands in the audit log
        return _("Buchung %(id)s") % {"id": self.pk}

    @property
    def holds_places(self) -> bool:
        if self.status == BookingStatus.CONFIRMED:
            return True
        return (
            self.status in (BookingStatus.PENDING, BookingStatus.OFFERED)
            and self.hold_until is not None
            and self.hold_until > timezone.now()
        )

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE


class Participant(models.Model):
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="participants")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("Name"), max_length=200)
    age = models.PositiveSmallIntegerField(_("Alter"), null=True, blank=True)
    #: {question id: answer as text}
    answers = models.JSONField(_("Antworten"), default=dict, blank=True)
    attended = models.BooleanField(_("War da"), null=True, blank=True)
    #: the pass shown at registration (only the reference: the number is the pass's)
    pass_card = models.ForeignKey(
        "passes.Pass",
        verbose_name=_("Pass"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Teilnehmerin oder Teilnehmer")
        verbose_name_plural = _("Teilnehmende")
        ordering = ["booking", "position", "id"]

    def __str__(self) -> str:
        return _("Teilnahme %(id)s") % {"id": self.pk}
