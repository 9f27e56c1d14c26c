"""The citizens' directory: search page with filters and facets, map data, detail page."""

import base64
import datetime
import json
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from sozialraum.directory.models import Language, Phone, Schedule, Service

from .factories import AddressFactory, ScheduleFactory, ServiceAtLocationFactory, ServiceFactory
from .factories_public import create_public_directory, service_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    return create_public_directory()


def result_names(response) -> list[str]:
    html = response.content.decode()
    return re.findall(r'sr-result__name"><a [^>]*><span dir="auto">([^<]+)</span>', html)


def search(client, **params):
    response = client.get(reverse("directory:index"), params)
    assert response.status_code == 200
    return response


def option_label(response, name: str, value: str) -> str:
    html = response.content.decode()
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert select, name
    match = re.search(rf'<option value="{re.escape(value)}"[^>]*>([^<]+)</option>', select[0])
    assert match, (name, value)
    return match[1]


# --- list and markers ---------------------------------------------------------------------------


def test_the_list_shows_public_services_and_never_inactive_or_defunct_ones(client, directory):
    names = result_names(search(client))
    assert "Schuldnerberatung Moabit" in names
    assert "Sozialberatung Pankow" in names  # temporarily closed: shown, marked
    assert "Alte Beratung" not in names
    assert "Ruhende Schuldnerberatung" not in names


def test_inactive_and_defunct_services_are_not_found_by_search_or_filter(client, directory):
    names = result_names(search(client, q="Beratung", topic="schulden", district="01"))
    assert names == ["Schuldnerberatung Moabit"]


def test_a_temporarily_closed_service_is_marked_in_the_list(client, directory):
    html = search(client, district="03").content.decode()
    entry = html[html.index("Sozialberatung Pankow") :].split("</li>")[0]
    assert "Vorübergehend geschlossen" in entry


def test_a_service_nobody_confirmed_for_a_year_is_marked_possibly_outdated(client, directory):
    Service.objects.filter(pk=directory.tenant_advice.pk).update(
        assured_date=datetime.date.today() - datetime.timedelta(days=400)
    )
    html = search(client).content.decode()
    tenant = html[html.index("Mieterberatung Mitte") :].split("</li>")[0]
    debt = html[html.index("Schuldnerberatung Moabit") :].split("</li>")[0]
    assert "möglicherweise veraltet" in tenant
    assert "möglicherweise veraltet" not in debt


def test_each_result_shows_organization_address_and_district(client, directory):
    html = search(client, q="Moabit").content.decode()
    assert "Diakonie Mitte" in html
    assert "Turmstraße 21, 10559 Berlin (Moabit)" in html


def test_a_result_shows_the_physical_address_of_the_place_added_first(client, directory):
    service = ServiceFactory(name="Stadtteilmütter Wedding")
    first = ServiceAtLocationFactory(service=service).location
    AddressFactory(location=first, address_1="Postfach 12", address_type="postal")
    AddressFactory(location=first, address_1="Müllerstraße 1", postal_code="13353")
    later = ServiceAtLocationFactory(service=service).location
    AddressFactory(location=later, address_1="Seestraße 9")
    html = search(client, q="Stadtteilmütter").content.decode()
    result = html[html.index("Stadtteilmütter Wedding") :].split("</li>")[0]
    assert "Müllerstraße 1, 13353 Berlin" in result
    assert "Postfach" not in result and "Seestraße" not in result


# --- filters ------------------------------------------------------------------------------------


def test_filters_combine_with_and(client, directory):
    assert set(result_names(search(client, topic="schulden"))) == {
        "Schuldnerberatung Moabit",
        "Schuldnerberatung Pankow",
    }
    assert result_names(search(client, topic="schulden", district="01")) == [
        "Schuldnerberatung Moabit"
    ]
    assert result_names(search(client, topic="schulden", free="on", district="03")) == [
        "Schuldnerberatung Pankow"
    ]
    assert result_names(search(client, topic="schulden", wheelchair="on", district="03")) == []


def test_a_district_includes_the_areas_below_it(client, directory):
    names = result_names(search(client, district="01"))
    assert "Schuldnerberatung Moabit" in names  # Moabit lies in Mitte
    assert "Mieterberatung Mitte" in names
    assert "Schuldnerberatung Pankow" not in names


def test_target_group_language_wheelchair_and_kind_filters(client, directory):
    assert set(result_names(search(client, group="familien"))) == {
        "Schuldnerberatung Moabit",
        "Mieterberatung Mitte",
    }
    assert result_names(search(client, language="tr")) == ["Schuldnerberatung Moabit"]
    assert result_names(search(client, wheelchair="on")) == ["Schuldnerberatung Moabit"]
    assert result_names(search(client, kind="digital_contact_point")) == [
        "Digitalhilfe im Kiezladen"
    ]


