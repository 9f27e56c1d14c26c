"""The HSDS 3.0 API as a client sees it: valid HSDS, filters, paging, streaming, HTTP."""

import datetime
import json
import uuid

import pytest
from django.utils import timezone

from sozialraum.directory.models import Language, Service, Taxonomy, TaxonomyTerm
from tests.areas.factories import create_sample_areas
from tests.directory.factories import (
    AddressFactory,
    AttributeFactory,
    LocationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
)
from tests.directory.factories_api import full_service

pytestmark = pytest.mark.django_db

API = "/api/hsds"


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["contents"]]


def ndjson(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode()
    return [json.loads(line) for line in body.splitlines()]


# --- valid HSDS ------------------------------------------------------------------------------


def test_root_names_version_and_openapi_document(client):
    response = client.get(f"{API}/")
    assert response.json()["version"] == "3.0"
    openapi = client.get(response.json()["openapi_url"].removeprefix("http://testserver"))
    assert openapi.status_code == 200
    document = openapi.json()
    assert document["openapi"].startswith("3.1")
    assert {"/services", "/services/{id}", "/taxonomy_terms/{id}"} <= set(document["paths"])
    assert "district" in document["components"]["parameters"]


def test_full_service_is_valid_hsds_with_every_part(client, hsds):
    service = full_service()
    data = client.get(f"{API}/services/{service.pk}").json()
    hsds.validate(data, "service")
    assert data["organization"]["name"] == service.organization.name
    assert data["program"]["name"] == "Schuldnerhilfe"
    location = data["service_at_locations"][0]["location"]
    assert location["addresses"][0]["postal_code"] == "10559"
    assert location["accessibility"][0]["description"] == "Stufenloser Eingang"
    assert data["phones"][0]["languages"][0]["code"] == "tr"
    assert data["contacts"][0]["phones"][0]["type"] == "fax"
    assert data["cost_options"][0]["amount"] == 5.5
    assert data["attributes"][0]["taxonomy_term"]["taxonomy_detail"]["name"] == "Themen"
    schedule = data["schedules"][0]
    assert schedule["byday"] == "MO,TU"
    assert schedule["timezone"] in (1, 2)  # Berlin: CET or CEST
    assert schedule["opens_at"] in ("09:00+01:00", "09:00+02:00")


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        ("services", "service"),
        ("services?full=true", "service"),
        ("organizations", "organization"),
        ("organizations?full=true&full_service=true", "organization"),
        ("service_at_locations", "service_at_location"),
        ("service_at_locations?full=true", "service_at_location"),
        ("taxonomies", "taxonomy"),
        ("taxonomy_terms", "taxonomy_term"),
    ],
)
def test_every_list_is_a_valid_hsds_page(client, hsds, path, schema):
    full_service()
    ServiceFactory()
    page = client.get(f"{API}/{path}").json()
    hsds.validate_page(page, schema)
    assert page["total_items"] >= 1


def test_every_detail_is_valid_hsds(client, hsds):
    service = full_service()
    at_location = service.service_at_locations.get()
    term = TaxonomyTerm.objects.first()
    for path, schema in [
        (f"organizations/{service.organization_id}", "organization"),
        (f"organizations/{service.organization_id}?full_service=true", "organization"),
        (f"service_at_locations/{at_location.pk}", "service_at_location"),
        (f"taxonomies/{term.taxonomy_id}", "taxonomy"),
        (f"taxonomy_terms/{term.pk}", "taxonomy_term"),
    ]:
        response = client.get(f"{API}/{path}")
        assert response.status_code == 200, path
        hsds.validate(response.json(), schema)


def test_organization_lists_only_its_public_services(client):
    service = full_service()
    ServiceFactory(organization=service.organization, name="Alt", status=Service.Status.DEFUNCT)
    data = client.get(f"{API}/organizations/{service.organization_id}").json()
    assert [item["name"] for item in data["services"]] == [service.name]


# --- privacy ---------------------------------------------------------------------------------


