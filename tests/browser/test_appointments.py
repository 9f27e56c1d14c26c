"""Appointment booking in the browser: a citizen books, confirms (the link from the e-mail),
moves and cancels an appointment by keyboard alone; zero axe violations on every new page in
German, English and Arabic (public pages and the provider's pages)."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from sozialraum.appointments import services
from sozialraum.appointments.models import Appointment
from sozialraum.appointments.slots import free_slots
from tests.appointments.factories import create_offer
from tests.factories import MembershipFactory, UserFactory, give_totp

from .conftest import assert_accessible
from .login import log_in
from .test_provider_journey import (
    assert_no_violations,
    press_enter_and_wait,
    press_tab_until,
    tab_to_text,
    type_into,
)

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ["de", "en", "ar"]
EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)


def bookable_offer():
    offer = create_offer(weekdays=EVERY_DAY, hours=(datetime.time(8), datetime.time(18)))
    offer.topics.create(
        name="Ausführliche Beratung", name_en="Detailed advice", duration_minutes=60
    )
    return offer


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_citizen_books_confirms_moves_and_cancels_by_keyboard(page, live_server):
    offer = bookable_offer()
    page.goto(reverse("directory:service", kwargs={"service_id": offer.service_id}))
    tab_to_text(page, "Termin online buchen")
    press_enter_and_wait(page)
    assert_no_violations(page)
    tab_to_text(page, "Erstgespräch")
    press_enter_and_wait(page)
    expect(page.locator("h1")).to_have_text("Schritt 2 von 3: Zeit wählen")
    assert_no_violations(page)
    press_tab_until(page, "el && el.classList.contains('sr-slot')")
    chosen = page.evaluate("document.activeElement.textContent.trim()")
    press_enter_and_wait(page)
    assert_no_violations(page)
    type_into(page, "id_name", "Ayşe Yılmaz")  # noqa: RUF001
    type_into(page, "id_email", "ayse@example.org")
    tab_to_text(page, "Termin buchen")
    press_enter_and_wait(page)
    expect(page.locator("h1")).to_contain_text("Bitte sehen Sie in Ihre E-Mails")
    assert_no_violations(page)

    appointment = Appointment.objects.get()
    assert appointment.status == "pending"
    assert f"{timezone.localtime(appointment.start):%H:%M}" == chosen
    confirm_link = re.search(r"http://\S+/bestaetigen/", mail.outbox[-1].body).group(0)
    page.goto(path_of(confirm_link))
    assert_no_violations(page)
    tab_to_text(page, "Ja, Termin verbindlich buchen")
    press_enter_and_wait(page)
    expect(page.locator("h1")).to_have_text("Ihr Termin")
    assert_no_violations(page)
    appointment.refresh_from_db()
    assert appointment.status == "confirmed"
    assert mail.outbox[-1].attachments[0][2] == "text/calendar"

    tab_to_text(page, "Termin verschieben")
    press_enter_and_wait(page)
    assert_no_violations(page)
    press_tab_until(page, "el && el.classList.contains('sr-slot')")
    press_enter_and_wait(page)
    assert_no_violations(page)
    tab_to_text(page, "Ja, Termin verschieben")
    press_enter_and_wait(page)
    old_start = appointment.start
    appointment.refresh_from_db()
    assert appointment.start != old_start and appointment.status == "confirmed"
    assert "verschoben" in mail.outbox[-1].subject

    tab_to_text(page, "Termin absagen")
    press_enter_and_wait(page)
    assert_no_violations(page)
    tab_to_text(page, "Ja, Termin absagen")
    press_enter_and_wait(page)
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"
    expect(page.locator("body")).to_contain_text("Ihr Termin ist abgesagt")
    assert_no_violations(page)


def url_in(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def test_every_public_appointment_page_has_no_axe_violations(page, live_server):
    offer = bookable_offer()
    topic = offer.topics.first()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    slots = free_slots(offer, topic, tomorrow, tomorrow)
    pending = services.appointment_request(
        offer=offer, topic=topic, start=slots[0].start, name="A", email="a@example.org"
    )
    confirmed = services.appointment_confirm(
        appointment=services.appointment_request(
            offer=offer, topic=topic, start=slots[2].start, name="B", email="b@example.org"
        )
    )
    service_id = offer.service_id
    for language in LANGUAGES:
        pages = [
            url_in(language, "appointments:index"),
            url_in(language, "appointments:offer", service_id=service_id),
            url_in(language, "appointments:times", service_id=service_id, topic_id=topic.pk),
            url_in(language, "appointments:book", service_id=service_id, topic_id=topic.pk)
            + f"?beginn={slots[4].start.isoformat().replace('+', '%2B')}",
            url_in(language, "appointments:sent", service_id=service_id),
            url_in(language, "appointments:confirm", token=pending.token),
            url_in(language, "appointments:manage", token=confirmed.token),
            url_in(language, "appointments:cancel", token=confirmed.token),
            url_in(language, "appointments:move", token=confirmed.token),
            url_in(language, "appointments:move", token=confirmed.token)
            + f"?beginn={slots[5].start.isoformat().replace('+', '%2B')}",
            url_in(language, "directory:service", service_id=service_id),
        ]
        for url in pages:
            assert_accessible(page, url)


def test_every_provider_appointment_page_has_no_axe_violations(page, live_server):
    offer = bookable_offer()
    user = UserFactory()
    give_totp(user)
    MembershipFactory(user=user, organization=offer.service.organization)
    topic = offer.topics.first()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    slot = free_slots(offer, topic, tomorrow, tomorrow)[0]
    services.appointment_book_for_caller(
        offer=offer, topic=topic, start=slot.start, name="Herr K.", phone="030 1", actor=user
    )
    log_in(page, live_server, user)
    ids = {"organization_id": offer.service.organization_id, "service_id": offer.service_id}
    for language in LANGUAGES:
        pages = [
            url_in(
                language, "appointments_provider:overview", organization_id=ids["organization_id"]
            ),
            *[
                url_in(language, f"appointments_provider:{name}", **ids)
                for name in ("settings", "weekly_hours", "special_days", "topics", "resources")
            ],
            url_in(language, "appointments_provider:day", **ids) + f"?datum={tomorrow.isoformat()}",
            url_in(language, "appointments_provider:book", **ids),
            url_in(language, "appointments_provider:book", **ids)
            + f"?topic={topic.pk}&day={tomorrow.isoformat()}",
        ]
        for url in pages:
            assert_accessible(page, url)
