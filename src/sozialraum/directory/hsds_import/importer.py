"""`hsds_import`: read, check everything, then write everything in one transaction."""

import datetime
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DatabaseError, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.translator import NotRegistered, translator

from sozialraum.areas.locate import AreaLocator
from sozialraum.core.models import AuditEntry

from .. import search
from ..models import Location
from .areas import RegionMatcher, name_keys
from .checks import Plan, plan_import
from .collect import Collector
from .convert import MODELS, WRITE_ORDER
from .problems import HsdsImportError, Place, Problem, ProblemList, TooManyProblems
from .reading import ImportLimits, check_sizes, expand_paths, load_file, schema_problems, top_items

__all__ = ["Counts", "HsdsImportError", "ImportLimits", "ImportReport", "hsds_import"]

#: Names of the kinds for people, in the order of the report.
KIND_LABELS: dict[str, Any] = {
    "organization": gettext_lazy("Organisationen"),
    "program": gettext_lazy("Programme"),
    "organization_identifier": gettext_lazy("Kennungen"),
    "service": gettext_lazy("Angebote"),
    "location": gettext_lazy("Orte"),
    "address": gettext_lazy("Adressen"),
    "accessibility": gettext_lazy("Barrierefreiheit"),
    "service_at_location": gettext_lazy("Angebote an Orten"),
    "contact": gettext_lazy("Ansprechpersonen"),
    "phone": gettext_lazy("Telefonnummern"),
    "language": gettext_lazy("Sprachen"),
    "schedule": gettext_lazy("Öffnungszeiten"),
    "cost_option": gettext_lazy("Preise"),
    "required_document": gettext_lazy("Unterlagen"),
    "service_area": gettext_lazy("Einzugsgebiete"),
    "funding": gettext_lazy("Finanzierungen"),
    "taxonomy": gettext_lazy("Taxonomien"),
    "taxonomy_term": gettext_lazy("Begriffe"),
    "attribute": gettext_lazy("Zuordnungen"),
}


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportReport:
    """What an import did (or, with dry_run, would do), by HSDS kind."""

    files: list[str]
    dry_run: bool
    counts: dict[str, Counts] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    service_ids: list[uuid.UUID] = field(default_factory=list)

    def totals(self) -> Counts:
        total = Counts()
        for count in self.counts.values():
            total.created += count.created
            total.updated += count.updated
            total.unchanged += count.unchanged
        return total

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {kind: vars(count).copy() for kind, count in self.counts.items()}

    def lines(self) -> list[str]:
        """One line per kind that occurred: „Angebote: 3 neu, 1 geändert, 0 unverändert“."""
        return [
            _("%(kind)s: %(created)d neu, %(updated)d geändert, %(unchanged)d unverändert")
            % {"kind": label, **vars(self.counts[kind])}
            for kind, label in KIND_LABELS.items()
            if kind in self.counts
        ]


def translated_fields(model: type[models.Model]) -> set[str]:
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def hsds_import(
    *,
    paths: Iterable[Path | str],
    actor: Any = None,
    dry_run: bool = False,
    limits: ImportLimits | None = None,
    language: str | None = None,
    today: datetime.date | None = None,
) -> ImportReport:
    """Import HSDS 3.0 JSON files (or folders of them) into the directory.

    Checks everything before writing anything; on any error raises `HsdsImportError` listing
    every problem found (up to ``limits.max_errors``) and writes nothing. Records are matched by
    their HSDS id: unknown ids are created, known ones updated where a value differs. Fields the
    data leaves out keep their value; nothing is deleted. Texts go into ``language`` (default:
    the site's language) and fill the German text where it is empty. ``dry_run`` checks and
    counts, then rolls back. One audit entry records the import.
    """
    limits = limits or ImportLimits()
    language = language or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"language {language!r} is not one of settings.LANGUAGES")
    today = today or timezone.localdate()
    problems = ProblemList(limits.max_errors)
    file_names: list[str] = []
    try:
        collector = Collector(problems)
        for path in expand_paths([Path(p) for p in paths], problems):
            file_names.append(str(path))
            _read_file(path, limits, problems, collector)
        if problems.errors:
            raise HsdsImportError(problems.errors)
        with translation.override(settings.LANGUAGE_CODE):
            plan = plan_import(collector.collection, problems)
            if problems.errors:
                raise HsdsImportError(problems.errors)
            _assign_areas(plan, problems, today)
            if collector.collection.skipped_attributes:
                first = collector.collection.skipped_attributes[0]
                problems.warn(
                    first,
                    _(
                        "%(count)d Zuordnungen (attributes) an Objekten, die hier keine "
                        "Begriffe tragen (z. B. Telefonnummern, Adressen), wurden übergangen."
                    )
                    % {"count": len(collector.collection.skipped_attributes)},
                )
            report = ImportReport(files=file_names, dry_run=dry_run, warnings=problems.warnings)
            _write(plan, report, language, actor)
    except TooManyProblems:
        raise HsdsImportError(problems.errors) from None
    return report


