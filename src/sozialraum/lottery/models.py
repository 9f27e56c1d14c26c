"""Holiday programmes whose places are drawn (docs/lottery.md).

A `Programme` ("Ferienprogramm Sommer 2027") groups lottery registrations of several events
(`ProgrammeEvent`; an event belongs to one programme at most). During the wish phase a parent
sends an `Application` for one or more children (`Child`), each with a ranked list of dates
(`Wish`), or one list for siblings who go together. The draw (`services.programme_draw`) runs
`sozialraum.passes.lottery.draw`, stores its seed, input and result on the programme, and turns
them into bookings of the events app: winners confirmed, the others on the waiting lists in the
order drawn.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sozialraum.events.models import new_token


class Phase(models.TextChoices):
    BEFORE = "before", _("Wunschphase beginnt noch")
    WISHES = "wishes", _("Wunschphase läuft")
    READY = "ready", _("Bereit zur Verlosung")
    DRAWN = "drawn", _("Verlost")


class Programme(models.Model):
    title = models.CharField(_("Titel"), max_length=200, help_text=_("z. B. Ferienprogramm Sommer"))
    description = models.TextField(
        _("Beschreibung"), blank=True, help_text=_("Für Familien, in einfacher Sprache.")
    )
    wishes_from = models.DateTimeField(_("Wünsche ab"))
    wishes_until = models.DateTimeField(_("Wünsche bis"))
    max_wishes = models.PositiveSmallIntegerField(
        _("Höchstens Wünsche je Kind"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    places_per_child = models.PositiveSmallIntegerField(
        _("Höchstens Plätze je Kind"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    pass_type = models.ForeignKey(
        "passes.PassType",
        verbose_name=_("Pass"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    pass_holders_first = models.BooleanField(_("Kinder mit Pass zuerst"), default=True)
    nothing_yet_first = models.BooleanField(
        _("Kinder ohne Platz in früheren Verlosungen zuerst"), default=True
    )
    registrations = models.ManyToManyField(
        "events.Registration",
        through="ProgrammeEvent",
        verbose_name=_("Veranstaltungen"),
        related_name="+",
        blank=True,
    )
    # the draw: stored in full so that it can be checked and repeated
    drawn_at = models.DateTimeField(_("Verlost am"), null=True, blank=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    seed = models.CharField(_("Startwert der Verlosung"), max_length=64, blank=True)
    draw_input = models.JSONField(null=True, blank=True, editable=False)
    draw_result = models.JSONField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Ferienprogramm")
        verbose_name_plural = _("Ferienprogramme")
        ordering = ["-wishes_from", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(wishes_until__gt=models.F("wishes_from")),
                name="programme_wish_phase_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def phase(self, now: datetime.datetime) -> str:
        if self.drawn_at is not None:
            return Phase.DRAWN
        if now < self.wishes_from:
            return Phase.BEFORE
        if now < self.wishes_until:
            return Phase.WISHES
        return Phase.READY

    def phase_label(self, now: datetime.datetime) -> str:
        return str(Phase(self.phase(now)).label)

    @property
    def priorities(self) -> tuple[str, ...]:
        rules = []
        if self.pass_holders_first:
            rules.append("pass_holder")
        if self.nothing_yet_first:
            rules.append("nothing_yet")
        return tuple(rules)


class ProgrammeEvent(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="links")
    registration = models.OneToOneField(
        "events.Registration", on_delete=models.CASCADE, related_name="programme_link"
    )

    class Meta:
        verbose_name = _("Veranstaltung im Ferienprogramm")
        verbose_name_plural = _("Veranstaltungen im Ferienprogramm")

    def __str__(self) -> str:
        return f"{self.programme}: {self.registration}"


class Application(models.Model):
    """One parent's wishes for their children (double opt-in by e-mail, like a booking)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="applications")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail-Adresse"))
    language = models.CharField(_("Sprache"), max_length=8, default="de")
    together = models.BooleanField(_("Geschwister zusammen"), default=False)
    email_confirmed_at = models.DateTimeField(_("E-Mail bestätigt am"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("Zurückgezogen am"), null=True, blank=True)
    created = models.DateTimeField(_("Eingegangen am"), db_index=True)

    class Meta:
        verbose_name = _("Wünsche einer Familie")
        verbose_name_plural = _("Wünsche von Familien")
        ordering = ["created", "id"]

    def __str__(self) -> str:
        # no personal data: this text lands in the audit log
        return _("Wünsche %(id)s") % {"id": self.pk}

    @property
    def takes_part(self) -> bool:
        return self.email_confirmed_at is not None and self.withdrawn_at is None


class Child(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="children")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("Name"), max_length=200)
    age = models.PositiveSmallIntegerField(_("Alter"), null=True, blank=True)
    pass_card = models.ForeignKey(
        "passes.Pass", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: places won in the programme's draw (earlier programmes count them: "nothing yet first")
    places_won = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Kind")
        verbose_name_plural = _("Kinder")
        ordering = ["application", "position", "id"]

    def __str__(self) -> str:
        return _("Kind %(id)s") % {"id": self.pk}


class Outcome(models.TextChoices):
    OPEN = "", _("Noch nicht verlost")
    WON = "won", _("Platz bekommen")
    WAITING = "waiting", _("Warteliste")
    NONE = "none", _("Kein Platz")


class Wish(models.Model):
    """One ranked wish: of a child, or (child empty) of all siblings of an application together."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="wishes")
    child = models.ForeignKey(
        Child, on_delete=models.CASCADE, null=True, blank=True, related_name="wishes"
    )
    occurrence = models.ForeignKey(
        "events.Occurrence",
        on_delete=models.PROTECT,  # a date with wishes is kept (events/services_provider.py)
        related_name="+",
        verbose_name=pgettext_lazy("Veranstaltung", "Termin"),
    )
    rank = models.PositiveSmallIntegerField(_("Rang"))
    outcome = models.CharField(max_length=8, choices=Outcome.choices, blank=True, default="")
    #: the booking the draw made for this wish (a place or the waiting list)
    booking = models.ForeignKey(
        "events.Booking", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Wunsch")
        verbose_name_plural = _("Wünsche")
        ordering = ["application", "child", "rank"]

    def __str__(self) -> str:
        return _("Wunsch %(id)s") % {"id": self.pk}
