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
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


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


def default_status_thresholds() -> list[float]:
    return [-1.0, 1.0, 1.5]


def default_status_labels() -> list[str]:
    return ["hoch", "mittel", "niedrig", "sehr niedrig"]


def default_dynamics_thresholds() -> list[float]:
    return [-1.0, 1.0]


def default_dynamics_labels() -> list[str]:
    return ["positiv", "stabil", "negativ"]


class SocialIndex(models.Model):
    """A composite index like Berlin's MSS, configured by the social planners.

    The computation is `social_index.py`; `services.social_index_compute` stores its results
    as values of result indicators (keys `<key>-status`, `<key>-status-klasse`, ...), so maps,
    tables and area profiles show them like any other indicator.
    """

    key = models.SlugField(
        _("Schlüssel"),
        max_length=60,
        unique=True,
        help_text=_("Kurzer, fester Name; die Ergebnis-Indikatoren heißen danach, z. B. mss."),
    )
    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(
        _("Beschreibung"), blank=True, help_text=_("Die Methode in einfacher Sprache.")
    )
    population = models.ForeignKey(
        Indicator,
        verbose_name=_("Einwohnerzahl"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Indikator mit der Einwohnerzahl am selben Stichtag. Leer: alle Gebiete mit Werten "
            "zählen mit."
        ),
    )
    minimum_population = models.PositiveIntegerField(
        _("Mindesteinwohnerzahl"),
        default=300,
        help_text=_("Kleinere Gebiete bekommen keinen Indexwert."),
    )
    all_zero_is_missing = models.BooleanField(
        _("Nullzeilen auslassen"),
        default=False,
        help_text=_(
            "Ein Gebiet, dessen Indikatoren alle genau 0 sind, bekommt keinen Indexwert (die "
            "MSS-Tabellen schreiben 0 für Gebiete ohne Zahlen)."
        ),
    )
    dynamics_years = models.PositiveSmallIntegerField(
        _("Dynamik über Jahre"),
        default=2,
        help_text=_("Veränderung über so viele Jahre; 0: ohne Dynamik."),
    )
    status_thresholds = models.JSONField(
        _("Grenzen Status"),
        default=default_status_thresholds,
        help_text=_("Aufsteigend, in Standardabweichungen, z. B. [-1, 1, 1.5]."),
    )
    status_labels = models.JSONField(
        _("Klassen Status"),
        default=default_status_labels,
        help_text=_("Eine Klasse mehr als Grenzen, vom günstigsten zum ungünstigsten."),
    )
    dynamics_thresholds = models.JSONField(
        _("Grenzen Dynamik"), default=default_dynamics_thresholds
    )
    dynamics_labels = models.JSONField(_("Klassen Dynamik"), default=default_dynamics_labels)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Sozialindex")
        verbose_name_plural = _("Sozialindizes")
        ordering = ["name"]

    def __str__(self) -> str:
        return str(self.name)

    def clean(self) -> None:
        for thresholds, labels in (
            ("status_thresholds", "status_labels"),
            ("dynamics_thresholds", "dynamics_labels"),
        ):
            limits, names = getattr(self, thresholds), getattr(self, labels)
            if not isinstance(limits, list) or not all(
                isinstance(limit, int | float) and not isinstance(limit, bool) for limit in limits
            ):
                raise ValidationError({thresholds: _("Eine Liste von Zahlen, z. B. [-1, 1].")})
            if limits != sorted(limits):
                raise ValidationError({thresholds: _("Die Grenzen müssen aufsteigen.")})
            if not isinstance(names, list) or len(names) != len(limits) + 1:
                raise ValidationError(
                    {labels: _("Es braucht genau eine Klasse mehr, als es Grenzen gibt.")}
                )


class Direction(models.IntegerChoices):
    HIGHER_IS_WORSE = 1, _("ein höherer Wert ist ungünstiger")
    HIGHER_IS_BETTER = -1, _("ein höherer Wert ist günstiger")


