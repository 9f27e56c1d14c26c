"""German-aware search over services (the web page, the widget and the HSDS API use it).

Contract: `search_services(services, query)` narrows a Service queryset to the services that
match `query`, annotates each with `search_rank` (higher is better) and orders best first.
An empty query returns the queryset unchanged (ordered by name).
Write paths call `index_services(ids)` after changing services.

How it works (docs/search.md): `index_services` writes an inverted index (models/search.py):
the normalized terms of each service with the weight of the field they occur in. A query is
parsed into concepts (a word, or a phrase from the synonym dictionary), each concept expanded
into vocabulary terms (exact stems, synonyms, compounds that start with the word, the parts of a
compound, close spellings), and the services are ranked by how many concepts they match, how
rare those concepts are, and in which field they match.
"""

import math
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import router, transaction
from django.db.models import (
    Case,
    Count,
    Exists,
    Expression,
    F,
    IntegerField,
    Max,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)

from .models import Service
from .models.base import count_and_newest
from .models.search import SearchIndexRecord, SearchPosting
from .search_index import Vocabulary, current_vocabulary, index_services
from .search_synonyms import SYNONYMS
from .search_text import is_negation, is_stop_word, lexicon_stems, split_compound, stem, words

__all__ = ["index_services", "search_services"]

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


def refresh_stale_entries(using: str) -> int:
    """Index services changed (or created) without a call to index_services; return how many
    services are indexed.

    The cheap check compares counts and the newest ``modified`` of services and index records;
    only if they differ are the stale services looked for.
    """
    service_count, newest_service = count_and_newest(Service.objects.using(using))
    if (service_count, newest_service) == count_and_newest(SearchIndexRecord.objects.using(using)):
        return service_count
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
    return service_count


# --- Searching ---------------------------------------------------------------------------------


def _rarity(document_frequency: int, indexed: int) -> int:
    """Inverse document frequency scaled to 1..90: rare words weigh more than "Beratung"."""
    value = math.log(1 + max(indexed, 1) / (1 + document_frequency)) * 10
    return max(1, min(90, round(value)))


def _document_frequencies(using: str, expansions: Sequence[dict[int, int]]) -> list[int]:
    """For each concept: in how many services its best (exact or synonym) terms occur."""
    best_terms = [
        {term_id for term_id, quality in expansion.items() if quality >= SYNONYM} or set(expansion)
        for expansion in expansions
    ]
    all_terms = set().union(*best_terms)
    counts = dict(
        SearchPosting.objects.using(using)
        .filter(term_id__in=all_terms)
        .values("term_id")
        .annotate(services=Count("service_id", distinct=True))
        .values_list("term_id", "services")
    )
    return [max((counts.get(term_id, 0) for term_id in terms), default=0) for terms in best_terms]


def _candidates(
    services: QuerySet[Service], expansions: Sequence[dict[int, int]], all_terms: set[int]
) -> QuerySet[Service]:
    """The services matching every concept of the query; if there are none, those matching
    some (ranked by how many). Keeps result lists short and meaningful: "beratung schulden"
    lists debt advice, not every service that mentions "Beratung"."""
    if len(expansions) > 1:
        every = services
        for expansion in expansions:
            every = every.filter(
                pk__in=SearchPosting.objects.filter(term_id__in=list(expansion)).values("service")
            )
        if every.exists():
            return every
    return services.filter(
        pk__in=SearchPosting.objects.filter(term_id__in=all_terms).values("service")
    )


def search_services(services: QuerySet[Service], query: str) -> QuerySet[Service]:
    query = query.strip()
    if not query:
        return services.annotate(search_rank=Value(0)).order_by("name")
    services = services.exclude(status__in=[Service.Status.INACTIVE, Service.Status.DEFUNCT])
    using = services.db
    indexed = refresh_stale_entries(using)
    vocabulary = current_vocabulary(using)
    concepts = _split_concepts(parse_query(query), vocabulary)
    expansions = [expansion for c in concepts if (expansion := _expand(c, vocabulary))]
    if not expansions:
        return services.none().annotate(search_rank=Value(0))

    if len(expansions) > 1:
        rarities = [_rarity(df, indexed) for df in _document_frequencies(using, expansions)]
    else:
        rarities = [1]
    all_terms = set().union(*expansions)
    concept_scores = []
    for expansion, rarity in zip(expansions, rarities, strict=True):
        by_quality: dict[int, list[int]] = {}
        for term_id, quality in expansion.items():
            by_quality.setdefault(quality, []).append(term_id)
        base = CONCEPT_SCORE + rarity * RARITY_SCORE
        concept_scores.append(
            Max(
                Case(
                    *(
                        When(term_id__in=term_ids, then=F("weight") * quality + base)
                        for quality, term_ids in sorted(by_quality.items(), reverse=True)
                    ),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            )
        )
    rank: Expression = concept_scores[0]
    for score in concept_scores[1:]:
        rank = rank + score
    ranked = (
        SearchPosting.objects.filter(service=OuterRef("pk"), term_id__in=all_terms)
        .values("service")
        .annotate(rank=rank)
        .values("rank")
    )
    candidates = _candidates(services, expansions, all_terms)
    return candidates.annotate(search_rank=Subquery(ranked, output_field=IntegerField())).order_by(
        F("search_rank").desc(), "name", "pk"
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
