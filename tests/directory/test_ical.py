"""The events feed (iCalendar) for partner websites and calendar programs."""

import datetime
import logging
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from sozialraum.directory.models import Service

from .factories import AttributeFactory, EventFactory, LocationFactory
from .factories_widget import create_small_directory, event_of

pytestmark = pytest.mark.django_db

FEED = "/de/angebote/veranstaltungen.ics"
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def directory():
    return create_small_directory()


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200, response.content
    return icalendar.Calendar.from_ical(response.content)


def summaries(response) -> list[str]:
    return sorted(str(event["SUMMARY"]) for event in parse(response).walk("VEVENT"))


def test_feed_is_icalendar_with_the_right_content_type(client: Client, directory):
    event_of(directory.debt_advice, title="Sprechstunde")
    response = client.get(FEED)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = parse(response)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")] == ["Sprechstunde"]


def test_event_carries_uid_times_with_time_zone_location_url_and_description(
    client: Client, directory
):
    start = datetime.datetime(2030, 3, 30, 18, 0, tzinfo=BERLIN)  # the day before summer time
    event = event_of(
        directory.debt_advice,
        title="Infoabend Schulden",
        description="Was tun, wenn die Rechnungen sich stapeln?",
        registration_hint="Anmeldung bis Freitag",
        capacity=12,
    )
    event.start, event.end = start, start + datetime.timedelta(hours=1, minutes=30)
    event.save()
    now = timezone.now()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sozialraum.directory.widget.FEED_FUTURE", datetime.timedelta(days=365 * 10))
        calendar = parse(client.get(FEED))
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["UID"]) == f"{event.pk}@testserver"
    assert entry["DTSTAMP"].dt >= now - datetime.timedelta(minutes=1)
    assert entry["DTSTART"].dt == start
    assert entry["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert entry["DTSTART"].dt.hour == 18
    assert entry["DTEND"].dt == start + datetime.timedelta(hours=1, minutes=30)
    assert str(entry["URL"]) == f"http://testserver/de/angebote/{directory.debt_advice.pk}/"
    location = str(entry["LOCATION"])
    assert "Turmstraße" in location and "10559 Berlin" in location
    description = str(entry["DESCRIPTION"])
    assert "Rechnungen" in description and "Anmeldung bis Freitag" in description
    assert "12" in description and "Diakonie Mitte" in description
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Berlin"


def test_uid_stays_the_same_from_one_download_to_the_next(client: Client, directory):
    event_of(directory.debt_advice)
    first = [str(e["UID"]) for e in parse(client.get(FEED)).walk("VEVENT")]
    second = [str(e["UID"]) for e in parse(client.get(FEED)).walk("VEVENT")]
    assert first == second and len(first) == 1


def test_valid_rrule_is_passed_through(client: Client, directory):
    event_of(directory.debt_advice, title="Erzählcafé", rrule="FREQ=WEEKLY;BYDAY=TU;COUNT=10")
    (entry,) = parse(client.get(FEED)).walk("VEVENT")
    rule = entry["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["TU"] and rule["COUNT"] == [10]


def test_invalid_rrule_is_left_out_with_a_log_entry(client: Client, directory, caplog):
    event = event_of(directory.debt_advice, title="Kaputte Reihe", rrule="FREQ=SOMETIMES")
    with caplog.at_level(logging.WARNING, logger="sozialraum.directory.widget"):
        (entry,) = parse(client.get(FEED)).walk("VEVENT")
    assert "RRULE" not in entry
    assert str(event.pk) in caplog.text and "FREQ=SOMETIMES" in caplog.text


def test_feed_holds_recent_and_upcoming_events_only(client: Client, directory):
    event_of(directory.debt_advice, title="Morgen", days=1)
    event_of(directory.debt_advice, title="Letzte Woche", days=-7)
    event_of(directory.debt_advice, title="Vor zwei Monaten", days=-60)
    event_of(directory.debt_advice, title="In zwei Jahren", days=730)
    event_of(
        directory.debt_advice, title="Reihe seit langem", days=-400, rrule="FREQ=WEEKLY;BYDAY=MO"
    )
    event_of(
        directory.debt_advice,
        title="Reihe längst vorbei",
        days=-400,
        rrule="FREQ=WEEKLY;BYDAY=MO;COUNT=3",
    )
    assert summaries(client.get(FEED)) == ["Letzte Woche", "Morgen", "Reihe seit langem"]


def test_only_events_of_public_services_and_organizations(client: Client, directory):
    event_of(directory.debt_advice, title="Öffentlich")
    event_of(directory.defunct_service, title="Von eingestelltem Angebot")
    inactive = directory.tenant_advice
    inactive.status = Service.Status.INACTIVE
    inactive.save()
    event_of(inactive, title="Von inaktivem Angebot")
    EventFactory(organization=directory.charity, title="Der Organisation")
    EventFactory(title="Organisation ohne öffentliche Angebote")
    assert summaries(client.get(FEED)) == ["Der Organisation", "Öffentlich"]


def test_topic_filter_uses_the_services_terms(client: Client, directory):
    event_of(directory.debt_advice, title="Schulden Moabit")
    event_of(directory.debt_advice_pankow, title="Schulden Pankow")
    event_of(directory.tenant_advice, title="Mieten")
    assert summaries(client.get(FEED, {"topic": "schulden"})) == [
        "Schulden Moabit",
        "Schulden Pankow",
    ]


def test_topic_filter_also_finds_events_with_the_term_themselves(client: Client, directory):
    event = EventFactory(organization=directory.charity, title="Offener Abend")
    AttributeFactory(service=None, event=event, taxonomy_term=directory.debts)
    assert summaries(client.get(FEED, {"topic": "schulden"})) == ["Offener Abend"]


def test_district_filter_uses_the_events_place(client: Client, directory):
    event_of(directory.debt_advice, title="In Moabit")
    event_of(directory.debt_advice_pankow, title="In Pankow")
    # held in Pankow by the Moabit service: the place counts, not the service
    pankow_place = directory.debt_advice_pankow.service_at_locations.first().location
    event_of(directory.debt_advice, title="Moabiter in Pankow", location=pankow_place)
    assert summaries(client.get(FEED, {"district": "01"})) == ["In Moabit"]
    assert summaries(client.get(FEED, {"district": "03"})) == ["In Pankow", "Moabiter in Pankow"]


def test_district_filter_for_an_event_without_place_uses_its_service(client: Client, directory):
    event_of(directory.debt_advice, title="Ohne Ort", location=None)
    event_of(
        directory.debt_advice, title="Online", location=LocationFactory(location_type="virtual")
    )
    assert summaries(client.get(FEED, {"district": "0102"})) == ["Ohne Ort"]


def test_organization_filter(client: Client, directory):
    event_of(directory.debt_advice, title="Diakonie")
    event_of(directory.debt_advice_pankow, title="Andere")
    response = client.get(FEED, {"organization": str(directory.charity.pk)})
    assert summaries(response) == ["Diakonie"]


def test_unknown_filter_is_an_error(client: Client, directory):
    response = client.get(FEED, {"topic": "gibt-es-nicht"})
    assert response.status_code == 400
    assert "gibt-es-nicht" in response.content.decode()


def test_feed_sets_no_cookies_and_allows_cross_origin_reads(client: Client, directory):
    event_of(directory.debt_advice)
    response = client.get("/ar/angebote/veranstaltungen.ics", HTTP_ORIGIN="https://partner.example")
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response.headers
    assert response["Access-Control-Allow-Origin"] == "*"


def test_text_with_html_and_special_characters_survives(client: Client, directory):
    event_of(
        directory.debt_advice,
        title="<b>Fest</b>; Kaffee, Kuchen",
        description="Zeile 1\nZeile 2 <script>x</script>",
    )
    (entry,) = parse(client.get(FEED)).walk("VEVENT")
    assert str(entry["SUMMARY"]) == "<b>Fest</b>; Kaffee, Kuchen"
    assert str(entry["DESCRIPTION"]).startswith("Zeile 1\nZeile 2 <script>x</script>")


def test_search_finds_events_by_title_or_by_their_service(client: Client, directory):
    event_of(directory.tenant_advice, title="Mietrecht für Einsteiger")
    event_of(directory.debt_advice_pankow, title="Offene Sprechstunde")
    event_of(directory.debt_advice, title="Kaffeeklatsch")
    assert summaries(client.get(FEED, {"q": "Mietrecht"})) == ["Mietrecht für Einsteiger"]
    assert summaries(client.get(FEED, {"q": "Pankow"})) == ["Offene Sprechstunde"]
