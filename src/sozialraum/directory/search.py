"""German-aware search over services (the web page, the widget and the HSDS API use it).

Contract: `search_services(services, query)` returns `SearchResults`: the services of the
queryset that match `query`, best first, each with `search_rank` (higher is better); count them,
slice them, or use `.queryset` for more filters. An empty query keeps the queryset (by name).
Write paths call `index_services(ids)` after changing services.

How it works (docs/search.md): `index_services` writes an inverted index (models/search.py):
the normalized terms of each service with the weight of the field they occur in. A query is
parsed into concepts (a word, or a phrase from the synonym dictionary), each concept expanded
into vocabulary terms (exact stems, synonyms, compounds that start with the word, the parts of a
compound, close spellings), and the services are ranked by how many concepts they match, how
rare those concepts are, and in which field they match; the ranking is done in memory
(search_postings.py), the caller's filters in the database.
"""

import math
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, overload

import numpy as np
from django.db import connections, router, transaction
from django.db.models import Exists, OuterRef, QuerySet

from . import change_signs
from .models import Service
from .models.base import IdIn, in_reader_language
from .models.search import SearchIndexRecord, SearchPosting
from .search_index import Vocabulary, current_vocabulary, index_services
from .search_postings import Array, Postings, current_postings
from .search_synonyms import SYNONYMS
from .search_text import is_negation, is_stop_word, lexicon_stems, split_compound, stem, words

__all__ = ["SearchResults", "index_services", "search_services"]

# How a vocabulary term relates to what was typed, in percent: a term that is exactly the
# word counts fully, a synonym or a compound that begins with the word less, a guess at a
# typo least.
EXACT = 100
SYNONYM = 80
PHRASE_WORD = 50
COMPOUND = 70
TRUNCATED = 70
TYPO = 60

#: A service that matches one more concept of the query always ranks higher ...
CONCEPT_SCORE = 1_000_000
#: ... then rarer concepts count more (idf, 1..90) ...
RARITY_SCORE = 10_000
#: ... then the field (weight 1..40) times the match quality (percent) decides.
MAX_PREFIX_EXPANSION = 300
#: At most this many stale services are indexed while a search waits.
MAX_REINDEX_PER_SEARCH = 1000


@dataclass
class Concept:
    """One thing the person asked for: alternative stems (with their quality) any of which
    satisfies it."""

    stems: dict[str, int] = field(default_factory=dict)
    #: Stems typed by the person (not synonyms): looked up with typo tolerance.
    typed: set[str] = field(default_factory=set)
    #: The word as typed (lower case), if the concept is one word: split if it is a compound.
    word: str = ""

    def add(self, term: str, quality: int) -> None:
        self.stems[term] = max(quality, self.stems.get(term, 0))


@dataclass
class _Phrase:
    stems: frozenset[str]
    targets: list[str]


def _synonym_targets(words_: Iterable[str]) -> list[str]:
    return [stem(word) for target in words_ for word in words(target) if not is_stop_word(word)]


