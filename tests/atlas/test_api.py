"""The Sozialatlas API (/api/sozialatlas/): public and restricted indicators, suppression as on
the map, paging, errors, CORS, no cookies, and responses that match the OpenAPI document."""

import json

import pytest
from django.test import Client
from django.urls import reverse
from jsonschema import Draft202012Validator

from tests.atlas.factories import MAP_DAY, MAP_EARLIER, create_map_figures
from tests.factories import UserFactory, give_totp

API = "/api/sozialatlas/"


@pytest.fixture
def figures(areas):
    return create_map_figures(areas)


@pytest.fixture
def planner_client(db, client: Client) -> Client:
    planner = UserFactory(roles=["planner"])
    give_totp(planner)
    client.force_login(planner)
    return client


@pytest.fixture
def openapi(client: Client) -> dict:
    return client.get(API + "openapi.json").json()


def assert_matches(document: dict, schema: str, data: object) -> None:
    validator = Draft202012Validator(
        {"$ref": f"#/components/schemas/{schema}", "components": document["components"]}
    )
    errors = [error.message for error in validator.iter_errors(data)]
    assert not errors, errors


def values_by_area(response) -> dict[str, dict]:
    return {row["area"]: row for row in response.json()["contents"]}


def test_the_root_names_the_version_and_the_openapi_document(client: Client, openapi):
    response = client.get(API)
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == "1.0"
    assert body["openapi_url"] == "http://testserver/api/sozialatlas/openapi.json"
    assert_matches(openapi, "Root", body)
    assert reverse("atlas_api:root") == API


def test_the_openapi_document_is_served_and_describes_every_endpoint(openapi):
    assert openapi["openapi"].startswith("3.1")
    assert {"/indicators", "/indicators/{key}", "/levels", "/areas", "/values"} <= set(
        openapi["paths"]
    )
    assert openapi["servers"] == [{"url": "http://testserver/api/sozialatlas/"}]
    Draft202012Validator.check_schema(openapi["components"]["schemas"]["ValuePage"])


def test_the_public_sees_public_indicators_with_their_levels_and_days(
    client: Client, figures, openapi
):
    response = client.get(API + "indicators")
    assert response.status_code == 200
    body = response.json()
    assert_matches(openapi, "IndicatorList", body)
    keys = [indicator["key"] for indicator in body["contents"]]
    assert "arbeitslose-anteil" in keys and "einwohner" in keys
    assert "z-s1" not in keys
    rate = next(i for i in body["contents"] if i["key"] == "arbeitslose-anteil")
    assert rate["derived_from"] == {
        "numerator": "arbeitslose",
        "denominator": "einwohner",
        "factor": 100,
    }
    assert rate["availability"] == [
        {
            "level": figures[0].level.slug,
            "dates": [MAP_DAY.isoformat(), MAP_EARLIER.isoformat()],
        }
    ]


def test_restricted_indicators_are_not_found_by_the_public(client: Client, figures):
    assert client.get(API + "indicators/z-s1").status_code == 404
    response = client.get(API + "values", {"indicator": "z-s1"})
    assert response.status_code == 404
    assert response.json() == {"error": "Dieses Merkmal gibt es nicht."}
    assert client.get(API + "indicators/unbekannt").json() == response.json()


def test_planners_see_restricted_indicators_in_private_responses(planner_client, figures, openapi):
    response = planner_client.get(API + "indicators/z-s1")
    assert response.status_code == 200
    assert_matches(openapi, "Indicator", response.json())
    values = planner_client.get(API + "values", {"indicator": "z-s1"})
    assert values.status_code == 200
    assert {row["value"] for row in values.json()["contents"]} == {1.5}
    assert "private" in values["Cache-Control"] and "public" not in values["Cache-Control"]
    assert "Access-Control-Allow-Origin" not in values
    assert not values.cookies


def test_staff_without_a_second_factor_do_not_see_restricted_indicators(client: Client, figures):
    client.force_login(UserFactory(roles=["planner"]))
    assert client.get(API + "indicators/z-s1").status_code == 404


def test_small_counts_are_null_with_the_symbol_and_the_reason(client: Client, figures, openapi):
    response = client.get(API + "values", {"indicator": "arbeitslose", "date": "2019-12-31"})
    assert response.status_code == 200
    assert_matches(openapi, "ValuePage", response.json())
    rows = values_by_area(response)
    assert rows["01011102"] == {
        "area": "01011102",
        "name": rows["01011102"]["name"],
        "parent": "010111",
        "value": None,
        "status": "small",
        "symbol": ".",
        "explanation": "geheim gehalten: weniger als 3 Fälle",
    }
    assert rows["01011105"]["value"] is None
    assert rows["01011105"]["status"] == "suppressed"
    assert rows["01011101"]["value"] == 100
    assert rows["01011101"]["status"] == "shown" and rows["01011101"]["symbol"] is None


