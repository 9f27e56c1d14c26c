"""The search page's filters answered from memory (docs/search.md, "Filters in memory").

Each process holds, per database, which services carry each taxonomy term, are offered in each
area (at a place with a physical address there), in each language (directly or at a place where
it is spoken), their kind and whether they are public. A filtered page intersects these sets
with numpy, counts in memory and orders by each service's position in the database's own name
order, so the database only loads the page's 20 services by primary key; sending thousands of
ids (the services open now) or running the filters twice (count and page) is gone.

The database stays the source. Before each use one query reads the number of services and the
newest ``modified`` of services, taxonomy links, services at places, addresses and languages,
and the newest search posting id (every write path re-indexes the services it changes, which
deletions of links without a change to their service show only there). On a difference the
sets are loaded again (about 0.2-0.5 s for 20,000 services), and once more `LOOK_BACK` seconds
later for transactions that commit out of order on PostgreSQL; and every `RELOAD` seconds
regardless, which bounds how long a write outside these rules stays unseen.
"""

import math
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

import numpy as np
from django.conf import settings
from django.db import connections
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname
from modeltranslation.utils import get_language as _language

from . import change_signs, process_copies
from .models import Address, Attribute, Language, Location, Service, ServiceAtLocation
from .models.base import in_reader_language
from .models.search import SearchPosting
from .process_copies import ProcessCopies
from .search_postings import Array, Postings

#: Load again this many seconds after a change was seen (commits out of order) ...
LOOK_BACK = 60.0
#: ... and at least this often.
RELOAD = 600.0
#: After a change, load again at most this often; until then the database answers (a bulk
#: import changes the directory for minutes, and a load takes about a second).
MIN_INTERVAL = 10.0
#: The tables whose newest ``modified`` shows a change (a deletion alone does not).
WATCHED = (Service, Attribute, ServiceAtLocation, Address, Language, Location)
HIDDEN = (Service.Status.INACTIVE, Service.Status.DEFUNCT)


