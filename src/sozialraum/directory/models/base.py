"""What every directory model shares: a UUID id (HSDS requires one) and change timestamps."""

import json
import uuid
from collections.abc import Collection, Sequence
from typing import Any

from django.db import models
from django.db.models import BooleanField, CharField, Expression, F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def in_reader_language(path: str) -> Coalesce:
    """A translated column in the reader's language, German where it is empty: what
    modeltranslation's fallback shows, as an expression for values() and plain queries."""
    language = (get_language() or "de").split("-")[0]
    if language == "de":
        return Coalesce(NullIf(f"{path}_de", Value("")), Value(""), output_field=CharField())
    return Coalesce(NullIf(f"{path}_{language}", Value("")), f"{path}_de", output_field=CharField())


class IdIn(Expression):
    """``column IN ids`` for a long list of UUIDs computed in Python (the services open now),
    sent as one parameter: a JSON array on SQLite, a uuid[] on PostgreSQL.

    ``filter(pk__in=ids)`` prepares every id separately, which took longer than the query
    itself for the 5,000 services open at a time in a county (docs/benchmarks.md).
    """

    conditional = True

    def __init__(self, column: str, ids: Collection[uuid.UUID]) -> None:
        super().__init__(output_field=BooleanField())
        self.column: Any = F(column)
        self.ids = ids

    def get_source_expressions(self) -> list[Any]:
        return [self.column]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.column,) = exprs

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, Any]:
        column, params = compiler.compile(self.column)
        if not self.ids:
            return "1 = 0", []
        placeholders = ", ".join(["%s"] * len(self.ids))
        return f"{column} IN ({placeholders})", [*params, *(str(i) for i in self.ids)]

    def as_sqlite(self, compiler: Any, connection: Any) -> tuple[str, Any]:
        column, params = compiler.compile(self.column)
        ids = json.dumps([i.hex for i in self.ids])  # Django stores UUIDs as 32 hex digits
        # the column is SQL compiled by Django; the ids are a parameter
        return f"{column} IN (SELECT value FROM json_each(%s))", [*params, ids]  # noqa: S608

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, Any]:
        column, params = compiler.compile(self.column)
        return f"{column} = ANY(%s::uuid[])", [*params, [str(i) for i in self.ids]]


class HsdsModel(models.Model):
    """A directory record with a UUID primary key and created/modified timestamps.

    ``modified`` is indexed: the HSDS API filters on ``modified_after`` and exports the newest
    changes first.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created = models.DateTimeField(_("Angelegt am"), auto_now_add=True)
    modified = models.DateTimeField(_("Geändert am"), auto_now=True, db_index=True)

    class Meta:
        abstract = True


def at_least_one_of(*fields: str, name: str) -> models.CheckConstraint:
    """A record that belongs to one of several parents must belong to at least one of them."""
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__isnull": False})
    return models.CheckConstraint(condition=condition, name=name)


def exactly_one_of(*fields: str, name: str) -> models.CheckConstraint:
    condition = Q()
    for field in fields:
        only_this = Q(**{f"{field}__isnull": False})
        for other in fields:
            if other != field:
                only_this &= Q(**{f"{other}__isnull": True})
        condition |= only_this
    return models.CheckConstraint(condition=condition, name=name)
