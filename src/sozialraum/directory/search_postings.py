"""The search index's postings held in memory by each process, for ranking (docs/search.md).

Ranking in SQL meant one correlated subquery per matching service: 80 ms for a common word
such as "Beratung" in one district of a county-sized directory. Here the postings of every
term are two arrays (service ordinals and field weights), and ranking is array arithmetic.

The database stays the source. Indexing a service deletes its postings and inserts new ones,
so new posting ids show what changed: each search compares the newest posting id and the
number and newest ``modified`` of the index records with what this process has loaded, and on
a difference reloads the postings of the services indexed since (with a look-back of
`LOOK_BACK` seconds, for transactions that commit out of order on PostgreSQL). Services that
disappeared from the index are dropped; if most of the index changed (a rebuild), everything
is loaded again. A service whose postings are out of date here cannot leak into a result list:
every result is also checked against the database's filters.
"""

import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from django.db import connections

from . import change_signs, process_copies
from .models.search import SearchIndexRecord, SearchPosting
from .process_copies import ProcessCopies

#: Postings inserted up to this many seconds before the last check are read again.
LOOK_BACK = 60.0
#: Check for postings committed out of order at least this often (seconds).
RECHECK = 30.0
#: Reload everything when this share of the loaded services changed (a rebuild), and more
#: than a hundred.
RELOAD_SHARE = 0.25

Array = np.ndarray[Any, Any]


@dataclass
class Postings:
    """One database's postings: term id → (service ordinals, weights), each ordinal a service.

    A copy in use is never changed: a refresh changes a new copy and swaps it in, so a search
    in another thread keeps a consistent view.
    """

    #: ordinal → the service's id, and the database's representation of the id → ordinal
    ids: list[uuid.UUID] = field(default_factory=list)
    #: ordinal → the id as 32 hex digits (to sort by: much faster than UUIDs)
    keys: list[str] = field(default_factory=list)
    ordinals: dict[Any, int] = field(default_factory=dict)
    alive: Array = field(default_factory=lambda: np.zeros(0, dtype=bool))
    terms: dict[int, tuple[Array, Array]] = field(default_factory=dict)
    #: what the database looked like: newest posting id, index records' count and newest
    state: tuple[Any, ...] = ()
    #: (time, newest posting id) of the checks so far, for the look-back
    seen: list[tuple[float, int]] = field(default_factory=list)
    checked: float = 0.0

    def services(self) -> int:
        return int(self.alive.sum())

    def document_frequency(self, term_id: int) -> int:
        entry = self.terms.get(term_id)
        return int(self.alive[entry[0]].sum()) if entry is not None else 0

    def copy(self) -> "Postings":
        return replace(
            self,
            ids=list(self.ids),
            keys=list(self.keys),
            ordinals=dict(self.ordinals),
            alive=self.alive.copy(),
            terms=dict(self.terms),
            seen=list(self.seen),
        )

    def add(self, rows: list[tuple[int, Any, int]]) -> None:
        """Add postings (term id, service id as the database returns it, weight): all postings
        of each service in them. A service loaded before gets a new ordinal, the old is dead."""
        services = {row[1] for row in rows}
        for raw in services:
            old = self.ordinals.pop(raw, None)
            if old is not None:
                self.alive[old] = False
        first = len(self.ids)
        for raw in services:
            self.ordinals[raw] = len(self.ids)
            service_id = raw if isinstance(raw, uuid.UUID) else uuid.UUID(raw)
            self.ids.append(service_id)
            self.keys.append(service_id.hex)
        self.alive = np.concatenate([self.alive, np.ones(len(self.ids) - first, dtype=bool)])
        if not rows:
            return
        term_ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
        ordinals = np.fromiter(
            (self.ordinals[row[1]] for row in rows), dtype=np.int32, count=len(rows)
        )
        weights = np.fromiter((row[2] for row in rows), dtype=np.int32, count=len(rows))
        order = np.argsort(term_ids, kind="stable")
        term_ids, ordinals, weights = term_ids[order], ordinals[order], weights[order]
        starts = np.flatnonzero(np.diff(term_ids)) + 1
        for term_id, term_ordinals, term_weights in zip(
            term_ids[np.concatenate([[0], starts])].tolist(),
            np.split(ordinals, starts),
            np.split(weights, starts),
            strict=True,
        ):
            before = self.terms.get(term_id)
            if before is not None:
                keep = self.alive[before[0]]
                term_ordinals = np.concatenate([before[0][keep], term_ordinals])
                term_weights = np.concatenate([before[1][keep], term_weights])
            self.terms[term_id] = (term_ordinals, term_weights)

    def keep_only(self, present: Iterable[Any]) -> None:
        """Forget services no longer in the index (deleted ones)."""
        keep = set(present)
        for raw in [raw for raw in self.ordinals if raw not in keep]:
            self.alive[self.ordinals.pop(raw)] = False


