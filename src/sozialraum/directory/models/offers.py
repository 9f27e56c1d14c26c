"""Services (Angebote, HSDS service) and what belongs to one service only."""

import datetime
import uuid
from collections.abc import Collection
from typing import TYPE_CHECKING, Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .base import HsdsModel, at_least_one_of

if TYPE_CHECKING:
    from sozialraum.accounts.models import User
    from sozialraum.areas.models import Area

    from .taxonomy import TaxonomyTerm

#: A service whose information nobody confirmed for this long may be outdated.
FRESHNESS_MONTHS = 12


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` earlier; the month's last day if it has no such day (29 Feb)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


_area_children: dict[str, tuple[tuple[Any, ...], dict[int, list[int]]]] = {}


def area_with_descendant_ids(area: "Area") -> set[int]:
    """The area's id and the ids of every area below it, found by walking the parent links.

    The links are kept per process and read again when the areas change (their count or
    newest ``modified``): every district filter needs them. Code prefixes would be simpler
    but hold only where the statistics office nests its codes (Berlin's LOR do, other cities'
    districts need not), so the parent link is the one rule we rely on.
    """
    from sozialraum.areas.models import Area

    from .. import change_signs

    using = area._state.db or "default"
    version = change_signs.current(using).count_and_newest(Area)
    cached = _area_children.get(using)
    if cached is None or cached[0] != version:
        children: dict[int, list[int]] = {}
        for pk, parent_id in Area.objects.using(using).values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        cached = _area_children[using] = (version, children)
    ids = {area.pk}
    frontier = [area.pk]
    while frontier:
        frontier = [child for pk in frontier for child in cached[1].get(pk, []) if child not in ids]
        ids.update(frontier)
    return ids


def _offered_at(locations: "models.QuerySet[Any, Any]") -> Q:
    from .locations import ServiceAtLocation

    return Q(pk__in=ServiceAtLocation.objects.filter(location__in=locations).values("service_id"))


class ServiceQuerySet(models.QuerySet["Service"]):
    def public(self) -> Self:
        """Services the public directory shows: not inactive or defunct.

        Temporarily closed services stay visible, so people learn that they are closed.
        """
        return self.exclude(status__in=[Service.Status.INACTIVE, Service.Status.DEFUNCT])

    # The filters below are uncorrelated IN (SELECT …) subqueries: SQLite and PostgreSQL evaluate
    # each once, where correlated EXISTS subqueries, several combined, made SQLite's planner run
    # them per row (seconds on a county-sized directory; docs/benchmarks.md).

    def in_area(self, area: "Area") -> Self:
        """Services offered at a location with a physical address in the area or below it."""
        return self.in_areas(area_with_descendant_ids(area))

    def in_areas(self, area_ids: "Collection[int]") -> Self:
        """Services offered at a location with a physical address in one of the areas."""
        from .locations import Address

        return self.offered_at(
            Address.objects.filter(
                address_type=Address.AddressType.PHYSICAL, area__in=area_ids
            ).values("location_id")
        )

    def offered_at(self, locations: "models.QuerySet[Any, Any]") -> Self:
        """Services offered at one of the locations (a queryset of location ids)."""
        return self.filter(_offered_at(locations))

    def with_term(self, term: "TaxonomyTerm", *, narrower: bool = True) -> Self:
        """Services classified with the term or (unless `narrower` is False) a term below it."""
        return self.with_any_term(term.with_narrower_ids() if narrower else {term.pk})

    def with_any_term(self, term_ids: "Collection[uuid.UUID]") -> Self:
        """Services classified with one of the terms."""
        from .taxonomy import Attribute

        return self.filter(
            pk__in=Attribute.objects.filter(taxonomy_term__in=term_ids).values("service_id")
        )

    def with_language(self, code: str) -> Self:
        """Services offered in the language (ISO 639 code, any case), or at a location where
        it is spoken."""
        # lower(code) = ... rather than code__iexact: it is answered from an index (SQLite
        # turns iexact into a LIKE that reads every language row).
        spoken = Language.objects.alias(code_lower=Lower("code")).filter(
            code_lower=code.strip().lower()
        )
        return self.filter(
            Q(pk__in=spoken.filter(service__isnull=False).values("service_id"))
            | _offered_at(spoken.filter(location__isnull=False).values("location_id"))
        )

    def digital_contact_points(self) -> Self:
        return self.filter(kind=Service.Kind.DIGITAL_CONTACT_POINT)

    def unconfirmed_for(self, months: int, today: datetime.date) -> Self:
        """Services nobody confirmed for `months` months (see Service.last_confirmed)."""
        cutoff = months_before(today, months)
        return self.filter(
            Q(assured_date__lte=cutoff) | Q(assured_date__isnull=True, created__date__lte=cutoff)
        )

    def possibly_outdated(self, today: datetime.date) -> Self:
        """Services nobody confirmed for FRESHNESS_MONTHS (see Service.is_possibly_outdated)."""
        return self.unconfirmed_for(FRESHNESS_MONTHS, today)


class Service(HsdsModel):  # type: ignore[django-manager-missing]  # modeltranslation
    """An offer of help (HSDS service).

    Our additions: ``short_description`` in plain language, ``kind`` (a digital contact point
    is an offer of its own kind), and freshness: ``assured_by`` names the user who last
    confirmed the information on ``assured_date``. HSDS ``last_modified`` is ``modified``.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("Aktiv")
        INACTIVE = "inactive", _("Inaktiv")
        DEFUNCT = "defunct", _("Eingestellt")
        TEMPORARILY_CLOSED = "temporarily closed", _("Vorübergehend geschlossen")

    class Kind(models.TextChoices):
        SERVICE = "service", _("Angebot")
        DIGITAL_CONTACT_POINT = "digital_contact_point", _("Anlaufstelle für digitale Teilhabe")

    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="services",
    )
    program = models.ForeignKey(
        "directory.Program",
        verbose_name=_("Programm"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
    )
    name = models.CharField(_("Name"), max_length=255)
    alternate_name = models.CharField(_("Weiterer Name"), max_length=255, blank=True)
    short_description = models.CharField(
        _("Kurzbeschreibung"),
        max_length=300,
        blank=True,
        help_text=_("Ein bis zwei Sätze in einfacher Sprache: Wem hilft das Angebot, wobei?"),
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    kind = models.CharField(
        _("Art"), max_length=30, choices=Kind.choices, default=Kind.SERVICE, db_index=True
    )
    url = models.URLField(_("Website"), max_length=500, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    interpretation_services = models.TextField(_("Dolmetschen"), blank=True)
    application_process = models.TextField(_("So bekommen Sie Hilfe"), blank=True)
    fees_description = models.TextField(_("Kosten"), blank=True)
    wait_time = models.CharField(_("Wartezeit"), max_length=255, blank=True)
    accreditations = models.TextField(_("Anerkennungen"), blank=True)
    eligibility_description = models.TextField(_("Voraussetzungen"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("Mindestalter"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("Höchstalter"), null=True, blank=True)
    licenses = models.TextField(_("Zulassungen"), blank=True)
    alert = models.TextField(
        _("Aktueller Hinweis"), blank=True, help_text=_("Zum Beispiel geänderte Öffnungszeiten.")
    )
    assured_date = models.DateField(_("Zuletzt bestätigt am"), null=True, blank=True)
    assurer_email = models.EmailField(_("Bestätigt von (E-Mail)"), blank=True)
    assured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Bestätigt von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ServiceQuerySet.as_manager()  # type: ignore[django-manager-missing]  # modeltranslation

    class Meta:
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["status", "modified"], name="service_status_modified"),
            models.Index(fields=["organization", "status"], name="service_organization_status"),
            models.Index(fields=["assured_date"], name="service_assured_date"),
            # Lists are sorted by the name in the page's language (modeltranslation's column):
            # the unfiltered search page reads its first 20 from the index.
            *(
                models.Index(fields=[f"name_{code}"], name=f"service_name_{code}")
                for code, _name in settings.LANGUAGES
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum_age__isnull=True)
                | Q(maximum_age__isnull=True)
                | Q(maximum_age__gte=models.F("minimum_age")),
                name="service_age_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.name)

    @property
    def last_confirmed(self) -> datetime.date:
        """The day someone last confirmed the information, or the day it was entered."""
        return self.assured_date or timezone.localdate(self.created)

    def is_unconfirmed_for(self, months: int, today: datetime.date) -> bool:
        return self.last_confirmed <= months_before(today, months)

    def is_possibly_outdated(self, today: datetime.date) -> bool:
        """True if nobody confirmed the information for FRESHNESS_MONTHS months."""
        return self.is_unconfirmed_for(FRESHNESS_MONTHS, today)

    def confirm(self, *, by: "User", today: datetime.date | None = None) -> None:
        """Record that `by` checked the information and found it current."""
        self.assured_date = today or timezone.localdate()
        self.assured_by = by
        self.assurer_email = by.email
        self.save(update_fields=["assured_date", "assured_by", "assurer_email", "modified"])


class CostOption(HsdsModel):  # type: ignore[django-manager-missing]  # modeltranslation
    """A price of a service (HSDS cost_option)."""

    service = models.ForeignKey(
        Service, verbose_name=_("Angebot"), on_delete=models.CASCADE, related_name="cost_options"
    )
    valid_from = models.DateField(_("Gültig ab"), null=True, blank=True)
    valid_to = models.DateField(_("Gültig bis"), null=True, blank=True)
    option = models.TextField(_("Bedingungen"), blank=True, help_text=_("Zum Beispiel „unter 18“."))
    currency = models.CharField(_("Währung"), max_length=3, default="EUR")
    amount = models.DecimalField(
        _("Betrag"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    amount_description = models.CharField(
        _("Erläuterung zum Betrag"),
        max_length=255,
        blank=True,
        help_text=_("Zum Beispiel „pro Termin“."),
    )

    class Meta:
        verbose_name = _("Preis")
        verbose_name_plural = _("Preise")

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}" if self.amount is not None else self.option


class RequiredDocument(HsdsModel):  # type: ignore[django-manager-missing]  # modeltranslation
    """A document people need to bring or show (HSDS required_document)."""

    service = models.ForeignKey(
        Service,
        verbose_name=_("Angebot"),
        on_delete=models.CASCADE,
        related_name="required_documents",
    )
    document = models.TextField(_("Unterlage"), help_text=_("Zum Beispiel „Personalausweis“."))
    uri = models.URLField(_("Weitere Informationen (Adresse)"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Benötigte Unterlage")
        verbose_name_plural = _("Benötigte Unterlagen")

    def __str__(self) -> str:
        return self.document


class ServiceArea(HsdsModel):
    """Where a service is available (HSDS service_area).

    Our addition: ``area`` points to one of the city's areas when the service area is one;
    ``extent`` keeps a shape or text from an import.
    """

    class ExtentType(models.TextChoices):
        GEOJSON = "geojson", _("GeoJSON")
        TOPOJSON = "topojson", _("TopoJSON")
        KML = "kml", _("KML")
        TEXT = "text", _("Text")

    service = models.ForeignKey(
        Service, verbose_name=_("Angebot"), on_delete=models.CASCADE, related_name="service_areas"
    )
    name = models.CharField(_("Name"), max_length=255, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    extent = models.TextField(_("Umriss"), blank=True)
    extent_type = models.CharField(
        _("Format des Umrisses"), max_length=10, choices=ExtentType.choices, blank=True
    )
    uri = models.CharField(_("Dauerhafte Kennung (URI)"), max_length=500, blank=True)
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("Gebiet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_areas",
    )

    class Meta:
        verbose_name = _("Einzugsgebiet")
        verbose_name_plural = _("Einzugsgebiete")

    def __str__(self) -> str:
        return self.name or str(self.area or "")


class Language(HsdsModel):
    """A language a service, location or phone line is offered in (HSDS language)."""

    service = models.ForeignKey(
        Service,
        verbose_name=_("Angebot"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="languages",
    )
    location = models.ForeignKey(
        "directory.Location",
        verbose_name=_("Ort"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="languages",
    )
    phone = models.ForeignKey(
        "directory.Phone",
        verbose_name=_("Telefon"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="languages",
    )
    name = models.CharField(_("Name"), max_length=100, blank=True)
    code = models.CharField(
        _("Sprachcode"), max_length=10, blank=True, help_text=_("ISO 639-1 oder 639-3, z. B. tr.")
    )
    note = models.TextField(_("Hinweis"), blank=True)

    class Meta:
        verbose_name = _("Sprache")
        verbose_name_plural = _("Sprachen")
        indexes = [models.Index(Lower("code"), name="language_code_lower")]
        constraints = [
            at_least_one_of("service", "location", "phone", name="language_has_parent"),
        ]

    def __str__(self) -> str:
        return self.name or self.code