def _read_file(
    path: Path, limits: ImportLimits, problems: ProblemList, collector: Collector
) -> None:
    document = load_file(path, limits, problems)
    if document is None:
        return
    items = top_items(document, str(path), problems)
    if len(items) > limits.max_top_level_items:
        problems.error(
            Place(str(path)),
            _("Die Datei enthält %(count)d Objekte; erlaubt sind höchstens %(max)d.")
            % {"count": len(items), "max": limits.max_top_level_items},
        )
        return
    for item in items:
        before = len(problems.errors)
        check_sizes(item.data, item.place, limits, problems)
        for place, message in schema_problems(item):
            problems.error(place, message)
        if len(problems.errors) == before:
            collector.add_top(item.kind, item.data, item.place)


def _assign_areas(plan: Plan, problems: ProblemList, today: datetime.date) -> None:
    """Address.area from the location's point (the finest area there), else from ``region``."""
    addresses = plan.values.get("address", {})
    if not addresses and not plan.values.get("service_area"):
        return
    matcher = RegionMatcher()
    if matcher.empty and addresses:
        problems.warn(
            next(iter(plan.records["address"].values())).place,
            _("Es sind keine Gebiete geladen: die Adressen bleiben ohne Gebiet (docs/areas.md)."),
        )
        return
    location_ids: set[uuid.UUID] = {
        values["location_id"] for values in addresses.values() if "location_id" in values
    }
    points: dict[uuid.UUID, tuple[float, float]] = {}
    for location_id, lat, lon in Location.objects.filter(pk__in=location_ids).values_list(
        "pk", "latitude", "longitude"
    ):
        if lat is not None and lon is not None:
            points[location_id] = (lat, lon)
    for location_id, values in plan.values.get("location", {}).items():
        if values.get("latitude") is not None and values.get("longitude") is not None:
            points[location_id] = (values["latitude"], values["longitude"])
    locator = AreaLocator(today) if any(lid in points for lid in location_ids) else None
    for address_id, values in addresses.items():
        if values.get("address_type") == Location.LocationType.VIRTUAL:
            continue
        area_id = None
        point = points.get(values["location_id"]) if "location_id" in values else None
        if locator is not None and point is not None:
            area_id = locator.locate_id(point[1], point[0])
        region = plan.records["address"][address_id].data.get("region")
        if area_id is None and isinstance(region, str) and region.strip():
            area_id = matcher.match(region)
            if area_id is None:
                problems.warn(
                    plan.records["address"][address_id].data_places["region"],
                    _("Kein Gebiet heißt „%(region)s“; die Adresse bleibt ohne Gebiet.")
                    % {"region": region},
                )
        if area_id is not None:
            values["area_id"] = area_id
    for values in plan.values.get("service_area", {}).values():
        name = values.get("name")
        if name and name_keys(name) and (area_id := matcher.match(name)) is not None:
            values["area_id"] = area_id


def _write_kind(plan: Plan, kind: str, count: Counts, language: str) -> None:
    """Create the new records of one kind in bulk, update the changed ones one by one."""
    default = settings.LANGUAGE_CODE
    model = MODELS[kind]
    planned = plan.values[kind]
    translated = translated_fields(model)
    existing = model._default_manager.in_bulk(list(planned))
    new_objects = []
    for record_id in plan.order.get(kind, list(planned)):
        obj = existing.get(record_id)
        is_new = obj is None
        if obj is None:
            obj = model(pk=record_id)
            if kind == "taxonomy":
                obj.slug = plan.slugs[record_id]  # type: ignore[attr-defined]
        changed = False
        for name, value in planned[record_id].items():
            targets = [name]
            if name in translated:
                targets = [f"{name}_{language}"]
                if language != default and not getattr(obj, f"{name}_{default}", ""):
                    targets.append(f"{name}_{default}")
            for target in targets:
                if not _equal(getattr(obj, target), value):
                    setattr(obj, target, value)
                    changed = True
        if is_new:
            count.created += 1
            new_objects.append(obj)
        elif changed:
            count.updated += 1
            _save(plan, kind, record_id, obj.save)
        else:
            count.unchanged += 1
    if new_objects:
        first = new_objects[0].pk
        _save(plan, kind, first, lambda: model._default_manager.bulk_create(new_objects, 500))


def _save(plan: Plan, kind: str, record_id: uuid.UUID, save: Callable[[], Any]) -> None:
    """Run a write; the checks before should have caught anything the database refuses."""
    try:
        save()
    except DatabaseError as error:
        raise HsdsImportError(
            [
                Problem(
                    plan.records[kind][record_id].place,
                    _("Die Datenbank lehnt den Eintrag ab: %(reason)s") % {"reason": error},
                )
            ]
        ) from error


def _equal(current: Any, new: Any) -> bool:
    if current is None and new == "":
        return True
    return bool(current == new)


def _write(plan: Plan, report: ImportReport, language: str, actor: Any) -> None:
    with transaction.atomic():
        for kind in WRITE_ORDER:
            if plan.values.get(kind):
                _write_kind(plan, kind, report.counts.setdefault(kind, Counts()), language)
        report.service_ids = sorted(plan.values.get("service", {}))
        if report.dry_run:
            transaction.set_rollback(True)
            return
        AuditEntry.objects.create(
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            actor_label=str(getattr(actor, "email", "") or "system"),
            action="directory.hsds_import",
            object_type="directory.HsdsImport",  # no model: the import as a whole
            object_repr=(_("HSDS-Import: %(files)s") % {"files": ", ".join(report.files)})[:255],
            after={"files": report.files, "counts": report.as_dict()},
        )
        search.index_services(report.service_ids)
