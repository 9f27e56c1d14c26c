"""The provider's pages: set up, the day's schedule, booking for a caller, no-shows; only the
organization's members get in."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sozialraum.appointments.models import Appointment, AppointmentOffer, Topic, WeeklyHours
from sozialraum.appointments.slots import booked_outside_hours
from sozialraum.core.models import AuditEntry
from tests.directory.factories import ServiceFactory
from tests.factories import MembershipFactory, UserFactory, give_totp

from .factories import berlin, create_offer

pytestmark = pytest.mark.django_db


def member_of(organization):
    user = UserFactory()
    give_totp(user)
    MembershipFactory(user=user, organization=organization)
    return user


def url(name, service, **kwargs):
    return reverse(
        f"appointments_provider:{name}",
        kwargs={"organization_id": service.organization_id, "service_id": service.pk, **kwargs},
    )


def test_a_member_sets_up_booking_for_a_service(client):
    service = ServiceFactory()
    user = member_of(service.organization)
    client.force_login(user)
    response = client.post(
        url("settings", service),
        {
            "is_active": "on",
            "slot_minutes": 20,
            "notice_hours": 4,
            "horizon_days": 14,
            "hold_minutes": 15,
            "instructions": "Bitte Kontoauszüge mitbringen.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    offer = AppointmentOffer.objects.get(service=service)
    assert offer.slot_minutes == 20 and offer.is_active
    prefix = "weekly_hours"
    response = client.post(
        url("weekly_hours", service),
        {
            f"{prefix}-TOTAL_FORMS": 2,
            f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-0-weekday": 1,
            f"{prefix}-0-start": "09:00",
            f"{prefix}-0-end": "12:00",
            f"{prefix}-1-weekday": "",
            f"{prefix}-1-start": "",
            f"{prefix}-1-end": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert WeeklyHours.objects.get(offer=offer).weekday == 1
    assert AuditEntry.objects.filter(action="appointments.setup_created", actor=user).exists()


def test_an_end_before_the_start_is_refused_with_a_message(client):
    offer = create_offer()
    client.force_login(member_of(offer.service.organization))
    prefix = "weekly_hours"
    hours = offer.weekly_hours.all()
    data = {f"{prefix}-TOTAL_FORMS": len(hours) + 1, f"{prefix}-INITIAL_FORMS": len(hours)}
    for number, row in enumerate(hours):
        data |= {
            f"{prefix}-{number}-id": row.pk,
            f"{prefix}-{number}-weekday": row.weekday,
            f"{prefix}-{number}-start": "09:00",
            f"{prefix}-{number}-end": "12:00",
        }
    new = len(hours)
    data |= {
        f"{prefix}-{new}-weekday": 5,
        f"{prefix}-{new}-start": "12:00",
        f"{prefix}-{new}-end": "10:00",
    }
    response = client.post(url("weekly_hours", offer.service), data)
    assert response.status_code == 200
    assert "Die Endzeit muss nach der Anfangszeit liegen" in response.content.decode()
    assert offer.weekly_hours.count() == len(hours)


def test_topics_get_names_in_three_languages(client):
    offer = create_offer()
    client.force_login(member_of(offer.service.organization))
    topic = offer.topics.get()
    prefix = "topics"
    response = client.post(
        url("topics", offer.service),
        {
            f"{prefix}-TOTAL_FORMS": 2,
            f"{prefix}-INITIAL_FORMS": 1,
            f"{prefix}-0-id": topic.pk,
            f"{prefix}-0-name_de": "Erstgespräch",
            f"{prefix}-0-name_en": "First talk",
            f"{prefix}-0-duration_minutes": 30,
            f"{prefix}-0-is_active": "on",
            f"{prefix}-0-position": 0,
            f"{prefix}-1-name_de": "Pfändungsschutz",
            f"{prefix}-1-name_ar": "حماية الحساب",
            f"{prefix}-1-duration_minutes": 60,
            f"{prefix}-1-is_active": "on",
            f"{prefix}-1-position": 1,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Topic.objects.get(name_de="Pfändungsschutz").name_ar == "حماية الحساب"


def test_others_are_turned_away(client):
    offer = create_offer()
    stranger = member_of(ServiceFactory().organization)
    client.force_login(stranger)
    assert client.get(url("day", offer.service)).status_code == 403
    editor = UserFactory(roles=["editor"])
    give_totp(editor)
    client.force_login(editor)
    assert client.get(url("day", offer.service)).status_code == 403  # no citizens' data


def test_staff_book_for_a_caller_and_see_the_day(client):
    offer = create_offer(
        weekdays=(0, 1, 2, 3, 4, 5, 6), hours=(datetime.time(0), datetime.time(23, 30))
    )
    client.force_login(member_of(offer.service.organization))
    topic = offer.topics.get()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page = client.get(url("book", offer.service), {"topic": topic.pk, "day": tomorrow.isoformat()})
    start = berlin(tomorrow, 10)
    assert start.isoformat() in page.content.decode()
    response = client.post(
        url("book", offer.service),
        {
            "topic": topic.pk,
            "day": tomorrow.isoformat(),
            "start": start.isoformat(),
            "name": "Herr K.",
            "phone": "030 55",
            "channel": "phone",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    appointment = Appointment.objects.get()
    assert appointment.status == "confirmed" and appointment.channel == "phone"
    day = client.get(url("day", offer.service), {"datum": tomorrow.isoformat()}).content.decode()
    assert "Herr K." in day and "Beraterin 1" in day


def test_staff_mark_a_no_show(client):
    offer = create_offer(
        weekdays=(0, 1, 2, 3, 4, 5, 6), hours=(datetime.time(0), datetime.time(23, 30))
    )
    client.force_login(member_of(offer.service.organization))
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    appointment = Appointment.objects.create(
        offer=offer,
        resource=offer.resources.get(),
        topic=offer.topics.get(),
        name="X",
        start=berlin(yesterday, 9),
        end=berlin(yesterday, 9, 30),
        status="confirmed",
    )
    response = client.post(
        url("action", offer.service, appointment_id=appointment.pk), {"action": "no_show"}
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == "no_show"


def test_closing_a_booked_day_names_the_appointments_that_no_longer_fit(client):
    offer = create_offer(weekdays=tuple(range(7)), hours=(datetime.time(8), datetime.time(18)))
    client.force_login(member_of(offer.service.organization))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    Appointment.objects.create(
        offer=offer,
        resource=offer.resources.get(),
        topic=offer.topics.get(),
        name="Frau M.",
        start=berlin(tomorrow, 10),
        end=berlin(tomorrow, 10, 30),
        status="confirmed",
    )
    prefix = "special_days"
    data = {
        f"{prefix}-TOTAL_FORMS": 1,
        f"{prefix}-INITIAL_FORMS": 0,
        f"{prefix}-0-kind": "closed",
        f"{prefix}-0-first_day": tomorrow.isoformat(),
    }

    html = client.post(url("special_days", offer.service), data, follow=True).content.decode()

    assert "1 gebuchter Termin passt nicht mehr zu den Zeiten" in html
    assert tomorrow.strftime("%-d.%-m.%Y") + " 10:00" in html
    assert Appointment.objects.get().status == "confirmed"  # the team decides


def test_a_switched_off_counsellors_appointments_no_longer_fit():
    offer = create_offer(weekdays=tuple(range(7)), hours=(datetime.time(8), datetime.time(18)))
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    resource = offer.resources.get()
    booked = Appointment.objects.create(
        offer=offer,
        resource=resource,
        topic=offer.topics.get(),
        name="Frau M.",
        start=berlin(tomorrow, 10),
        end=berlin(tomorrow, 10, 30),
        status="confirmed",
    )
    assert booked_outside_hours(offer) == []
    resource.is_active = False
    resource.save()
    assert booked_outside_hours(offer) == [booked]
