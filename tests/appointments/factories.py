# ruff: noqa: RUF002  (German text uses the en dash as its dash)
"""An offer that takes appointments: Monday to Friday 9:00–12:00, one counsellor, one topic."""

import datetime

from sozialraum.appointments.models import (
    AppointmentOffer,
    Resource,
    SpecialDay,
    Topic,
    WeeklyHours,
)
from tests.directory.factories import AddressFactory, LocationFactory, ServiceFactory

#: A Monday in winter time; 2025-03-30 is the night clocks go forward.
MONDAY = datetime.date(2025, 3, 24)


def berlin(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    from sozialraum.appointments.slots import local_datetime

    value = local_datetime(day, datetime.time(hour, minute))
    assert value is not None
    return value


def create_offer(
    *,
    resources: int = 1,
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4),
    hours: tuple[datetime.time, datetime.time] = (datetime.time(9), datetime.time(12)),
    duration: int = 30,
    service=None,
    **settings,
) -> AppointmentOffer:
    service = service or ServiceFactory(name="Schuldnerberatung")
    location = LocationFactory(organization=service.organization, name="Beratungsstelle Mitte")
    AddressFactory(location=location, address_1="Turmstraße 1")
    defaults = {"notice_hours": 2, "horizon_days": 60, "hold_minutes": 30, "is_active": True}
    offer = AppointmentOffer.objects.create(
        service=service, location=location, **{**defaults, **settings}
    )
    for number in range(resources):
        Resource.objects.create(offer=offer, name=f"Beraterin {number + 1}")
    for weekday in weekdays:
        WeeklyHours.objects.create(offer=offer, weekday=weekday, start=hours[0], end=hours[1])
    Topic.objects.create(
        offer=offer, name="Erstgespräch", name_en="First talk", duration_minutes=duration
    )
    return offer


def closed(offer: AppointmentOffer, day: datetime.date, **kwargs) -> SpecialDay:
    return SpecialDay.objects.create(offer=offer, first_day=day, **kwargs)