def _query_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning (negations kept: they belong to phrases)."""
    return [stem(word) for word in words(text) if is_negation(word) or not is_stop_word(word)]


_dictionary_lock = threading.Lock()
_dictionary: tuple[dict[str, list[str]], list[_Phrase]] | None = None


def _synonym_dictionary() -> tuple[dict[str, list[str]], list[_Phrase]]:
    """SYNONYMS normalized: single stems → target stems, and phrases (sets of stems)."""
    global _dictionary
    with _dictionary_lock:
        if _dictionary is None:
            single: dict[str, list[str]] = {}
            phrases: list[_Phrase] = []
            for key, targets in SYNONYMS.items():
                key_stems = _query_stems(key)
                target_stems = _synonym_targets(targets)
                if len(key_stems) == 1:
                    single.setdefault(key_stems[0], []).extend(target_stems)
                elif key_stems:
                    phrases.append(_Phrase(frozenset(key_stems), target_stems))
            # Longer phrases first: "kein geld für miete" before "kein geld".
            phrases.sort(key=lambda phrase: -len(phrase.stems))
            _dictionary = (single, phrases)
        return _dictionary


def parse_query(query: str) -> list[Concept]:
    """The concepts of a query: phrases from the dictionary, then the remaining words."""
    single, phrases = _synonym_dictionary()
    stems = _query_stems(query)
    remaining = list(dict.fromkeys(stems))
    concepts: list[Concept] = []
    for phrase in phrases:
        if phrase.stems <= set(stems) and phrase.stems & set(remaining):
            concept = Concept()
            for target in phrase.targets:
                concept.add(target, SYNONYM + 10)
            for word_stem in phrase.stems:
                concept.add(word_stem, PHRASE_WORD)
            concepts.append(concept)
            remaining = [word_stem for word_stem in remaining if word_stem not in phrase.stems]
    negations = {stem(word) for word in words(query) if is_negation(word)}
    typed_words = {stem(word): word for word in words(query)}
    for word_stem in remaining:
        if word_stem in negations:
            continue
        concept = Concept(typed={word_stem}, word=typed_words.get(word_stem, ""))
        concept.add(word_stem, EXACT)
        for target in single.get(word_stem, []):
            concept.add(target, SYNONYM)
        concepts.append(concept)
    return concepts


# --- Expanding concepts into vocabulary terms ----------------------------------------------------


def _expand(concept: Concept, vocabulary: Vocabulary) -> dict[int, int]:
    """Vocabulary term ids satisfying the concept → match quality (percent)."""
    found: dict[int, int] = {}

    def note(term: str, quality: int) -> None:
        term_id = vocabulary.ids.get(term)
        if term_id is not None and quality > found.get(term_id, 0):
            found[term_id] = quality

    for term, quality in concept.stems.items():
        note(term, quality)
        if len(term) >= 4:
            for longer in vocabulary.starting_with(term, MAX_PREFIX_EXPANSION):
                note(longer, quality * COMPOUND // 100)
            for longer in vocabulary.ending_with(term, MAX_PREFIX_EXPANSION):
                note(longer, quality * COMPOUND // 100)
        if len(term) >= 6:
            note(term[:-1], quality * TRUNCATED // 100)
    for term in concept.typed:
        if term not in vocabulary.ids and len(term) >= 4:
            for similar in vocabulary.similar(term):
                note(similar, TYPO)
    return found


def _split_concepts(concepts: list[Concept], vocabulary: Vocabulary) -> list[Concept]:
    """A typed compound becomes one concept per part, each also satisfied by the whole word:
    "schuldnerberatung" finds "Beratung bei Schulden", and "Schuldnerberatung" first."""
    known = vocabulary.ids.keys() | lexicon_stems()
    result: list[Concept] = []
    for concept in concepts:
        parts = split_compound(concept.word, known) if concept.word else None
        if not parts:
            result.append(concept)
            continue
        for part in dict.fromkeys(parts):
            part_concept = Concept(stems=dict(concept.stems), typed=set(concept.typed))
            part_concept.add(part, SYNONYM)
            result.append(part_concept)
    return result


# --- Keeping the index current ---------------------------------------------------------------


def refresh_stale_entries(using: str) -> None:
    """Index services changed (or created) without a call to index_services.

    The cheap check compares counts and the newest ``modified`` of services and index records;
    only if they differ are the stale services looked for.
    """
    signs = change_signs.current(using)
    if signs.count_and_newest(Service) == signs.count_and_newest(SearchIndexRecord):
        return
    up_to_date = SearchIndexRecord.objects.using(using).filter(
        service=OuterRef("pk"), modified=OuterRef("modified")
    )
    # Bounded, so one search after a bulk write without re-indexing stays a search; the next
    # searches index the rest (or run rebuild_search_index).
    stale = list(
        Service.objects.using(using)
        .exclude(Exists(up_to_date))
        .order_by("-modified")
        .values_list("pk", flat=True)[:MAX_REINDEX_PER_SEARCH]
    )
    index_services(stale, using=using)


# --- Searching ---------------------------------------------------------------------------------


def _rarity(document_frequency: int, indexed: int) -> int:
    """Inverse document frequency scaled to 1..90: rare words weigh more than "Beratung"."""
    value = math.log(1 + max(indexed, 1) / (1 + document_frequency)) * 10
    return max(1, min(90, round(value)))


def _document_frequency(postings: Postings, expansion: dict[int, int]) -> int:
    """In how many services the concept's best (exact or synonym) terms occur."""
    best = [term_id for term_id, quality in expansion.items() if quality >= SYNONYM]
    return max((postings.document_frequency(term_id) for term_id in best or expansion), default=0)


