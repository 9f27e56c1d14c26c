"""Contact persons and phone numbers (HSDS contact, phone)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import HsdsModel, at_least_one_of


class Contact(HsdsModel):
    """A person or desk to contact about an organization, service or location (HSDS contact)."""

    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
    )
    service = models.ForeignKey(
        "directory.Service",
        verbose_name=_("Angebot"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
    )
    service_at_location = models.ForeignKey(
        "directory.ServiceAtLocation",
        verbose_name=_("Angebot an einem Ort"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
    )
    location = models.ForeignKey(
        "directory.Location",
        verbose_name=_("Ort"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
    )
    name = models.CharField(_("Name"), max_length=255, blank=True)
    title = models.CharField(_("Funktion"), max_length=255, blank=True)
    department = models.CharField(_("Abteilung"), max_length=255, blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)

    class Meta:
        verbose_name = _("Ansprechperson")
        verbose_name_plural = _("Ansprechpersonen")
        constraints = [
            at_least_one_of(
                "organization",
                "service",
                "service_at_location",
                "location",
                name="contact_has_parent",
            )
        ]

    def __str__(self) -> str:
        return self.name or self.department or self.email


class Phone(HsdsModel):
    """A phone number (HSDS phone); ``type`` follows the RFC 6350 types HSDS names."""

    class Type(models.TextChoices):
        VOICE = "voice", _("Telefon")
        CELL = "cell", _("Mobiltelefon")
        TEXT = "text", _("SMS")
        FAX = "fax", _("Fax")
        VIDEO = "video", _("Videotelefonie")
        PAGER = "pager", _("Pager")
        TEXTPHONE = "textphone", _("Schreibtelefon")

    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="phones",
    )
    service = models.ForeignKey(
        "directory.Service",
        verbose_name=_("Angebot"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="phones",
    )
    location = models.ForeignKey(
        "directory.Location",
        verbose_name=_("Ort"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="phones",
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("Ansprechperson"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="phones",
    )
    service_at_location = models.ForeignKey(
        "directory.ServiceAtLocation",
        verbose_name=_("Angebot an einem Ort"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="phones",
    )
    number = models.CharField(_("Nummer"), max_length=50)
    extension = models.PositiveIntegerField(_("Durchwahl"), null=True, blank=True)
    type = models.CharField(_("Art"), max_length=10, choices=Type.choices, default=Type.VOICE)
    description = models.TextField(_("Hinweis"), blank=True)

    class Meta:
        verbose_name = _("Telefonnummer")
        verbose_name_plural = _("Telefonnummern")
        constraints = [
            at_least_one_of(
                "organization",
                "service",
                "location",
                "contact",
                "service_at_location",
                name="phone_has_parent",
            )
        ]

    def __str__(self) -> str:
        return self.number
