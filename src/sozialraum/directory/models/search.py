"""The search index (directory/search.py): an inverted index kept in the database.

``SearchTerm`` is the vocabulary: every normalized term (a German stem, or a part of a compound
word) that occurs in some service. ``SearchPosting`` says that a term occurs in a service, in a
field of a given weight (one row per term, service and field weight). ``SearchIndexRecord``
remembers which version of a service (its ``modified``) the postings describe, so a service
changed without re-indexing is noticed and indexed again when someone searches.
``SearchVocabularyVersion`` changes whenever terms are added, so each process knows when to
reload its in-memory copy of the vocabulary (used for typos and compound words).
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchTerm(models.Model):
    term = models.CharField(_("Begriff"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("Suchbegriff")
        verbose_name_plural = _("Suchbegriffe")

    def __str__(self) -> str:
        return self.term


class SearchPosting(models.Model):
    # Both foreign keys are covered by the composite indexes below.
    term = models.ForeignKey(
        SearchTerm, on_delete=models.CASCADE, related_name="postings", db_index=False
    )
    service = models.ForeignKey(
        "directory.Service",
        on_delete=models.CASCADE,
        related_name="search_postings",
        db_index=False,
    )
    weight = models.PositiveSmallIntegerField(_("Gewicht"))

    class Meta:
        verbose_name = _("Eintrag im Suchindex")
        verbose_name_plural = _("Einträge im Suchindex")
        indexes = [
            # Looking up terms (covering: no table access needed) and the per-service ranking.
            models.Index(fields=["term", "service", "weight"], name="search_posting_term"),
            models.Index(fields=["service", "term", "weight"], name="search_posting_service"),
        ]

    def __str__(self) -> str:
        return f"{self.term_id} → {self.service_id} ({self.weight})"


class SearchIndexRecord(models.Model):
    """The ``modified`` time of the service version that is in the index."""

    service = models.OneToOneField(
        "directory.Service",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_index_record",
    )
    modified = models.DateTimeField(_("Stand des Angebots"), db_index=True)

    class Meta:
        verbose_name = _("Stand im Suchindex")
        verbose_name_plural = _("Stände im Suchindex")

    def __str__(self) -> str:
        return f"{self.service_id} @ {self.modified}"


class SearchVocabularyVersion(models.Model):
    """One row: a new random ``token`` whenever terms were added to the vocabulary."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    token = models.UUIDField(default=uuid.uuid4)

    class Meta:
        verbose_name = _("Stand des Suchvokabulars")
        verbose_name_plural = _("Stände des Suchvokabulars")

    def __str__(self) -> str:
        return str(self.token)
