"""Validation of API responses against the HSDS 3.0 JSON Schemas (the copy the importer uses)."""

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

import sozialraum.directory.hsds_import

SCHEMA_DIR = Path(sozialraum.directory.hsds_import.__file__).parent / "schema"
BASE = "https://hsds.example/schema/"
PAGE_FIELDS = {
    "total_items": int,
    "total_pages": int,
    "page_number": int,
    "size": int,
    "first_page": bool,
    "last_page": bool,
    "empty": bool,
    "contents": list,
}


def _registry() -> Registry:
    resources = [
        (
            BASE + path.name,
            Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012),
        )
        for path in SCHEMA_DIR.glob("*.json")
    ]
    return Registry().with_resources(resources)


REGISTRY = _registry()


class Hsds:
    """``hsds.validate(data, "service")`` raises unless data is a valid HSDS 3.0 object."""

    def validator(self, name: str) -> Draft202012Validator:
        return Draft202012Validator(
            {"$ref": BASE + f"{name}.json"},
            registry=REGISTRY,
            format_checker=Draft202012Validator.FORMAT_CHECKER,
        )

    def validate(self, data: object, name: str) -> None:
        errors = sorted(self.validator(name).iter_errors(data), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])

    def validate_page(self, page: dict, name: str) -> None:
        """The HSDS Page shape, and every item of ``contents`` valid as ``name``."""
        for field, kind in PAGE_FIELDS.items():
            assert isinstance(page[field], kind), field
        assert page["size"] == len(page["contents"])
        for item in page["contents"]:
            self.validate(item, name)


@pytest.fixture
def hsds() -> Hsds:
    return Hsds()