def test_places_of_inactive_services_are_not_published(client):
    service = full_service()
    hidden = ServiceFactory(organization=service.organization, status=Service.Status.INACTIVE)
    shelter = LocationFactory(organization=service.organization, name="Schutzwohnung")
    AddressFactory(location=shelter, address_1="Geheimweg 7")
    ServiceAtLocationFactory(service=hidden, location=shelter)
    LocationFactory(organization=service.organization, name="Lager ohne Angebot")

    for path in [
        f"organizations/{service.organization_id}",
        "organizations?full=true",
        f"services/{service.pk}",
    ]:
        text = client.get(f"{API}/{path}").content.decode()
        assert "Geheimweg" not in text, path
        assert "Schutzwohnung" not in text, path
        assert "Lager ohne Angebot" not in text, path
    organization = client.get(f"{API}/organizations/{service.organization_id}").json()
    assert organization["locations"], "the public service's place is still listed"


def test_no_personal_data_of_provider_staff_anywhere(client):
    service = full_service()
    staff_email, staff_name = service.assured_by.email, service.assured_by.name
    for path in [
        f"services/{service.pk}",
        "services?full=true",
        "services?format=ndjson&full=true",
        f"organizations/{service.organization_id}?full_service=true",
        "organizations?full=true&full_service=true",
        "service_at_locations?full=true",
    ]:
        response = client.get(f"{API}/{path}")
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode()
        assert staff_email not in body, path
        assert staff_name not in body, path
        assert "assurer_email" not in body, path
        assert "memberships" not in body, path


def test_inactive_and_defunct_services_are_not_public(client):
    ServiceFactory(name="Aktiv")
    ServiceFactory(name="Geschlossen", status=Service.Status.TEMPORARILY_CLOSED)
    hidden = ServiceFactory(name="Eingestellt", status=Service.Status.DEFUNCT)
    ServiceFactory(name="Inaktiv", status=Service.Status.INACTIVE)
    assert names(client.get(f"{API}/services")) == ["Aktiv", "Geschlossen"]
    assert client.get(f"{API}/services/{hidden.pk}").status_code == 404
    assert client.get(f"{API}/organizations/{hidden.organization_id}").status_code == 404


# --- filters ---------------------------------------------------------------------------------


def test_filters_by_term_taxonomy_organization_and_combine_with_and(client):
    topic = TaxonomyTerm.objects.get(taxonomy__slug=Taxonomy.TOPICS, code="schulden")
    feature = TaxonomyTerm.objects.filter(taxonomy__slug=Taxonomy.FEATURES).first()
    debt = ServiceFactory(name="Schuldnerberatung")
    AttributeFactory(service=debt, taxonomy_term=topic)
    other = ServiceFactory(name="Schuldner-Treff")
    AttributeFactory(service=other, taxonomy_term=topic)
    AttributeFactory(service=ServiceFactory(name="Rollstuhl-Café"), taxonomy_term=feature)

    assert names(client.get(f"{API}/services?taxonomy_term_id={topic.pk}")) == [
        "Schuldner-Treff",
        "Schuldnerberatung",
    ]
    assert names(client.get(f"{API}/services?taxonomy_id={feature.taxonomy_id}")) == [
        "Rollstuhl-Café"
    ]
    both = client.get(
        f"{API}/services?taxonomy_term_id={topic.pk}&organization_id={debt.organization_id}"
    )
    assert names(both) == ["Schuldnerberatung"]
    assert names(client.get(f"{API}/services?taxonomy_term_id={uuid.uuid4()}")) == []


def test_search_uses_the_directory_search(client):
    ServiceFactory(name="Schuldnerberatung", description="Hilfe bei Schulden")
    ServiceFactory(name="Seniorentreff", short_description="Kaffee und Kuchen")
    # German-aware: the compound and a typo find the service
    assert names(client.get(f"{API}/services?search=beratung schulden")) == ["Schuldnerberatung"]
    assert names(client.get(f"{API}/services?search=Schuldnerbratung")) == ["Schuldnerberatung"]


def test_modified_after(client):
    old = ServiceFactory(name="Alt")
    Service.objects.filter(pk=old.pk).update(modified=timezone.now() - datetime.timedelta(days=30))
    ServiceFactory(name="Neu")
    since = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    assert names(client.get(f"{API}/services?modified_after={since}")) == ["Neu"]
    moment = (timezone.now() - datetime.timedelta(days=60)).isoformat()
    assert names(client.get(f"{API}/services", {"modified_after": moment})) == ["Alt", "Neu"]


def test_language_extension(client):
    turkish = ServiceFactory(name="Beratung auf Türkisch")
    Language.objects.create(service=turkish, code="tr")
    ServiceFactory(name="Beratung auf Deutsch")
    assert names(client.get(f"{API}/services?language=TR")) == ["Beratung auf Türkisch"]