_postings: ProcessCopies[Postings] = ProcessCopies()


def _state(using: str) -> tuple[Any, ...]:
    """The newest posting id, and the index records' count and newest ``modified``."""
    signs = change_signs.current(using)
    newest_posting = signs(SearchPosting, change_signs.LAST_ID)
    return (newest_posting or 0, *signs.count_and_newest(SearchIndexRecord))


def _rows(using: str, where: str = "", params: Iterable[Any] = ()) -> list[tuple[int, Any, int]]:
    """Postings as the database stores them (plain SQL: 870,000 model rows would take seconds)."""
    connection = connections[using]
    table = connection.ops.quote_name(SearchPosting._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT term_id, service_id, weight FROM {table} {where}", list(params))  # noqa: S608
        return cursor.fetchall()


def _load(using: str, state: tuple[Any, ...]) -> Postings:
    postings = Postings()
    postings.add(_rows(using))
    postings.state = state
    postings.checked = time.monotonic()
    postings.seen = [(postings.checked, state[0])]
    return postings


def _refresh(loaded: Postings, using: str, state: tuple[Any, ...]) -> Postings:
    """Load the postings of services indexed since an earlier check (look-back included)."""
    now = time.monotonic()
    earlier = [newest for moment, newest in loaded.seen if moment <= now - LOOK_BACK]
    since = max(earlier) if earlier else min(newest for _moment, newest in loaded.seen)
    connection = connections[using]
    table = connection.ops.quote_name(SearchPosting._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT service_id FROM {table} WHERE id > %s", [since])  # noqa: S608
        touched = [row[0] for row in cursor.fetchall()]
    unexplained = not touched and state[1] == loaded.state[1]  # e.g. ids reused after a restore
    if (
        unexplained
        or state[0] < loaded.state[0]
        or len(touched) > max(RELOAD_SHARE * len(loaded.ordinals), 100)
    ):
        return _load(using, state)
    postings = loaded.copy()
    for start in range(0, len(touched), 500):
        chunk = touched[start : start + 500]
        placeholders = ", ".join(["%s"] * len(chunk))
        postings.add(_rows(using, f"WHERE service_id IN ({placeholders})", chunk))
    if postings.services() != state[1]:
        records = connection.ops.quote_name(SearchIndexRecord._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT service_id FROM {records}")  # noqa: S608
            postings.keep_only(row[0] for row in cursor.fetchall())
    postings.state = state
    postings.checked = now
    # keep the newest check older than the look-back and all newer ones
    older = [entry for entry in postings.seen if entry[0] <= now - LOOK_BACK]
    postings.seen = [*older[-1:], *(e for e in postings.seen if e[0] > now - LOOK_BACK)]
    postings.seen.append((now, state[0]))
    return postings


def current_postings(using: str) -> Postings:
    """This process's copy of the postings, brought up to date with the database."""
    state = _state(using)

    def update(postings: Postings | None) -> Postings:
        if postings is None:
            return _load(using, state)
        if postings.state != state or time.monotonic() - postings.checked > RECHECK:
            return _refresh(postings, using, state)
        return postings

    postings = _postings.current(using, update)
    assert postings is not None  # update() always returns a copy
    return postings


def warm_up_in_background(using: str = "default") -> threading.Thread:
    """Load the postings when a server process starts (wsgi.py), so that the first search
    after a restart does not wait the second it takes."""
    return process_copies.warm_up_in_background(
        current_postings, what="search-postings", using=using
    )


def forget_postings() -> None:
    """Drop every loaded copy (tests; a process that restored its database)."""
    _postings.forget()
