"""Reading a GeoJSON FeatureCollection of areas and checking every feature before import.

The checks collect every problem instead of stopping at the first, so that an operator can fix
a file in one go. Problems of the whole file raise `AreaImportError` at once.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from django.db.models import Field, Model
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity

from .models import Area, AreaLevel

# RFC 7946 allows only WGS84 longitude/latitude; older files name it in a `crs` member.
WGS84_NAMES = {
    "urn:ogc:def:crs:ogc:1.3:crs84",
    "urn:ogc:def:crs:ogc::crs84",
    "urn:ogc:def:crs:epsg::4326",
    "urn:ogc:def:crs:epsg:4326",
    "epsg:4326",
    "ogc:crs84",
    "crs84",
    "http://www.opengis.net/def/crs/ogc/1.3/crs84",
    "http://www.opengis.net/def/crs/epsg/0/4326",
}
GEOMETRY_TYPES = ("Polygon", "MultiPolygon")


@dataclass(frozen=True)
class Issue:
    """A problem in the file, found before anything was written."""

    file: str
    message: str
    feature: int | None = None  # 1-based, as a person counts
    code: str | None = None

    def __str__(self) -> str:
        if self.feature is None:
            return f"{self.file}: {self.message}"
        if self.code:
            where = _("Feature %(number)d (Kennziffer %(code)s)") % {
                "number": self.feature,
                "code": self.code,
            }
        else:
            where = _("Feature %(number)d") % {"number": self.feature}
        return f"{self.file}, {where}: {self.message}"


class AreaImportError(Exception):
    """The file cannot be imported; `issues` lists every problem found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        super().__init__("\n".join(str(issue) for issue in issues))


@dataclass
class ParsedFeature:
    """One feature of the file as read, with everything wrong with it in `problems`."""

    number: int
    code: str | None = None
    name: str | None = None
    parent_code: str | None = None
    geometry: dict[str, Any] | None = None
    shape: BaseGeometry | None = None
    parent: Area | None = None
    projected: bool = False
    problems: list[str] = field(default_factory=list)


def read_features(
    file: str, path: Path, *, id_field: str, name_field: str, parent_field: str | None
) -> tuple[list[ParsedFeature], list[Issue]]:
    """The file's features, each with its problems, and warnings about the whole file."""
    raw_features = _read_collection(file, path)
    fields = {"--id-field": id_field, "--name-field": name_field}
    if parent_field:
        fields["--parent-field"] = parent_field
    _check_fields(file, raw_features, fields)
    features = [
        _parse_feature(
            number, raw, id_field=id_field, name_field=name_field, parent_field=parent_field
        )
        for number, raw in enumerate(raw_features, start=1)
    ]
    _raise_if_all_projected(file, features)
    _mark_duplicates(features)
    return features, _numeric_id_warning(file, raw_features, id_field)


