"""Provider pages: opening registration, questions, a date's participants, export, attendance,
messages, cancelling; only the organization's staff (and administrators) may see them."""

import io

import openpyxl
import pytest
from django.core import mail
from django.test import Client

from sozialraum.core.models import AuditEntry
from sozialraum.events.models import Booking, BookingStatus, Question, Registration
from sozialraum.events.services import ParticipantData, booking_confirm, booking_create
from tests.directory.factories import EventFactory, MembershipFactory, UserFactory
from tests.factories import give_totp

from .factories import book, first_date, open_registration

pytestmark = pytest.mark.django_db

Status = BookingStatus


def sign_in_staff(client: Client, organization):
    membership = MembershipFactory(organization=organization)
    give_totp(membership.user)
    client.force_login(membership.user)
    return membership.user


def base(event) -> str:
    return (
        f"/de/angebote/organisation/{event.organization_id}/veranstaltungen/{event.pk}/anmeldung/"
    )


def test_staff_open_registration_for_a_series_and_the_dates_appear(client: Client):
    import datetime

    from django.utils import timezone

    start = timezone.now() + datetime.timedelta(days=3)
    event = EventFactory(start=start, rrule="FREQ=WEEKLY;COUNT=3", capacity=12)
    user = sign_in_staff(client, event.organization)
    organization_page = f"/de/angebote/organisation/{event.organization_id}/"
    assert base(event) in client.get(organization_page).content.decode()

    html = client.get(base(event)).content.decode()
    assert 'value="12"' in html  # the event's capacity as a start
    response = client.post(
        base(event),
        {"is_open": "on", "capacity": "8", "max_group_size": "4", "waitlist": "on", "min_age": "6"},
    )

    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert (registration.capacity, registration.min_age) == (8, 6)
    assert registration.occurrences.count() == 3
    assert AuditEntry.objects.get(action="events.registration_opened").actor == user
    assert "0 von 8" in client.get(base(event)).content.decode()


def test_settings_errors_are_named(client: Client):
    event = EventFactory()
    sign_in_staff(client, event.organization)
    html = client.post(
        base(event), {"capacity": "", "min_age": "10", "max_age": "6", "max_group_size": "3"}
    ).content.decode()
    assert "Bitte geben Sie an, wie viele Plätze es gibt." in html
    assert "Das Höchstalter ist kleiner als das Mindestalter." in html
    assert not Registration.objects.exists()


def test_other_organizations_and_editors_do_not_see_participants(client: Client):
    registration = open_registration()
    other = MembershipFactory()
    give_totp(other.user)
    client.force_login(other.user)
    assert client.get(base(registration.event)).status_code == 403

    editor = UserFactory(roles=["editor"])
    give_totp(editor)
    client.force_login(editor)
    assert client.get(base(registration.event)).status_code == 403


def test_questions_are_added_with_a_choice_check(client: Client):
    registration = open_registration()
    sign_in_staff(client, registration.event.organization)
    url = base(registration.event) + "fragen/"

    html = client.post(url, {"label": "Größe", "kind": "choice", "choices": "S"}).content.decode()
    assert "Eine Auswahl braucht mindestens zwei Antworten." in html
    client.post(url, {"label": "Größe", "kind": "choice", "choices": "S\nM", "required": "on"})
    question = Question.objects.get()
    assert question.choice_list() == ["S", "M"] and question.required

    client.post(url + f"{question.pk}/loeschen/")
    assert not Question.objects.exists()


def _registered(registration, *names, answer="Nüsse"):
    question = Question.objects.create(registration=registration, label="Allergien")
    booking = booking_create(
        occurrence_id=first_date(registration).pk,
        name="Mia Muster",
        email="mia@example.org",
        participants=[ParticipantData(name=n, answers={question.key: answer}) for n in names],
    )
    booking_confirm(token=booking.token)
    return booking


