# ruff: noqa: RUF001  (German text uses the en dash as its dash)
"""The public pages: list, event, registration form, personal link."""

import re

import pytest
from django.core import mail
from django.test import Client

from sozialraum.events.models import Booking, BookingStatus

from .factories import add_question, book, first_date, open_registration

pytestmark = pytest.mark.django_db

Status = BookingStatus


def link_in(body: str) -> str:
    return re.search(r"http://[^/]+(/de/veranstaltungen/buchung/[^/\s]+/)", body).group(1)


def test_the_list_shows_events_open_for_registration_with_free_places(client: Client):
    registration = open_registration(capacity=12)
    closed = open_registration()
    closed.is_open = False
    closed.save()
    book(first_date(registration), "Mia Muster", "Tom Muster")

    html = client.get("/de/veranstaltungen/").content.decode()

    assert f'href="/de/veranstaltungen/{registration.event.pk}/"' in html
    assert f"/de/veranstaltungen/{closed.event.pk}/" not in html
    assert "10 Plätze frei" in html


def test_the_event_page_lists_dates_with_a_link_to_register(client: Client):
    registration = open_registration(capacity=1, min_age=6, max_age=10)
    occurrence = first_date(registration)

    html = client.get(f"/de/veranstaltungen/{registration.event.pk}/").content.decode()
    assert "6 bis 10 Jahre" in html
    assert f'href="/de/veranstaltungen/termin/{occurrence.pk}/anmelden/"' in html
    assert "1 Platz frei" in html

    book(occurrence, age=7)
    html = client.get(f"/de/veranstaltungen/{registration.event.pk}/").content.decode()
    assert "Ausgebucht – Warteliste möglich" in html
    assert "Auf die Warteliste" in html


def test_registering_a_family_with_answers_and_confirming_by_the_mail_link(client: Client):
    registration = open_registration(capacity=5, min_age=3, max_age=14)
    allergy = add_question(registration, "Allergien")
    size = add_question(registration, "Größe", "choice", choices="S\nM\nL", required=True)
    occurrence = first_date(registration)
    url = f"/de/veranstaltungen/termin/{occurrence.pk}/anmelden/"

    html = client.get(url, {"people": "2"}).content.decode()
    assert 'name="p1-name"' in html
    assert html.count('name="p0-age"') == 1

    data = {
        "people": "2",
        "action": "book",
        "name": "Mia Muster",
        "email": "mia@example.org",
        "p0-name": "Lena Muster",
        "p0-age": "8",
        f"p0-q{size.pk}": "M",
        f"p0-q{allergy.pk}": "Nüsse",
        "p1-name": "Ben Muster",
        "p1-age": "5",
    }
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Person 2, Größe: Bitte beantworten Sie diese Frage." in html
    assert Booking.objects.count() == 0

    response = client.post(url, {**data, f"p1-q{size.pk}": "S"})
    assert response.status_code == 302
    assert "mia@example.org" in client.get(response["Location"]).content.decode()
    booking = Booking.objects.get()
    assert booking.status == Status.PENDING
    assert [(p.name, p.age) for p in booking.participants.all()] == [
        ("Lena Muster", 8),
        ("Ben Muster", 5),
    ]

    page = link_in(mail.outbox[0].body)
    assert "Anmeldung bestätigen" in client.get(page).content.decode()
    response = client.post(page + "bestaetigen/")
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Status.CONFIRMED
    html = client.get(page).content.decode()
    assert "Sie sind angemeldet" in html
    ics = client.get(page + "termin.ics")
    assert ics["Content-Type"].startswith("text/calendar")


def test_a_full_date_offers_the_waiting_list_and_a_race_is_explained(client: Client):
    registration = open_registration(capacity=1)
    occurrence = first_date(registration)
    url = f"/de/veranstaltungen/termin/{occurrence.pk}/anmelden/"
    data = {"people": "1", "name": "Ali Ahmad", "email": "ali@example.org", "p0-name": "Ali"}

    assert 'value="book"' in client.get(url).content.decode()
    book(occurrence)  # someone else is quicker
    html = client.post(url, {**data, "action": "book"}).content.decode()
    assert "ausgebucht" in html
    assert 'value="waitlist"' in html

    response = client.post(url, {**data, "action": "waitlist"})
    assert response.status_code == 302
    assert Booking.objects.get(email="ali@example.org").status == Status.WAITING


def test_cancelling_by_the_personal_link(client: Client):
    occurrence = first_date(open_registration())
    booking = book(occurrence)
    page = f"/de/veranstaltungen/buchung/{booking.token}/"
    client.post(page + "bestaetigen/")

    client.post(page + "absagen/")

    booking.refresh_from_db()
    assert booking.status == Status.CANCELLED
    assert "abgesagt" in client.get(page).content.decode()


def test_an_unknown_personal_link_is_not_found(client: Client):
    assert client.get("/de/veranstaltungen/buchung/falsch/").status_code == 404
    assert client.post("/de/veranstaltungen/buchung/falsch/absagen/").status_code == 404


def test_the_event_page_describes_each_date_in_schema_org(client: Client):
    import json

    registration = open_registration(capacity=1)
    book(first_date(registration))
    html = client.get(f"/de/veranstaltungen/{registration.event.pk}/").content.decode()
    script = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    (item,) = json.loads(script[1])["@graph"]
    assert item["@type"] == "Event"
    assert item["name"] == "Kinderkochkurs"
    assert item["offers"]["availability"] == "https://schema.org/SoldOut"
