"""Checks across records before anything is written: references, required links, uniqueness.

`plan_import` turns the collected records into the model values to write, and reports every
reference to an id that is neither in the data nor in the database, records without the parent
our model needs, and records that would break a uniqueness rule.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..models import Attribute, ServiceAtLocation, Taxonomy, TaxonomyTerm
from .areas import name_keys
from .collect import ATTRIBUTE_ENTITIES, LINK_TARGETS, LINKS, Collection, Link, Record
from .convert import MODELS, WRITE_ORDER, convert
from .problems import ProblemList

#: Links our model requires (HSDS leaves most of them optional).
REQUIRED_LINKS: dict[str, tuple[str, ...]] = {
    "service": ("organization_id",),
    "program": ("organization_id",),
    "organization_identifier": ("organization_id",),
    "address": ("location_id",),
    "accessibility": ("location_id",),
    "service_at_location": ("service_id", "location_id"),
    "cost_option": ("service_id",),
    "required_document": ("service_id",),
    "service_area": ("service_id",),
    "taxonomy_term": ("taxonomy_id",),
    "attribute": ("taxonomy_term_id",),
}

#: Links to a record of the same kind: written parents first.
SELF_LINKS = {"organization": "parent_organization_id", "taxonomy_term": "parent_id"}

#: A namespace for the ids of taxonomies that the data names only by their name.
TAXONOMY_NAMESPACE = uuid.UUID("6f1f0a43-7d1e-4a53-9a53-2b8a6c0d9e51")


@dataclass
class Plan:
    records: dict[str, dict[uuid.UUID, Record]]
    values: dict[str, dict[uuid.UUID, dict[str, Any]]] = field(default_factory=dict)
    order: dict[str, list[uuid.UUID]] = field(default_factory=dict)
    slugs: dict[uuid.UUID, str] = field(default_factory=dict)
    existing: dict[str, set[uuid.UUID]] = field(default_factory=dict)


def _existing_ids(kind: str, ids: set[uuid.UUID]) -> set[uuid.UUID]:
    if not ids:
        return set()
    manager = MODELS[kind]._default_manager
    return set(manager.filter(pk__in=list(ids)).values_list("pk", flat=True))


def plan_import(collection: Collection, problems: ProblemList) -> Plan:
    _taxonomies_by_name(collection, problems)
    plan = Plan(records=collection.records)
    for kind in WRITE_ORDER:
        plan.existing[kind] = _existing_ids(kind, set(collection.of(kind)))

    for kind in WRITE_ORDER:
        for record in collection.of(kind).values():
            values = convert(record, problems)
            for key in LINKS[kind]:
                if key in record.links:
                    values[key] = record.links[key].target
            for key in REQUIRED_LINKS.get(kind, ()):
                if key not in record.links and record.id not in plan.existing[kind]:
                    problems.error(
                        record.place,
                        _("%(kind)s ohne %(key)s: die Angabe ist hier nötig.")
                        % {"kind": kind, "key": key},
                    )
            if kind == "attribute" and not any(
                f"{entity}_id" in record.links for entity in ATTRIBUTE_ENTITIES
            ):
                problems.error(record.place, _("Die Zuordnung gehört zu keinem Objekt."))
            if (
                kind == "taxonomy_term"
                and "code" not in values
                and record.id not in plan.existing[kind]
            ):
                values["code"] = str(record.id)  # HSDS's code is optional, ours unique
            plan.values.setdefault(kind, {})[record.id] = values

    _check_references(collection, problems)
    _check_unique(plan, problems)
    for kind, key in SELF_LINKS.items():
        plan.order[kind] = _parents_first(collection.of(kind), key, problems)
    new_taxonomies = [
        (record.id, str(record.data.get("name", "")))
        for record in collection.of("taxonomy").values()
        if record.id not in plan.existing["taxonomy"]
    ]
    taken = set(Taxonomy.objects.values_list("slug", flat=True))
    for taxonomy_id, name in new_taxonomies:
        plan.slugs[taxonomy_id] = _free_slug(name, taken)
    return plan


def _free_slug(name: str, taken: set[str]) -> str:
    base = slugify(name)[:90] or "taxonomie"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def _taxonomies_by_name(collection: Collection, problems: ProblemList) -> None:
    """A term that names its taxonomy only as text (HSDS ``taxonomy``) gets that taxonomy:
    one in the data or the database with that name, else a new one."""
    known: dict[str, uuid.UUID] = {}
    for taxonomy_id, name in Taxonomy.objects.values_list("pk", "name"):
        for key in name_keys(name or ""):
            known.setdefault(key, taxonomy_id)
    for slug, taxonomy_id in Taxonomy.objects.values_list("slug", "pk"):
        known.setdefault(slug.replace("-", ""), taxonomy_id)
    for record in collection.of("taxonomy").values():
        for key in name_keys(str(record.data.get("name", ""))):
            known[key] = record.id
    for term in collection.of("taxonomy_term").values():
        if "taxonomy_id" in term.links:
            continue
        text = term.data.get("taxonomy")
        if not isinstance(text, str) or not text.strip():
            problems.error(
                term.place,
                _(
                    "Der Begriff nennt keine Taxonomie "
                    "(taxonomy_id, taxonomy_detail oder taxonomy)."
                ),
            )
            continue
        keys = sorted(name_keys(text))
        found = next((known[key] for key in keys if key in known), None)
        taxonomy_id = found or uuid.uuid5(TAXONOMY_NAMESPACE, text.strip().casefold())
        if found is None:
            taxonomies = collection.of("taxonomy")
            if taxonomy_id not in taxonomies:
                taxonomies[taxonomy_id] = Record(
                    "taxonomy",
                    taxonomy_id,
                    term.place,
                    data={"name": text.strip(), "description": ""},
                    data_places={"name": term.place.child("taxonomy")},
                )
            for key in keys:
                known[key] = taxonomy_id
        term.links["taxonomy_id"] = Link(taxonomy_id, term.place.child("taxonomy"))


def _check_references(collection: Collection, problems: ProblemList) -> None:
    wanted: dict[str, set[uuid.UUID]] = defaultdict(set)
    for kind in WRITE_ORDER:
        for record in collection.of(kind).values():
            for key, link in record.links.items():
                target_kind = _target_kind(key)
                if link.target not in collection.of(target_kind):
                    wanted[target_kind].add(link.target)
    found = {kind: _existing_ids(kind, ids) for kind, ids in wanted.items()}
    for kind in WRITE_ORDER:
        for record in collection.of(kind).values():
            for key, link in record.links.items():
                target_kind = _target_kind(key)
                if link.target in collection.of(target_kind) or link.target in found.get(
                    target_kind, set()
                ):
                    continue
                problems.error(
                    link.place,
                    _(
                        "Unbekannter Verweis: %(kind)s %(id)s verweist mit %(key)s auf "
                        "%(target_kind)s %(target)s, das es weder in den Daten noch in der "
                        "Datenbank gibt."
                    )
                    % {
                        "kind": kind,
                        "id": record.id,
                        "key": key,
                        "target_kind": target_kind,
                        "target": link.target,
                    },
                )


def _target_kind(key: str) -> str:
    return LINK_TARGETS[key]


def _check_unique(plan: Plan, problems: ProblemList) -> None:
    """Pairs that our model keeps unique: a service at a location once, a term's code once
    per taxonomy, a term attached to an object once per link type."""
    _unique(
        plan,
        problems,
        "service_at_location",
        ("service_id", "location_id"),
        ServiceAtLocation.objects.all(),
        _("Das Angebot ist an diesem Ort schon eingetragen (als %(other)s)."),
    )
    _unique(
        plan,
        problems,
        "taxonomy_term",
        ("taxonomy_id", "code"),
        TaxonomyTerm.objects.all(),
        _("Die Taxonomie hat schon einen Begriff mit diesem Code (%(other)s)."),
    )
    for entity in ATTRIBUTE_ENTITIES:
        _unique(
            plan,
            problems,
            "attribute",
            (f"{entity}_id", "taxonomy_term_id", "link_type"),
            Attribute.objects.all(),
            _("Der Begriff ist diesem Objekt schon zugeordnet (%(other)s)."),
        )


def _unique(
    plan: Plan,
    problems: ProblemList,
    kind: str,
    fields: tuple[str, ...],
    queryset: Any,
    message: str,
) -> None:
    planned = plan.values.get(kind, {})
    seen: dict[tuple[Any, ...], uuid.UUID] = {}
    for record_id, values in planned.items():
        if not all(name in values or name == "link_type" for name in fields):
            continue
        key = tuple(values.get(name, "") for name in fields)
        other = seen.setdefault(key, record_id)
        if other != record_id:
            problems.error(
                plan.records[kind][record_id].place,
                message % {"other": plan.records[kind][other].place},
            )
    if not seen:
        return
    first = fields[0]
    clashing = queryset.filter(**{f"{first}__in": {key[0] for key in seen}}).exclude(
        pk__in=list(planned)
    )
    for row in clashing.values("pk", *fields):
        key = tuple(row[name] for name in fields)
        if key in seen:
            problems.error(
                plan.records[kind][seen[key]].place,
                message % {"other": _("Eintrag %(id)s in der Datenbank") % {"id": row["pk"]}},
            )


def _parents_first(
    records: dict[uuid.UUID, Record], key: str, problems: ProblemList
) -> list[uuid.UUID]:
    """The ids in an order where a parent in the same import comes before its children."""
    order: list[uuid.UUID] = []
    state: dict[uuid.UUID, str] = {}
    for start in records:
        path: list[uuid.UUID] = []
        current: uuid.UUID | None = start
        while current is not None and current in records and current not in state:
            state[current] = "open"
            path.append(current)
            link = records[current].links.get(key)
            current = link.target if link else None
        if current is not None and state.get(current) == "open":
            problems.error(
                records[current].place,
                _("Kreisförmige Verweise über %(key)s: das Objekt ist sein eigener Vorfahr.")
                % {"key": key},
            )
        for record_id in reversed(path):
            state[record_id] = "done"
            order.append(record_id)
    return order