def test_language_spoken_at_the_location_counts_too(client, directory):
    location = directory.tenant_advice.service_at_locations.get().location
    Language.objects.create(location=location, code="ar", name="Arabisch")
    assert result_names(search(client, language="ar")) == ["Mieterberatung Mitte"]


def test_search_text_applies_after_the_filters(client, directory):
    names = result_names(search(client, q="Schuldnerberatung", district="03"))
    # best match first; only services in Pankow (the other one there mentions debts too)
    assert names[0] == "Schuldnerberatung Pankow"
    assert set(names) <= {"Schuldnerberatung Pankow", "Sozialberatung Pankow"}


def test_distance_from_a_postal_code_or_an_area_name(client, directory):
    # 13187 is Pankow's postal code in the data: its services lie about 1 km apart
    names = result_names(search(client, place="13187", radius="2"))
    assert set(names) == {"Schuldnerberatung Pankow", "Sozialberatung Pankow"}
    # Moabit's reference point; nearest first
    names = result_names(search(client, place="Moabit", radius="2"))
    assert names[0] in {"Schuldnerberatung Moabit", "Digitalhilfe im Kiezladen"}
    assert "Schuldnerberatung Pankow" not in names
    assert "Entfernung" in search(client, place="Moabit").content.decode()


def test_distance_from_the_current_position(client, directory):
    names = result_names(search(client, lat="52.58", lon="13.45", radius="1"))
    assert names[0] == "Schuldnerberatung Pankow"
    assert "Schuldnerberatung Moabit" not in names


def test_a_place_we_cannot_find_is_an_error_linked_to_its_field(client, directory):
    html = search(client, place="Atlantis").content.decode()
    assert "Diesen Ort finden wir nicht" in html
    assert 'href="#id_place"' in html


def test_open_now_and_open_on_a_weekday(client, directory):
    # Schuldnerberatung Moabit: every day, all day; Mieterberatung: only on another weekday
    today = timezone.localdate()
    other_day = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[(today.weekday() + 3) % 7]
    ScheduleFactory(
        service=directory.debt_advice,
        byday="MO,TU,WE,TH,FR,SA,SU",
        opens_at=None,
        closes_at=None,
    )
    ScheduleFactory(service=directory.tenant_advice, byday=other_day)
    response = search(client, open="now")
    assert result_names(response) == ["Schuldnerberatung Moabit"]
    assert "Jetzt geöffnet" in response.content.decode()
    assert set(result_names(search(client, open=other_day))) == {
        "Schuldnerberatung Moabit",
        "Mieterberatung Mitte",
    }
    html = search(client).content.decode()
    tenant = html[html.index("Mieterberatung Mitte") :].split("</li>")[0]
    assert "Jetzt geschlossen" in tenant


def test_hours_of_a_service_at_a_location_come_before_the_locations_hours(client, directory):
    location = directory.tenant_advice.service_at_locations.get().location
    ScheduleFactory(
        service=None,
        location=location,
        byday="MO,TU,WE,TH,FR,SA,SU",
        opens_at=None,
        closes_at=None,
    )
    assert "Mieterberatung Mitte" in result_names(search(client, open="now"))
    today = timezone.localdate()
    other_day = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[(today.weekday() + 3) % 7]
    ScheduleFactory(service=directory.tenant_advice, byday=other_day)
    assert "Mieterberatung Mitte" not in result_names(search(client, open="now"))


# --- facets -------------------------------------------------------------------------------------


def test_facets_count_the_filtered_services(client, directory):
    response = search(client)
    assert option_label(response, "topic", "schulden").endswith("(2)")
    assert option_label(response, "district", "01").endswith("(3)")  # Moabit counts for Mitte
    assert option_label(response, "district", "03").endswith("(2)")
    assert option_label(response, "kind", "digital_contact_point").endswith("(1)")
    assert "Kostenlos (2)" in response.content.decode()
    filtered = search(client, district="01")
    assert option_label(filtered, "topic", "schulden").endswith("(1)")
    assert option_label(filtered, "group", "familien").endswith("(2)")
    assert "Kostenlos (1)" in filtered.content.decode()


def test_language_facets_count_each_service_once_whether_spoken_there_or_offered(client, directory):
    # tr: the debt advice offers it itself; the tenant advice's place speaks it, in any case
    location = directory.tenant_advice.service_at_locations.get().location
    Language.objects.create(location=location, code=" TR ", name="Türkisch")
    Language.objects.create(service=directory.tenant_advice, code="tr", name="Türkisch")
    response = search(client)
    assert option_label(response, "language", "tr").endswith("(2)")
    assert option_label(search(client, district="03"), "language", "tr").endswith("(0)")
    assert len(result_names(search(client, language="tr"))) == 2


