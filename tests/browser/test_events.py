"""Event registration in the browser, by keyboard alone: a parent registers a family for an event
with questions and confirms by the link in the e-mail; someone joins a full event's waiting
list, is offered a freed place and accepts it. Every new page has zero axe violations in German,
English and Arabic."""

import re

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from sozialraum.events.models import Booking, BookingStatus
from sozialraum.events.services import booking_cancel, booking_confirm
from tests.events.factories import add_question, book, first_date, open_registration
from tests.factories import MembershipFactory, give_totp

from .conftest import assert_accessible, axe_violations, format_violations
from .login import log_in
from .test_provider_journey import (
    press_enter_and_wait,
    press_tab_until,
    tab_to_field,
    tab_to_text,
    type_into,
)

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ["de", "en", "ar"]


def assert_no_violations(page) -> None:
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)


def tab_to_link_starting(page, text: str) -> None:
    press_tab_until(page, f"el && el.tagName === 'A' && el.textContent.trim().startsWith({text!r})")


def retype(page, field_id: str, text: str) -> None:
    tab_to_field(page, field_id)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def personal_link(message) -> str:
    return re.search(r"http://[^/]+(/\w\w/veranstaltungen/buchung/[^/\s]+/)", message.body)[1]


def test_a_parent_registers_a_family_with_questions_by_keyboard(page):
    registration = open_registration(capacity=6, min_age=3, max_age=14)
    add_question(registration, "Allergien")
    add_question(registration, "Schwimmen", "choice", choices="Ja\nNein", required=True)
    event = registration.event

    page.goto("/de/veranstaltungen/")
    assert_no_violations(page)
    tab_to_text(page, str(event.title))
    press_enter_and_wait(page)
    assert_no_violations(page)
    tab_to_link_starting(page, "Anmelden:")
    press_enter_and_wait(page)
    expect(page.locator("h1")).to_contain_text("Anmelden")

    # three people: the choice comes first, then the form has one button
    tab_to_field(page, "id_people_choice")
    page.keyboard.type("3")
    tab_to_text(page, "Übernehmen")
    press_enter_and_wait(page)
    assert_no_violations(page)
    for index, (name, age, swims) in enumerate(
        [("Lena Muster", "9", True), ("Ben Muster", "6", False), ("Mia Muster", "35", True)]
    ):
        type_into(page, f"id_p{index}-name", name)
        type_into(page, f"id_p{index}-age", age)
        # a radio group: Tab reaches the first answer, the arrow keys choose
        tab_to_field(page, f"id_p{index}-q{registration.questions.last().pk}_0")
        page.keyboard.press("Space" if swims else "ArrowDown")
    type_into(page, "id_name", "Mia Muster")
    type_into(page, "id_email", "mia@example.org")
    tab_to_text(page, "Anmelden")
    press_enter_and_wait(page)

    # the mother is too old for the course: the error summary says so and takes the focus
    summary = page.locator(".sr-error-summary")
    expect(summary).to_contain_text("Mia Muster ist 35 Jahre alt")
    expect(summary).to_be_focused()
    assert_no_violations(page)
    # the form kept what was typed: the third person becomes the older brother
    retype(page, "id_p2-name", "Tom Muster")
    retype(page, "id_p2-age", "11")
    tab_to_text(page, "Anmelden")
    press_enter_and_wait(page)

    expect(page.locator("h1")).to_contain_text("Bitte sehen Sie in Ihre E-Mails")
    assert_no_violations(page)
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.PENDING
    assert [p.name for p in booking.participants.all()] == [
        "Lena Muster",
        "Ben Muster",
        "Tom Muster",
    ]

    page.goto(personal_link(mail.outbox[-1]))
    assert_no_violations(page)
    tab_to_text(page, "Anmeldung bestätigen")
    press_enter_and_wait(page)
    expect(page.locator("main")).to_contain_text("Sie sind angemeldet")
    assert_no_violations(page)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    assert mail.outbox[-1].attachments[0][0] == "termin.ics"