class SocialIndexComponent(models.Model):
    """One indicator of an index: its status, and its change over the index's years."""

    index = models.ForeignKey(
        SocialIndex, verbose_name=_("Index"), on_delete=models.CASCADE, related_name="components"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("Statusindikator"), on_delete=models.PROTECT, related_name="+"
    )
    change = models.ForeignKey(
        Indicator,
        verbose_name=_("Dynamikindikator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Indikator mit der Veränderung (z. B. in Prozentpunkten). Leer: die Veränderung "
            "wird aus den Werten des Statusindikators berechnet (Stichtag minus Stichtag vor "
            "den Jahren der Dynamik)."
        ),
    )
    direction = models.SmallIntegerField(
        _("Richtung"), choices=Direction, default=Direction.HIGHER_IS_WORSE
    )
    optional = models.BooleanField(
        _("kann fehlen"),
        default=False,
        help_text=_(
            "Hat der Indikator an einem Stichtag gar keine Werte, wird der Index ohne ihn "
            "berechnet, und die Meldung sagt es (z. B. S2, die das MSS seit 2019 nicht mehr "
            "erhebt). Sonst ist das ein Fehler."
        ),
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Indikator des Index")
        verbose_name_plural = _("Indikatoren des Index")
        ordering = ["index", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["index", "indicator"], name="socialindexcomponent_unique_indicator"
            )
        ]

    def __str__(self) -> str:
        return str(self.indicator)


class RuleKind(models.TextChoices):
    ABOVE = "above", _("über einem Schwellenwert")
    BELOW = "below", _("unter einem Schwellenwert")
    CHANGE = "change", _("Veränderung über Zeiträume")
    Z_JUMP = "z-jump", _("Sprung des z-Werts")


class ChangeMeasure(models.TextChoices):
    ABSOLUTE = "absolute", _("in der Einheit des Indikators (bei Anteilen: Prozentpunkte)")
    PERCENT = "percent", _("in Prozent des früheren Werts")


class ChangeDirection(models.TextChoices):
    UP = "up", _("Anstieg")
    DOWN = "down", _("Rückgang")
    EITHER = "either", _("Anstieg oder Rückgang")


class WarningRule(models.Model):
    """A rule of the early warning (Frühwarnung, docs/atlas-warnings.md): when does an area's
    figure deserve the social planners' attention? Evaluated by `warnings.warnings_evaluate`."""

    name = models.CharField(_("Name"), max_length=200)
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("Indikator"), on_delete=models.CASCADE, related_name="+"
    )
    level = models.ForeignKey(
        "areas.AreaLevel",
        verbose_name=_("Gebietsebene"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leer: jede Ebene, für die es Werte gibt."),
    )
    kind = models.CharField(_("Art der Regel"), max_length=10, choices=RuleKind)
    threshold = models.FloatField(
        _("Grenze"),
        help_text=_(
            "Schwellenwert (über/unter) oder die Veränderung, die überschritten werden muss "
            "(bei z-Werten in Standardabweichungen)."
        ),
    )
    periods = models.PositiveSmallIntegerField(
        _("Zeiträume"),
        default=1,
        help_text=_("Veränderung: verglichen wird mit dem Wert so viele Stichtage früher."),
    )
    measure = models.CharField(
        _("Veränderung gemessen"),
        max_length=10,
        choices=ChangeMeasure,
        default=ChangeMeasure.ABSOLUTE,
    )
    direction = models.CharField(
        _("Richtung"), max_length=10, choices=ChangeDirection, default=ChangeDirection.EITHER
    )
    active = models.BooleanField(_("aktiv"), default=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Frühwarnregel")
        verbose_name_plural = _("Frühwarnregeln")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(periods__gte=1), name="warningrule_periods_min_1"),
        ]

    def __str__(self) -> str:
        return str(self.name)

    def clean(self) -> None:
        if self.kind in (RuleKind.CHANGE, RuleKind.Z_JUMP) and self.threshold < 0:
            raise ValidationError(
                {"threshold": _("Die Veränderung ist ein Betrag: bitte eine Zahl ab 0.")}
            )


class FindingQuerySet(models.QuerySet["Finding"]):
    def visible_to(self, user) -> Self:
        if user.has_perm("atlas.view_restricted_indicator"):
            return self
        return self.filter(rule__indicator__restricted=False)