# --- pages, links -------------------------------------------------------------------------------


def test_results_are_paginated_and_pages_keep_the_filters(client, directory):
    for number in range(25):
        service_at(directory.pankow, 52.56, 13.41, name=f"Treffpunkt {number:02d}")
    first = search(client, district="03")
    assert len(result_names(first)) == 20
    assert "page=2" in first.content.decode()
    assert "district=03&amp;page=2" in first.content.decode()
    second = search(client, district="03", page="2")
    assert len(result_names(second)) == 7


def test_the_page_links_to_the_api_and_the_widget(client, directory):
    html = search(client).content.decode()
    assert 'href="/api/hsds/"' in html
    assert f'href="{reverse("directory:widget_snippet")}"' in html


def test_the_form_works_without_javascript_a_get_form_with_labels(client, directory):
    html = search(client).content.decode()
    assert re.search(r'<form class="sr-finder" method="get"', html)
    for name in ("q", "topic", "group", "district", "place", "language", "open"):
        assert f'for="id_{name}"' in html


def test_the_map_gets_the_same_filters_and_district_outlines_without_tiles(
    client, directory, settings
):
    settings.MAP_TILES_URL = ""
    html = search(client, topic="schulden", district="01").content.decode()
    assert 'data-map-data="/de/angebote/karte.geojson?topic=schulden&amp;district=01"' in html
    assert 'data-map-outlines="/de/sozialatlas/gebiete/bezirk.geojson"' in html
    settings.MAP_TILES_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    html = search(client).content.decode()
    assert 'data-map-outlines=""' in html
    assert "tiles.example.org" in html


def test_digital_contact_points_have_their_own_page(client, directory):
    response = client.get(reverse("directory:digital"))
    assert response.status_code == 200
    assert result_names(response) == ["Digitalhilfe im Kiezladen"]
    assert "kind=digital_contact_point" in response.content.decode()
    assert 'name="kind"' not in response.content.decode()


# --- map data -----------------------------------------------------------------------------------


