"""A holiday programme with lottery events, and families sending wishes."""

import datetime

from django.utils import timezone

from sozialraum.events.models import Registration
from sozialraum.lottery.models import Application, Programme
from sozialraum.lottery.services import ChildWishes, application_confirm, application_create
from tests.events.factories import first_date, open_registration


def programme_with(*capacities: int, **fields) -> tuple[Programme, list]:
    """A programme in its wish phase with one lottery event (one date) per capacity."""
    from sozialraum.lottery.services import programme_save

    now = timezone.now()
    registrations = [open_registration(capacity=capacity) for capacity in capacities]
    data = {
        "title": "Ferienprogramm Sommer",
        "wishes_from": now - datetime.timedelta(days=1),
        "wishes_until": now + datetime.timedelta(days=2),
    } | fields
    programme = programme_save(user=None, programme=None, data=data, registrations=registrations)
    fresh = Registration.objects.filter(pk__in=[r.pk for r in registrations])
    by_pk = {registration.pk: registration for registration in fresh}
    return programme, [first_date(by_pk[registration.pk]) for registration in registrations]


def wish(
    programme, *children: tuple[str, list], email: str = "", together=None, confirm=True, **options
) -> Application:
    """Wishes of one family: (child name, [dates]) per child; `together`: a shared list."""
    application = application_create(
        programme_id=programme.pk,
        name="Eltern " + children[0][0],
        email=email or f"{children[0][0].split()[0].lower()}@example.org",
        children=[
            ChildWishes(name=name, wishes=[] if together else [d.pk for d in dates], **options)
            for name, dates in children
        ],
        together=together is not None,
        shared_wishes=[d.pk for d in together or []],
    )
    if confirm:
        application_confirm(token=application.token)
    return application


def after_phase(programme: Programme) -> datetime.datetime:
    return programme.wishes_until + datetime.timedelta(minutes=1)