class Finding(models.Model):
    """One area whose figure on one day meets a rule (Hinweis der Frühwarnung)."""

    rule = models.ForeignKey(
        WarningRule, verbose_name=_("Regel"), on_delete=models.CASCADE, related_name="findings"
    )
    area = models.ForeignKey(
        "areas.Area", verbose_name=_("Gebiet"), on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField(_("Stichtag"))
    values = models.JSONField(
        _("Werte"),
        default=dict,
        help_text=_("Die Zahlen, die die Regel ausgelöst haben (Wert, früherer Wert, z-Werte)."),
    )
    first_seen = models.DateTimeField(_("zuerst gefunden"), auto_now_add=True)
    mailed = models.DateTimeField(_("per E-Mail gemeldet"), null=True, blank=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("Frühwarnung", "Hinweis")
        verbose_name_plural = pgettext_lazy("Frühwarnung", "Hinweise")
        ordering = ["-date", "rule", "area"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "area", "date"], name="finding_unique_per_rule_area_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule} – {self.area} ({self.date})"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    PUBLISHED = "published", _("veröffentlicht")


class ReportQuerySet(models.QuerySet["Report"]):
    def published(self) -> Self:
        return self.filter(status=ReportStatus.PUBLISHED)


class Report(models.Model):
    """A thematic report (Sozialbericht, Teilhabeplanung, ...): text and live maps, charts and
    tables of indicators, composed by the social planners (docs/atlas-reports.md)."""

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(
        _("Kurzname"),
        max_length=100,
        unique=True,
        help_text=_("Für die Adresse, z. B. sozialbericht-2024."),
    )
    summary = models.TextField(_("Zusammenfassung"), blank=True)
    status = models.CharField(
        _("Status"), max_length=10, choices=ReportStatus, default=ReportStatus.DRAFT
    )
    published = models.DateField(_("veröffentlicht am"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    objects = ReportQuerySet.as_manager()  # type: ignore[django-manager-missing]  # modeltranslation

    class Meta:
        verbose_name = _("Bericht")
        verbose_name_plural = _("Berichte")
        ordering = ["-published", "title"]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("atlas:report", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED


class MapMethod(models.TextChoices):
    """The map's classifications (classify.Method) a report can fix; own limits are for the map
    page, where a planner tries them out."""

    QUANTILES = "quantile", _("Quantile (gleich viele Gebiete je Klasse)")
    EQUAL_INTERVALS = "gleiche-abstaende", _("Gleiche Abstände")
    NATURAL_BREAKS = "natuerliche-grenzen", _("Natürliche Grenzen (Jenks)")
    STD_DEV = "standardabweichung", _("Standardabweichungen vom Mittelwert")


class BlockKind(models.TextChoices):
    TEXT = "text", _("Text")
    MAP = "map", _("Karte")
    CHART = "chart", _("Zeitreihe")
    TABLE = "table", _("Tabelle")


class ReportBlock(models.Model):
    """One part of a report: a text in Markdown, or a map, a chart or a table of an indicator.
    Without a day the block shows the newest figures (live)."""

    report = models.ForeignKey(
        Report, verbose_name=_("Bericht"), on_delete=models.CASCADE, related_name="blocks"
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    kind = models.CharField(_("Art"), max_length=10, choices=BlockKind, default=BlockKind.TEXT)
    heading = models.CharField(_("Überschrift"), max_length=200, blank=True)
    text = models.TextField(_("Text"), blank=True, help_text=_("In Markdown."))
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("Indikator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    level = models.ForeignKey(
        "areas.AreaLevel",
        verbose_name=_("Gebietsebene"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Karte und Tabelle: die Gebiete dieser Ebene. Leer: die feinste Ebene."),
    )
    date = models.DateField(
        _("Stichtag"), null=True, blank=True, help_text=_("Leer: immer die neuesten Zahlen.")
    )
    method = models.CharField(
        _("Einteilung"), max_length=30, choices=MapMethod, default=MapMethod.QUANTILES
    )
    classes = models.PositiveSmallIntegerField(
        _("Klassen"), default=5, validators=[MinValueValidator(2), MaxValueValidator(7)]
    )
    areas = models.ManyToManyField(
        "areas.Area",
        verbose_name=_("Gebiete"),
        blank=True,
        related_name="+",
        help_text=_("Zeitreihe: diese Gebiete. Leer: die Gebiete der Ebene, sonst die Stadt."),
    )
    caption = models.CharField(_("Bildunterschrift"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Baustein")
        verbose_name_plural = _("Bausteine")
        ordering = ["report", "position", "pk"]

    def __str__(self) -> str:
        return self.heading or str(self.get_kind_display())

    def clean(self) -> None:
        if self.kind != BlockKind.TEXT and self.indicator_id is None:
            raise ValidationError(
                {"indicator": _("Karte, Zeitreihe und Tabelle brauchen einen Indikator.")}
            )
        if self.kind == BlockKind.TEXT and not self.text.strip():
            raise ValidationError({"text": _("Ein Textbaustein braucht einen Text.")})
