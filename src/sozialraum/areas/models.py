"""The city's areas (Gebiete): a hierarchy of levels, each area with its official id and outline.

Geometries are plain GeoJSON (RFC 7946, WGS84 longitude/latitude) in a JSON column; geometry
work is done with shapely. Boundaries change over time (Berlin redrew its LOR in 2021), so every
area carries an optional validity period and the same id may exist once per period.
"""

import datetime
from typing import Self

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def validity_text(valid_from: datetime.date | None, valid_until: datetime.date | None) -> str:
    """The validity period as a phrase, e.g. "gültig bis zum 31. Dezember 2020".

    Whole phrases, not "gültig" joined to a date fragment, so that translators can order them.
    """
    if valid_from and valid_until:
        return gettext("gültig vom %(start)s bis zum %(end)s") % {
            "start": date_format(valid_from),
            "end": date_format(valid_until),
        }
    if valid_from:
        return gettext("gültig ab dem %(start)s") % {"start": date_format(valid_from)}
    if valid_until:
        return gettext("gültig bis zum %(end)s") % {"end": date_format(valid_until)}
    return gettext("unbefristet gültig")


class AreaLevel(models.Model):  # type: ignore[django-manager-missing]  # modeltranslation
    """One level of the hierarchy, e.g. Bezirk > Bezirksregion > Planungsraum."""

    name = models.CharField(_("Name"), max_length=100)
    slug = models.SlugField(_("Kurzname"), max_length=100, unique=True)
    rank = models.PositiveSmallIntegerField(
        _("Rang"), default=0, help_text=_("0 ist die größte Ebene, größere Zahlen sind feiner.")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Übergeordnete Ebene"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )

    class Meta:
        verbose_name = _("Gebietsebene")
        verbose_name_plural = _("Gebietsebenen")
        ordering = ["rank", "slug"]

    def __str__(self) -> str:
        return str(self.name)

    def get_absolute_url(self) -> str:
        return reverse("areas:level", kwargs={"level_slug": self.slug})

    def reference_date(self, today: datetime.date | None = None) -> datetime.date | None:
        """The day whose areas this level shows by default.

        Today, if any area of the level is valid today; otherwise the last day of the most
        recent past set, or else the first day of the next set. None if the level is empty.
        """
        today = today or timezone.localdate()
        areas = Area.objects.filter(level=self)
        if areas.valid_on(today).exists():
            return today
        last_day = areas.filter(valid_until__lt=today).aggregate(day=models.Max("valid_until"))[
            "day"
        ]
        if last_day:
            return last_day
        return areas.filter(valid_from__gt=today).aggregate(day=models.Min("valid_from"))["day"]


class AreaQuerySet(models.QuerySet["Area"]):
    def valid_on(self, day: datetime.date) -> Self:
        """Areas whose validity period includes the day (open ends count as always)."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )

    def current(self) -> Self:
        return self.valid_on(timezone.localdate())

    def in_level(self, level: "AreaLevel | str") -> Self:
        """Areas of a level, given as an AreaLevel or its slug."""
        if isinstance(level, AreaLevel):
            return self.filter(level=level)
        return self.filter(level__slug=level)

    def overlapping(
        self, valid_from: datetime.date | None, valid_until: datetime.date | None
    ) -> Self:
        """Areas valid on at least one day of the period (None: open end)."""
        areas = self
        if valid_until is not None:
            areas = areas.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=valid_until))
        if valid_from is not None:
            areas = areas.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=valid_from))
        return areas

    def coarsest_with_code(self, code: str) -> "Area | None":
        """The area with this code; codes repeat across levels only by accident, and then the
        coarser area (a district rather than a planning area) wins."""
        return self.filter(code=code).select_related("level").order_by("level__rank").first()

    def without_geometry(self) -> Self:
        """Lists and tables never need the outlines, which are large."""
        return self.defer("geometry")


class Area(models.Model):
    """An area as the statistics office defines it, e.g. Planungsraum 01011101 Stülerstraße."""

    level = models.ForeignKey(
        AreaLevel, verbose_name=_("Ebene"), on_delete=models.PROTECT, related_name="areas"
    )
    code = models.CharField(
        _("Kennziffer"),
        max_length=40,
        help_text=_("Wie das Statistikamt sie schreibt, mit führenden Nullen, z. B. 01011101."),
    )
    name = models.CharField(_("Name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Übergeordnetes Gebiet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    geometry = models.JSONField(
        _("Umriss (GeoJSON)"), help_text=_("Polygon oder MultiPolygon in WGS84 (Länge/Breite).")
    )
    bbox = models.JSONField(
        _("Begrenzungsrahmen"), default=list, help_text=_("[West, Süd, Ost, Nord] in Grad.")
    )
    point_lon = models.FloatField(_("Bezugspunkt: Länge"), null=True, blank=True)
    point_lat = models.FloatField(_("Bezugspunkt: Breite"), null=True, blank=True)
    valid_from = models.DateField(_("Gültig ab"), null=True, blank=True)
    valid_until = models.DateField(_("Gültig bis"), null=True, blank=True)
    source = models.TextField(_("Quelle"), blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("Gebiet")
        verbose_name_plural = _("Gebiete")
        ordering = ["level__rank", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code", "valid_from"], name="area_unique_code_per_period"
            ),
            # NULL is distinct from NULL in a unique index, so the open start needs its own.
            models.UniqueConstraint(
                fields=["level", "code"],
                condition=Q(valid_from__isnull=True),
                name="area_unique_code_without_start",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="area_valid_until_after_valid_from",
            ),
        ]
        indexes = [models.Index(fields=["level", "valid_from", "valid_until"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        if self.valid_from is None:
            return reverse("areas:area", kwargs={"level_slug": self.level.slug, "code": self.code})
        return reverse(
            "areas:area_since",
            kwargs={
                "level_slug": self.level.slug,
                "code": self.code,
                "since": self.valid_from.isoformat(),
            },
        )

    @property
    def validity(self) -> str:
        return validity_text(self.valid_from, self.valid_until)

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def ancestors(self) -> list["Area"]:
        """The parent, its parent and so on, the largest area first."""
        chain: list[Area] = []
        parent_id = self.parent_id
        seen = {self.pk}
        while parent_id is not None and parent_id not in seen:
            seen.add(parent_id)
            parent = Area.objects.without_geometry().select_related("level").get(pk=parent_id)
            chain.append(parent)
            parent_id = parent.parent_id
        return chain[::-1]
