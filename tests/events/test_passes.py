"""Passes at registration: pass-only events, pass prices, the check at the field, the limit,
and what is stored (only the reference to the pass)."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from sozialraum.events.models import Booking, Participant, Registration
from sozialraum.events.services import BookingError, ParticipantData, booking_create
from tests.passes.factories import PassFactory, PassTypeFactory

from .factories import first_date, open_registration
from .test_views_provider import base, sign_in_staff

pytestmark = pytest.mark.django_db


def this_year_pass(**fields):
    today = timezone.localdate()
    return PassFactory(
        valid_from=today - datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=300),
        **fields,
    )


def register(occurrence, *people: tuple[str, str], **options) -> Booking:
    return booking_create(
        occurrence_id=occurrence.pk,
        name="Mia Muster",
        email="mia@example.org",
        participants=[ParticipantData(name=name, pass_number=number) for name, number in people],
        **options,
    )


def form_data(people: list[tuple[str, str]]) -> dict[str, str]:
    data = {
        "people": str(len(people)),
        "action": "book",
        "name": "Mia Muster",
        "email": "mia@example.org",
    }
    for index, (name, number) in enumerate(people):
        data[f"p{index}-name"] = name
        data[f"p{index}-pass_number"] = number
    return data


def test_a_pass_only_event_admits_pass_holders_and_stores_only_the_reference():
    card = this_year_pass(birth_year=2015)
    registration = open_registration(pass_type=card.pass_type, pass_required=True)

    booking = register(first_date(registration), ("Lena Muster", card.display_number.lower()))

    participant = Participant.objects.get(booking=booking)
    assert participant.pass_card == card
    with pytest.raises(BookingError) as refused:
        register(first_date(registration), ("Ben Muster", ""))
    assert refused.value.code == "pass"
    assert "Bitte geben Sie die Nummer des Ferienpass von Ben Muster an." in refused.value.message


def test_pass_holders_pay_the_pass_price_and_others_the_price():
    card = this_year_pass(birth_year=2015)
    registration = open_registration(
        pass_type=card.pass_type, price=Decimal("8.00"), pass_price=Decimal("2.00")
    )

    booking = register(first_date(registration), ("Lena Muster", card.number), ("Ben Muster", ""))

    assert booking.price == Decimal("10.00")
    free_with_pass = open_registration(
        pass_type=card.pass_type, price=Decimal("5.00"), pass_price=Decimal("0")
    )
    assert register(first_date(free_with_pass), ("Lena Muster", card.number)).price is None


def test_a_childs_own_pass_counts_for_one_person_and_a_family_pass_for_all():
    child = this_year_pass(birth_year=2015)
    family = this_year_pass(pass_type=PassTypeFactory(code="FAM", name="Familienpass"))
    registration = open_registration(pass_type=child.pass_type, pass_required=True)
    with pytest.raises(BookingError, match="gilt nur für eine Person"):
        register(first_date(registration), ("Lena", child.number), ("Ben", child.number))

    family_event = open_registration(pass_type=family.pass_type, pass_required=True)
    booking = register(first_date(family_event), ("Lena", family.number), ("Ben", family.number))
    assert booking.participants.filter(pass_card=family).count() == 2


def test_a_pass_blocked_or_expired_by_the_day_of_the_event_is_refused():
    card = this_year_pass()
    registration = open_registration(pass_type=card.pass_type, pass_required=True)
    card.valid_until = timezone.localdate() + datetime.timedelta(days=2)  # event in 7 days
    card.save()
    with pytest.raises(BookingError, match=r"gilt am .* nicht mehr"):
        register(first_date(registration), ("Lena", card.number))
    card.valid_until = timezone.localdate() + datetime.timedelta(days=300)
    card.revoke()
    with pytest.raises(BookingError, match="Wir finden keinen gültigen Ferienpass"):
        register(first_date(registration), ("Lena", card.number))


def test_the_form_asks_each_person_for_the_pass_and_shows_the_error_at_the_field(client: Client):
    card = this_year_pass(birth_year=2015)
    registration = open_registration(pass_type=card.pass_type, pass_required=True, max_group_size=3)
    url = f"/de/veranstaltungen/termin/{first_date(registration).pk}/anmelden/"

    html = client.get(url, {"people": "2"}).content.decode()
    assert 'name="p0-pass_number"' in html and 'name="p1-pass_number"' in html
    assert "Nummer des Ferienpass" in html

    last = card.number[-1]
    typo = card.number[:-1] + ("2" if last != "2" else "3")
    html = client.post(url, form_data([("Lena", card.number), ("Ben", typo)]))
    html = html.content.decode()
    assert "Tippfehler" in html
    # the error is linked to the field of person 2 (summary link and aria-describedby)
    assert 'href="#id_p1-pass_number"' in html
    assert 'aria-invalid="true"' in html
    assert not Booking.objects.exists()

    html = client.post(url, form_data([("Lena", card.number), ("Ben", card.number)]))
    assert "gilt nur für eine Person" in html.content.decode()

    response = client.post(url, form_data([("Lena", card.number)]) | {"people": "1"})
    assert response.status_code == 302
    assert Participant.objects.get().pass_card == card


def test_too_many_unknown_numbers_from_one_address_are_refused(client: Client, settings):
    settings.PASS_CHECK_FAILURES_PER_HOUR = 2
    cache.clear()
    card = this_year_pass()
    registration = open_registration(pass_type=card.pass_type, pass_required=True)
    url = f"/de/veranstaltungen/termin/{first_date(registration).pk}/anmelden/"
    for _ in range(2):
        client.post(url, form_data([("Lena", "ABCDEF123")]), REMOTE_ADDR="203.0.113.5")

    html = client.post(url, form_data([("Lena", card.number)]), REMOTE_ADDR="203.0.113.5")
    assert "zu oft eine Passnummer" in html.content.decode()
    # another address is not affected
    response = client.post(url, form_data([("Lena", card.number)]), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302


def test_behind_a_proxy_the_forwarded_address_is_counted(client: Client, settings):
    settings.PASS_CHECK_FAILURES_PER_HOUR = 1
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    cache.clear()
    card = this_year_pass()
    registration = open_registration(pass_type=card.pass_type, pass_required=True)
    url = f"/de/veranstaltungen/termin/{first_date(registration).pk}/anmelden/"
    client.post(url, form_data([("Lena", "ABCDEF123")]), HTTP_X_FORWARDED_FOR="198.51.100.7")

    response = client.post(
        url, form_data([("Lena", card.number)]), HTTP_X_FORWARDED_FOR="198.51.100.8"
    )
    assert response.status_code == 302
    html = client.post(
        url, form_data([("Lena", card.number)]), HTTP_X_FORWARDED_FOR="198.51.100.7"
    ).content.decode()
    assert "zu oft eine Passnummer" in html


def test_the_event_page_names_the_pass_terms(client: Client):
    card = this_year_pass()
    registration = open_registration(
        pass_type=card.pass_type, pass_required=True, pass_price=Decimal("1.50")
    )
    html = client.get(f"/de/veranstaltungen/{registration.event.pk}/").content.decode()
    assert "Nur mit Ferienpass." in html
    assert "Mit Pass: 1,50 Euro pro Person." in html


def test_the_provider_sets_the_pass_terms_and_sees_who_has_a_pass(client: Client):
    card = this_year_pass()
    registration = open_registration()
    event = registration.event
    sign_in_staff(client, event.organization)
    terms = {"is_open": "on", "capacity": "8", "max_group_size": "4", "waitlist": "on"}

    html = client.post(base(event), terms | {"pass_required": "on"}).content.decode()
    assert "Bitte wählen Sie, welcher Pass nötig ist." in html

    response = client.post(
        base(event),
        terms | {"pass_type": card.pass_type.pk, "pass_required": "on", "pass_price": "0"},
    )
    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert registration.pass_type == card.pass_type and registration.pass_required
    assert registration.pass_price == Decimal("0")

    register(first_date(registration), ("Lena Muster", card.number))
    date_url = base(event) + f"termine/{first_date(registration).pk}/"
    html = client.get(date_url).content.decode()
    assert '<th class="kern-table__header" scope="col">Ferienpass</th>' in html
    csv = client.get(date_url + "teilnehmende.csv").content.decode("utf-8-sig")
    assert "Ferienpass" in csv.splitlines()[0]
    assert card.number not in csv  # the provider learns "has a pass", not the number
