"""Reading HSDS JSON files: limits, JSON syntax, and the HSDS 3.0 JSON Schemas.

Each file holds one organization or service, an array of them, or an HSDS API page (an object
with ``contents``). Organizations may carry their services in ``services`` (the API's "full"
organization); services may carry their organization in ``organization``.
"""

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from .problems import JsonPath, Place, ProblemList

#: Only a name for the registry: no schema is ever fetched from anywhere.
SCHEMA_BASE = "https://openreferral.org/hsds/3.0/schema/"


@dataclass(frozen=True)
class ImportLimits:
    """Upper bounds for one import; data beyond them is refused as absurd (or hostile)."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_string_length: int = 20_000
    max_list_length: int = 1_000
    max_top_level_items: int = 100_000
    max_errors: int = 100


@dataclass(frozen=True)
class TopItem:
    """An organization, a service or a service at a location at the top of a file."""

    kind: str  # "organization", "service" or "service_at_location"
    data: dict[str, Any]
    place: Place


def expand_paths(paths: list[Path], problems: ProblemList) -> list[Path]:
    """Files as given; a folder stands for its ``*.json`` files (and subfolders'), sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.json") if p.is_file())
            if not found:
                problems.error(Place(str(path)), _("Der Ordner enthält keine .json-Dateien."))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.error(Place(str(path)), _("Die Datei oder den Ordner gibt es nicht."))
    return files


def _reject_constant(name: str) -> float:
    raise ValueError(_("%(name)s ist in JSON nicht erlaubt") % {"name": name})


def load_file(path: Path, limits: ImportLimits, problems: ProblemList) -> Any:
    """The parsed JSON of one file, or None after reporting why it cannot be read."""
    place = Place(str(path))
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        problems.error(
            place,
            _("Die Datei ist %(size)d Bytes groß; erlaubt sind höchstens %(max)d.")
            % {"size": size, "max": limits.max_file_bytes},
        )
        return None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        problems.error(
            place,
            _("Die Datei ist nicht in UTF-8 geschrieben (Byte %(position)d).")
            % {"position": error.start},
        )
        return None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        problems.error(
            place,
            _("Kein gültiges JSON in Zeile %(line)d, Spalte %(column)d: %(reason)s")
            % {"line": error.lineno, "column": error.colno, "reason": error.msg},
        )
    except (ValueError, RecursionError) as error:
        problems.error(place, _("Kein gültiges JSON: %(reason)s") % {"reason": error})
    return None


def top_items(document: Any, file: str, problems: ProblemList) -> list[TopItem]:
    """The organizations and services at the top of a parsed file."""
    root = Place(file)
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        entries: list[tuple[Any, Place]] = [
            (item, root.child("contents", index)) for index, item in enumerate(document["contents"])
        ]
    elif isinstance(document, list):
        entries = [(item, root.child(index)) for index, item in enumerate(document)]
    else:
        entries = [(document, root)]
    items = []
    for item, place in entries:
        if not isinstance(item, dict):
            problems.error(
                place,
                _("Erwartet wird eine Organisation oder ein Angebot (ein JSON-Objekt)."),
            )
            continue
        # A service must have a status (HSDS); an organization has none; a full service at a
        # location (the API's /service_at_locations/{id}) carries its service.
        if isinstance(item.get("service"), dict):
            kind = "service_at_location"
        elif "status" in item or "organization" in item:
            kind = "service"
        else:
            kind = "organization"
        items.append(TopItem(kind, item, place))
    return items


def check_sizes(value: Any, place: Place, limits: ImportLimits, problems: ProblemList) -> None:
    """Refuse absurd sizes anywhere in the tree: long strings, long lists, odd numbers."""
    stack: list[tuple[Any, JsonPath]] = [(value, place.path)]
    while stack:
        current, path = stack.pop()
        if isinstance(current, str):
            if len(current) > limits.max_string_length:
                problems.error(
                    Place(place.file, path),
                    _("Der Text ist %(length)d Zeichen lang; erlaubt sind höchstens %(max)d.")
                    % {"length": len(current), "max": limits.max_string_length},
                )
        elif isinstance(current, list):
            if len(current) > limits.max_list_length and path != place.path:
                problems.error(
                    Place(place.file, path),
                    _("Die Liste hat %(length)d Einträge; erlaubt sind höchstens %(max)d.")
                    % {"length": len(current), "max": limits.max_list_length},
                )
                continue
            stack.extend((item, (*path, index)) for index, item in enumerate(current))
        elif isinstance(current, dict):
            stack.extend((item, (*path, key)) for key, item in current.items())
        elif isinstance(current, float) and not math.isfinite(current):
            problems.error(Place(place.file, path), _("Die Zahl ist zu groß."))


@cache
def _schema_texts() -> dict[str, dict[str, Any]]:
    folder = resources.files(__package__).joinpath("schema")
    return {
        entry.name: json.loads(entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    }


@cache
def validator(kind: str) -> Draft202012Validator:
    """A validator for one HSDS object schema (``service``, ``organization``, …)."""
    texts = _schema_texts()
    registry: Registry = Registry().with_resources(
        (SCHEMA_BASE + name, Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in texts.items()
    )
    root = {**texts[f"{kind}.json"], "$id": SCHEMA_BASE + f"{kind}.json"}
    return Draft202012Validator(
        root, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


TYPE_NAMES = {
    "string": "Text",
    "number": "Zahl",
    "integer": "ganze Zahl",
    "array": "Liste",
    "object": "Objekt",
    "boolean": "Wahrheitswert",
}


def _message(error: ValidationError) -> tuple[JsonPath, str]:
    """Our own (German) words for the usual schema violations, the library's for the rest."""
    path = tuple(error.absolute_path)
    if error.validator == "required":
        missing = str(error.message).split("'")[1] if "'" in error.message else ""
        return (*path, missing), _("Pflichtfeld fehlt (HSDS 3.0).")
    if error.validator == "type":
        expected = error.validator_value
        types = expected if isinstance(expected, list) else [expected]
        names = [TYPE_NAMES.get(str(name), str(name)) for name in types]
        return path, _("Erwartet wird %(type)s, nicht %(value)s (HSDS 3.0).") % {
            "type": " oder ".join(names),
            "value": json.dumps(error.instance, ensure_ascii=False)[:80],
        }
    if error.validator == "enum":
        return path, _("„%(value)s“ ist nicht erlaubt; möglich sind: %(choices)s (HSDS 3.0).") % {
            "value": str(error.instance)[:80],
            "choices": ", ".join(str(choice) for choice in error.validator_value),
        }
    if error.validator == "format":
        return path, _("„%(value)s“ ist keine gültige Angabe im Format %(format)s (HSDS 3.0).") % {
            "value": str(error.instance)[:80],
            "format": error.validator_value,
        }
    return path, _("Verstößt gegen das HSDS-3.0-Schema: %(reason)s") % {"reason": error.message}


def schema_problems(item: TopItem) -> Iterator[tuple[Place, str]]:
    """Schema violations of a top-level object, and of the services nested in it where the
    standard's schema of the object does not name them."""
    data = item.data
    checks: list[tuple[str, dict[str, Any], Place]] = [(item.kind, data, item.place)]
    if item.kind == "organization" and isinstance(data.get("services"), list):
        body = {key: value for key, value in data.items() if key != "services"}
        checks = [(item.kind, body, item.place)]
        for index, service in enumerate(data["services"]):
            checks.append(("service", service, item.place.child("services", index)))
    if item.kind == "service_at_location":
        body = {key: value for key, value in data.items() if key != "service"}
        checks = [
            (item.kind, body, item.place),
            ("service", data["service"], item.place.child("service")),
        ]
    for kind, instance, place in checks:
        errors = sorted(validator(kind).iter_errors(instance), key=lambda e: list(map(str, e.path)))
        for error in errors:
            path, message = _message(error)
            yield Place(place.file, place.path + path), message