def test_joining_a_full_events_waiting_list_and_accepting_the_offer_by_keyboard(page):
    registration = open_registration(capacity=1)
    occurrence = first_date(registration)
    first = book(occurrence, "Ali Ahmad")
    booking_confirm(token=first.token)

    page.goto(f"/de/veranstaltungen/{registration.event.pk}/")
    tab_to_link_starting(page, "Auf die Warteliste:")
    press_enter_and_wait(page)
    expect(page.locator("h1")).to_contain_text("Auf die Warteliste")
    assert_no_violations(page)
    type_into(page, "id_p0-name", "Eva Single")
    type_into(page, "id_name", "Eva Single")
    type_into(page, "id_email", "eva@example.org")
    tab_to_text(page, "Auf die Warteliste setzen")
    press_enter_and_wait(page)

    page.goto(personal_link(mail.outbox[-1]))
    tab_to_text(page, "Warteliste bestätigen")
    press_enter_and_wait(page)
    expect(page.locator("main")).to_contain_text("an Stelle 1")
    assert_no_violations(page)

    booking_cancel(token=first.token)  # a place frees: Eva is offered it by e-mail
    offer = mail.outbox[-1]
    assert offer.to == ["eva@example.org"]
    page.goto(personal_link(offer))
    expect(page.locator("main")).to_contain_text("Für Sie ist 1 Platz frei")
    assert_no_violations(page)
    tab_to_text(page, "Platz annehmen")
    press_enter_and_wait(page)
    expect(page.locator("main")).to_contain_text("Sie sind angemeldet")
    assert Booking.objects.get(email="eva@example.org").status == BookingStatus.CONFIRMED


def _url(path: str, language: str) -> str:
    return f"/{language}{path[3:]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_events_page_has_no_axe_violations(page, live_server, language):
    registration = open_registration(capacity=2, min_age=3, max_age=14)
    occurrence = first_date(registration)
    event = registration.event
    confirmed = book(occurrence, "Lena Muster", age=8)
    booking_confirm(token=confirmed.token)
    pending = book(occurrence, "Ben Muster", age=6)
    waiting = book(occurrence, "Ali Ahmad", "Omar Ahmad", age=7, join_waitlist=True)
    booking_confirm(token=waiting.token)
    offered = book(occurrence, "Eva Single", age=9, join_waitlist=True)
    booking_confirm(token=offered.token)
    booking_cancel(token=pending.token)  # Eva gets the offer (the family needs two places)
    assert Booking.objects.get(pk=offered.pk).status == BookingStatus.OFFERED
    # questions added later: the bookings above have no answers
    add_question(registration, "Allergien")
    add_question(registration, "Schwimmen", "choice", choices="Ja\nNein", required=True)
    add_question(registration, "Geburtstag", "date")
    add_question(registration, "Schuhgröße", "number")

    with translation.override(language):
        pages = [
            "/de/veranstaltungen/",
            f"/de/veranstaltungen/{event.pk}/",
            f"/de/veranstaltungen/termin/{occurrence.pk}/anmelden/?people=2",
            f"/de/veranstaltungen/termin/{occurrence.pk}/gesendet/",
            *[f"/de/veranstaltungen/buchung/{b.token}/" for b in (confirmed, waiting, offered)],
        ]
        for path in pages:
            assert_accessible(page, _url(path, language))
            assert page.url.endswith(_url(path, language)), page.url
        # the form with errors
        page.goto(_url(f"/de/veranstaltungen/termin/{occurrence.pk}/anmelden/", language))
        page.locator("form[method=post] button[type=submit]").click()
        expect(page.locator(".sr-error-summary")).to_be_visible()
        assert_no_violations(page)

        membership = MembershipFactory(organization=event.organization)
        give_totp(membership.user)
        log_in(page, live_server, membership.user)
        base = f"/de/angebote/organisation/{event.organization_id}/veranstaltungen/{event.pk}/"
        question = registration.questions.first()
        provider_pages = [
            f"/de/angebote/organisation/{event.organization_id}/",
            base + "anmeldung/",
            base + "anmeldung/fragen/",
            base + f"anmeldung/fragen/{question.pk}/",
            base + f"anmeldung/fragen/{question.pk}/loeschen/",
            base + "anmeldung/absagen/",
            base + f"anmeldung/termine/{occurrence.pk}/",
            base + f"anmeldung/termine/{occurrence.pk}/nachricht/",
            base + f"anmeldung/termine/{occurrence.pk}/absagen/",
        ]
        for path in provider_pages:
            assert_accessible(page, _url(path, language))
            assert page.url.endswith(_url(path, language)), page.url  # not sent to a login
