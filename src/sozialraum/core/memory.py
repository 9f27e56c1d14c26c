"""Garbage-collector settings for the long-running server processes (wsgi.py, asgi.py).

A Django process holds a few hundred thousand long-lived objects (modules, URL patterns,
templates, translations). Python's full collections scan all of them, which made about every
twentieth search page take two to three times as long as the others (docs/benchmarks.md).
Freezing what exists after start-up takes those objects out of the collections; the higher
first threshold makes collections rarer while a request builds its many short-lived objects.
"""

import gc

#: Allocations between collections of the youngest generation (Python's default: 700).
YOUNG_THRESHOLD = 10_000


def freeze_startup_objects() -> None:
    """Call once the application is loaded, before the first request."""
    gc.collect()
    gc.freeze()
    _young, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
