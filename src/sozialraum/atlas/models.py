# ruff: noqa: RUF001  (German text uses the multiplication and division signs)
"""The Sozialatlas' data: indicators with their metadata, and their values per area and date.

A value is one number for one indicator, one area and one day (the day the figure describes,
e.g. 31.12.2019), so every area has a time series per indicator. Values are floats: counts of
people stay exact (doubles hold every integer below 2**53), the statistics office's rates keep
more digits than anyone reads, SQLite would not store a Decimal exactly anyway, and the later
steps (z-standardisation, classes, maps) compute in floating point. How many digits to show is
the indicator's `precision`.
"""

import datetime
from typing import Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    POPULATION = "bevoelkerung", _("Bevölkerung")
    WORK = "arbeit-grundsicherung", _("Arbeit und Grundsicherung")
    AGE = "alter", _("Alter")
    CHILDREN = "kinder-familie", _("Kinder und Familie")
    MIGRATION = "migration", _("Migration")
    HOUSING = "wohnen", _("Wohnen")
    SOCIAL_INDEX = "soziale-lage", _("Soziale Lage (Index)")
    OTHER = "sonstiges", _("Sonstiges")


class Kind(models.TextChoices):
    COUNT = "count", _("Anzahl (lässt sich addieren)")
    RATE = "rate", _("Anteil oder Quote")
    VALUE = "value", _("anderer Wert (lässt sich nicht addieren)")


class Interpretation(models.TextChoices):
    HIGHER_IS_BETTER = "higher-better", _("ein höherer Wert ist günstiger")
    HIGHER_IS_WORSE = "higher-worse", _("ein höherer Wert ist ungünstiger")
    NEUTRAL = "neutral", _("keine Wertung")


class UpdateInterval(models.TextChoices):
    MONTHLY = "monthly", _("monatlich")
    QUARTERLY = "quarterly", _("vierteljährlich")
    HALF_YEARLY = "half-yearly", _("halbjährlich")
    YEARLY = "yearly", _("jährlich")
    BIENNIAL = "biennial", _("alle zwei Jahre")
    IRREGULAR = "irregular", _("unregelmäßig")


class IndicatorQuerySet(models.QuerySet["Indicator"]):
    def visible_to(self, user) -> Self:
        """Restricted indicators only for those with `atlas.view_restricted_indicator`."""
        if user.has_perm("atlas.view_restricted_indicator"):
            return self
        return self.filter(restricted=False)


