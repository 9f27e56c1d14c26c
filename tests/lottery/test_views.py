"""The pages: a parent's wishes (public, no account), the personal link, and the editors' pages
(programme list, form, detail, draw with a confirmation step) with their permissions."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from sozialraum.events.models import Booking
from sozialraum.lottery.models import Application, Programme, Wish
from tests.events.factories import open_registration
from tests.passes.test_views import sign_in

from .factories import programme_with, wish

pytestmark = pytest.mark.django_db


def wishes_form(dates, **extra) -> dict[str, str]:
    data = {
        "children": "2",
        "name": "Mia Muster",
        "email": "mia@example.org",
        "c0-name": "Lena Muster",
        "c0-wish_1": str(dates[0].pk),
        "c0-wish_2": str(dates[1].pk),
        "c1-name": "Ben Muster",
        "c1-wish_1": str(dates[1].pk),
    }
    return data | extra


def test_a_parent_sends_ranked_wishes_for_two_children_and_confirms(client: Client):
    programme, dates = programme_with(4, 6)
    url = f"/de/ferienprogramm/{programme.pk}/"
    html = client.get(url, {"children": "2"}).content.decode()
    assert 'name="c1-wish_3"' in html and "1. Wunsch" in html
    assert (
        f"/de/ferienprogramm/{programme.pk}/"
        in client.get(f"/de/veranstaltungen/{dates[0].registration.event_id}/").content.decode()
    )

    response = client.post(url, wishes_form(dates))

    assert response.status_code == 302
    application = Application.objects.get()
    lena = application.children.get(name="Lena Muster")
    assert list(lena.wishes.values_list("occurrence_id", flat=True)) == [d.pk for d in dates]
    link = f"/de/ferienprogramm/wuensche/{application.token}/"
    assert link in mail.outbox[0].body
    assert "Wünsche bestätigen" in client.get(link).content.decode()
    client.post(link + "bestaetigen/")
    application.refresh_from_db()
    assert application.email_confirmed_at is not None
    assert "Ihre Wünsche sind bestätigt" in client.get(link).content.decode()


def test_errors_stand_at_their_fields(client: Client):
    programme, dates = programme_with(4, 6)
    url = f"/de/ferienprogramm/{programme.pk}/"
    html = client.post(url, wishes_form(dates, **{"c0-wish_2": str(dates[0].pk)})).content.decode()
    assert "Diesen Termin haben Sie schon als 1. Wunsch gewählt." in html
    assert 'href="#id_c0-wish_2"' in html
    html = client.post(url, wishes_form(dates, **{"c1-wish_1": ""})).content.decode()
    assert "Kind 2, 1. Wunsch: Bitte wählen Sie mindestens einen Wunsch." in html
    assert not Application.objects.exists()


def test_siblings_together_send_one_list(client: Client):
    programme, dates = programme_with(4, 6)
    url = f"/de/ferienprogramm/{programme.pk}/"
    assert (
        'name="shared-wish_1"' in client.get(url, {"children": 2, "together": "1"}).content.decode()
    )
    data = {
        "children": "2",
        "together": "1",
        "name": "Mia Muster",
        "email": "mia@example.org",
        "c0-name": "Lena Muster",
        "c1-name": "Ben Muster",
        "shared-wish_1": str(dates[1].pk),
    }
    assert client.post(url, data).status_code == 302
    application = Application.objects.get()
    assert application.together
    assert Wish.objects.get(application=application).child is None


def test_outside_the_wish_phase_there_is_no_form(client: Client):
    programme, dates = programme_with(4)
    programme.wishes_from = timezone.now() + datetime.timedelta(days=3)
    programme.wishes_until = timezone.now() + datetime.timedelta(days=4)
    programme.save()
    html = client.get(f"/de/ferienprogramm/{programme.pk}/").content.decode()
    assert "Sie können ab dem" in html and 'name="c0-name"' not in html
    assert (
        client.post(f"/de/ferienprogramm/{programme.pk}/", wishes_form([dates[0]] * 2)).status_code
        == 200
    )
    assert not Application.objects.exists()


def test_a_parent_withdraws_wishes(client: Client):
    programme, (kanu,) = programme_with(1)
    application = wish(programme, ("Lena", [kanu]))
    client.post(f"/de/ferienprogramm/wuensche/{application.token}/zurueckziehen/")
    application.refresh_from_db()
    assert application.withdrawn_at is not None


@pytest.mark.parametrize(
    ("roles", "status"),
    [([], 403), (["planner"], 403), (["editor"], 200), (["administrator"], 200)],
)
def test_only_editors_and_administrators_run_programmes(client: Client, roles, status):
    programme, _dates = programme_with(1)
    sign_in(client, roles)
    for url in ("", f"{programme.pk}/", f"{programme.pk}/verlosen/", "neu/"):
        assert client.get(f"/de/verwaltung/ferienprogramme/{url}").status_code == status
    assert client.post(f"/de/verwaltung/ferienprogramme/{programme.pk}/verlosen/").status_code in (
        status,
        302,
    )


def test_anonymous_visitors_are_sent_to_the_login(client: Client):
    response = client.get("/de/verwaltung/ferienprogramme/")
    assert response.status_code == 302 and "/konto/" in response["Location"]


def test_an_editor_sets_up_a_programme_and_draws_after_a_confirmation(client: Client):
    sign_in(client, ["editor"])
    registration = open_registration(capacity=2)
    now = timezone.localtime()
    response = client.post(
        "/de/verwaltung/ferienprogramme/neu/",
        {
            "title": "Ferienprogramm Sommer 2027",
            "wishes_from": (now - datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
            "wishes_until": (now + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "max_wishes": "3",
            "places_per_child": "1",
            "pass_holders_first": "on",
            "registrations": [str(registration.pk)],
        },
    )
    assert response.status_code == 302
    programme = Programme.objects.get()
    occurrence = registration.occurrences.get()
    wish(programme, ("Lena", [occurrence]))
    detail = f"/de/verwaltung/ferienprogramme/{programme.pk}/"
    html = client.get(detail).content.decode()
    assert "Verlosen können Sie nach dem Ende der Wunschphase" in html

    Programme.objects.filter(pk=programme.pk).update(
        wishes_until=timezone.now() - datetime.timedelta(minutes=1)
    )
    html = client.get(detail + "verlosen/").content.decode()
    assert "lässt sich nicht rückgängig machen" in html
    assert not Booking.objects.exists()  # the confirmation page draws nothing

    assert client.post(detail + "verlosen/").status_code == 302
    html = client.get(detail).content.decode()
    assert "Die Plätze sind verlost." in html and "Nachgeprüft" in html
    assert Booking.objects.filter(status="confirmed").count() == 1

    client.post(detail + "verlosen/")
    html = client.get(detail).content.decode()
    assert "schon verlost" in html
    assert Booking.objects.count() == 1


def test_the_form_names_problems(client: Client):
    sign_in(client, ["editor"])
    html = client.post(
        "/de/verwaltung/ferienprogramme/neu/",
        {
            "title": "",
            "wishes_from": "2027-07-10T10:00",
            "wishes_until": "2027-07-01T10:00",
            "max_wishes": "3",
            "places_per_child": "1",
        },
    ).content.decode()
    assert "Bitte geben Sie einen Titel ein." in html
    assert "Das Ende muss nach dem Beginn liegen." in html
