# ruff: noqa: RUF001  (German text uses the en dash as its dash)
"""Demo events with registration: a nearly full cooking class with questions and age limits, a
full outing with a waiting list, and the Lindenhof parents' course (a series, each date with its
own places). Loaded after the demo directory; dates are counted from the day of loading, and
loading again starts the demo registrations afresh."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from sozialraum.directory.demo import demo_id
from sozialraum.directory.models import Event

from .models import Booking, BookingStatus, Participant, Question, Registration
from .services_provider import occurrences_sync

FIRST_NAMES = ["Lena", "Emir", "Sofia", "Noah", "Mila", "Yusuf", "Hanna", "Karim", "Ella", "Jonas"]
FAMILY_NAMES = ["Schulz", "Yılmaz", "Nowak", "Haddad", "Becker", "Kaya", "Wagner", "Ahmadi"]


def _event(key: str, organization: str, location: str, title: str, description: str, **data):
    day = timezone.localdate() + datetime.timedelta(days=data.pop("in_days"))
    begin, end = (datetime.time.fromisoformat(t) for t in data.pop("time").split("-"))
    zone = timezone.get_default_timezone()
    event, _created = Event.objects.update_or_create(
        id=demo_id("event", f"events-demo/{key}"),
        defaults={
            "organization_id": demo_id("organization", organization),
            "location_id": demo_id("location", location),
            "title": title,
            "title_de": title,
            "title_en": data.pop("title_en", ""),
            "description": description,
            "description_de": description,
            "start": datetime.datetime.combine(day, begin, tzinfo=zone),
            "end": datetime.datetime.combine(day, end, tzinfo=zone),
            **data,
        },
    )
    return event


def _fill(registration: Registration, families: list[int], status: str = "confirmed") -> None:
    """Demo bookings (no e-mails): one per family size in `families`, on the first date."""
    occurrence = registration.occurrences.order_by("start").first()
    assert occurrence is not None
    now = timezone.now()
    start = Booking.objects.filter(occurrence=occurrence).count()
    for number, size in enumerate(families, start=start):
        family = FAMILY_NAMES[number % len(FAMILY_NAMES)]
        booking = Booking.objects.create(
            occurrence=occurrence,
            name=f"{FIRST_NAMES[number % len(FIRST_NAMES)]} {family}",
            email=f"familie.{number}@example.org",
            status=status,
            size=size,
            places=size if status == BookingStatus.CONFIRMED else 0,
            email_confirmed_at=now,
            created=now - datetime.timedelta(hours=len(families) - number),
        )
        Participant.objects.bulk_create(
            Participant(
                booking=booking,
                position=position,
                name=f"{FIRST_NAMES[(number + position + 3) % len(FIRST_NAMES)]} {family}",
                age=7 + (number + position) % 5 if registration.asks_age else None,
            )
            for position in range(size)
        )


@transaction.atomic
def load_registrations() -> int:
    cooking = _event(
        "kochkurs",
        "am-kanal",
        "kanal-haus",
        "Kinderkochkurs: gesund und lecker",
        "Wir kochen zusammen ein einfaches Essen aus frischen Zutaten und essen gemeinsam. "
        "Für Kinder von 6 bis 12 Jahren.",
        in_days=10,
        time="15:00-17:30",
        title_en="Cooking class for children",
        capacity=10,
    )
    outing = _event(
        "tierpark",
        "am-kanal",
        "kanal-haus",
        "Ferienausflug in den Tierpark",
        "Wir fahren gemeinsam mit der U-Bahn in den Tierpark. Treffpunkt am Nachbarschaftshaus. "
        "Bitte Essen und Trinken mitbringen.",
        in_days=20,
        time="09:30-15:00",
        title_en="Holiday trip to the zoo",
        capacity=6,
    )
    parents = Event.objects.filter(
        id=demo_id("event", "lindenhof/Elternkurs: Starke Eltern – starke Kinder")
    ).first()
    events = [cooking, outing, *([parents] if parents else [])]
    # a fresh start: the demo's own registrations, bookings and questions (bookings first: a
    # registration with people registered is not deleted, events/signals.py)
    Booking.objects.filter(occurrence__registration__event__in=events).delete()
    Registration.objects.filter(event__in=events).delete()

    registration = Registration.objects.create(
        event=cooking, capacity=10, min_age=6, max_age=12, price=Decimal("3.00"), max_group_size=4
    )
    Question.objects.create(
        registration=registration, position=1, label="Allergien oder Unverträglichkeiten"
    )
    Question.objects.create(
        registration=registration,
        position=2,
        label="Dürfen wir Fotos machen, auf denen Ihr Kind zu sehen ist?",
        kind="choice",
        choices="Ja\nNein",
        required=True,
    )
    occurrences_sync(registration=registration)
    _fill(registration, [2, 1, 3, 2])  # 8 of 10 places: nearly full

    registration = Registration.objects.create(
        event=outing, capacity=6, min_age=6, max_age=14, max_group_size=3, price_note=""
    )
    occurrences_sync(registration=registration)
    _fill(registration, [2, 2, 2])  # full
    _fill(registration, [1, 3], status=BookingStatus.WAITING)

    if parents:
        registration = Registration.objects.create(event=parents, capacity=12, max_group_size=2)
        occurrences_sync(registration=registration)
    return len(events)


def load(stdout, style) -> None:
    count = load_registrations()
    stdout.write(
        style.SUCCESS(
            f"Demo registration: {count} events open for registration "
            "(one nearly full, one full with a waiting list)"
        )
    )