def _scores(postings: Postings, expansions: Sequence[dict[int, int]]) -> tuple[Array, Array]:
    """Per service ordinal: the rank (0: no match) and how many concepts it matches.

    A concept scores its best term in the service: the field's weight times the match
    quality, on top of a base that makes every matched concept count more than any field,
    and a rare concept more than a common one.
    """
    size = len(postings.ids)
    indexed = postings.services()
    rank = np.zeros(size, dtype=np.int64)
    matched = np.zeros(size, dtype=np.int32)
    for expansion in expansions:
        rarity = (
            _rarity(_document_frequency(postings, expansion), indexed) if len(expansions) > 1 else 1
        )
        base = CONCEPT_SCORE + rarity * RARITY_SCORE
        best = np.zeros(size, dtype=np.int64)
        for term_id, quality in expansion.items():
            entry = postings.terms.get(term_id)
            if entry is not None:
                ordinals, weights = entry
                best[ordinals] = np.maximum(best[ordinals], weights * quality + base)
        rank += best
        matched += best > 0
    rank[~postings.alive] = 0
    return rank, matched


@dataclass
class SearchResults:
    """The services found, in order: for paginators (count and slices), the HSDS API's pages
    and the widget. ``queryset`` gives the same services as a query, for further filters,
    facet counts and subqueries.

    Without a search text the services are a queryset in its own order. With one, the ranking
    is done in memory (search_postings.py) and ``ranked`` holds the ids, best first; a slice
    loads just its services by primary key, each with ``search_rank``. The search page's
    filters may also be answered in memory (filter_sets.py): then ``ranked`` holds the ids
    in the order of the name even without a search text (``by_name``; no ``search_rank``).
    """

    services: QuerySet[Service]
    #: where a ranked slice loads its services from: no filters to check again
    rows: QuerySet[Service] | None = None
    ranked: Sequence[uuid.UUID] | None = None
    #: the rank of each service in ``ranked``
    ranks: list[int] = field(default_factory=list)
    #: ``ranked`` are exactly ``services``, in the order of their names
    by_name: bool = False
    ordered: bool = True  # Paginator checks this

    @property
    def queryset(self) -> QuerySet[Service]:
        if self.ranked is None:
            return self.services
        if self.by_name:
            return self.services.order_by()
        return self.services.filter(IdIn("pk", self.ranked)).order_by()

    def map(self, change: Callable[[QuerySet[Service]], QuerySet[Service]]) -> "SearchResults":
        """The same results with the queryset changed (related objects to load, an order)."""
        rows = change(self.rows) if self.rows is not None else None
        return replace(self, services=change(self.services), rows=rows)

    def count(self) -> int:
        return self.services.count() if self.ranked is None else len(self.ranked)

    def __len__(self) -> int:
        return self.count()

    def ids(self, window: slice | None = None) -> list[uuid.UUID]:
        if self.ranked is not None:
            return list(self.ranked[window or slice(None)])
        rows = self.services.values_list("pk", flat=True)
        return list(rows[window] if window else rows)

    @overload
    def __getitem__(self, key: int) -> Service: ...
    @overload
    def __getitem__(self, key: slice) -> list[Service]: ...
    def __getitem__(self, key: int | slice) -> Service | list[Service]:
        if isinstance(key, int):
            found = self[key : key + 1]
            if not found:
                raise IndexError(key)
            return found[0]
        if self.ranked is None:
            return list(self.services[key])
        ids = list(self.ranked[key])
        ranks = self.ranks[key] if not self.by_name else []
        rows = self.rows if self.rows is not None else self.services
        by_id = {service.pk: service for service in rows.filter(pk__in=ids)}
        found = []
        for position, pk in enumerate(ids):
            if (service := by_id.get(pk)) is not None:
                if ranks:
                    service.search_rank = ranks[position]  # type: ignore[attr-defined]
                found.append(service)
        return found

    def __iter__(self) -> Iterator[Service]:
        if self.ranked is None:
            yield from self.services
            return
        for start in range(0, len(self.ranked), 500):
            yield from self[start : start + 500]


