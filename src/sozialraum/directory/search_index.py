"""Writing the search index: the terms of each service, with the weight of their field.

`index_services(ids)` is called by every write path after it changed services (or what belongs
to them: translations, terms, locations, the organization's name). docs/search.md explains the
weights and the rebuild command.
"""

import bisect
import threading
import uuid
from collections.abc import Collection, Iterable, Iterator
from typing import Any

from django.conf import settings
from django.db import connections, router, transaction
from rapidfuzz.distance import DamerauLevenshtein

from . import change_signs
from .models import Service
from .models.search import SearchIndexRecord, SearchPosting, SearchTerm, SearchVocabularyVersion
from .search_text import (
    MAX_TERM_LENGTH,
    MIN_HEAD_LENGTH,
    is_negation,
    is_stop_word,
    lexicon_stems,
    split_compound,
    stem,
    words,
)

# Field weights: a match in the name counts most, then the short description, the description,
# and least the taxonomy terms, the organization's name and the places.
NAME = 40
SHORT_DESCRIPTION = 20
DESCRIPTION = 10
DETAILS = 7
TERMS = 5
ORGANIZATION = 5
PLACE = 3
#: A part of a compound word counts this much (percent) of the whole word.
COMPOUND_PART = 75

BATCH_SIZE = 500

_SERVICE_FIELDS = (
    ("name", NAME),
    ("alternate_name", NAME),
    ("short_description", SHORT_DESCRIPTION),
    ("description", DESCRIPTION),
    ("eligibility_description", DETAILS),
    ("application_process", DETAILS),
)


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _translations(obj: object, field: str) -> Iterator[str]:
    """The field in every language (modeltranslation's name_de, name_en, ...)."""
    seen = set()
    for code in _languages():
        value = getattr(obj, f"{field}_{code}", None)
        if value and value not in seen:
            seen.add(value)
            yield value
    base = getattr(obj, field, None)
    if base and base not in seen:
        yield base


def _area_names(using: str) -> dict[int, list[str]]:
    """Each area's name with the names of the areas it lies in."""
    from sozialraum.areas.models import Area

    rows = {
        pk: (name, parent)
        for pk, name, parent in Area.objects.using(using).values_list("pk", "name", "parent_id")
    }
    result: dict[int, list[str]] = {}
    for pk in rows:
        names, current, steps = [], pk, 0
        while current is not None and current in rows and steps < 10:
            name, current = rows[current]
            names.append(name)
            steps += 1
        result[pk] = names
    return result


def service_texts(service: Service, area_names: dict[int, list[str]]) -> Iterator[tuple[str, int]]:
    """The texts of a service that the search looks at, each with its field's weight."""
    for field, weight in _SERVICE_FIELDS:
        for text in _translations(service, field):
            yield text, weight
    if service.kind != Service.Kind.SERVICE:
        yield str(Service.Kind(service.kind).label), TERMS
    for attribute in service.attributes.all():
        for text in _translations(attribute.taxonomy_term, "name"):
            yield text, TERMS
    for text in _translations(service.organization, "name"):
        yield text, ORGANIZATION
    for text in _translations(service.organization, "alternate_name"):
        yield text, ORGANIZATION
    for at_location in service.service_at_locations.all():
        location = at_location.location
        for text in _translations(location, "name"):
            yield text, PLACE
        for address in location.addresses.all():
            for name in area_names.get(address.area_id, []) if address.area_id else []:
                yield name, PLACE


class WordAnalyzer:
    """A word's stem and the stems of its compound parts, remembered for a batch of services
    (the same words recur in many services)."""

    def __init__(self, known: Collection[str]) -> None:
        self.known = known
        self._cache: dict[str, tuple[str, tuple[str, ...]] | None] = {}

    def __call__(self, word: str) -> tuple[str, tuple[str, ...]] | None:
        try:
            return self._cache[word]
        except KeyError:
            pass
        result: tuple[str, tuple[str, ...]] | None = None
        if not (is_stop_word(word) or is_negation(word)):
            word_stem = stem(word)
            if 2 <= len(word_stem) <= MAX_TERM_LENGTH:
                result = (word_stem, tuple(split_compound(word, self.known) or ()))
        self._cache[word] = result
        return result