def _raw(rows: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """Rows as the database returns them: no model fields convert 100,000 ids one by one."""
    sql, params = rows.query.get_compiler(using=rows.db).as_sql()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _state(using: str) -> tuple[Any, ...]:
    """The newest ``modified`` of each watched table, the newest posting id and the number of
    services."""
    signs = change_signs.current(using)
    return (
        *(signs(model, change_signs.NEWEST) for model in WATCHED),
        signs(SearchPosting, change_signs.LAST_ID),
        signs(Service, change_signs.COUNT),
    )


def _grouped(rows: Iterable[tuple[Any, Any]], ordinals: dict[Any, int]) -> dict[Any, Array]:
    """(key, raw service id) rows → key → the sorted ordinals of the services."""
    groups: defaultdict[Any, list[int]] = defaultdict(list)
    for key, raw in rows:
        ordinal = ordinals.get(raw)
        if ordinal is not None:
            groups[key].append(ordinal)
    return {key: np.unique(np.array(found, dtype=np.int32)) for key, found in groups.items()}


@dataclass
class FilterSets:
    """One database's services as ordinals 0…n-1 and the sets the filters need."""

    using: str
    ids: list[uuid.UUID]
    #: the database's representation of a service id → ordinal, and the UUID → ordinal
    ordinals: dict[Any, int]
    by_id: dict[uuid.UUID, int]
    public: Array
    kinds: dict[str, Array]
    terms: dict[uuid.UUID, Array]
    areas: dict[int, Array]
    languages: dict[str, Array]
    #: one row per service at a place with coordinates: the service's ordinal, latitude and
    #: longitude of the place
    placed: tuple[Array, Array, Array] = (
        np.zeros(0, dtype=np.int32),
        np.zeros(0, dtype=np.float64),
        np.zeros(0, dtype=np.float64),
    )
    state: tuple[Any, ...] = ()
    loaded: float = 0.0
    #: when to load once more after a change (commits out of order); 0: no need
    again: float = 0.0
    #: filled when first asked for: per language, each ordinal's place in the name order,
    #: and the names (for ties in ranked results)
    positions: dict[str, Array] = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=dict)
    #: masks of the services open at a moment or on a day, by the opening state's identity
    opening: dict[int, tuple[Any, Array]] = field(default_factory=dict)
    #: search postings' ordinal → ordinal here (-1: none), for the postings copy named
    postings_map: tuple[Postings | None, Array] = (None, np.zeros(0, dtype=np.int32))

    def __len__(self) -> int:
        return len(self.ids)

    def members(self, ordinals: Iterable[Array]) -> Array:
        mask = np.zeros(len(self.ids), dtype=bool)
        for found in ordinals:
            mask[found] = True
        return mask

    def with_terms(self, term_ids: Iterable[uuid.UUID]) -> Array:
        return self.members(self.terms[pk] for pk in term_ids if pk in self.terms)

    def in_areas(self, area_ids: Iterable[int]) -> Array:
        return self.members(self.areas[pk] for pk in area_ids if pk in self.areas)

    def in_language(self, code: str) -> Array:
        found = self.languages.get(code.strip().lower())
        return self.members([found] if found is not None else [])

    def of_kind(self, kind: str) -> Array:
        found = self.kinds.get(kind)
        return found if found is not None else np.zeros(len(self.ids), dtype=bool)

    def nearest(self, latitude: float, longitude: float) -> Array:
        """Each service's squared distance to the point from its nearest place, in degrees of
        latitude (equirectangular, as filters._distance_expression); inf without a place."""
        ordinals, latitudes, longitudes = self.placed
        shrink = math.cos(math.radians(latitude))
        d_lat = latitudes - latitude
        d_lon = (longitudes - longitude) * shrink
        nearest = np.full(len(self.ids), np.inf)
        np.minimum.at(nearest, ordinals, d_lat * d_lat + d_lon * d_lon)
        return nearest

    def by_distance(self, mask: Array, distance2: Array) -> Array:
        """The ordinals of the mask, nearest first, equal distances in the order of names."""
        positions, _names = self._language_data(_language())
        found = np.flatnonzero(mask)
        return found[np.lexsort((positions[found], distance2[found]))]

    def among(self, state: Any, service_ids: Iterable[uuid.UUID]) -> Array:
        """The services of `service_ids` (the open ones of an opening `state`, which is kept
        with the mask: the same state object comes back for a minute)."""
        cached = self.opening.get(id(state))
        if cached is not None and cached[0] is state:
            return cached[1]
        found = [ordinal for pk in service_ids if (ordinal := self.by_id.get(pk)) is not None]
        mask = self.members([np.array(found, dtype=np.int64)])
        # a new dict, never changed in place: another thread may be reading the old one
        self.opening = {**dict(list(self.opening.items())[-7:]), id(state): (state, mask)}
        return mask

    def _language_data(self, language: str) -> tuple[Array, list[str]]:
        """Each service's place in ``order_by("name")`` in the language (the database's
        collation decides; ties by id) and its name as the page shows it."""
        positions = self.positions.get(language)
        names = self.names.get(language)
        if positions is None or names is None:
            with translation.override(language):
                # the column modeltranslation sorts ``order_by("name")`` by; rewrite(False)
                # keeps the columns in the order asked for
                rows = _raw(
                    Service.objects.using(self.using)
                    .rewrite(False)  # type: ignore[attr-defined]
                    .order_by(build_localized_fieldname("name", language), "pk")
                    .annotate(sort_name=in_reader_language("name"))
                    .values_list("pk", "sort_name")
                )
            positions = np.full(len(self.ids), len(self.ids), dtype=np.int64)
            names = [""] * len(self.ids)
            for place, (raw, name) in enumerate(rows):
                if (ordinal := self.ordinals.get(raw)) is not None:
                    positions[ordinal] = place
                    names[ordinal] = name or ""
            self.positions[language], self.names[language] = positions, names
        return positions, names

    def by_name(self, mask: Array) -> Array:
        """The ordinals of the mask in the order of ``order_by("name")``."""
        positions, _names = self._language_data(_language())
        found = np.flatnonzero(mask)
        return found[np.argsort(positions[found], kind="stable")]

    def passing(
        self, mask: Array, postings: Postings, candidates: Array
    ) -> tuple[Array, dict[int, Any]]:
        """For the search: which candidate postings ordinals are in the mask, with their names
        in the reader's language (as search._passing_filters answers from the database)."""
        mapped_for, mapping = self.postings_map
        if mapped_for is not postings or len(mapping) < len(postings.ids):
            start = len(mapping) if mapped_for is not None else 0
            extra = np.fromiter(
                (self.by_id.get(pk, -1) for pk in postings.ids[start:]),
                dtype=np.int32,
                count=len(postings.ids) - start,
            )
            mapping = np.concatenate([mapping[:start], extra])
            self.postings_map = (postings, mapping)
        _positions, names = self._language_data(_language())
        here = mapping[candidates]
        keep = here >= 0
        candidates, here = candidates[keep], here[keep]
        inside = mask[here]
        candidates, here = candidates[inside], here[inside]
        passing = np.zeros(len(postings.ids), dtype=bool)
        passing[candidates] = True
        shown = (names[i] for i in here.tolist())
        return passing, dict(zip(candidates.tolist(), shown, strict=True))


