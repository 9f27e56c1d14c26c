"""Limits on the public forms that hold places or times without an account (core/rate_limits.py):
per visitor address and per e-mail address; only sent forms that would be accepted count."""

import datetime

import pytest
from django.test import Client

from sozialraum.appointments.models import Appointment
from sozialraum.events.models import Booking
from sozialraum.lottery.models import Application
from tests.appointments.factories import create_offer
from tests.appointments.test_views import book as request_appointment
from tests.appointments.test_views import tomorrows_slots
from tests.events.factories import first_date, open_registration
from tests.lottery.factories import programme_with
from tests.lottery.test_views import wishes_form

pytestmark = pytest.mark.django_db

TOO_MANY = "kamen gerade sehr viele Anfragen"


@pytest.fixture
def rates(settings):
    def set_rate(action: str, rate: str) -> None:
        settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, action: rate}

    return set_rate


def test_event_registrations_are_limited_per_address_and_per_visitor(client: Client, rates):
    rates("event_registration", "2/h/ip,1/h/key")
    occurrence = first_date(open_registration(capacity=10))
    url = f"/de/veranstaltungen/termin/{occurrence.pk}/anmelden/"

    def register(email: str, **extra):
        data = {"people": "1", "name": "Ali Ahmad", "email": email, "p0-name": "Ali"}
        return client.post(url, {**data, **extra})

    for _ in range(3):  # forms with errors do not count
        assert register("ali@example.org", name="").status_code == 200
    assert register("ali@example.org").status_code == 302
    again = register("ali@example.org")
    assert again.status_code == 429
    assert TOO_MANY in again.content.decode()
    assert register("mia@example.org").status_code == 302
    assert register("ben@example.org").status_code == 429  # the visitor's second address
    assert sorted(Booking.objects.values_list("email", flat=True)) == [
        "ali@example.org",
        "mia@example.org",
    ]


def test_holiday_wishes_are_limited_per_address(client: Client, rates):
    rates("holiday_wishes", "10/h/ip,1/h/key")
    programme, dates = programme_with(4, 6)
    url = f"/de/ferienprogramm/{programme.pk}/"
    assert client.post(url, wishes_form(dates)).status_code == 302
    response = client.post(url, wishes_form(dates))
    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert Application.objects.count() == 1


def test_appointment_requests_are_limited_per_visitor(client: Client, rates):
    rates("appointment_request", "1/h/ip,5/h/key")
    offer = create_offer(weekdays=tuple(range(7)), hours=(datetime.time(8), datetime.time(18)))
    slots = tomorrows_slots(offer)
    assert request_appointment(client, offer, slots[0]).status_code == 302
    response = request_appointment(client, offer, slots[1], email="other@example.org")
    assert response.status_code == 429
    assert TOO_MANY in response.content.decode()
    assert Appointment.objects.count() == 1


def test_one_address_may_register_for_many_dates(client: Client, rates):
    rates("event_registration", "10/h/ip,1/h/key")
    data = {"people": "1", "name": "Ali Ahmad", "email": "ali@example.org", "p0-name": "Ali"}
    for _ in range(3):
        occurrence = first_date(open_registration(capacity=10))
        url = f"/de/veranstaltungen/termin/{occurrence.pk}/anmelden/"
        assert client.post(url, data).status_code == 302
    assert Booking.objects.count() == 3