def test_derived_rates_are_computed_and_suppressed_like_their_numerator(client: Client, figures):
    rows = values_by_area(client.get(API + "values", {"indicator": "arbeitslose-anteil"}))
    assert rows["01011101"]["value"] == 10.0  # 100 of 1,000
    assert rows["01011103"]["value"] == 30.0  # 150 of 500
    assert rows["01011102"]["value"] is None and rows["01011102"]["symbol"] == "."
    assert "2" not in json.dumps(rows["01011102"]["explanation"])


def test_values_default_to_the_finest_level_and_the_newest_day(client: Client, figures):
    body = client.get(API + "values", {"indicator": "einwohner"}).json()
    assert body["level"] == figures[0].level.slug
    assert body["date"] == MAP_DAY.isoformat()
    assert body["dates"] == [MAP_DAY.isoformat(), MAP_EARLIER.isoformat()]
    assert body["geojson_url"].startswith("http://testserver/")
    assert ".geojson?stichtag=2019-12-31" in body["geojson_url"]


def test_values_page_through_the_areas(client: Client, figures, openapi):
    first = client.get(API + "values", {"indicator": "einwohner", "per_page": 4}).json()
    second = client.get(API + "values", {"indicator": "einwohner", "per_page": 4, "page": 2}).json()
    assert first["total_items"] == second["total_items"] == 6
    assert (first["size"], second["size"]) == (4, 2)
    assert first["total_pages"] == 2 and second["last_page"]
    codes = [row["area"] for row in first["contents"] + second["contents"]]
    assert codes == sorted(codes) and len(set(codes)) == 6
    assert_matches(openapi, "ValuePage", second)


def test_values_of_one_area(client: Client, figures):
    body = client.get(API + "values", {"indicator": "einwohner", "area": "01011106"}).json()
    assert [(row["area"], row["value"]) for row in body["contents"]] == [("01011106", 4000)]


def test_values_as_csv_are_the_maps_download(client: Client, figures):
    response = client.get(API + "values", {"indicator": "arbeitslose", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "01011101" in text and "01011106" in text
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({}, "indicator"),
        ({"indicator": "einwohner", "date": "31.12.2019"}, "date"),
        ({"indicator": "einwohner", "level": "keine"}, "level"),
        ({"indicator": "einwohner", "per_page": "501"}, "per_page"),
        ({"indicator": "einwohner", "format": "xml"}, "format"),
    ],
)
def test_unreadable_parameters_are_a_400_naming_the_parameter(
    client: Client, figures, params, parameter, openapi
):
    response = client.get(API + "values", params)
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter
    assert_matches(openapi, "Error", response.json())


def test_a_day_or_level_without_figures_is_not_found(client: Client, figures, areas):
    day = client.get(API + "values", {"indicator": "einwohner", "date": "2018-12-31"})
    assert day.status_code == 404
    level = client.get(
        API + "values", {"indicator": "einwohner", "level": areas["district"].level.slug}
    )
    assert level.status_code == 404


def test_levels_and_areas_without_geometry(client: Client, figures, openapi, areas):
    levels = client.get(API + "levels").json()
    assert_matches(openapi, "LevelList", levels)
    slugs = [level["slug"] for level in levels["contents"]]
    assert slugs[-1] == figures[0].level.slug
    slug = figures[0].level.slug
    body = client.get(API + "areas", {"level": slug, "per_page": 2}).json()
    assert_matches(openapi, "AreaPage", body)
    assert body["total_items"] == 6 and body["size"] == 2
    assert body["contents"][0]["code"] == "01011101"
    assert body["contents"][0]["parent"] == "010111"
    assert "geometry" not in body["contents"][0]
    assert body["geojson_url"] == f"http://testserver/de/sozialatlas/gebiete/{slug}.geojson"


def test_areas_valid_on_a_day(client: Client, figures):
    slug = figures[0].level.slug
    then = client.get(API + "areas", {"level": slug, "date": "2019-12-31"}).json()
    later = client.get(API + "areas", {"level": slug, "date": "2021-06-30"}).json()
    assert (then["total_items"], later["total_items"]) == (6, 0)  # all ended in 2020


def test_anonymous_responses_are_public_readable_everywhere_and_set_no_cookies(
    client: Client, figures
):
    response = client.get(API + "values", {"indicator": "einwohner"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    assert not response.cookies
    again = client.get(
        API + "values", {"indicator": "einwohner"}, HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert again.status_code == 304


def test_the_api_only_reads(client: Client, figures):
    response = client.post(API + "indicators")
    assert response.status_code == 405
    assert "error" in response.json()
    preflight = client.options(API + "values")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"


def test_a_page_of_values_costs_a_fixed_number_of_queries(
    client: Client, figures, django_assert_max_num_queries
):
    with django_assert_max_num_queries(15):  # 3 of them for the small-area rule
        response = client.get(API + "values", {"indicator": "arbeitslose-anteil"})
    assert response.status_code == 200