def map_data(client, **params) -> dict:
    response = client.get(reverse("directory:map_data"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def test_map_data_has_one_point_per_location_with_its_matching_services(client, directory):
    location = directory.debt_advice.service_at_locations.get().location
    other = ServiceFactory(name="Familienberatung", organization=directory.charity)
    other.service_at_locations.create(location=location)
    data = map_data(client)
    assert data["type"] == "FeatureCollection"
    at_location = [f for f in data["features"] if f["geometry"]["coordinates"] == [13.34, 52.53]]
    assert len(at_location) == 1
    names = sorted(entry[1] for entry in at_location[0]["properties"]["s"])
    assert names == ["Familienberatung", "Schuldnerberatung Moabit"]
    all_names = {entry[1] for f in data["features"] for entry in f["properties"]["s"]}
    assert "Alte Beratung" not in all_names
    assert "Ruhende Schuldnerberatung" not in all_names


def test_map_data_ids_are_the_services_uuids_in_base64(client, directory):
    data = map_data(client, district="03", topic="schulden")
    compact = data["features"][0]["properties"]["s"][0][0]
    assert len(compact) == 22
    decoded = uuid.UUID(bytes=base64.urlsafe_b64decode(compact + "=="))
    assert decoded == directory.debt_advice_pankow.pk


def test_map_data_uses_the_filters_and_marks_closed_services(client, directory):
    data = map_data(client, topic="schulden", district="03")
    assert [entry[1] for f in data["features"] for entry in f["properties"]["s"]] == [
        "Schuldnerberatung Pankow"
    ]
    closed = map_data(client, district="03", q="Sozialberatung")
    assert closed["features"][0]["properties"]["s"][0][2] == 1
    assert map_data(client, district="01")["features"][0]["properties"]["s"][0][2:] == []


def test_map_data_names_services_in_the_readers_language_with_german_fallback(client, directory):
    directory.debt_advice.name_en = "Debt advice Moabit"
    directory.debt_advice.save()
    response = client.get("/en/angebote/karte.geojson", {"district": "01"})
    names = {
        entry[1] for f in json.loads(response.content)["features"] for entry in f["properties"]["s"]
    }
    assert "Debt advice Moabit" in names
    assert "Mieterberatung Mitte" in names


def test_map_data_refuses_unknown_filter_values(client, directory):
    response = client.get(reverse("directory:map_data"), {"topic": "gibt-es-nicht"})
    assert response.status_code == 400


def test_map_data_for_a_district_stays_small(client, directory):
    """About 1,500 services in a district (a county's share) stay well under 200 KB."""
    location_count = 600
    for number in range(location_count):
        service = service_at(
            directory.moabit,
            52.52 + number * 0.00004,
            13.32 + number * 0.00004,
            name=f"Beratungsangebot für Familien und Alleinerziehende Nummer {number}",
        )
        if number % 2:
            for extra in range(2):
                sibling = ServiceFactory(
                    organization=service.organization, name=f"Weiteres Angebot {number}-{extra}"
                )
                sibling.service_at_locations.create(
                    location=service.service_at_locations.get().location
                )
    response = client.get(reverse("directory:map_data"), {"district": "0102"})
    data = json.loads(response.content)
    services = sum(len(f["properties"]["s"]) for f in data["features"])
    assert services > 1200
    assert len(response.content) < 200_000, len(response.content)


# --- detail page --------------------------------------------------------------------------------


def detail(client, service):
    response = client.get(reverse("directory:service", kwargs={"service_id": service.pk}))
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert match
    return json.loads(match[1])


def test_inactive_and_defunct_services_have_no_public_page(client, directory):
    for service in (directory.defunct_service, directory.inactive_service):
        url = reverse("directory:service", kwargs={"service_id": service.pk})
        assert client.get(url).status_code == 404


def test_detail_has_what_people_need_to_go_there_or_call(client, directory):
    service = directory.debt_advice
    location = service.service_at_locations.get().location
    Phone.objects.create(service=service, number="030 123 45-67", description="Mo bis Fr")
    ScheduleFactory(service=service, byday="MO,TU", opens_at=datetime.time(9), closes_at=None)
    ScheduleFactory(
        service=service,
        freq=Schedule.Freq.MONTHLY,
        byday="1WE",
        opens_at=datetime.time(14),
        closes_at=datetime.time(18),
    )
    service.fees_description = "Die Beratung ist kostenlos."
    service.eligibility_description = "Für alle, die in Mitte wohnen."
    service.save()
    service.required_documents.create(document="Personalausweis")
    html = detail(client, service)
    assert 'href="tel:030123 4567"' not in html
    assert 'href="tel:0301234567"' in html
    assert "Montag, Dienstag</strong>: ab 09:00 Uhr" in html
    assert "erster Mittwoch im Monat</strong>: 14:00 bis 18:00 Uhr" in html
    assert "deutscher Ortszeit" in html
    assert "Jetzt geöffnet" in html or "Jetzt geschlossen" in html
    assert "Turmstraße 21" in html and "Stadtteil: Moabit" in html
    assert (
        "https://www.openstreetmap.org/directions?to="
        f"{location.latitude:.6f}%2C{location.longitude:.6f}" in html
    )
    assert "Türkisch" in html
    assert "Die Beratung ist kostenlos." in html
    assert "Personalausweis" in html
    assert "Für alle, die in Mitte wohnen." in html
    assert "Diakonie Mitte" in html
    # other services of the organization, public ones only
    assert "Mieterberatung Mitte" in html
    assert "Alte Beratung" not in html
    assert "data-print" in html


def test_detail_marks_a_temporarily_closed_service_with_its_alert(client, directory):
    html = detail(client, directory.closed_service)
    assert "vorübergehend geschlossen" in html
    assert "Wegen Umbau bis Ende des Monats geschlossen." in html


def test_detail_says_when_the_information_was_last_confirmed_if_possibly_outdated(
    client, directory
):
    service = directory.tenant_advice
    service.assured_date = datetime.date(2020, 3, 1)
    service.save()
    html = detail(client, service)
    assert "Angaben möglicherweise veraltet" in html
    assert "1. März 2020" in html


def test_json_ld_is_valid_json_and_safely_escaped(client, directory):
    service = directory.debt_advice
    service.name = 'Beratung </script><script>alert("x")</script> & mehr'
    service.save()
    ScheduleFactory(service=service, byday="MO,TU")
    html = detail(client, service)
    assert "</script><script>alert" not in html
    data = json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Service"
    assert data["name"] == service.name
    assert data["provider"]["name"] == "Diakonie Mitte"
    place = data["availableChannel"]["serviceLocation"]
    assert place["address"]["postalCode"] == "10559"
    assert place["openingHoursSpecification"][0]["dayOfWeek"] == ["Monday", "Tuesday"]


def test_json_ld_names_the_page_without_the_query_the_visitor_sent(client, directory):
    service = directory.debt_advice
    path = reverse("directory:service", kwargs={"service_id": service.pk})
    data = json_ld(client.get(path + "?utm=spam").content.decode())
    assert data["url"] == f"http://testserver{path}"


def test_detail_in_english_falls_back_to_german_text(client, directory):
    service = directory.debt_advice
    service.name_en = "Debt advice Moabit"
    service.save()
    response = client.get(f"/en/angebote/{service.pk}/")
    html = response.content.decode()
    assert "Debt advice Moabit" in html
    assert "Hilfe, wenn das Geld nicht reicht." in html  # no English short description yet
