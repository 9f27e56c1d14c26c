"""Locations, their addresses and accessibility, and which service is offered where (HSDS)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import HsdsModel


class LocationType(models.TextChoices):
    PHYSICAL = "physical", _("Vor Ort")
    POSTAL = "postal", _("Postanschrift")
    VIRTUAL = "virtual", _("Online")


class Location(HsdsModel):  # type: ignore[django-manager-missing]  # modeltranslation
    """A place where services are offered: a building, a postal address or a website (HSDS)."""

    LocationType = LocationType

    location_type = models.CharField(
        _("Art des Ortes"),
        max_length=10,
        choices=LocationType.choices,
        default=LocationType.PHYSICAL,
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="locations",
        help_text=_(
            "Leer, wenn mehrere Organisationen den Ort teilen, z. B. ein Stadtteilzentrum."
        ),
    )
    url = models.URLField(_("Website"), max_length=500, blank=True)
    name = models.CharField(_("Name"), max_length=255, blank=True)
    alternate_name = models.CharField(_("Weiterer Name"), max_length=255, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    transportation = models.TextField(
        _("Anfahrt"), blank=True, help_text=_("Zum Beispiel Bus- und Bahnhaltestellen in der Nähe.")
    )
    latitude = models.FloatField(_("Breite"), null=True, blank=True)
    longitude = models.FloatField(_("Länge"), null=True, blank=True)
    external_identifier = models.CharField(_("Externe Kennung"), max_length=255, blank=True)
    external_identifier_type = models.CharField(
        _("Art der externen Kennung"), max_length=100, blank=True
    )

    class Meta:
        verbose_name = _("Ort")
        verbose_name_plural = _("Orte")
        ordering = ["name"]

    def __str__(self) -> str:
        return str(self.name or self.get_location_type_display())


class Address(HsdsModel):
    """A location's address (HSDS address). Our addition: ``area``, the district it lies in.

    ``country`` is the ISO 3166-1 alpha-2 code; ``state_province`` the Bundesland.
    """

    AddressType = LocationType

    location = models.ForeignKey(
        Location, verbose_name=_("Ort"), on_delete=models.CASCADE, related_name="addresses"
    )
    attention = models.CharField(_("Zu Händen"), max_length=255, blank=True)
    address_1 = models.CharField(_("Straße und Hausnummer"), max_length=255)
    address_2 = models.CharField(_("Adresszusatz"), max_length=255, blank=True)
    city = models.CharField(_("Ort"), max_length=100)
    region = models.CharField(_("Region"), max_length=100, blank=True)
    state_province = models.CharField(_("Bundesland"), max_length=100)
    postal_code = models.CharField(_("Postleitzahl"), max_length=20)
    country = models.CharField(_("Land"), max_length=2, default="DE")
    address_type = models.CharField(
        _("Art der Adresse"),
        max_length=10,
        choices=LocationType.choices,
        default=LocationType.PHYSICAL,
    )
    area = models.ForeignKey(
        "areas.Area",
        verbose_name=_("Gebiet"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="addresses",
        help_text=_("Das kleinste Gebiet, in dem die Adresse liegt."),
    )

    class Meta:
        verbose_name = _("Adresse")
        verbose_name_plural = _("Adressen")
        indexes = [models.Index(fields=["area", "address_type"], name="address_area_type")]

    def __str__(self) -> str:
        return f"{self.address_1}, {self.postal_code} {self.city}"


class Accessibility(HsdsModel):  # type: ignore[django-manager-missing]  # modeltranslation
    """How accessible a location is (HSDS accessibility)."""

    location = models.ForeignKey(
        Location, verbose_name=_("Ort"), on_delete=models.CASCADE, related_name="accessibility"
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    details = models.TextField(_("Einzelheiten"), blank=True)
    url = models.URLField(_("Weitere Informationen (Adresse)"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("Barrierefreiheit")
        verbose_name_plural = _("Angaben zur Barrierefreiheit")

    def __str__(self) -> str:
        return str(self.description)[:80]


class ServiceAtLocation(HsdsModel):  # type: ignore[django-manager-missing]  # modeltranslation
    """A service offered at a location (HSDS service_at_location)."""

    service = models.ForeignKey(
        "directory.Service",
        verbose_name=_("Angebot"),
        on_delete=models.CASCADE,
        related_name="service_at_locations",
    )
    location = models.ForeignKey(
        Location,
        verbose_name=_("Ort"),
        on_delete=models.CASCADE,
        related_name="service_at_locations",
        db_index=False,  # covered by service_at_location_place
    )
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        verbose_name = _("Angebot an einem Ort")
        verbose_name_plural = _("Angebote an Orten")
        # "Services at these places" (district and distance filters) from the index alone
        indexes = [models.Index(fields=["location", "service"], name="service_at_location_place")]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "location"], name="unique_service_at_location"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"
