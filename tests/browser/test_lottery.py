"""The holiday programme and passes at registration in the browser: a parent sends ranked wishes
for two children by keyboard alone; every new page (the wish form, its confirmation, the
personal link before and after the draw, the editors' programme pages, a pass-only
registration) has zero axe violations in German, English and Arabic."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone, translation
from playwright.sync_api import expect

from sozialraum.events.models import Booking
from sozialraum.lottery.models import Application, Programme
from sozialraum.lottery.services import programme_draw
from tests.events.factories import first_date, open_registration
from tests.events.test_passes import this_year_pass
from tests.factories import UserFactory, give_totp
from tests.lottery.factories import programme_with, wish

from .conftest import axe_violations, format_violations
from .login import log_in
from .test_provider_journey import (
    press_enter_and_wait,
    tab_to_field,
    tab_to_text,
    type_into,
)

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ["de", "en", "ar"]


def assert_no_violations(page) -> None:
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)


def named(occurrence, title: str):
    event = occurrence.registration.event
    event.title = event.title_de = title
    event.save()
    return occurrence


def choose_option(page, field_id: str, steps: int) -> None:
    """A closed select: the arrow keys change its choice."""
    tab_to_field(page, field_id)
    for _ in range(steps):
        page.keyboard.press("ArrowDown")


def test_a_parent_sends_ranked_wishes_for_two_children_by_keyboard(page):
    programme, (kanu, zoo) = programme_with(6, 8)
    named(kanu, "Kanutour")
    named(zoo, "Zoo-Tag")

    page.goto(f"/de/veranstaltungen/{kanu.registration.event_id}/")
    tab_to_text(page, f"Wünsche abgeben: {programme.title}")
    press_enter_and_wait(page)
    expect(page.locator("h1")).to_contain_text(programme.title)
    assert_no_violations(page)

    tab_to_field(page, "id_children_choice")
    page.keyboard.type("2")
    tab_to_text(page, "Übernehmen")
    press_enter_and_wait(page)
    assert_no_violations(page)

    type_into(page, "id_c0-name", "Lena Muster")
    choose_option(page, "id_c0-wish_1", 2)  # Zoo-Tag first
    choose_option(page, "id_c0-wish_2", 1)  # then Kanutour
    type_into(page, "id_c1-name", "Ben Muster")
    # Ben's first wish is missing: the error summary names it and links to the field
    type_into(page, "id_name", "Mia Muster")
    type_into(page, "id_email", "mia@example.org")
    tab_to_text(page, "Wünsche absenden")
    press_enter_and_wait(page)
    summary = page.locator(".sr-error-summary")
    expect(summary).to_contain_text("Kind 2, 1. Wunsch")
    expect(summary).to_be_focused()
    assert_no_violations(page)
    tab_to_text(page, "Kind 2, 1. Wunsch: Bitte wählen Sie mindestens einen Wunsch.")
    page.keyboard.press("Enter")
    expect(page.locator("#id_c1-wish_1")).to_be_focused()
    page.keyboard.press("ArrowDown")  # Kanutour
    tab_to_text(page, "Wünsche absenden")
    press_enter_and_wait(page)

    expect(page.locator("h1")).to_contain_text("Bitte sehen Sie in Ihre E-Mails")
    assert_no_violations(page)
    application = Application.objects.get()
    lena, ben = application.children.order_by("position")
    assert [w.occurrence_id for w in lena.wishes.order_by("rank")] == [zoo.pk, kanu.pk]
    assert [w.occurrence_id for w in ben.wishes.order_by("rank")] == [kanu.pk]

    link = re.search(r"http://[^/]+(/de/ferienprogramm/wuensche/[^/\s]+/)", mail.outbox[-1].body)
    page.goto(link[1])
    assert_no_violations(page)
    tab_to_text(page, "Wünsche bestätigen")
    press_enter_and_wait(page)
    expect(page.locator("main")).to_contain_text("Ihre Wünsche sind bestätigt")
    application.refresh_from_db()
    assert application.email_confirmed_at is not None


def _url(path: str, language: str) -> str:
    return f"/{language}{path[3:]}"


def visit(page, path: str, language: str) -> None:
    url = _url(path, language)
    response = page.goto(url)
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
    assert page.url.endswith(url), page.url  # not sent to a login
    assert_no_violations(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_lottery_and_pass_page_has_no_axe_violations(page, live_server, language):
    card = this_year_pass(birth_year=2015)
    programme, (kanu, zoo) = programme_with(1, 2, pass_type=card.pass_type)
    named(kanu, "Kanutour")
    kanu.registration.min_age = 8
    kanu.registration.save()
    unconfirmed = wish(programme, ("Lena", [zoo]), confirm=False)
    confirmed = wish(programme, ("Ali", [kanu, zoo]), age=9, pass_number=card.number)
    siblings = wish(programme, ("Mia", []), ("Tom", []), together=[zoo, kanu], age=9)
    pass_only = open_registration(pass_type=card.pass_type, pass_required=True)

    with translation.override(language):
        base = f"/de/ferienprogramm/{programme.pk}/"
        for path in (
            base,
            base + "?children=2&together=1",
            base + "gesendet/",
            f"/de/ferienprogramm/wuensche/{unconfirmed.token}/",
            f"/de/ferienprogramm/wuensche/{confirmed.token}/",
            f"/de/veranstaltungen/{kanu.registration.event_id}/",
            f"/de/veranstaltungen/{pass_only.event_id}/",
            f"/de/veranstaltungen/termin/{first_date(pass_only).pk}/anmelden/?people=2",
        ):
            visit(page, path, language)
        # the forms with errors at their fields
        page.goto(_url(base + "?children=2", language))
        page.locator("form[method=post] button[type=submit]").click()
        expect(page.locator(".sr-error-summary")).to_be_visible()
        assert_no_violations(page)
        page.goto(
            _url(f"/de/veranstaltungen/termin/{first_date(pass_only).pk}/anmelden/", language)
        )
        page.fill("#id_p0-name", "Lena")
        page.fill("#id_p0-pass_number", "ABCDEF123")
        page.locator("form[method=post] button[type=submit]").click()
        expect(page.locator("#id_p0-pass_number_error")).to_be_visible()
        assert_no_violations(page)

        editor = UserFactory(roles=["editor"], email=f"redaktion-{language}@stadt.example")
        give_totp(editor)
        log_in(page, live_server, editor)
        manage = "/de/verwaltung/ferienprogramme/"
        for path in (
            manage,
            manage + "neu/",
            manage + f"{programme.pk}/",
            manage + f"{programme.pk}/bearbeiten/",
            manage + f"{programme.pk}/verlosen/",
        ):
            visit(page, path, language)
        page.goto(_url(manage + "neu/", language))
        page.locator("form[method=post] button[type=submit]").click()
        expect(page.locator(".sr-error-summary")).to_be_visible()
        assert_no_violations(page)

        Programme.objects.filter(pk=programme.pk).update(
            wishes_until=timezone.now() - datetime.timedelta(minutes=1),
            wishes_from=timezone.now() - datetime.timedelta(days=1),
        )
        visit(page, manage + f"{programme.pk}/verlosen/", language)
        button = page.locator("form[method=post] button[type=submit]").inner_text().strip()
        tab_to_text(page, button)  # "Ja, jetzt verlosen" in the page's language
        press_enter_and_wait(page)
        assert Booking.objects.filter(status="confirmed").exists()
        for path in (
            manage + f"{programme.pk}/",
            f"/de/ferienprogramm/wuensche/{confirmed.token}/",
            f"/de/ferienprogramm/wuensche/{siblings.token}/",
            base,
        ):
            visit(page, path, language)


def test_drawing_twice_from_the_page_is_refused(page, live_server):
    programme, (kanu,) = programme_with(1)
    wish(programme, ("Lena", [kanu]))
    Programme.objects.filter(pk=programme.pk).update(
        wishes_until=timezone.now() - datetime.timedelta(minutes=1),
        wishes_from=timezone.now() - datetime.timedelta(days=1),
    )
    programme_draw(programme_id=programme.pk, user=None)
    editor = UserFactory(roles=["editor"])
    give_totp(editor)
    log_in(page, live_server, editor)
    page.goto(f"/de/verwaltung/ferienprogramme/{programme.pk}/verlosen/")
    expect(page.locator("main")).to_contain_text("Die Plätze sind schon verlost.")
    assert_no_violations(page)
