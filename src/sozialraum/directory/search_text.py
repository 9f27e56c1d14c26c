"""Text normalization for the search: words, German stems, compound parts (docs/search.md).

Offers' texts and queries go through the same functions, so they meet in the same terms:
lower case, umlauts folded ("ä" and "ae" alike), German Snowball stems, and the parts of compound
words that are known words themselves ("schuldnerberatung" → "schuldn", "berat").
"""

import functools
import re
from collections.abc import Collection, Iterator

import snowballstemmer

from .search_synonyms import COMPOUND_PARTS, NEGATIONS, STOP_WORDS

#: Longest term kept (SearchTerm.term allows 100); longer "words" are URLs or noise.
MAX_TERM_LENGTH = 60
#: Compounds are only split if long enough to hold two real words.
MIN_COMPOUND_LENGTH = 7
MIN_HEAD_LENGTH = 3
MIN_TAIL_LENGTH = 4
#: Linking elements (Fugen) between the parts of a German compound, longest first.
LINKING_ELEMENTS = ("ens", "es", "en", "er", "s", "n", "e")

_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_POSSESSIVE = re.compile(r"[\u2019'`]s\b")
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "é": "e", "è": "e", "á": "a"})
_stemmer = snowballstemmer.stemmer("german")


def fold(word: str) -> str:
    """Lower case without umlauts: "Füße", "fuesse" and "fusse" become "fusse"."""
    word = word.lower().translate(_FOLD)
    return word.replace("ae", "a").replace("oe", "o").replace("ue", "u")


_STOP = {fold(word) for word in STOP_WORDS} - {fold(word) for word in NEGATIONS}
_NEGATION = {fold(word) for word in NEGATIONS}


def words(text: str) -> Iterator[str]:
    """The words of a text in lower case; a hyphenated word yields its parts and the whole
    ("Sozial-Beratung" → "sozial", "beratung", "sozialberatung")."""
    text = _POSSESSIVE.sub("", text.lower())
    for match in _WORD.finditer(text):
        token = match.group()
        if "-" in token:
            parts = [part for part in token.split("-") if part]
            yield from parts
            token = "".join(parts)
        if len(token) <= MAX_TERM_LENGTH:
            yield token


@functools.lru_cache(maxsize=100_000)
def is_stop_word(word: str) -> bool:
    return fold(word) in _STOP or word.isdigit() or len(word) < 2


@functools.lru_cache(maxsize=100_000)
def is_negation(word: str) -> bool:
    return fold(word) in _NEGATION


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The German stem of a lower-case word, umlauts folded ("Flüchtlinge" → "fluchtling")."""
    return _stemmer.stemWord(word.lower()).translate(_FOLD)


@functools.lru_cache(maxsize=1)
def lexicon_stems() -> frozenset[str]:
    """Stems of the words compounds are built from (search_synonyms.COMPOUND_PARTS)."""
    return frozenset(stem(word.lower()) for word in COMPOUND_PARTS)


def _head_candidates(head: str) -> Iterator[str]:
    yield head
    for element in LINKING_ELEMENTS:
        if head.endswith(element) and len(head) - len(element) >= MIN_HEAD_LENGTH:
            yield head[: -len(element)]


def split_compound(word: str, known: Collection[str], *, depth: int = 0) -> list[str] | None:
    """Stems of the parts of a compound word, or None if it is not made of known stems.

    Tries the longest known last part first ("wohnungssicherung" → "wohnung" + s +
    "sicherung"), then splits the first part again ("lebensmittelausgabe" → "leben", "mittel",
    "ausgab"). `known` holds stems (the vocabulary of the index, plus the built-in lexicon).
    """
    if len(word) < MIN_COMPOUND_LENGTH or depth > 3:
        return None
    for cut in range(MIN_HEAD_LENGTH, len(word) - MIN_TAIL_LENGTH + 1):
        tail = word[cut:]
        tail_stem = stem(tail)
        if len(tail_stem) < MIN_TAIL_LENGTH - 1 or tail_stem not in known:
            continue
        for head in _head_candidates(word[:cut]):
            head_stem = stem(head)
            if head_stem in known and len(head_stem) >= MIN_HEAD_LENGTH:
                return [head_stem, tail_stem]
            head_parts = split_compound(head, known, depth=depth + 1)
            if head_parts:
                return [*head_parts, tail_stem]
    return None
