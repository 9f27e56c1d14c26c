"""Events open for registration, and people registering."""

import datetime

from django.utils import timezone

from sozialraum.events.models import Occurrence, Question, Registration
from sozialraum.events.services import ParticipantData, booking_create
from sozialraum.events.services_provider import occurrences_sync
from tests.directory.factories import EventFactory, ServiceFactory
from tests.factories import OrganizationFactory


def open_registration(*, capacity: int = 10, event=None, **terms) -> Registration:
    """An upcoming one-off event (in a week) with registration open and its one date."""
    if event is None:
        organization = OrganizationFactory()
        event = EventFactory(
            organization=organization,
            service=ServiceFactory(organization=organization),  # public: has a public service
            title="Kinderkochkurs",
            start=timezone.now() + datetime.timedelta(days=7),
            end=timezone.now() + datetime.timedelta(days=7, hours=2),
        )
    registration = Registration.objects.create(event=event, capacity=capacity, **terms)
    occurrences_sync(registration=registration)
    return registration


def first_date(registration: Registration) -> Occurrence:
    return registration.occurrences.order_by("start").first()


def add_question(registration: Registration, label: str, kind: str = "text", **fields) -> Question:
    return Question.objects.create(registration=registration, label=label, kind=kind, **fields)


def book(occurrence: Occurrence, *names: str, email: str = "", **options):
    """Register people (by name) for a date; the first name is the one who registers."""
    names = names or ("Mia Muster",)
    age = options.pop("age", None)
    return booking_create(
        occurrence_id=occurrence.pk,
        name=names[0],
        email=email or f"{names[0].split()[0].lower()}@example.org",
        participants=[ParticipantData(name=name, age=age) for name in names],
        **options,
    )
