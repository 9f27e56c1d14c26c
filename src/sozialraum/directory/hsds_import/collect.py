"""Flattening nested HSDS objects into one record per id, merging repeated objects.

HSDS nests the same object in several places (a phone under the service, under its contact and
under the service at a location). Each occurrence is walked; the first one's values are kept and
every later one must agree on each field both give, else the id is a conflicting duplicate. The
links to parents (``service_id``, ``contact_id`` …) are united: a phone under a service and under a
contact belongs to both.
"""

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from .problems import Place, ProblemList

#: HSDS link key (also our model's column) → the kind of record it points to.
LINK_TARGETS = {
    "organization_id": "organization",
    "parent_organization_id": "organization",
    "service_id": "service",
    "program_id": "program",
    "location_id": "location",
    "service_at_location_id": "service_at_location",
    "contact_id": "contact",
    "phone_id": "phone",
    "taxonomy_id": "taxonomy",
    "taxonomy_term_id": "taxonomy_term",
    "parent_id": "taxonomy_term",
}

#: Links each kind may have (HSDS keys), in our model.
LINKS: dict[str, tuple[str, ...]] = {
    "organization": ("parent_organization_id",),
    "program": ("organization_id",),
    "organization_identifier": ("organization_id",),
    "funding": ("organization_id", "service_id"),
    "service": ("organization_id", "program_id"),
    "location": ("organization_id",),
    "address": ("location_id",),
    "accessibility": ("location_id",),
    "service_at_location": ("service_id", "location_id"),
    "contact": ("organization_id", "service_id", "service_at_location_id", "location_id"),
    "phone": (
        "organization_id",
        "service_id",
        "location_id",
        "contact_id",
        "service_at_location_id",
    ),
    "language": ("service_id", "location_id", "phone_id"),
    "schedule": ("service_id", "location_id", "service_at_location_id"),
    "cost_option": ("service_id",),
    "required_document": ("service_id",),
    "service_area": ("service_id",),
    "taxonomy": (),
    "taxonomy_term": ("taxonomy_id", "parent_id"),
    # attribute: link_id/link_entity become one of these (our columns), see _walk
    "attribute": (
        "taxonomy_term_id",
        "organization_id",
        "service_id",
        "location_id",
        "service_at_location_id",
    ),
}

#: Entities an attribute can be attached to in our model (Attribute.LINKS without events).
ATTRIBUTE_ENTITIES = ("organization", "service", "location", "service_at_location")

# Nested lists: key → kind of the children. A child links back with "<parent kind>_id".
LIST_CHILDREN: dict[str, dict[str, str]] = {
    "organization": {
        "funding": "funding",
        "contacts": "contact",
        "phones": "phone",
        "locations": "location",
        "programs": "program",
        "organization_identifiers": "organization_identifier",
        "services": "service",
    },
    "service": {
        "phones": "phone",
        "schedules": "schedule",
        "service_areas": "service_area",
        "service_at_locations": "service_at_location",
        "languages": "language",
        "funding": "funding",
        "cost_options": "cost_option",
        "required_documents": "required_document",
        "contacts": "contact",
    },
    "service_at_location": {"contacts": "contact", "phones": "phone", "schedules": "schedule"},
    "location": {
        "languages": "language",
        "addresses": "address",
        "contacts": "contact",
        "accessibility": "accessibility",
        "phones": "phone",
        "schedules": "schedule",
    },
    "contact": {"phones": "phone"},
    "phone": {"languages": "language"},
}

# Nested single objects: key → (kind, the parent's link key to it).
OBJECT_CHILDREN: dict[str, dict[str, tuple[str, str]]] = {
    "service": {
        "organization": ("organization", "organization_id"),
        "program": ("program", "program_id"),
    },
    "service_at_location": {
        "location": ("location", "location_id"),
        "service": ("service", "service_id"),
    },
    "attribute": {"taxonomy_term": ("taxonomy_term", "taxonomy_term_id")},
    "taxonomy_term": {"taxonomy_detail": ("taxonomy", "taxonomy_id")},
}

NESTED_KEYS = {"attributes", "metadata"}


@dataclass
class Link:
    target: uuid.UUID
    place: Place  # where the link was given or implied


@dataclass
class Record:
    kind: str
    id: uuid.UUID
    place: Place  # the first occurrence
    data: dict[str, Any] = field(default_factory=dict)  # own scalar values
    data_places: dict[str, Place] = field(default_factory=dict)
    links: dict[str, Link] = field(default_factory=dict)


@dataclass
class Collection:
    records: dict[str, dict[uuid.UUID, Record]] = field(default_factory=dict)
    # attributes on objects that our model cannot classify (phones, addresses, …): place list
    skipped_attributes: list[Place] = field(default_factory=list)

    def of(self, kind: str) -> dict[uuid.UUID, Record]:
        return self.records.setdefault(kind, {})

    def get(self, kind: str, record_id: uuid.UUID) -> Record | None:
        return self.records.get(kind, {}).get(record_id)