def _load(using: str, state: tuple[Any, ...]) -> FilterSets:
    services = _raw(
        Service.objects.using(using)
        .rewrite(False)  # type: ignore[attr-defined]  # else the columns come in any order
        .order_by()
        .values_list("pk", "status", "kind")
    )
    ordinals = {raw: ordinal for ordinal, (raw, _status, _kind) in enumerate(services)}
    ids = [raw if isinstance(raw, uuid.UUID) else uuid.UUID(raw) for raw, _s, _k in services]
    public = np.fromiter(
        (status not in HIDDEN for _raw_id, status, _kind in services), dtype=bool, count=len(ids)
    )
    kinds = np.array([kind for _raw_id, _status, kind in services] or [""], dtype=object)
    attributes = _raw(
        Attribute.objects.using(using)
        .filter(service__isnull=False)
        .order_by()
        .values_list("taxonomy_term_id", "service_id")
    )
    terms = {
        (key if isinstance(key, uuid.UUID) else uuid.UUID(key)): found
        for key, found in _grouped(attributes, ordinals).items()
    }
    at_places = ServiceAtLocation.objects.using(using).order_by()
    areas = _raw(
        at_places.filter(
            location__addresses__address_type=Address.AddressType.PHYSICAL,
            location__addresses__area__isnull=False,
        ).values_list("location__addresses__area", "service_id")
    )
    spoken = _raw(
        Language.objects.using(using)
        .filter(service__isnull=False)
        .order_by()
        .annotate(code_lower=Lower("code"))
        .values_list("code_lower", "service_id")
    ) + _raw(
        at_places.filter(location__languages__isnull=False)
        .annotate(code_lower=Lower("location__languages__code"))
        .values_list("code_lower", "service_id")
    )
    placed = _raw(
        at_places.filter(
            location__latitude__isnull=False, location__longitude__isnull=False
        ).values_list("service_id", "location__latitude", "location__longitude")
    )
    known = [(ordinals[raw], lat, lon) for raw, lat, lon in placed if raw in ordinals]
    now = time.monotonic()
    sets = FilterSets(
        using=using,
        ids=ids,
        ordinals=ordinals,
        by_id={pk: ordinal for ordinal, pk in enumerate(ids)},
        public=public,
        kinds={str(kind): kinds[: len(ids)] == kind for kind in set(kinds.tolist())},
        terms=terms,
        areas=_grouped(areas, ordinals),
        languages=_grouped(spoken, ordinals),
        placed=(
            np.array([row[0] for row in known], dtype=np.int32),
            np.array([row[1] for row in known], dtype=np.float64),
            np.array([row[2] for row in known], dtype=np.float64),
        ),
        state=state,
        loaded=now,
    )
    with translation.override(settings.LANGUAGE_CODE):  # most pages are in it
        sets._language_data(_language())
    return sets


_sets: ProcessCopies[FilterSets] = ProcessCopies()


def current_filter_sets(using: str = "default") -> FilterSets | None:
    """This process's filter sets, loaded again if the database changed (see the module);
    None if they are out of date and were loaded less than MIN_INTERVAL seconds ago: then the
    caller asks the database."""
    state = _state(using)

    def update(sets: FilterSets | None) -> FilterSets | None:
        now = time.monotonic()
        if sets is None:
            return _load(using, state)
        if sets.state != state:
            if now - sets.loaded < MIN_INTERVAL:
                return sets  # kept, but not used for this request
            fresh = _load(using, state)
            fresh.again = now + LOOK_BACK
            return fresh
        if (sets.again and now >= sets.again) or now - sets.loaded > RELOAD:
            return _load(using, state)
        return sets

    sets = _sets.current(using, update)
    return sets if sets is not None and sets.state == state else None


def warm_up_in_background(using: str = "default") -> Any:
    """Load the filter sets when a server process starts (wsgi.py)."""
    return process_copies.warm_up_in_background(
        current_filter_sets, what="directory-filter-sets", using=using
    )


def forget_filter_sets() -> None:
    _sets.forget()


class OrdinalIds(Sequence[uuid.UUID]):
    """The ids of ordinals in an order, turned into UUIDs only where sliced (a page)."""

    def __init__(self, sets: FilterSets, ordinals: Array) -> None:
        self.sets = sets
        self.ordinals = ordinals

    def __len__(self) -> int:
        return len(self.ordinals)

    @overload
    def __getitem__(self, key: int) -> uuid.UUID: ...
    @overload
    def __getitem__(self, key: slice) -> list[uuid.UUID]: ...
    def __getitem__(self, key: int | slice) -> uuid.UUID | list[uuid.UUID]:
        if isinstance(key, int):
            return self.sets.ids[int(self.ordinals[key])]
        return [self.sets.ids[i] for i in self.ordinals[key].tolist()]
