"""Taxonomies, their terms, and attributes that attach a term to a record (HSDS 3.0)."""

import uuid
from typing import Self

from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import HsdsModel, exactly_one_of


class Taxonomy(HsdsModel):  # type: ignore[django-manager-missing]  # modeltranslation
    """A vocabulary of terms (HSDS taxonomy), e.g. our topics, target groups and features.

    ``slug`` is our addition: code and the seed migration find a taxonomy by it
    (``Taxonomy.TOPICS`` …), whatever its translated name says.
    """

    TOPICS = "themen"
    TARGET_GROUPS = "zielgruppen"
    FEATURES = "merkmale"

    slug = models.SlugField(_("Kurzname"), max_length=100, unique=True)
    name = models.CharField(_("Name"), max_length=255)
    description = models.TextField(_("Beschreibung"), blank=True)
    uri = models.URLField(_("Dauerhafte Kennung (URI)"), max_length=500, blank=True)
    version = models.CharField(_("Version"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("Taxonomie")
        verbose_name_plural = _("Taxonomien")
        ordering = ["slug"]

    def __str__(self) -> str:
        return str(self.name)


class TaxonomyTermQuerySet(models.QuerySet["TaxonomyTerm"]):
    def in_taxonomy(self, slug: str) -> Self:
        return self.filter(taxonomy__slug=slug)


class TaxonomyTerm(HsdsModel):  # type: ignore[django-manager-missing]  # modeltranslation
    """One term of a taxonomy (HSDS taxonomy_term); terms may be nested through ``parent``.

    HSDS carries both ``taxonomy`` (free text naming an external taxonomy) and ``taxonomy_id``;
    here every term belongs to a Taxonomy row, so the foreign key ``taxonomy`` (column
    ``taxonomy_id``) serves both and the serializer writes the taxonomy's name as text.
    """

    taxonomy = models.ForeignKey(
        Taxonomy, verbose_name=_("Taxonomie"), on_delete=models.CASCADE, related_name="terms"
    )
    code = models.CharField(
        _("Code"), max_length=100, help_text=_("Die Kennung des Begriffs in seiner Taxonomie.")
    )
    name = models.CharField(_("Name"), max_length=255)
    description = models.TextField(_("Beschreibung"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Übergeordneter Begriff"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    language = models.CharField(
        _("Sprache"),
        max_length=7,
        blank=True,
        default="de",
        help_text=_("ISO-639-Code der Sprache, in der der Begriff ursprünglich geschrieben ist."),
    )
    term_uri = models.URLField(_("Adresse des Begriffs (URI)"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    objects = TaxonomyTermQuerySet.as_manager()  # type: ignore[django-manager-missing]  # modeltranslation

    class Meta:
        verbose_name = _("Begriff")
        verbose_name_plural = _("Begriffe")
        ordering = ["taxonomy", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "code"], name="unique_term_code")
        ]

    def __str__(self) -> str:
        return str(self.name)

    def with_narrower_ids(self) -> set[uuid.UUID]:
        """The term's id and the ids of all terms below it (one query per level of nesting)."""
        ids = {self.pk}
        frontier = {self.pk}
        while frontier:
            frontier = (
                set(TaxonomyTerm.objects.filter(parent__in=frontier).values_list("pk", flat=True))
                - ids
            )
            ids |= frontier
        return ids


#: The records an attribute can link to, by their HSDS table names (Attribute.link_entity).
ATTRIBUTE_LINKS = ("organization", "service", "location", "service_at_location", "event")


class Attribute(HsdsModel):
    """A taxonomy term attached to one record (HSDS attribute).

    HSDS links a term to any entity by ``link_id`` plus ``link_entity`` (the table name). We
    store the link as explicit nullable foreign keys, exactly one of them set (a check
    constraint), for the records we classify: organizations, services, locations, services at
    a location and events. Compared with a generic relation (content type + object id) this gives
    the database's referential integrity and cascading deletes, ordinary indexed joins
    (``Service.objects.filter(attributes__taxonomy_term=term)``), ``select_related`` and no
    dependence on content-type ids that differ between installations. ``link_entity`` and
    ``link_id`` are derived properties, so the serializer still maps 1:1. A new classified
    entity costs one nullable column and a migration.
    """

    LINKS = ATTRIBUTE_LINKS

    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, verbose_name=_("Begriff"), on_delete=models.CASCADE, related_name="attributes"
    )
    link_type = models.CharField(
        _("Art der Zuordnung"),
        max_length=100,
        blank=True,
        help_text=_("Was der Begriff beschreibt, z. B. Zielgruppe oder Voraussetzung (HSDS)."),
    )
    value = models.CharField(_("Wert"), max_length=255, blank=True)
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attributes",
    )
    service = models.ForeignKey(
        "directory.Service",
        verbose_name=_("Angebot"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attributes",
    )
    location = models.ForeignKey(
        "directory.Location",
        verbose_name=_("Ort"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attributes",
    )
    service_at_location = models.ForeignKey(
        "directory.ServiceAtLocation",
        verbose_name=_("Angebot an einem Ort"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attributes",
    )
    event = models.ForeignKey(
        "directory.Event",
        verbose_name=_("Veranstaltung"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attributes",
    )

    class Meta:
        verbose_name = _("Zuordnung eines Begriffs")
        verbose_name_plural = _("Zuordnungen von Begriffen")
        constraints = [
            exactly_one_of(*ATTRIBUTE_LINKS, name="attribute_links_exactly_one_record"),
            *(
                models.UniqueConstraint(
                    fields=[link, "taxonomy_term", "link_type"], name=f"unique_{link}_attribute"
                )
                for link in ATTRIBUTE_LINKS
            ),
        ]

    def __str__(self) -> str:
        return f"{self.taxonomy_term} → {self.link_entity}"

    @property
    def link_entity(self) -> str:
        """The HSDS table name of the linked record, e.g. ``service``."""
        for link in self.LINKS:
            if getattr(self, f"{link}_id") is not None:
                return link
        return ""

    @property
    def link_id(self) -> uuid.UUID | None:
        entity = self.link_entity
        return getattr(self, f"{entity}_id") if entity else None
