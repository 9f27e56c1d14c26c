"""Importing area boundaries from GeoJSON: check everything first, then write in one transaction.

`areas_import` reads a FeatureCollection (RFC 7946: WGS84 longitude/latitude), checks every
feature and either raises `AreaImportError` listing every problem (nothing is written) or, with
`skip_invalid`, imports the valid features and reports the skipped ones. Running the same import
again changes nothing: areas are matched by level, id and start of validity.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import shapely
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from shapely.geometry import shape

from .geojson import AreaImportError, Issue, ParsedFeature, level_name_issue, read_features
from .models import Area, AreaLevel

__all__ = ["AreaImportError", "ImportReport", "Issue", "areas_import"]

BATCH_SIZE = 200


@dataclass
class ImportReport:
    file: str
    level: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged

    def summary(self) -> str:
        return _(
            "%(file)s: Ebene „%(level)s“: %(created)d neu, %(updated)d geändert, "
            "%(unchanged)d unverändert, %(skipped)d übersprungen."
        ) % {
            "file": self.file,
            "level": self.level,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": len(self.skipped),
        }


def _find_level(name_or_slug: str) -> AreaLevel | None:
    level = AreaLevel.objects.filter(slug=slugify(name_or_slug)).first()
    if level is None:
        with translation.override(settings.LANGUAGE_CODE):
            level = AreaLevel.objects.filter(name__iexact=name_or_slug.strip()).first()
    return level


def _level_names() -> str:
    return ", ".join(AreaLevel.objects.values_list("slug", flat=True)) or _("(noch keine)")


def _resolve_parents(
    file: str,
    features: list[ParsedFeature],
    *,
    parent_level: AreaLevel,
    parent_field: str | None,
    valid_from: datetime.date | None,
    valid_until: datetime.date | None,
    warnings: list[Issue],
) -> None:
    """Find each feature's parent: by --parent-field, else by id prefix, else by location.

    Statistics offices encode the hierarchy in the id (planning area 01011101 lies in district
    region 010111 and district 01), so the longest id of the parent level that starts the
    child's id wins. Without one, the parent is the area that contains the child's
    representative point. A prefix that contradicts the location is reported as a warning.
    """
    candidates = list(
        Area.objects.in_level(parent_level)
        .overlapping(valid_from, valid_until)
        .order_by(F("valid_from").asc(nulls_first=True), "code")
    )
    if not candidates:
        raise AreaImportError(
            [
                Issue(
                    file,
                    _(
                        "Die übergeordnete Ebene „%(level)s“ hat keine Gebiete, die in diesem "
                        "Zeitraum gelten. Importieren Sie zuerst die übergeordnete Ebene."
                    )
                    % {"level": parent_level.name},
                )
            ]
        )
    by_code = {area.code: area for area in candidates}  # a later set wins over an older one
    todo = [f for f in features if not f.problems and f.code and f.shape is not None]
    if parent_field is not None:
        for feature in todo:
            feature.parent = by_code.get(feature.parent_code or "")
            if feature.parent is None:
                feature.problems.append(
                    _(
                        "Das übergeordnete Gebiet %(parent)s (Eigenschaft „%(field)s“) gibt es in "
                        "der Ebene „%(level)s“ nicht."
                    )
                    % {"parent": feature.parent_code, "field": parent_field, "level": parent_level}
                )
        return

    tree = shapely.STRtree([shape(area.geometry) for area in candidates])
    points = [feature.shape.representative_point() for feature in todo if feature.shape]
    containing: dict[int, list[Area]] = defaultdict(list)
    for point_index, area_index in zip(*tree.query(points, predicate="within"), strict=True):
        containing[int(point_index)].append(candidates[int(area_index)])
    lengths = sorted({len(code) for code in by_code}, reverse=True)

    for index, feature in enumerate(todo):
        code = feature.code or ""
        by_prefix = next(
            (by_code[code[:n]] for n in lengths if n < len(code) and code[:n] in by_code), None
        )
        around = containing.get(index, [])
        feature.parent = by_prefix or (around[0] if around else None)
        if feature.parent is None:
            point = points[index]
            feature.problems.append(
                _(
                    "Kein übergeordnetes Gebiet der Ebene „%(level)s“ gefunden: keine Kennziffer "
                    "dort ist der Anfang von %(code)s, und keines enthält den Punkt %(lon).5f, "
                    "%(lat).5f."
                )
                % {"level": parent_level, "code": code, "lon": point.x, "lat": point.y}
            )
        elif by_prefix is not None and around and by_prefix not in around:
            warnings.append(
                Issue(
                    file,
                    _(
                        "Laut Kennziffer gehört das Gebiet zu %(prefix)s, nach seinem Umriss "
                        "liegt es aber in %(spatial)s. Übernommen wird %(prefix)s; bitte prüfen."
                    )
                    % {"prefix": by_prefix, "spatial": around[0]},
                    feature.number,
                    code,
                )
            )


@transaction.atomic
def areas_import(
    *,
    path: Path | str,
    level: str,
    id_field: str,
    name_field: str,
    parent_level: str | None = None,
    parent_field: str | None = None,
    valid_from: datetime.date | None = None,
    valid_until: datetime.date | None = None,
    skip_invalid: bool = False,
    source: str = "",
) -> ImportReport:
    """Import the areas of one level from a GeoJSON file.

    Without `parent_level` the level's stored parent level (from an earlier import) is used.
    Raises AreaImportError with every problem found, unless `skip_invalid` is set: then the
    valid features are imported and the others are listed in the report's `skipped`. Problems
    of the whole file (not JSON, wrong coordinate system, unknown parent level) always raise.
    """
    file = str(path)
    slug = slugify(level)
    if not slug:
        raise AreaImportError([Issue(file, _("Die Ebene braucht einen Namen (--level)."))])
    if valid_from and valid_until and valid_until < valid_from:
        raise AreaImportError([Issue(file, _("Das Ende der Gültigkeit liegt vor ihrem Anfang."))])
    level_obj = _find_level(level)
    if level_obj is not None:
        slug = level_obj.slug
    elif issue := level_name_issue(file, level.strip(), slug):
        raise AreaImportError([issue])
    parent_level_obj = level_obj.parent if level_obj else None
    if parent_level:
        parent_level_obj = _find_level(parent_level)
        if parent_level_obj is None:
            message = _(
                "Die übergeordnete Ebene „%(level)s“ gibt es nicht. Vorhandene Ebenen: %(levels)s."
            ) % {"level": parent_level, "levels": _level_names()}
            raise AreaImportError([Issue(file, message)])
    if parent_level_obj is not None and slug in _level_chain(parent_level_obj):
        message = _("Die Ebene „%(level)s“ kann nicht sich selbst untergeordnet sein.") % {
            "level": level
        }
        raise AreaImportError([Issue(file, message)])
    if parent_field and parent_level_obj is None:
        message = _("--parent-field braucht --parent-level: in welcher Ebene ist das Gebiet?")
        raise AreaImportError([Issue(file, message)])

    features, warnings = read_features(
        file, Path(path), id_field=id_field, name_field=name_field, parent_field=parent_field
    )
    if parent_level_obj is not None:
        _resolve_parents(
            file,
            features,
            parent_level=parent_level_obj,
            parent_field=parent_field,
            valid_from=valid_from,
            valid_until=valid_until,
            warnings=warnings,
        )
    issues = [
        Issue(file, problem, feature.number, feature.code)
        for feature in features
        for problem in feature.problems
    ]
    if issues and not skip_invalid:
        raise AreaImportError(issues)
    valid = [feature for feature in features if not feature.problems]
    if not valid:
        raise AreaImportError([*issues, Issue(file, _("Kein Feature ist gültig."))])

    level_obj = _save_level(level_obj, name=level, slug=slug, parent=parent_level_obj)
    report = ImportReport(file=file, level=str(level_obj), skipped=issues, warnings=warnings)
    _save_areas(
        report,
        valid,
        level=level_obj,
        valid_from=valid_from,
        valid_until=valid_until,
        source=source,
    )
    report.warnings += _leftover_warnings(
        file, level_obj, features, valid_from=valid_from, valid_until=valid_until
    )
    return report


def _level_chain(level: AreaLevel) -> list[str]:
    chain: list[str] = []
    current: AreaLevel | None = level
    while current is not None and current.slug not in chain:
        chain.append(current.slug)
        current = current.parent
    return chain


def _save_level(
    level: AreaLevel | None, *, name: str, slug: str, parent: AreaLevel | None
) -> AreaLevel:
    rank = parent.rank + 1 if parent else 0
    if level is None:
        level = AreaLevel(slug=slug, parent=parent, rank=rank)
        with translation.override(settings.LANGUAGE_CODE):
            level.name = name.strip()  # the import names levels in the default language
        level.save()
    elif parent is not None and level.parent_id != parent.pk:
        level.parent = parent
        level.rank = rank
        level.save(update_fields=["parent", "rank"])
    return level


def _save_areas(
    report: ImportReport,
    features: Iterable[ParsedFeature],
    *,
    level: AreaLevel,
    valid_from: datetime.date | None,
    valid_until: datetime.date | None,
    source: str,
) -> None:
    existing = {area.code: area for area in Area.objects.filter(level=level, valid_from=valid_from)}
    now = timezone.now()
    to_create: list[Area] = []
    to_update: list[Area] = []
    for feature in features:
        assert feature.shape is not None and feature.code is not None
        point = feature.shape.representative_point()
        values = {
            "name": feature.name,
            "geometry": feature.geometry,
            "bbox": [round(value, 7) for value in feature.shape.bounds],
            "point_lon": round(point.x, 7),
            "point_lat": round(point.y, 7),
            "parent_id": feature.parent.pk if feature.parent else None,
            "valid_until": valid_until,
            "source": source,
        }
        area = existing.get(feature.code)
        if area is None:
            to_create.append(
                Area(level=level, code=feature.code, valid_from=valid_from, modified=now, **values)
            )
        elif any(getattr(area, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(area, key, value)
            area.modified = now
            to_update.append(area)
        else:
            report.unchanged += 1
    Area.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    Area.objects.bulk_update(
        to_update,
        [
            "name",
            "geometry",
            "bbox",
            "point_lon",
            "point_lat",
            "parent",
            "valid_until",
            "source",
            "modified",
        ],
        batch_size=BATCH_SIZE,
    )
    report.created = len(to_create)
    report.updated = len(to_update)


def _leftover_warnings(
    file: str,
    level: AreaLevel,
    features: list[ParsedFeature],
    *,
    valid_from: datetime.date | None,
    valid_until: datetime.date | None,
) -> list[Issue]:
    warnings = []
    # A skipped feature still counts as in the file; a code the database cannot hold (NUL)
    # cannot match a stored area, and PostgreSQL refuses it even as a query parameter.
    in_file = {feature.code for feature in features if feature.code and "\x00" not in feature.code}
    missing = list(
        Area.objects.filter(level=level, valid_from=valid_from)
        .exclude(code__in=in_file)
        .values_list("code", flat=True)
    )
    if missing:
        warnings.append(
            Issue(
                file,
                ngettext(
                    "%(count)d Gebiet der Ebene mit diesem Gültigkeitsbeginn steht nicht in der "
                    "Datei; es bleibt unverändert: %(codes)s.",
                    "%(count)d Gebiete der Ebene mit diesem Gültigkeitsbeginn stehen nicht in der "
                    "Datei; sie bleiben unverändert: %(codes)s.",
                    len(missing),
                )
                % {"count": len(missing), "codes": ", ".join(missing[:10])},
            )
        )
    others = Area.objects.in_level(level).overlapping(valid_from, valid_until)
    if valid_from is None:
        others = others.exclude(valid_from__isnull=True)
    else:
        others = others.exclude(valid_from=valid_from)
    overlapping = others.count()
    if overlapping:
        warnings.append(
            Issue(
                file,
                ngettext(
                    "%(count)d Gebiet der Ebene aus einem anderen Gebietsstand gilt im selben "
                    "Zeitraum. Beenden Sie den alten Stand: importieren Sie ihn noch einmal mit "
                    "--valid-until.",
                    "%(count)d Gebiete der Ebene aus einem anderen Gebietsstand gelten im selben "
                    "Zeitraum. Beenden Sie den alten Stand: importieren Sie ihn noch einmal mit "
                    "--valid-until.",
                    overlapping,
                )
                % {"count": overlapping},
            )
        )
    return warnings
