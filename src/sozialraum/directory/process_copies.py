"""Copies of database data that each server process holds in memory (the search postings, the
search page's filter sets), one per database, swapped whole when they are brought up to date.

A copy in use is never changed in place by an update: the update builds a new copy (or returns
the old one) and swaps it in under a lock, so a request in another thread keeps a consistent
view. The database stays the source; each kind of copy decides how it notices changes.
"""

import logging
import threading
from collections.abc import Callable
from typing import Any

from django.db import connections

logger = logging.getLogger(__name__)


class ProcessCopies[T]:
    """This process's copies of one kind of data, by database alias."""

    def __init__(self) -> None:
        self._copies: dict[str, T] = {}
        self._lock = threading.Lock()

    def current(self, using: str, update: Callable[[T | None], T | None]) -> T | None:
        """The copy for `using`, after ``update(copy or None)`` has brought it up to date."""
        with self._lock:
            copy = update(self._copies.get(using))
            if copy is not None:
                self._copies[using] = copy
            return copy

    def loaded(self, using: str) -> T | None:
        """The copy as it is, without checking the database (tests)."""
        return self._copies.get(using)

    def forget(self) -> None:
        """Drop every copy (tests; a process that restored its database)."""
        with self._lock:
            self._copies.clear()


def warm_up_in_background(
    load: Callable[[str], Any], *, what: str, using: str = "default"
) -> threading.Thread:
    """Load a copy in a thread of its own when a server process starts (wsgi.py), so that the
    first request after a restart does not wait for it. A failure (no database yet, tables not
    migrated) is logged and left to the first request."""

    def run() -> None:
        try:
            load(using)
        except Exception:
            logger.warning("%s not loaded at start-up", what, exc_info=True)
        finally:
            connections[using].close()

    thread = threading.Thread(target=run, name=f"{what}-warm-up", daemon=True)
    thread.start()
    return thread