#: Up to this many matching services are sent to the database as a list to filter; above it,
#: the ids of all services passing the filters are read and intersected here.
MAX_IDS_TO_SEND = 5000


def _passing_filters(
    services: QuerySet[Service], postings: Postings, candidates: Array
) -> tuple[Array, dict[int, Any]]:
    """Which candidate ordinals pass the queryset's filters, and each one's name (for ties)."""
    if len(candidates) <= MAX_IDS_TO_SEND:
        services = services.filter(IdIn("pk", [postings.ids[i] for i in candidates.tolist()]))
    # rewrite(False): modeltranslation's values_list() would order the columns at random
    rows = (
        services.rewrite(False)  # type: ignore[attr-defined]
        .order_by()
        .annotate(sort_name=in_reader_language("name"))
        .values_list("pk", "sort_name")
    )
    sql, params = rows.query.get_compiler(using=services.db).as_sql()
    with connections[services.db].cursor() as cursor:
        # plain rows: the ids as the database returns them are the keys of `postings.ordinals`
        cursor.execute(sql, params)
        names = {
            ordinal: name
            for raw, name in cursor.fetchall()
            if (ordinal := postings.ordinals.get(raw)) is not None
        }
    passing = np.zeros(len(postings.ids), dtype=bool)
    passing[list(names)] = True
    return passing, names


#: Answers which candidates (postings ordinals) pass the caller's filters, with their names
#: in the reader's language: `_passing_filters` asks the database, filter_sets.py memory.
Passing = Callable[[Postings, Array], tuple[Array, dict[int, Any]]]


def search_services(
    services: QuerySet[Service], query: str, *, passing: Passing | None = None
) -> SearchResults:
    """``passing``: the filters of `services` answered without the database (they must be
    the same filters)."""
    query = query.strip()
    if not query:
        return SearchResults(services.order_by("name"))
    services = services.exclude(status__in=[Service.Status.INACTIVE, Service.Status.DEFUNCT])
    using = services.db
    refresh_stale_entries(using)
    vocabulary = current_vocabulary(using)
    concepts = _split_concepts(parse_query(query), vocabulary)
    expansions = [expansion for c in concepts if (expansion := _expand(c, vocabulary))]
    if not expansions:
        return SearchResults(services.none(), ranked=[])
    postings = current_postings(using)
    rank, matched = _scores(postings, expansions)
    candidates = np.flatnonzero(rank)
    if passing is not None:
        passed, names = passing(postings, candidates)
    else:
        passed, names = _passing_filters(services, postings, candidates)
    # Services matching every concept of the query; if none, those matching some (ranked by
    # how many). Keeps lists short and meaningful: "beratung schulden" lists debt advice, not
    # every service that mentions "Beratung".
    found = passed & (rank > 0)
    every = found & (matched == len(expansions))
    if every.any():
        found = every
    ordinals = np.flatnonzero(found).tolist()
    # best first, then by name, then by id: the same order in every process (plain tuples
    # sort in C; a key function took 80 ms for 18,000 services)
    order = sorted(
        zip(
            (-rank[ordinals]).tolist(),
            [names[i] or "" for i in ordinals],
            [postings.keys[i] for i in ordinals],
            ordinals,
            strict=True,
        )
    )
    return SearchResults(
        services,
        rows=Service.objects.using(using).all(),
        ranked=[postings.ids[entry[3]] for entry in order],
        ranks=[-entry[0] for entry in order],
    )


def rebuild_search_index(*, batch_size: int = 500, using: str | None = None) -> int:
    """Index every service again (the rebuild_search_index command); return how many."""
    using = using or router.db_for_write(Service)
    ids = list(Service.objects.using(using).values_list("pk", flat=True).order_by("pk"))
    with transaction.atomic(using=using):
        SearchPosting.objects.using(using).all().delete()
        SearchIndexRecord.objects.using(using).all().delete()
    for start in range(0, len(ids), batch_size):
        index_services(ids[start : start + batch_size], using=using)
    return len(ids)
