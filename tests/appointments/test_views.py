"""The public pages: topics, free times by day a week at a time, booking, the personal link;
and the link from the service's page in the directory."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from sozialraum.appointments.models import Appointment
from sozialraum.appointments.slots import free_slots

from .factories import create_offer

pytestmark = pytest.mark.django_db

EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)


@pytest.fixture
def offer():
    return create_offer(weekdays=EVERY_DAY, hours=(datetime.time(8), datetime.time(18)))


def tomorrows_slots(offer):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return free_slots(offer, offer.topics.get(), tomorrow, tomorrow)


def book(client, offer, slot, **data):
    topic = offer.topics.get()
    url = reverse(
        "appointments:book", kwargs={"service_id": offer.service_id, "topic_id": topic.pk}
    )
    fields = {"beginn": slot.start.isoformat(), "name": "Ayşe", "email": "a@example.org", **data}
    return client.post(url, fields)


def test_the_service_page_links_to_booking_only_when_appointments_are_offered(client, offer):
    url = reverse("directory:service", kwargs={"service_id": offer.service_id})
    booking = reverse("appointments:offer", kwargs={"service_id": offer.service_id})
    assert booking in client.get(url).content.decode()
    offer.is_active = False
    offer.save()
    assert booking not in client.get(url).content.decode()


def test_with_one_topic_the_citizen_goes_straight_to_the_free_times(client, offer):
    response = client.get(reverse("appointments:offer", kwargs={"service_id": offer.service_id}))
    assert response.status_code == 302 and response["Location"].endswith(
        f"/{offer.topics.get().pk}/"
    )


def test_free_times_are_listed_by_day_with_headings_and_links(client, offer):
    topic = offer.topics.get()
    url = reverse(
        "appointments:times", kwargs={"service_id": offer.service_id, "topic_id": topic.pk}
    )
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<h3 class="kern-heading-small" id="day-\d{4}-\d\d-\d\d">', html)
    assert 'class="sr-slots"' in html and "?beginn=" in html
    assert "Nächste Woche" in html


def test_booking_asks_for_confirmation_and_the_link_confirms(client, offer):
    slot = tomorrows_slots(offer)[0]
    response = book(client, offer, slot, phone="030 1")
    assert response.status_code == 302 and response["Location"].endswith("/gesendet/")
    appointment = Appointment.objects.get()
    assert appointment.status == "pending" and appointment.phone == "030 1"
    confirm_url = re.search(r"http://\S+/bestaetigen/", mail.outbox[0].body).group(0)
    path = confirm_url.split("8000", 1)[-1]
    assert client.get(path).status_code == 200  # a page with a button: mail scanners open links
    assert Appointment.objects.get().status == "pending"
    response = client.post(path)
    assert response.status_code == 302
    assert Appointment.objects.get().status == "confirmed"
    assert mail.outbox[-1].attachments[0][2] == "text/calendar"


def test_a_taken_time_sends_the_citizen_back_to_the_list_with_a_message(client, offer):
    slot = tomorrows_slots(offer)[0]
    book(client, offer, slot)
    response = book(client, offer, slot, email="b@example.org")
    assert response.status_code == 302 and "?woche=" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "nicht mehr frei" in page
    assert Appointment.objects.count() == 1


def test_missing_data_is_named_at_the_field(client, offer):
    slot = tomorrows_slots(offer)[0]
    response = book(client, offer, slot, name="", email="kein-at")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_name"' in html and 'href="#id_email"' in html
    assert not Appointment.objects.exists()


def confirmed(client, offer, slot):
    book(client, offer, slot)
    appointment = Appointment.objects.get()
    client.post(reverse("appointments:confirm", kwargs={"token": appointment.token}))
    return Appointment.objects.get()


def test_the_personal_link_moves_the_appointment(client, offer):
    slots = tomorrows_slots(offer)
    appointment = confirmed(client, offer, slots[0])
    move = reverse("appointments:move", kwargs={"token": appointment.token})
    assert "?beginn=" in client.get(move).content.decode()
    assert client.get(move, {"beginn": slots[2].start.isoformat()}).status_code == 200
    response = client.post(move, {"beginn": slots[2].start.isoformat()})
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.start == slots[2].start
    assert "verschoben" in mail.outbox[-1].subject


def test_the_personal_link_cancels_the_appointment(client, offer):
    appointment = confirmed(client, offer, tomorrows_slots(offer)[0])
    cancel = reverse("appointments:cancel", kwargs={"token": appointment.token})
    assert client.get(cancel).status_code == 200
    client.post(cancel)
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"
    page = client.get(reverse("appointments:manage", kwargs={"token": appointment.token}))
    assert "Termin verschieben" not in page.content.decode()


def test_an_unknown_or_deleted_link_is_not_found(client, offer):
    assert client.get(reverse("appointments:manage", kwargs={"token": "x" * 43})).status_code == 404
