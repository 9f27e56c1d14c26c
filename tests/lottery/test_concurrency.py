"""Two editors press "Jetzt verlosen" at the same moment: one draw, one set of bookings.
Needs real row locks, so PostgreSQL only:
DATABASE_URL=postgres://postgres@127.0.0.1:5432/NAME pytest tests/lottery/test_concurrency.py
"""

import pytest
from django.db import connection

from sozialraum.core.models import AuditEntry
from sozialraum.events.models import Booking
from sozialraum.lottery import services
from sozialraum.lottery.services import ProgrammeError, programme_draw
from tests.accounts.helpers import run_at_once

from .factories import after_phase, programme_with, wish

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite has no row locks, it serialises whole transactions",
    ),
    pytest.mark.django_db(transaction=True),
]


def test_two_simultaneous_draws_draw_once():
    programme, (kanu, zoo) = programme_with(2, 3)
    for index in range(10):
        wish(programme, (f"Kind {index}", [kanu, zoo] if index % 2 else [zoo, kanu]))
    when = after_phase(programme)

    def draw_now():
        programme_draw(programme_id=programme.pk, user=None, now=when)

    errors = run_at_once([services], draw_now, draw_now)

    assert sorted(type(error).__name__ for error in errors if error) == [ProgrammeError.__name__]
    assert AuditEntry.objects.filter(action="lottery.drawn").count() == 1
    assert Booking.objects.filter(status="confirmed").count() == 5
    # the five without a place wait on both of their wishes
    assert Booking.objects.filter(status="waiting").count() == 10