def test_district_extension_by_code_name_or_id(client):
    areas = create_sample_areas()
    inside = ServiceFactory(name="Im Kiez")
    place = LocationFactory()
    AddressFactory(location=place, area=areas["stuelerstrasse"])
    ServiceAtLocationFactory(service=inside, location=place)
    ServiceFactory(name="Anderswo")
    district = areas["district"]
    for value in (district.code, district.name.upper(), str(district.pk)):
        assert names(client.get(f"{API}/services", {"district": value})) == ["Im Kiez"]
    places = client.get(f"{API}/service_at_locations", {"district": district.code}).json()
    assert [item["service"]["name"] for item in places["contents"]] == ["Im Kiez"]


def test_postcode_and_proximity(client):
    def service_at(name, postcode, lat, lon):
        service = ServiceFactory(name=name)
        place = LocationFactory(latitude=lat, longitude=lon)
        AddressFactory(location=place, postal_code=postcode)
        ServiceAtLocationFactory(service=service, location=place)

    service_at("Moabit", "10559", 52.5260, 13.3430)
    service_at("Tiergarten", "10557", 52.5230, 13.3600)  # about 1.2 km away
    service_at("Spandau", "13597", 52.5360, 13.2000)  # about 10 km away
    assert names(client.get(f"{API}/services?postcode=10559")) == ["Moabit"]
    near = client.get(f"{API}/services?postcode=10559&proximity=2000")
    assert names(near) == ["Moabit", "Tiergarten"]
    far = client.get(f"{API}/services?postcode=10559&proximity=20000")
    assert names(far) == ["Moabit", "Spandau", "Tiergarten"]


def test_taxonomy_terms_filter_by_taxonomy_and_parent(client):
    taxonomy = Taxonomy.objects.get(slug=Taxonomy.FEATURES)
    page = client.get(f"{API}/taxonomy_terms?taxonomy_id={taxonomy.pk}&per_page=100").json()
    assert page["total_items"] == taxonomy.terms.count()
    assert {item["taxonomy"] for item in page["contents"]} == {"Merkmale"}
    parent = taxonomy.terms.first()
    TaxonomyTerm.objects.create(taxonomy=taxonomy, code="rampe", name="Rampe", parent=parent)
    children = client.get(f"{API}/taxonomy_terms?parent_id={parent.pk}").json()
    assert [item["name"] for item in children["contents"]] == ["Rampe"]
    top = client.get(f"{API}/taxonomy_terms?taxonomy_id={taxonomy.pk}&top_only=true").json()
    assert "Rampe" not in [item["name"] for item in top["contents"]]


# --- paging and streaming --------------------------------------------------------------------


def test_paging(client):
    for number in range(5):
        ServiceFactory(name=f"Angebot {number}")
    page = client.get(f"{API}/services?per_page=2&page=2").json()
    assert [item["name"] for item in page["contents"]] == ["Angebot 2", "Angebot 3"]
    assert page["total_items"] == 5
    assert page["total_pages"] == 3
    assert page["page_number"] == 2
    assert page["size"] == 2
    assert (page["first_page"], page["last_page"], page["empty"]) == (False, False, False)
    last = client.get(f"{API}/services?per_page=2&page=3").json()
    assert last["last_page"] is True
    assert last["size"] == 1
    beyond = client.get(f"{API}/services?per_page=2&page=9").json()
    assert beyond["contents"] == []


def test_empty_result(client):
    page = client.get(f"{API}/services").json()
    assert page["empty"] is True
    assert page["total_items"] == 0