def _read_collection(file: str, path: Path) -> list[Any]:
    """The features of the file, or AreaImportError if it is no WGS84 FeatureCollection."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise AreaImportError([Issue(file, _("Die Datei gibt es nicht."))]) from None
    except (OSError, UnicodeDecodeError) as error:
        message = _("Die Datei lässt sich nicht lesen (%(error)s).") % {"error": error}
        raise AreaImportError([Issue(file, message)]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        message = _(
            "Die Datei ist kein gültiges JSON: %(error)s in Zeile %(line)d, Spalte %(column)d."
        ) % {"error": error.msg, "line": error.lineno, "column": error.colno}
        raise AreaImportError([Issue(file, message)]) from None
    kind = data.get("type") if isinstance(data, dict) else type(data).__name__
    if kind != "FeatureCollection" or not isinstance(data.get("features"), list):
        message = _(
            "Die Datei ist keine GeoJSON-FeatureCollection (type ist „%(type)s“). Erwartet wird "
            '{"type": "FeatureCollection", "features": [...]}.'
        ) % {"type": kind}
        raise AreaImportError([Issue(file, message)])
    crs = data.get("crs")
    if crs is not None:
        properties = crs.get("properties") if isinstance(crs, dict) else None
        crs_name = properties.get("name") if isinstance(properties, dict) else None
        if not isinstance(crs_name, str) or crs_name.strip().lower() not in WGS84_NAMES:
            message = _(
                "Das Koordinatensystem %(crs)s wird nicht unterstützt. Erwartet wird WGS84 mit "
                "Länge/Breite (EPSG:4326 oder OGC CRS84, wie RFC 7946 es verlangt). Rechnen Sie "
                "die Datei um, z. B. mit: ogr2ogr -t_srs EPSG:4326 neu.geojson alt.geojson"
            ) % {"crs": crs_name or json.dumps(crs)}
            raise AreaImportError([Issue(file, message)])
    if not data["features"]:
        raise AreaImportError([Issue(file, _("Die Datei enthält keine Features."))])
    return data["features"]


def _check_fields(file: str, features: list[Any], fields: dict[str, str]) -> None:
    """A field that no feature has is a typo in the command, not a problem of each feature."""
    found: set[str] = set()
    for feature in features:
        if isinstance(feature, dict) and isinstance(feature.get("properties"), dict):
            found.update(feature["properties"])
    issues = [
        Issue(
            file,
            _(
                "Kein Feature hat die Eigenschaft „%(field)s“ (%(option)s). Vorhandene "
                "Eigenschaften: %(found)s."
            )
            % {"field": name, "option": option, "found": ", ".join(sorted(found)) or "-"},
        )
        for option, name in fields.items()
        if name not in found
    ]
    if issues:
        raise AreaImportError(issues)


def _too_long(model: type[Model], field_name: str, value: str) -> int | None:
    """The field's `max_length` if the value exceeds it, else None.

    SQLite stores any length; PostgreSQL refuses the whole transaction. So the import checks
    every text it stores against the model field, as the database would.
    """
    model_field = model._meta.get_field(field_name)
    assert isinstance(model_field, Field)
    if model_field.max_length is not None and len(value) > model_field.max_length:
        return model_field.max_length
    return None


def level_name_issue(file: str, name: str, slug: str) -> Issue | None:
    """A problem with the name of a new level (--level), which is stored as name and slug."""
    for field_name, value in (("name", name), ("slug", slug)):
        if (limit := _too_long(AreaLevel, field_name, value)) is not None:
            message = ngettext(
                "Der Name der Ebene (--level) ist zu lang: erlaubt ist höchstens %(max)d "
                "Zeichen, „%(value)s“ hat %(length)d.",
                "Der Name der Ebene (--level) ist zu lang: erlaubt sind höchstens %(max)d "
                "Zeichen, „%(value)s“ hat %(length)d.",
                limit,
            ) % {"max": limit, "value": value, "length": len(value)}
            return Issue(file, message)
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _parse_feature(
    number: int, raw: Any, *, id_field: str, name_field: str, parent_field: str | None
) -> ParsedFeature:
    feature = ParsedFeature(number)
    if not isinstance(raw, dict) or raw.get("type") != "Feature":
        feature.problems.append(_("Das ist kein GeoJSON-Feature."))
        return feature
    properties = raw.get("properties")
    if not isinstance(properties, dict):
        properties = {}
    feature.code = _text(properties.get(id_field))
    if feature.code is None:
        feature.problems.append(
            _("Die Kennziffer fehlt (Eigenschaft „%(field)s“).") % {"field": id_field}
        )
    else:
        if "/" in feature.code:
            feature.problems.append(_("Die Kennziffer darf keinen Schrägstrich enthalten."))
        if (limit := _too_long(Area, "code", feature.code)) is not None:
            feature.problems.append(
                ngettext(
                    "Die Kennziffer ist %(length)d Zeichen lang (Eigenschaft „%(field)s“); "
                    "erlaubt ist höchstens %(max)d Zeichen.",
                    "Die Kennziffer ist %(length)d Zeichen lang (Eigenschaft „%(field)s“); "
                    "erlaubt sind höchstens %(max)d Zeichen.",
                    limit,
                )
                % {"length": len(feature.code), "field": id_field, "max": limit}
            )
        if "\x00" in feature.code:
            feature.problems.append(
                _("Die Kennziffer enthält ein Nullzeichen (Eigenschaft „%(field)s“).")
                % {"field": id_field}
            )
    name = properties.get(name_field)
    feature.name = _text(name) if not isinstance(name, float) else str(name)
    if feature.name is None:
        feature.problems.append(
            _("Der Name fehlt (Eigenschaft „%(field)s“).") % {"field": name_field}
        )
    else:
        if (limit := _too_long(Area, "name", feature.name)) is not None:
            feature.problems.append(
                ngettext(
                    "Der Name ist %(length)d Zeichen lang (Eigenschaft „%(field)s“); erlaubt "
                    "ist höchstens %(max)d Zeichen.",
                    "Der Name ist %(length)d Zeichen lang (Eigenschaft „%(field)s“); erlaubt "
                    "sind höchstens %(max)d Zeichen.",
                    limit,
                )
                % {"length": len(feature.name), "field": name_field, "max": limit}
            )
        if "\x00" in feature.name:
            feature.problems.append(
                _("Der Name enthält ein Nullzeichen (Eigenschaft „%(field)s“).")
                % {"field": name_field}
            )
    if parent_field is not None:
        feature.parent_code = _text(properties.get(parent_field))
        if feature.parent_code is None:
            feature.problems.append(
                _("Die Kennziffer des übergeordneten Gebiets fehlt (Eigenschaft „%(field)s“).")
                % {"field": parent_field}
            )
    _parse_geometry(feature, raw.get("geometry"))
    return feature


def _parse_geometry(feature: ParsedFeature, geometry: Any) -> None:
    if not geometry:
        feature.problems.append(_("Die Geometrie fehlt."))
        return
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in GEOMETRY_TYPES:
        feature.problems.append(
            _("Der Geometrietyp „%(type)s“ wird nicht unterstützt; erlaubt sind %(allowed)s.")
            % {
                "type": kind,
                "allowed": get_text_list(
                    list(GEOMETRY_TYPES), pgettext("letztes Glied einer Aufzählung", "und")
                ),
            }
        )
        return
    assert isinstance(geometry, dict)
    try:
        geom = shape(geometry)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
        feature.problems.append(
            _("Die Geometrie ist fehlerhaft aufgebaut (%(error)s).") % {"error": error}
        )
        return
    if geom.is_empty:
        feature.problems.append(_("Die Geometrie ist leer."))
        return
    west, south, east, north = geom.bounds
    if west < -180 or east > 180 or south < -90 or north > 90:
        x, y = shapely.get_coordinates(geom)[0]
        feature.projected = True
        feature.problems.append(
            _(
                "Die Koordinaten liegen außerhalb von Länge/Breite (z. B. %(x)s, %(y)s). Die "
                "Datei ist wohl projiziert (z. B. EPSG:25833); rechnen Sie sie in WGS84 um."
            )
            % {"x": f"{x:.1f}", "y": f"{y:.1f}"}
        )
        return
    if not geom.is_valid:
        feature.problems.append(
            _("Die Geometrie ist ungültig: %(reason)s.") % {"reason": explain_validity(geom)}
        )
        return
    feature.geometry = {"type": kind, "coordinates": geometry["coordinates"]}
    feature.shape = geom


def _mark_duplicates(features: list[ParsedFeature]) -> None:
    """Every feature with a duplicate id is faulty: the file cannot tell which one is right.

    The message names all features with the id and where each lies, so that a person can
    compare them with a map.
    """
    by_code: dict[str, list[ParsedFeature]] = defaultdict(list)
    for feature in features:
        if feature.code is not None:
            by_code[feature.code].append(feature)
    for feature in features:
        same = by_code[feature.code] if feature.code is not None else []
        if len(same) > 1:
            feature.problems.append(
                _(
                    "Die Kennziffer kommt mehrfach vor: Features %(numbers)s. Welches Feature "
                    "stimmt, muss die Quelle klären."
                )
                % {"numbers": ", ".join(_located(other) for other in same)}
            )


def _located(feature: ParsedFeature) -> str:
    if feature.shape is None:
        return str(feature.number)
    point = feature.shape.representative_point()
    return _("%(number)d (bei %(lon).3f, %(lat).3f)") % {
        "number": feature.number,
        "lon": point.x,
        "lat": point.y,
    }


def _raise_if_all_projected(file: str, features: list[ParsedFeature]) -> None:
    """Projected coordinates in every feature: one message for the file, not one per feature."""
    if len(features) > 1 and all(feature.projected for feature in features):
        example = features[0].problems[-1]
        message = _(
            "Alle Features haben Koordinaten außerhalb von Länge/Breite, die Datei nennt aber "
            "kein Koordinatensystem (crs). %(example)s"
        ) % {"example": example}
        raise AreaImportError([Issue(file, message)])


def _numeric_id_warning(file: str, raw_features: list[Any], id_field: str) -> list[Issue]:
    numeric = [
        (number, value)
        for number, raw in enumerate(raw_features, start=1)
        if isinstance(raw, dict)
        and isinstance(raw.get("properties"), dict)
        and isinstance(value := raw["properties"].get(id_field), int)
        and not isinstance(value, bool)
    ]
    if not numeric:
        return []
    examples = ", ".join(
        _("Feature %(number)d: %(id)s") % {"number": number, "id": value}
        for number, value in numeric[:5]
    )
    message = ngettext(
        "%(count)d Kennziffer steht als Zahl in der Datei (%(examples)s). Führende Nullen "
        "können so verloren gegangen sein; übernommen wird sie als Text, wie sie dasteht. "
        "Speichern Sie Kennziffern in der Quelle als Text.",
        "%(count)d Kennziffern stehen als Zahl in der Datei (%(examples)s). Führende Nullen "
        "können so verloren gegangen sein; übernommen werden sie als Text, wie sie dastehen. "
        "Speichern Sie Kennziffern in der Quelle als Text.",
        len(numeric),
    ) % {"count": len(numeric), "examples": examples}
    return [Issue(file, message)]