class Indicator(models.Model):
    """What is measured, e.g. "Arbeitslose (Anteil an den 15- bis unter 65-Jährigen, in %)".

    A rate may name two count indicators: then it can be computed for any area and level as
    sum(numerator) / sum(denominator) * factor (see aggregation.py), and the counts it rests on
    stay at hand for suppressing small numbers in public output.
    """

    key = models.SlugField(
        _("Schlüssel"),
        max_length=100,
        unique=True,
        help_text=_("Kurzer, fester Name für Importe und Adressen, z. B. arbeitslose-anteil."),
    )
    name = models.CharField(_("Name"), max_length=200)
    topic = models.CharField(_("Thema"), max_length=40, choices=Topic, default=Topic.OTHER)
    kind = models.CharField(_("Art"), max_length=10, choices=Kind, default=Kind.VALUE)
    unit = models.CharField(
        _("Einheit"), max_length=60, blank=True, help_text=_("z. B. %, Personen")
    )
    definition = models.TextField(
        _("Definition"), blank=True, help_text=_("Was gezählt wird und wie es berechnet wird.")
    )
    numerator = models.ForeignKey(
        "self",
        verbose_name=_("Zähler"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Bei einem Anteil: die Anzahl, die gezählt wird (z. B. Arbeitslose)."),
    )
    denominator = models.ForeignKey(
        "self",
        verbose_name=_("Nenner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Bei einem Anteil: die Bezugsgröße (z. B. Einwohnerinnen und Einwohner)."),
    )
    factor = models.FloatField(
        _("Faktor"), default=100, help_text=_("Zähler ÷ Nenner × Faktor, z. B. 100 für Prozent.")
    )
    source = models.TextField(_("Quelle"), blank=True, help_text=_("Herausgeber und Lizenz"))
    update_interval = models.CharField(
        _("Aktualisierung"), max_length=20, choices=UpdateInterval, blank=True
    )
    interpretation = models.CharField(
        _("Deutung"), max_length=20, choices=Interpretation, default=Interpretation.NEUTRAL
    )
    precision = models.PositiveSmallIntegerField(
        _("Nachkommastellen"), default=1, help_text=_("Wie viele Nachkommastellen gezeigt werden.")
    )
    restricted = models.BooleanField(
        _("nur für die Sozialplanung"),
        default=False,
        help_text=_("Nur Sozialplanung und Administration sehen dieses Merkmal."),
    )
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    objects = IndicatorQuerySet.as_manager()  # type: ignore[django-manager-missing]  # modeltranslation

    class Meta:
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")
        ordering = ["topic", "key"]
        constraints = [
            # Both or neither: a rate computes from a pair.
            models.CheckConstraint(
                condition=Q(numerator__isnull=True, denominator__isnull=True)
                | Q(numerator__isnull=False, denominator__isnull=False, kind="rate"),
                name="indicator_rate_has_numerator_and_denominator",
            ),
        ]

    def __str__(self) -> str:
        return str(self.name)

    def clean(self) -> None:
        for field in ("numerator", "denominator"):
            part = getattr(self, field)
            if part is not None and (part.kind != Kind.COUNT or part.pk == self.pk):
                raise ValidationError(
                    {field: _("Zähler und Nenner müssen andere Indikatoren der Art „Anzahl“ sein.")}
                )
        if self.is_derived and self.kind != Kind.RATE:
            raise ValidationError(
                {"kind": _("Mit Zähler und Nenner ist die Art „Anteil oder Quote“.")}
            )

    @property
    def is_derived(self) -> bool:
        return self.numerator_id is not None and self.denominator_id is not None

    def latest_date(self) -> datetime.date | None:
        """The day of the newest figure (Datenstand)."""
        return self.values.aggregate(day=models.Max("date"))["day"]


class ImportRun(models.Model):
    """One run of `import_indicators`: which file, when, by whom, with what result."""

    file = models.CharField(_("Datei"), max_length=500)
    started = models.DateTimeField(_("Beginn"), auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    created_count = models.PositiveIntegerField(_("neu"), default=0)
    updated_count = models.PositiveIntegerField(_("geändert"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unverändert"), default=0)
    skipped_count = models.PositiveIntegerField(_("übersprungen"), default=0)

    class Meta:
        verbose_name = _("Import")
        verbose_name_plural = _("Importe")
        ordering = ["-started"]

    def __str__(self) -> str:
        return f"{self.file} ({self.started:%Y-%m-%d %H:%M})"


class Flag(models.TextChoices):
    """Why a value has no number; the symbols of official statistics (Zeichenerklärung)."""

    SUPPRESSED = "suppressed", _("geheim gehalten oder unbekannt (.)")
    NOT_APPLICABLE = "not-applicable", _("Aussage nicht sinnvoll (x)")


class IndicatorValueQuerySet(models.QuerySet["IndicatorValue"]):
    def visible_to(self, user) -> Self:
        if user.has_perm("atlas.view_restricted_indicator"):
            return self
        return self.filter(indicator__restricted=False)


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("Indikator"), on_delete=models.CASCADE, related_name="values"
    )
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("Gebiet"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("Stichtag"))
    value = models.FloatField(_("Wert"), null=True, blank=True)
    flag = models.CharField(
        _("Kennzeichen"),
        max_length=20,
        choices=Flag,
        blank=True,
        help_text=_("Warum es keine Zahl gibt; leer, wenn es eine gibt."),
    )
    import_run = models.ForeignKey(
        ImportRun,
        verbose_name=_("Import"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="values",
    )

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("Wert")
        verbose_name_plural = _("Werte")
        constraints = [
            # Ordered for the map (one indicator, one day, every area); see the index below
            # for an area's profile.
            models.UniqueConstraint(
                fields=["indicator", "date", "area"], name="indicatorvalue_unique_per_day"
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False, flag="") | Q(value__isnull=True) & ~Q(flag=""),
                name="indicatorvalue_number_or_flag",
            ),
        ]
        indexes = [models.Index(fields=["area", "indicator", "date"])]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.area_id} {self.date}: {self.value}"