def _same(a: Any, b: Any) -> bool:
    """Equal JSON values: 1 and 1.0 are the same number, but true is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return bool(a == b)


class Collector:
    def __init__(self, problems: ProblemList) -> None:
        self.problems = problems
        self.collection = Collection()

    def add_top(self, kind: str, data: dict[str, Any], place: Place) -> None:
        self._walk(kind, data, place, implied={})

    def _link(self, record: Record, key: str, value: Any, place: Place) -> None:
        try:
            target = uuid.UUID(str(value))
        except ValueError:
            return  # the schema check has reported the malformed id
        existing = record.links.get(key)
        if existing is None:
            record.links[key] = Link(target, place)
        elif existing.target != target:
            self.problems.error(
                place,
                _(
                    "Widersprüchliche Angaben zu %(kind)s %(id)s: %(key)s ist hier %(new)s, "
                    "aber in %(other)s %(old)s."
                )
                % {
                    "kind": record.kind,
                    "id": record.id,
                    "key": key,
                    "new": target,
                    "other": existing.place,
                    "old": existing.target,
                },
            )

    def _record(self, kind: str, data: dict[str, Any], place: Place) -> Record | None:
        try:
            record_id = uuid.UUID(str(data.get("id")))
        except ValueError:
            return None  # reported by the schema check
        scalars = {
            key: value
            for key, value in data.items()
            if key != "id"
            and key not in LINK_TARGETS
            and key not in ("link_id", "link_entity")
            and not isinstance(value, (list, dict))
        }
        records = self.collection.of(kind)
        record = records.get(record_id)
        if record is None:
            record = Record(kind, record_id, place)
            records[record_id] = record
        for key, value in scalars.items():
            if key in record.data and not _same(record.data[key], value):
                self.problems.error(
                    place.child(key),
                    _(
                        "Doppelte Kennung mit anderem Inhalt: %(kind)s %(id)s steht auch in "
                        "%(other)s, dort mit %(key)s = %(old)s, hier = %(new)s."
                    )
                    % {
                        "kind": kind,
                        "id": record_id,
                        "other": record.data_places[key],
                        "key": key,
                        "old": repr(record.data[key])[:80],
                        "new": repr(value)[:80],
                    },
                )
            elif key not in record.data:
                record.data[key] = value
                record.data_places[key] = place.child(key)
        return record

    def _walk(self, kind: str, data: dict[str, Any], place: Place, implied: dict[str, Any]) -> None:
        record = self._record(kind, data, place)
        if record is None:
            return
        allowed = LINKS[kind]
        for key in allowed:
            if key in data and isinstance(data[key], str):
                self._link(record, key, data[key], place.child(key))
        for key, value in implied.items():
            if key in allowed:
                self._link(record, key, value, place)

        # the parent's links to nested single objects, before walking children that need them
        for key, (_kind, link_key) in OBJECT_CHILDREN.get(kind, {}).items():
            child = data.get(key)
            if isinstance(child, dict) and isinstance(child.get("id"), str):
                self._link(record, link_key, child["id"], place.child(key))

        own = {f"{kind}_id": str(record.id)}
        for key, child_kind in LIST_CHILDREN.get(kind, {}).items():
            children = data.get(key)
            if not isinstance(children, list):
                continue
            for index, child in enumerate(children):
                if isinstance(child, dict):
                    self._walk(child_kind, child, place.child(key, index), implied=own)

        for key, (child_kind, _link_key) in OBJECT_CHILDREN.get(kind, {}).items():
            child = data.get(key)
            if not isinstance(child, dict):
                continue
            child_implied: dict[str, Any] = {}
            if kind == "service" and child_kind == "program" and "organization_id" in record.links:
                # a program belongs to the organization of the service that names it
                child_implied["organization_id"] = str(record.links["organization_id"].target)
            self._walk(child_kind, child, place.child(key), implied=child_implied)

        attributes = data.get("attributes")
        if isinstance(attributes, list):
            for index, attribute in enumerate(attributes):
                if not isinstance(attribute, dict):
                    continue
                if kind in ATTRIBUTE_ENTITIES:
                    self._walk(
                        "attribute", attribute, place.child("attributes", index), implied=own
                    )
                else:
                    self.collection.skipped_attributes.append(place.child("attributes", index))

        if kind == "attribute" and not implied:
            self._explicit_attribute_link(record, data, place)

    def _explicit_attribute_link(self, record: Record, data: dict[str, Any], place: Place) -> None:
        """An attribute outside the object it classifies names it by link_entity + link_id."""
        entity, link_id = data.get("link_entity"), data.get("link_id")
        if entity in ATTRIBUTE_ENTITIES and isinstance(link_id, str):
            self._link(record, f"{entity}_id", link_id, place.child("link_id"))
        else:
            self.problems.error(
                place.child("link_entity"),
                _("Die Zuordnung muss eines dieser Objekte nennen (link_entity): %(entities)s.")
                % {"entities": ", ".join(ATTRIBUTE_ENTITIES)},
            )
