"""The demo holiday programme (`sozialraum load_demo`, after the demo passes): "Ferienprogramm
Sommer" in its wish phase with three lottery events, the Ferienpass for priority and a free
canoe tour with a Ferienpass, and a few families' confirmed wishes. Loading again starts the
programme afresh."""

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from sozialraum.events.demo import _event
from sozialraum.events.models import Allocation, Registration
from sozialraum.events.services_provider import occurrences_sync
from sozialraum.passes.demo import DEMO_PASSES
from sozialraum.passes.models import Pass, PassType

from .models import Application, Child, Programme, ProgrammeEvent, Wish

TITLE = "Ferienprogramm Sommer"

EVENTS = [
    # key, title, English title, description, days ahead, time, places, ages, price, pass price
    (
        "kanutour",
        "Kanutour auf dem Kanal",
        "Canoe tour on the canal",
        "Mit Schwimmwesten und zwei Betreuern paddeln wir einen Tag lang auf dem Kanal. "
        "Schwimmen können ist nötig.",
        12,
        "09:00-15:00",
        8,
        (9, 14),
        Decimal("12.00"),
        Decimal("0"),
    ),
    (
        "zirkus",
        "Zirkustag: Jonglieren und Akrobatik",
        "Circus day: juggling and acrobatics",
        "Ein Tag mit Artistinnen aus dem Kinderzirkus. Am Ende zeigen wir den Eltern, was wir "
        "gelernt haben.",
        14,
        "10:00-16:00",
        12,
        (6, 12),
        Decimal("5.00"),
        Decimal("1.00"),
    ),
    (
        "waldtag",
        "Waldtag mit dem Förster",
        "Forest day with the forester",
        "Wir entdecken Tiere und Pflanzen im Wald und bauen eine Hütte. Bitte feste Schuhe.",
        16,
        "09:30-14:30",
        10,
        (6, 10),
        None,
        None,
    ),
]

FAMILIES = [
    ("Familie Schulz", "schulz", [("Lena Schulz", 10)], ["kanutour", "zirkus"]),
    ("Familie Haddad", "haddad", [("Emir Haddad", 8), ("Sofia Haddad", 9)], ["zirkus", "waldtag"]),
    ("Familie Kaya", "kaya", [("Yusuf Kaya", 11)], ["kanutour", "zirkus", "waldtag"]),
]


@transaction.atomic
def load(stdout: Any, style: Any) -> None:
    now = timezone.now()
    Programme.objects.filter(title=TITLE).delete()
    ferienpass = PassType.objects.filter(code="FP").first()
    registrations = {}
    for key, title, title_en, text, days, time, places, ages, price, pass_price in EVENTS:
        event = _event(
            f"ferien-{key}",
            "am-kanal",
            "kanal-haus",
            title,
            text,
            in_days=days,
            time=time,
            title_en=title_en,
            capacity=places,
        )
        Registration.objects.filter(event=event).delete()
        registration = Registration.objects.create(
            event=event,
            capacity=places,
            min_age=ages[0],
            max_age=ages[1],
            price=price,
            pass_type=ferienpass if pass_price is not None else None,
            pass_price=pass_price if ferienpass else None,
            max_group_size=3,
            allocation=Allocation.LOTTERY,
        )
        occurrences_sync(registration=registration)
        registrations[key] = registration
    programme = Programme.objects.create(
        title=TITLE,
        description=(
            "Drei Tage voller Abenteuer in den Sommerferien. Die Plätze werden verlost: Geben "
            "Sie für jedes Kind bis zu drei Wünsche ab. Kinder mit Ferienpass bekommen zuerst "
            "einen Platz."
        ),
        wishes_from=now - datetime.timedelta(days=2),
        wishes_until=now + datetime.timedelta(days=7),
        max_wishes=3,
        pass_type=ferienpass,
    )
    ProgrammeEvent.objects.bulk_create(
        ProgrammeEvent(programme=programme, registration=registration)
        for registration in registrations.values()
    )
    first_dates = {
        key: registration.occurrences.order_by("start").first()
        for key, registration in registrations.items()
    }
    demo_pass = Pass.objects.filter(number=DEMO_PASSES[1][0]).first()  # FP-DEM0-0000-002B
    for number, (name, mail, children, wishes) in enumerate(FAMILIES):
        application = Application.objects.create(
            programme=programme,
            name=name,
            email=f"{mail}@example.org",
            together=len(children) > 1,
            email_confirmed_at=now,
            created=now - datetime.timedelta(hours=number + 1),
        )
        saved = [
            Child.objects.create(
                application=application,
                position=position,
                name=child,
                age=age,
                pass_card=demo_pass if number == 0 else None,
            )
            for position, (child, age) in enumerate(children)
        ]
        Wish.objects.bulk_create(
            Wish(
                application=application,
                child=None if application.together else saved[0],
                occurrence=first_dates[key],
                rank=rank,
            )
            for rank, key in enumerate(wishes, start=1)
        )
    stdout.write(
        style.SUCCESS(
            f"Demo holiday programme: „{TITLE}“ in its wish phase with {len(EVENTS)} lottery "
            f"events and {len(FAMILIES)} families' wishes"
        )
    )
