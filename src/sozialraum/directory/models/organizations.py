"""Organizations (HSDS organization), their staff, identifiers, programs and funding."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .base import HsdsModel, at_least_one_of

INVITATION_VALIDITY = timedelta(days=14)


class Organization(HsdsModel):  # type: ignore[django-manager-missing]  # modeltranslation
    """A provider of social services (HSDS organization).

    Our additions: ``parent_organization`` is kept as a real foreign key (HSDS has only the id),
    and ``is_trusted`` marks organizations whose changes will skip moderation.
    """

    name = models.CharField(_("Name"), max_length=255)
    alternate_name = models.CharField(_("Weiterer Name"), max_length=255, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    website = models.URLField(_("Website"), max_length=500, blank=True)
    tax_status = models.CharField(_("Steuerstatus"), max_length=100, blank=True)
    tax_id = models.CharField(_("Steuernummer"), max_length=100, blank=True)
    year_incorporated = models.PositiveSmallIntegerField(_("Gründungsjahr"), null=True, blank=True)
    legal_status = models.CharField(
        _("Rechtsform"), max_length=100, blank=True, help_text=_("Zum Beispiel e. V. oder gGmbH.")
    )
    logo = models.URLField(_("Logo (Adresse)"), max_length=500, blank=True)
    uri = models.URLField(
        _("Dauerhafte Kennung (URI)"),
        max_length=500,
        blank=True,
        help_text=_("Eine Adresse, die die Organisation dauerhaft und eindeutig bezeichnet."),
    )
    parent_organization = models.ForeignKey(
        "self",
        verbose_name=_("Übergeordnete Organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="child_organizations",
    )
    is_trusted = models.BooleanField(
        _("Vertrauenswürdig"),
        default=False,
        help_text=_("Änderungen dieser Organisation werden ohne Prüfung veröffentlicht."),
    )

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["name"]

    def __str__(self) -> str:
        return str(self.name)

    def get_members_url(self) -> str:
        return reverse("directory:members", kwargs={"organization_id": self.pk})


class MembershipQuerySet(models.QuerySet["Membership"]):
    def admins(self) -> "MembershipQuerySet":
        return self.filter(is_admin=True, user__is_active=True)


class Membership(models.Model):
    """Provider staff: a user who works for an organization; its admins invite colleagues."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    is_admin = models.BooleanField(_("Verwaltet die Organisation"), default=False)
    created = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="unique_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}"


class Invitation(models.Model):
    """An organization admin's invitation to a colleague, sent by e-mail with a secret link.

    Whoever signs in (or signs up) with the invited address can accept it and becomes a member.
    A revoked invitation is deleted; the audit log keeps the record.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("E-Mail-Adresse"))
    as_admin = models.BooleanField(_("Darf die Organisation verwalten"), default=False)
    token = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Eingeladen von"),
    )
    created = models.DateTimeField(_("Eingeladen am"), auto_now_add=True)
    expires = models.DateTimeField(_("Gültig bis"))
    accepted_at = models.DateTimeField(_("Angenommen am"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Angenommen von"),
    )

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-created"]
        indexes = [models.Index(fields=["organization", "email"])]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization}"

    def get_absolute_url(self) -> str:
        return reverse(
            "directory:invitation",
            kwargs={"organization_id": self.organization_id, "token": self.token},
        )

    @property
    def is_expired(self) -> bool:
        return self.expires <= timezone.now()

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and not self.is_expired


class OrganizationIdentifier(HsdsModel):
    """An official identifier of an organization (HSDS organization_identifier)."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="organization_identifiers",
    )
    identifier_scheme = models.CharField(
        _("Schema"),
        max_length=100,
        blank=True,
        help_text=_("Zum Beispiel DE-VR für Vereinsregister."),
    )
    identifier_type = models.CharField(_("Art der Kennung"), max_length=100)
    identifier = models.CharField(_("Kennung"), max_length=255)

    class Meta:
        verbose_name = _("Kennung einer Organisation")
        verbose_name_plural = _("Kennungen von Organisationen")

    def __str__(self) -> str:
        return f"{self.identifier_type}: {self.identifier}"


class Program(HsdsModel):  # type: ignore[django-manager-missing]  # modeltranslation
    """A group of services an organization runs together (HSDS program)."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="programs",
    )
    name = models.CharField(_("Name"), max_length=255)
    alternate_name = models.CharField(_("Weiterer Name"), max_length=255, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)

    class Meta:
        verbose_name = _("Programm")
        verbose_name_plural = _("Programme")
        ordering = ["name"]

    def __str__(self) -> str:
        return str(self.name)


class Funding(HsdsModel):
    """Where the money for an organization or a service comes from (HSDS funding)."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="funding",
    )
    service = models.ForeignKey(
        "directory.Service",
        verbose_name=_("Angebot"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="funding",
    )
    source = models.TextField(_("Geldgeber"), help_text=_("Zum Beispiel „Bezirksamt Mitte“."))

    class Meta:
        verbose_name = _("Finanzierung")
        verbose_name_plural = _("Finanzierungen")
        constraints = [
            at_least_one_of("organization", "service", name="funding_has_organization_or_service")
        ]

    def __str__(self) -> str:
        return self.source