def test_the_participant_list_exports_and_formulas_stay_text(client: Client):
    registration = open_registration()
    _registered(registration, '=HYPERLINK("http://evil")', "Tom Muster", answer="@SUM(1)")
    occurrence = first_date(registration)
    sign_in_staff(client, registration.event.organization)
    url = base(registration.event) + f"termine/{occurrence.pk}/"

    html = client.get(url).content.decode()
    assert "Tom Muster" in html and "mia@example.org" in html

    csv = client.get(url + "teilnehmende.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv
    assert "'@SUM(1)" in csv
    assert "Tom Muster;Angemeldet;Mia Muster;mia@example.org;'@SUM(1)" in csv

    xlsx = client.get(url + "teilnehmende.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    values = [cell.value for cell in sheet[2]]
    assert values[0] == '\'=HYPERLINK("http://evil")'
    assert client.get(url + "teilnehmende.pdf").status_code == 404


def test_attendance_is_marked_and_logged(client: Client):
    registration = open_registration()
    booking = _registered(registration, "Lena Muster", "Ben Muster")
    lena, ben = booking.participants.all()
    user = sign_in_staff(client, registration.event.organization)
    url = base(registration.event) + f"termine/{first_date(registration).pk}/"

    client.post(url, {"form": "attendance", "present": [str(lena.pk)]})

    lena.refresh_from_db()
    ben.refresh_from_db()
    assert (lena.attended, ben.attended) == (True, False)
    assert AuditEntry.objects.filter(action="events.attendance_marked", actor=user).count() == 2


def test_capacity_cannot_drop_below_the_places_taken(client: Client):
    registration = open_registration(capacity=5)
    _registered(registration, "Lena Muster", "Ben Muster")
    occurrence = first_date(registration)
    sign_in_staff(client, registration.event.organization)
    url = base(registration.event) + f"termine/{occurrence.pk}/"

    html = client.post(url, {"form": "capacity", "capacity-capacity": "1"}).content.decode()
    assert "Es sind schon 2 Plätze vergeben" in html
    client.post(url, {"form": "capacity", "capacity-capacity": "3"})
    occurrence.refresh_from_db()
    assert occurrence.capacity == 3


def test_a_message_reaches_everyone_confirmed(client: Client):
    registration = open_registration()
    _registered(registration, "Lena Muster")
    occurrence = first_date(registration)
    book(occurrence, "Unbestätigt Person")
    sign_in_staff(client, registration.event.organization)
    mail.outbox.clear()

    client.post(
        base(registration.event) + f"termine/{occurrence.pk}/nachricht/",
        {"subject": "Raumänderung", "body": "Wir treffen uns im Saal 2."},
    )

    (message,) = mail.outbox
    assert message.to == ["mia@example.org"]
    assert "Raumänderung" in message.subject
    assert "Saal 2" in message.body


def test_cancelling_a_date_informs_everyone(client: Client):
    registration = open_registration(capacity=1)
    occurrence = first_date(registration)
    confirmed = _registered(registration, "Lena Muster")
    waiting = book(occurrence, "Ali Ahmad", join_waitlist=True)
    booking_confirm(token=waiting.token)
    sign_in_staff(client, registration.event.organization)
    mail.outbox.clear()

    client.post(
        base(registration.event) + f"termine/{occurrence.pk}/absagen/",
        {"reason": "Die Kursleiterin ist krank."},
    )

    assert set(Booking.objects.values_list("status", flat=True)) == {Status.CANCELLED}
    assert sorted(m.to[0] for m in mail.outbox) == ["ali@example.org", "mia@example.org"]
    assert all("krank" in m.body for m in mail.outbox)
    assert confirmed.pk


def test_cancelling_the_whole_event_closes_registration(client: Client):
    registration = open_registration()
    _registered(registration, "Lena Muster")
    sign_in_staff(client, registration.event.organization)

    client.post(base(registration.event) + "absagen/", {"reason": ""})

    registration.refresh_from_db()
    assert not registration.is_open
    assert first_date(registration).cancelled_at is not None
    assert "fällt aus" in mail.outbox[-1].subject
