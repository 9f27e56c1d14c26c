"""Small HSDS 3.0 documents for the import tests (German, fictional), built in code."""

import json
import uuid
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "hsds_fixtures"


def new_id() -> str:
    return str(uuid.uuid4())


def phone(number: str = "030 1234567", **fields: Any) -> dict[str, Any]:
    return {"id": new_id(), "number": number, "type": "voice", **fields}


def address(region: str = "", **fields: Any) -> dict[str, Any]:
    return {
        "id": new_id(),
        "address_1": "Hauptstraße 1",
        "city": "Berlin",
        "region": region,
        "state_province": "Berlin",
        "postal_code": "10115",
        "country": "DE",
        "address_type": "physical",
        **fields,
    }


def location(**fields: Any) -> dict[str, Any]:
    return {
        "id": new_id(),
        "location_type": "physical",
        "name": "Stadtteilzentrum Mitte",
        "addresses": [address()],
        **fields,
    }


def service(name: str = "Schuldnerberatung", **fields: Any) -> dict[str, Any]:
    return {
        "id": new_id(),
        "name": name,
        "description": "Beratung bei Schulden, kostenlos und vertraulich.",
        "status": "active",
        **fields,
    }


def organization(name: str = "Diakonie Mitte e. V.", **fields: Any) -> dict[str, Any]:
    return {
        "id": new_id(),
        "name": name,
        "description": "Ein Wohlfahrtsverband im Bezirk.",
        **fields,
    }


def directory() -> list[dict[str, Any]]:
    """One organization with a location, two services (one at the location), phones."""
    place = location()
    counselling = service(
        phones=[phone()],
        service_at_locations=[{"id": new_id(), "location_id": place["id"]}],
        schedules=[
            {
                "id": new_id(),
                "freq": "WEEKLY",
                "byday": "MO,TH",
                "opens_at": "09:00",
                "closes_at": "12:00",
                "timezone": 1,
            }
        ],
        languages=[{"id": new_id(), "name": "Türkisch", "code": "tr"}],
    )
    cafe = service("Offenes Café", description="Treffpunkt für alle.")
    return [organization(locations=[place], services=[counselling, cafe])]


def write(folder: Path, name: str, data: Any) -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def openreferral_example(*, fixed: bool = True) -> dict[str, Any]:
    """The standard's example of a full service (CC BY-SA 4.0, see hsds_fixtures/NOTICE.md).

    Fixed: the example's coordinates (100, 101) lie outside the earth's range and it points
    to a parent organization and a parent term that it does not contain; these are removed.
    """
    data: dict[str, Any] = json.loads(
        (FIXTURES / "openreferral_service_full.json").read_text(encoding="utf-8")
    )
    if fixed:
        data["organization"].pop("parent_organization_id")
        data["attributes"][0]["taxonomy_term"].pop("parent_id")
        for place in (
            data["service_at_locations"][0]["location"],
            data["organization"]["locations"][0],
        ):
            place["latitude"], place["longitude"] = 52.52, 13.40
    return data