def service_terms(texts: Iterable[tuple[str, int]], analyze: WordAnalyzer) -> dict[str, int]:
    """Terms of the texts → the highest weight each occurs with (compound parts at 3/4)."""
    terms: dict[str, int] = {}
    for text, weight in texts:
        part_weight = max(1, weight * COMPOUND_PART // 100)
        for word in words(text):
            analysis = analyze(word)
            if analysis is None:
                continue
            word_stem, parts = analysis
            if weight > terms.get(word_stem, 0):
                terms[word_stem] = weight
            for part in parts:
                if part_weight > terms.get(part, 0):
                    terms[part] = part_weight
    return terms


def load_vocabulary(using: str) -> dict[str, int]:
    return dict(SearchTerm.objects.using(using).values_list("term", "pk"))


class Vocabulary:
    """All terms of the index in memory, for prefixes and typos (reloaded when it changes)."""

    def __init__(self, token: Any, ids: dict[str, int]) -> None:
        """``token``: the vocabulary's token as the database returns it (change_signs.py)."""
        self.token = token
        self.ids = ids
        self.sorted_terms = sorted(ids)
        self.sorted_reversed = sorted(term[::-1] for term in ids)
        self._by_length: dict[int, list[str]] = {}
        for term in self.sorted_terms:
            self._by_length.setdefault(len(term), []).append(term)

    def starting_with(self, prefix: str, limit: int) -> list[str]:
        start = bisect.bisect_left(self.sorted_terms, prefix)
        result = []
        for term in self.sorted_terms[start : start + limit]:
            if not term.startswith(prefix):
                break
            result.append(term)
        return result

    def ending_with(self, suffix: str, limit: int) -> list[str]:
        """Compounds whose last part is `suffix` ("familienhebamm" for "hebamm")."""
        reversed_suffix = suffix[::-1]
        start = bisect.bisect_left(self.sorted_reversed, reversed_suffix)
        result = []
        for term in self.sorted_reversed[start : start + limit]:
            if not term.startswith(reversed_suffix):
                break
            if len(term) - len(suffix) >= MIN_HEAD_LENGTH:
                result.append(term[::-1])
        return result

    def similar(self, term: str) -> list[str]:
        """Terms within one edit (two for long words) of `term`."""
        max_distance = 1 if len(term) < 8 else 2
        result = []
        for length in range(len(term) - max_distance, len(term) + max_distance + 1):
            for candidate in self._by_length.get(length, ()):
                if (
                    DamerauLevenshtein.distance(term, candidate, score_cutoff=max_distance)
                    <= max_distance
                ):
                    result.append(candidate)
        return result


_vocabularies: dict[str, Vocabulary] = {}
_vocabulary_lock = threading.Lock()


def current_vocabulary(using: str) -> Vocabulary:
    token = change_signs.current(using)(SearchVocabularyVersion, change_signs.VOCABULARY)
    with _vocabulary_lock:
        cached = _vocabularies.get(using)
        if cached is not None and cached.token == token:
            return cached
    vocabulary = Vocabulary(token, load_vocabulary(using))
    with _vocabulary_lock:
        _vocabularies[using] = vocabulary
    return vocabulary


def _known_stems(using: str) -> frozenset[str]:
    """The vocabulary's terms and the lexicon: what compounds may be split into."""
    return frozenset(current_vocabulary(using).ids) | lexicon_stems()


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def index_services(service_ids: Iterable[uuid.UUID], *, using: str | None = None) -> None:
    """Bring the search index up to date for these services (after any write to them or to
    what belongs to them: translations, terms, locations). Write paths call it after saving."""
    ids = list(dict.fromkeys(service_ids))
    if not ids:
        return
    using = using or router.db_for_write(Service)
    area_names = _area_names(using)
    for batch in _chunks(ids, BATCH_SIZE):
        _index_batch(batch, using, area_names)


def _index_batch(ids: list[uuid.UUID], using: str, area_names: dict[int, list[str]]) -> None:
    services = list(
        Service.objects.using(using)
        .filter(pk__in=ids)
        .select_related("organization")
        .prefetch_related("attributes__taxonomy_term", "service_at_locations__location__addresses")
    )
    texts = {service.pk: list(service_texts(service, area_names)) for service in services}
    batch_stems = {
        stem(word)
        for service_texts_ in texts.values()
        for text, _weight in service_texts_
        for word in words(text)
        if not is_stop_word(word)
    }
    known = _known_stems(using) | batch_stems
    analyze = WordAnalyzer(known)
    terms = {pk: service_terms(service_texts_, analyze) for pk, service_texts_ in texts.items()}
    all_terms = set().union(*terms.values()) if terms else set()

    with transaction.atomic(using=using):
        term_ids = _term_ids(all_terms, using)
        SearchPosting.objects.using(using).filter(service_id__in=ids).delete()
        _insert_postings(terms, term_ids, using)
        SearchIndexRecord.objects.using(using).bulk_create(
            [SearchIndexRecord(service_id=s.pk, modified=s.modified) for s in services],
            update_conflicts=True,
            unique_fields=["service"],
            update_fields=["modified"],
        )
    change_signs.forget(using)  # the rest of the request sees the new index


def _insert_postings(
    terms: dict[uuid.UUID, dict[str, int]], term_ids: dict[str, int], using: str
) -> None:
    """One plain INSERT for many rows: model instances would cost most of the indexing time."""
    connection = connections[using]
    table = connection.ops.quote_name(SearchPosting._meta.db_table)
    service_pk = Service._meta.pk
    assert service_pk is not None
    rows = [
        (term_ids[term], service_pk.get_db_prep_value(pk, connection), weight)
        for pk, service_terms_ in terms.items()
        for term, weight in service_terms_.items()
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (term_id, service_id, weight) VALUES (%s, %s, %s)",  # noqa: S608
            rows,
        )


def _term_ids(terms: set[str], using: str) -> dict[str, int]:
    """Ids of the terms, adding new ones to the vocabulary (and announcing the change)."""
    result: dict[str, int] = {}
    for chunk in _chunks(sorted(terms), 900):
        result.update(
            SearchTerm.objects.using(using).filter(term__in=chunk).values_list("term", "pk")
        )
    missing = sorted(terms - result.keys())
    if not missing:
        return result
    SearchTerm.objects.using(using).bulk_create(
        [SearchTerm(term=term) for term in missing], ignore_conflicts=True, batch_size=900
    )
    for chunk in _chunks(missing, 900):
        result.update(
            SearchTerm.objects.using(using).filter(term__in=chunk).values_list("term", "pk")
        )
    SearchVocabularyVersion.objects.using(using).bulk_create(
        [SearchVocabularyVersion(pk=1, token=uuid.uuid4())],
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=["token"],
    )
    return result