def test_ndjson_streams_every_match_without_paging(client, hsds):
    for number in range(3):
        ServiceFactory(name=f"Angebot {number}")
    ServiceFactory(name="Eingestellt", status=Service.Status.DEFUNCT)
    response = client.get(f"{API}/services?format=ndjson&per_page=1&full=true")
    assert response["Content-Type"] == "application/x-ndjson"
    lines = ndjson(response)
    assert [line["name"] for line in lines] == ["Angebot 0", "Angebot 1", "Angebot 2"]
    for line in lines:
        hsds.validate(line, "service")


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("per_page=0", "per_page"),
        ("per_page=501", "per_page"),
        ("page=zwei", "page"),
        ("full=vielleicht", "full"),
        ("format=xml", "format"),
        ("taxonomy_term_id=abc", "taxonomy_term_id"),
        ("organization_id=1", "organization_id"),
        ("modified_after=gestern", "modified_after"),
        ("language=t%C3%BCrkisch", "language"),
        ("district=Atlantis", "district"),
        ("proximity=500", "proximity"),
        ("postcode=10559&proximity=weit", "proximity"),
        ("postcode=99999&proximity=500", "postcode"),
        ("locale=fr", "locale"),
        ("search=" + "x" * 201, "search"),
    ],
)
def test_bad_parameters_are_400_naming_the_parameter(client, query, parameter):
    response = client.get(f"{API}/services?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["parameter"] == parameter
    assert response.json()["error"]


@pytest.mark.parametrize(
    "path", ["services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms"]
)
def test_unknown_or_malformed_ids_are_json_404(client, path):
    for identifier in (uuid.uuid4(), "keine-uuid"):
        response = client.get(f"{API}/{path}/{identifier}")
        assert response.status_code == 404
        assert response.json()["error"]
        assert response["Access-Control-Allow-Origin"] == "*"


def test_writes_are_refused(client):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(f"{API}/services", {})
    assert response.status_code == 405
    assert "GET" in response["Allow"]
    assert response.json()["error"]


# --- HTTP: CORS, caching, cookies, language --------------------------------------------------


def test_cors_for_any_origin_and_preflight(client):
    response = client.get(f"{API}/services", headers={"Origin": "https://partner.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        f"{API}/services",
        headers={"Origin": "https://partner.example", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_etag_answers_304_until_the_content_changes(client):
    service = full_service()
    url = f"{API}/services/{service.pk}"
    first = client.get(url)
    assert first["Last-Modified"]
    unchanged = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert unchanged.status_code == 304
    assert unchanged["ETag"] == first["ETag"]
    service.phones.first().delete()  # changes the content, but no date
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 200
    # so the date alone never claims "not modified"
    since = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 200


def test_no_cookies_even_for_a_signed_in_visitor(client, user):
    client.force_login(user)
    response = client.get(f"{API}/services", headers={"Accept-Language": "en"})
    assert not response.cookies
    assert "Set-Cookie" not in response.headers


def test_texts_are_german_unless_another_locale_is_asked_for(client):
    service = ServiceFactory(name_de="Schuldnerberatung", name_en="Debt advice")
    url = f"{API}/services/{service.pk}"
    assert client.get(url, headers={"Accept-Language": "en"}).json()["name"] == "Schuldnerberatung"
    assert client.get(f"{url}?locale=en").json()["name"] == "Debt advice"
    assert client.get(f"{url}?locale=ar").json()["name"] == "Schuldnerberatung"


# --- efficiency ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "services?full=true&per_page=100",
        "services?per_page=100",
        "organizations?full=true&full_service=true&per_page=100",
        "service_at_locations?full=true&per_page=100",
    ],
)
def test_query_count_does_not_grow_with_the_page(client, django_assert_max_num_queries, path):
    full_service()
    with django_assert_max_num_queries(60) as few:
        client.get(f"{API}/{path}")
    for _ in range(5):
        full_service()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(f"{API}/{path}")
    assert response.json()["total_items"] >= 6


def test_organizations_and_taxonomies_can_be_searched_by_name(client):
    ServiceFactory(organization__name="Diakonie im Kiez")
    ServiceFactory(organization__name="Caritas")
    assert names(client.get(f"{API}/organizations?search=diakonie")) == ["Diakonie im Kiez"]
    assert names(client.get(f"{API}/taxonomies?search=ziel")) == ["Zielgruppen"]


def test_openapi_references_resolve(client):
    document = client.get(f"{API}/openapi.json").json()
    assert document["servers"] == [{"url": "http://testserver/api/hsds/"}]

    def refs(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref" and value.startswith("#/"):
                    yield value
                else:
                    yield from refs(value)
        elif isinstance(node, list):
            for item in node:
                yield from refs(item)

    for ref in set(refs(document)):
        target = document
        for part in ref.removeprefix("#/").split("/"):
            target = target[part]
    operation_ids = [
        operation["operationId"]
        for item in document["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    ]
    assert len(operation_ids) == len(set(operation_ids))
    assert document["paths"]["/taxonomy_terms"]["get"]["operationId"] == (
        "getPaginatedListOfTaxonomyTerms"
    )
