"""Signs that a table changed (its row count, newest ``modified``, newest id), which the copies
each server process keeps (process_copies.py: search postings, filter sets, the search
vocabulary, the open-now answer, the area tree, districts by code) compare with what they
loaded.

Every sign is read in one round trip. Within a request the signs are read once and kept until
it ends: a search page needs them five times, and eleven small queries cost PostgreSQL about
7 ms of the page's 50 ms budget (docs/benchmarks.md). Outside a request (management commands,
tasks, tests calling functions directly) each call reads them anew.

Keeping them for the request is safe because a copy is always loaded after its signs were
read: a write later in the same request makes the copy newer than its signs, never older, so
the worst case is one more load on the next request. Code that writes and then needs the new
signs in the same request calls `forget`.
"""

from typing import Any

from asgiref.local import Local
from django.core.signals import request_finished, request_started
from django.db import connections
from django.db.models import Model

#: What is read of a table: a query giving one value
COUNT = "SELECT COUNT(*) FROM {table}"
NEWEST = "SELECT MAX(modified) FROM {table}"
LAST_ID = "SELECT MAX(id) FROM {table}"
#: the token of the search vocabulary's one row
VOCABULARY = "SELECT token FROM {table} WHERE id = 1"


def _watched() -> dict[type[Model], tuple[str, ...]]:
    """What is read of each table (imported late: the models import modules that use this)."""
    from sozialraum.areas.models import Area

    from .models import (
        Address,
        Attribute,
        Language,
        Location,
        Schedule,
        Service,
        ServiceAtLocation,
    )
    from .models.search import SearchIndexRecord, SearchPosting, SearchVocabularyVersion

    return {
        Service: (COUNT, NEWEST),
        SearchIndexRecord: (COUNT, NEWEST),
        SearchPosting: (LAST_ID,),
        SearchVocabularyVersion: (VOCABULARY,),
        Schedule: (COUNT, NEWEST),
        Area: (COUNT, NEWEST),
        Attribute: (NEWEST,),
        ServiceAtLocation: (NEWEST,),
        Address: (NEWEST,),
        Language: (NEWEST,),
        Location: (NEWEST,),
    }


class Signs:
    """The signs of one database at one moment. Values are as the database returns them (a
    newest ``modified`` is text on SQLite): they are compared, not computed with."""

    def __init__(self, values: dict[tuple[type[Model], str], Any]) -> None:
        self._values = values

    def __call__(self, model: type[Model], read: str) -> Any:
        return self._values[model, read]

    def count_and_newest(self, model: type[Model]) -> tuple[int, Any]:
        return self(model, COUNT), self(model, NEWEST)


def _read(using: str) -> Signs:
    connection = connections[using]
    quote = connection.ops.quote_name
    keys = [(model, read) for model, reads in _watched().items() for read in reads]
    # Each part a scalar subquery of its own: answered from an index, where one aggregate
    # with COUNT(*) and MAX(modified) together makes SQLite read the whole table.
    parts = ["(" + read.format(table=quote(model._meta.db_table)) + ")" for model, read in keys]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}")
        row = cursor.fetchone()
    return Signs(dict(zip(keys, row, strict=True)))


#: per thread (or async context): the signs read in the current request, by database; None
#: outside a request
_request = Local()


def current(using: str = "default") -> Signs:
    """The signs of `using`: read once per request, or anew on every call outside one."""
    kept: dict[str, Signs] | None = getattr(_request, "signs", None)
    if kept is None:
        return _read(using)
    signs = kept.get(using)
    if signs is None:
        signs = kept[using] = _read(using)
    return signs


def forget(using: str = "default") -> None:
    """Read the signs anew on the next call (after a write that the rest of the request must
    see reflected)."""
    kept: dict[str, Signs] | None = getattr(_request, "signs", None)
    if kept is not None:
        kept.pop(using, None)


def _begin(**kwargs: Any) -> None:
    _request.signs = {}


def _end(**kwargs: Any) -> None:
    _request.signs = None


def connect() -> None:
    """Keep the signs per request (DirectoryConfig.ready)."""
    request_started.connect(_begin, dispatch_uid="change_signs.begin")
    request_finished.connect(_end, dispatch_uid="change_signs.end")
