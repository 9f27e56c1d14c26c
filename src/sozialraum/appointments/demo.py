"""Demo appointment booking (`sozialraum load_demo`, after the demo directory): the social
advice of the neighbourhood centre Am Kanal (the demo provider account's organization) and the
debt advice in Wedding take appointments, with topics, two counsellors, a holiday and a few
booked appointments. Loading again replaces the set-up and the demo appointments."""

import datetime

from django.db import transaction
from django.utils import timezone

from sozialraum.directory.demo import demo_id
from sozialraum.directory.models import Location, Service

from .models import Appointment, AppointmentOffer, Resource, SpecialDay, Topic, WeeklyHours
from .slots import free_slots

# (service key, location key, counsellors, weekly hours, topics (de, en, ar, minutes), notes)
OFFERS = [
    (
        "am-kanal/Sozialberatung im Kiez",
        "am-kanal",
        ["Beraterin Frau Demir", "Berater Herr Schulz"],
        [(0, "09:00", "12:00"), (2, "14:00", "18:00"), (3, "09:00", "12:00")],
        [
            ("Anträge (Wohngeld, Kinderzuschlag)", "Applications (housing benefit)", "الطلبات", 30),
            (
                "Briefe von Ämtern verstehen",
                "Understanding letters from offices",
                "فهم الرسائل",
                30,
            ),
            ("Ausführliche Beratung", "Detailed advice", "استشارة مفصلة", 60),
        ],
        "Bitte bringen Sie die Briefe und Bescheide mit, um die es geht.",
    ),
    (
        "schuldenfrei-mitte/Schuldnerberatung Wedding",
        "schuldenfrei-wedding",
        ["Raum 1"],
        [(0, "09:00", "13:00"), (1, "09:00", "13:00"), (3, "14:00", "18:00")],
        [
            ("Erstgespräch Schulden", "First talk about debts", "محادثة أولى حول الديون", 60),
            ("P-Konto-Bescheinigung", "Certificate for a protected account", "شهادة حساب", 20),
        ],
        "Bitte bringen Sie Mahnungen, Kontoauszüge und Einkommensnachweise mit.",
    ),
]
DEMO_PEOPLE = [
    ("Leyla Demo", "leyla@example.org"),
    ("Jonas Demo", "jonas@example.org"),
    ("Maria Demo", ""),
]


def _time(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


@transaction.atomic
def load_appointments(now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    booked = 0
    for service_key, location_key, counsellors, hours, topics, instructions in OFFERS:
        service = Service.objects.filter(pk=demo_id("service", service_key)).first()
        if service is None:
            continue
        Appointment.objects.filter(offer__service=service).delete()
        AppointmentOffer.objects.filter(service=service).delete()
        offer = AppointmentOffer.objects.create(
            service=service,
            location=Location.objects.filter(pk=demo_id("location", location_key)).first(),
            is_active=True,
            slot_minutes=30 if len(counsellors) > 1 else 20,
            notice_hours=12,
            horizon_days=28,
            hold_minutes=30,
            instructions=instructions,
        )
        for name in counsellors:
            Resource.objects.create(offer=offer, name=name)
        for weekday, start, end in hours:
            WeeklyHours.objects.create(
                offer=offer, weekday=weekday, start=_time(start), end=_time(end)
            )
        for position, (de, en, ar, minutes) in enumerate(topics):
            Topic.objects.create(
                offer=offer,
                name=de,
                name_de=de,
                name_en=en,
                name_ar=ar,
                duration_minutes=minutes,
                position=position,
            )
        SpecialDay.objects.create(
            offer=offer,
            kind=SpecialDay.Kind.CLOSED,
            first_day=today + datetime.timedelta(days=14),
            last_day=today + datetime.timedelta(days=15),
            note="Teamfortbildung",
        )
        # a few booked appointments: the first free times of the next week
        topic = offer.topics.first()
        assert topic is not None
        slots = free_slots(
            offer, topic, today, today + datetime.timedelta(days=10), now=now, staff=True
        )
        for (name, email), slot in zip(DEMO_PEOPLE, slots[::3], strict=False):
            Appointment.objects.create(
                offer=offer,
                resource_id=slot.resource_ids[0],
                topic=topic,
                start=slot.start,
                end=slot.end,
                status=Appointment.Status.CONFIRMED,
                channel=Appointment.Channel.ONLINE if email else Appointment.Channel.PHONE,
                name=name,
                email=email,
                confirmed_at=now,
            )
            booked += 1
    return booked


def load(stdout, style) -> None:
    booked = load_appointments()
    stdout.write(
        style.SUCCESS(
            f"Demo appointments: {len(OFFERS)} counselling services take appointments, "
            f"{booked} booked"
        )
    )
