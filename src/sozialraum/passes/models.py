"""Passes the city issues (Ferienpass, Familienpass) and their types.

Privacy by design: a pass here is a number, a type, a validity and at most the holder's year of
birth (for age limits). No name, no address: the office that issues the pass keeps those in its
own records; the platform only needs to know that a number is a valid pass of a type on a day.
"""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import numbering


class PassType(models.Model):  # type: ignore[django-manager-missing]  # modeltranslation
    code = models.CharField(
        _("Kürzel"),
        max_length=6,
        unique=True,
        validators=[
            RegexValidator(r"^[A-Z]{2,6}$", _("2 bis 6 Großbuchstaben ohne Umlaute, z. B. FP."))
        ],
        help_text=_(
            "Steht am Anfang jeder Passnummer, die die Plattform erzeugt, und in der Spalte "
            "„Art“ der Import-Dateien. Bleibt, wie angelegt."
        ),
    )
    name = models.CharField(_("Name"), max_length=100, help_text=_("z. B. Ferienpass"))
    description = models.TextField(
        _("Beschreibung"),
        blank=True,
        help_text=_("Wer den Pass bekommt und wofür er gilt, in einfacher Sprache."),
    )
    validity_months = models.PositiveSmallIntegerField(
        _("Gültigkeit in Monaten"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Wie lange ein neuer Pass gilt, wenn beim Ausgeben kein Enddatum steht."),
    )
    created = models.DateTimeField(_("angelegt"), auto_now_add=True)

    class Meta:
        verbose_name = _("Passart")
        verbose_name_plural = _("Passarten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def default_valid_until(self, valid_from: datetime.date) -> datetime.date:
        """The last day of validity for a pass valid from `valid_from`, by validity_months."""
        month_index = valid_from.month - 1 + self.validity_months
        year, month = valid_from.year + month_index // 12, month_index % 12 + 1
        try:
            end = valid_from.replace(year=year, month=month)
        except ValueError:  # 31 January + 1 month: the first of the month after
            end = datetime.date(year, month, 1) + datetime.timedelta(days=31)
            end = end.replace(day=1)
        return end - datetime.timedelta(days=1)


class PassQuerySet(models.QuerySet["Pass"]):
    def valid_on(self, day: datetime.date) -> "PassQuerySet":
        return self.filter(valid_from__lte=day, valid_until__gte=day, revoked__isnull=True)


class Pass(models.Model):
    number = models.CharField(
        _("Passnummer"),
        max_length=40,
        unique=True,
        validators=[RegexValidator(r"^[A-Z0-9]{6,40}$", _("6 bis 40 Buchstaben und Ziffern."))],
    )
    pass_type = models.ForeignKey(
        PassType, on_delete=models.PROTECT, related_name="passes", verbose_name=_("Passart")
    )
    valid_from = models.DateField(_("gültig ab"))
    valid_until = models.DateField(_("gültig bis"), help_text=_("einschließlich"))
    birth_year = models.PositiveSmallIntegerField(
        _("Geburtsjahr"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2200)],
        help_text=_("Nur wenn Angebote Altersgrenzen haben (z. B. beim Ferienpass eines Kindes)."),
    )
    revoked = models.DateTimeField(
        _("gesperrt am"),
        null=True,
        blank=True,
        help_text=_("Ein gesperrter Pass (verloren, ersetzt) gilt nicht mehr."),
    )
    created = models.DateTimeField(_("ausgegeben am"), auto_now_add=True)
    modified = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = PassQuerySet.as_manager()

    class Meta:
        verbose_name = _("Pass")
        verbose_name_plural = _("Pässe")
        ordering = ["-created", "number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")),
                name="pass_valid_until_after_valid_from",
            )
        ]

    def __str__(self) -> str:
        return self.display_number

    @property
    def display_number(self) -> str:
        return numbering.display(self.number, self.pass_type.code)

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.revoked is None and self.valid_from <= day <= self.valid_until

    def revoke(self) -> None:
        if self.revoked is None:
            self.revoked = timezone.now()
            self.save(update_fields=["revoked", "modified"])

    def reinstate(self) -> None:
        if self.revoked is not None:
            self.revoked = None
            self.save(update_fields=["revoked", "modified"])
