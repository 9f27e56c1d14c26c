"""The holiday programme end to end: wishes (double opt-in) → draw → bookings and waiting lists
→ e-mails; the stored seed reproduces the draw; priorities; one draw only."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from sozialraum.core.models import AuditEntry
from sozialraum.events.models import Allocation, Booking, BookingStatus
from sozialraum.events.services import BookingError, booking_cancel
from sozialraum.events.services_provider import occurrence_cancel
from sozialraum.lottery.models import Child, Outcome, Wish
from sozialraum.lottery.services import (
    ProgrammeError,
    application_withdraw,
    programme_draw,
    programme_draw_check,
    run_draw,
)
from sozialraum.passes.lottery import lottery_number
from tests.events.factories import book
from tests.events.test_passes import this_year_pass

from .factories import after_phase, programme_with, wish

pytestmark = pytest.mark.django_db
Status = BookingStatus


def test_wishes_are_confirmed_by_mail_then_drawn_into_bookings_and_waiting_lists():
    programme, (kanu, zoo) = programme_with(1, 2)
    assert kanu.registration.allocation == Allocation.LOTTERY
    with pytest.raises(BookingError, match="verlost"):
        book(kanu)
    family = wish(programme, ("Lena Muster", [kanu, zoo]), ("Ben Muster", [kanu]), confirm=False)
    (ask,) = mail.outbox
    assert "Bitte bestätigen Sie Ihre Wünsche" in ask.subject
    assert f"/de/ferienprogramm/wuensche/{family.token}/" in ask.body
    from sozialraum.lottery.services import application_confirm

    application_confirm(token=family.token)
    wish(programme, ("Ali Haddad", [kanu]))
    wish(programme, ("Nora Kaya", [zoo]), confirm=False)  # never confirmed: not drawn
    mail.outbox.clear()

    programme_draw(programme_id=programme.pk, user=None, now=after_phase(programme))

    programme.refresh_from_db()
    assert programme.drawn_at and programme.seed and programme.draw_result
    confirmed = Booking.objects.filter(status=Status.CONFIRMED)
    # one place in "kanu" for Lena, Ben or Ali; Lena gets zoo if kanu went to another child
    assert confirmed.filter(occurrence=kanu).count() == 1
    assert sum(b.places for b in confirmed.filter(occurrence=zoo)) <= 2
    winners = {p.name for b in confirmed for p in b.participants.all()}
    assert "Nora Kaya" not in winners
    # each child who wished for "kanu" got it, got "zoo" instead, or waits for "kanu"
    kanu_children = {"Lena Muster", "Ben Muster", "Ali Haddad"}
    placed_or_waiting = {
        p.name
        for b in Booking.objects.filter(status__in=[Status.CONFIRMED, Status.WAITING])
        for p in b.participants.all()
    }
    assert kanu_children <= placed_or_waiting
    # the waiting list keeps the drawn order
    waiting = list(
        Booking.objects.filter(occurrence=kanu, status=Status.WAITING).order_by("created", "id")
    )
    drawn = programme.draw_result["waiting_lists"][str(kanu.pk)]
    names = [b.participants.get().name for b in waiting]
    by_id = {f"c{c.pk}": c.name for c in Child.objects.all()}
    assert names == [by_id[i] for i in drawn]
    # everyone who took part got the result in one mail
    results = [m for m in mail.outbox if "Ergebnis der Verlosung" in m.subject]
    assert sorted(m.to[0] for m in results) == ["ali@example.org", "lena@example.org"]
    assert all("/de/veranstaltungen/buchung/" in m.body for m in results)
    # the events work as usual from now on
    kanu.registration.refresh_from_db()
    assert kanu.registration.allocation == Allocation.FIRST_COME
    assert AuditEntry.objects.filter(action="lottery.drawn").count() == 1
    assert AuditEntry.objects.filter(action="lottery.place_won").count() == confirmed.count()


def test_a_freed_place_goes_to_the_first_on_the_drawn_waiting_list():
    programme, (kanu,) = programme_with(1)
    for name in ("Lena", "Ali", "Mia"):
        wish(programme, (name, [kanu]))
    programme_draw(programme_id=programme.pk, user=None, now=after_phase(programme))
    winner = Booking.objects.get(status=Status.CONFIRMED)
    first_waiting = Booking.objects.filter(status=Status.WAITING).order_by("created", "id").first()

    booking_cancel(token=winner.token)

    first_waiting.refresh_from_db()
    assert first_waiting.status == Status.OFFERED
    assert "Ein Platz ist frei" in mail.outbox[-1].subject


def test_the_stored_seed_reproduces_the_draw():
    programme, dates = programme_with(2, 1, 3)
    for index in range(12):
        wish(programme, (f"Kind {index}", [dates[index % 3], dates[(index + 1) % 3]]))
    programme_draw(programme_id=programme.pk, user=None, now=after_phase(programme))
    programme.refresh_from_db()

    assert programme_draw_check(programme)
    again = run_draw(programme.draw_input, programme.seed)
    assert [str(a) for a in again.order] == programme.draw_result["order"]
    # tampering with the stored result is noticed
    programme.draw_result["order"].reverse()
    assert not programme_draw_check(programme)


def test_a_given_seed_decides_and_the_order_follows_the_lottery_numbers():
    programme, (kanu,) = programme_with(1, nothing_yet_first=False, pass_holders_first=False)
    families = [wish(programme, (name, [kanu])) for name in ("Lena", "Ali", "Mia", "Tom")]
    programme_draw(
        programme_id=programme.pk, user=None, seed="feste-saat", now=after_phase(programme)
    )
    children = {f"c{f.children.get().pk}": f for f in families}
    expected = sorted(children, key=lambda i: lottery_number("feste-saat", i))
    programme.refresh_from_db()
    assert programme.draw_result["order"] == expected


def test_children_with_a_pass_go_first():
    card = this_year_pass()
    programme, (kanu,) = programme_with(1, pass_type=card.pass_type)
    for name in ("Lena", "Ali", "Mia", "Tom", "Eva"):
        wish(programme, (name, [kanu]))
    holder = wish(programme, ("Noah", [kanu]), pass_number=card.number)

    programme_draw(programme_id=programme.pk, user=None, now=after_phase(programme))

    winner = Booking.objects.get(status=Status.CONFIRMED)
    assert winner.email == holder.email
    assert winner.participants.get().pass_card == card


def test_children_who_won_nothing_in_an_earlier_draw_this_year_go_first():
    first, (zoo,) = programme_with(1, title="Osterferien")
    wish(first, ("Lena", [zoo]), email="lena@example.org")
    wish(first, ("Ali", [zoo]), email="ali@example.org")
    programme_draw(programme_id=first.pk, user=None, now=after_phase(first))
    lucky = Booking.objects.get(occurrence=zoo, status=Status.CONFIRMED).email

    second, (kanu,) = programme_with(1, title="Sommerferien")
    wish(second, ("Lena", [kanu]), email="lena@example.org")
    wish(second, ("Ali", [kanu]), email="ali@example.org")
    programme_draw(programme_id=second.pk, user=None, now=after_phase(second))

    winner = Booking.objects.get(occurrence=kanu, status=Status.CONFIRMED).email
    assert winner != lucky


def test_siblings_together_get_places_in_the_same_offer_or_none():
    programme, (kanu, zoo) = programme_with(1, 2)
    family = wish(programme, ("Lena", []), ("Ben", []), together=[kanu, zoo])

    programme_draw(programme_id=programme.pk, user=None, now=after_phase(programme))

    booking = Booking.objects.get(status=Status.CONFIRMED)
    assert booking.occurrence == zoo and booking.places == 2 and booking.email == family.email
    assert Wish.objects.get(application=family, occurrence=zoo).outcome == Outcome.WON
    # with one place per child, who won a wish does not wait for a better one
    assert Wish.objects.get(application=family, occurrence=kanu).outcome == Outcome.NONE


def test_siblings_who_won_nothing_wait_together():
    programme, (kanu,) = programme_with(1)
    wish(programme, ("Ali", [kanu]))
    family = wish(programme, ("Lena", []), ("Ben", []), together=[kanu])

    programme_draw(programme_id=programme.pk, user=None, now=after_phase(programme))

    waiting = Wish.objects.get(application=family, occurrence=kanu)
    assert waiting.outcome == Outcome.WAITING
    assert waiting.booking.size == 2 and waiting.booking.status == Status.WAITING


def test_pass_prices_apply_to_the_bookings_of_the_draw():
    card = this_year_pass()
    programme, (kanu,) = programme_with(2, pass_type=card.pass_type)
    kanu.registration.price = Decimal("10.00")
    kanu.registration.pass_type = card.pass_type
    kanu.registration.pass_price = Decimal("1.00")
    kanu.registration.save()
    wish(programme, ("Lena", [kanu]), pass_number=card.number)
    programme_draw(programme_id=programme.pk, user=None, now=after_phase(programme))
    assert Booking.objects.get().price == Decimal("1.00")


def test_the_draw_runs_once_and_only_after_the_wish_phase():
    programme, (kanu,) = programme_with(1)
    wish(programme, ("Lena", [kanu]))
    with pytest.raises(ProgrammeError, match="Wunschphase läuft noch"):
        programme_draw(programme_id=programme.pk, user=None)
    programme_draw(programme_id=programme.pk, user=None, now=after_phase(programme))
    with pytest.raises(ProgrammeError, match="schon verlost") as refused:
        programme_draw(programme_id=programme.pk, user=None, now=after_phase(programme))
    assert refused.value.code == "drawn"
    assert Booking.objects.count() == 1


def test_wishes_are_checked_and_name_the_field():
    programme, (kanu, zoo) = programme_with(1, 1, max_wishes=2)
    kanu.registration.min_age = 8
    kanu.registration.save()
    with pytest.raises(ProgrammeError) as problem:
        wish(programme, ("Lena", [kanu]), age=6)
    assert problem.value.field == "c0-wish_1" and "ab 8 Jahren" in problem.value.message
    with pytest.raises(ProgrammeError) as problem:
        wish(programme, ("Lena", [zoo, zoo]), age=9)
    assert problem.value.field == "c0-wish_2"
    with pytest.raises(ProgrammeError, match="Höchstens 2 Wünsche"):
        wish(programme, ("Lena", [kanu, zoo, kanu]), age=9)


def test_wishes_outside_the_phase_and_withdrawn_wishes_do_not_count():
    programme, (kanu,) = programme_with(1)
    withdrawn = wish(programme, ("Lena", [kanu]))
    application_withdraw(token=withdrawn.token)
    programme.wishes_from = timezone.now() + datetime.timedelta(days=1)
    programme.wishes_until = timezone.now() + datetime.timedelta(days=2)
    programme.save()
    with pytest.raises(ProgrammeError, match="keine Wünsche"):
        wish(programme, ("Ali", [kanu]))
    programme_draw(programme_id=programme.pk, user=None, now=after_phase(programme))
    assert not Booking.objects.exists()


def test_the_audit_log_names_the_lotterys_actions():
    from sozialraum.core.views_manage import action_label

    assert action_label("lottery.drawn") == "Plätze verlost"
    assert action_label("lottery.place_won") == "Platz in der Verlosung bekommen"


def test_old_and_useless_wishes_are_deleted(settings):
    from django.core.management import call_command

    from sozialraum.lottery.models import Application
    from sozialraum.lottery.services import applications_delete_old

    settings.EVENTS_DELETE_AFTER_DAYS = 30
    programme, (kanu,) = programme_with(1)
    kept = wish(programme, ("Lena", [kanu]))
    wish(programme, ("Ali", [kanu]), confirm=False)
    assert applications_delete_old() == 0  # the wish phase runs: Ali may still confirm
    when = after_phase(programme)
    programme_draw(programme_id=programme.pk, user=None, now=when)
    assert applications_delete_old(now=when) == 1  # Ali never confirmed
    assert list(Application.objects.all()) == [kept]

    call_command("process_waitlists")
    assert Application.objects.exists()  # the date has not even begun
    after = kanu.start + datetime.timedelta(days=31)
    assert applications_delete_old(now=after) == 1
    programme.refresh_from_db()
    assert programme_draw_check(programme)  # the stored draw names nobody and stays


def test_a_date_with_wishes_stays_when_the_provider_moves_the_event():
    """The event's time changes in the directory during the wish phase: the old date keeps
    the families' wishes (the provider cancels it, and everyone is told) instead of losing
    them silently."""
    from sozialraum.events.services_provider import occurrences_sync

    programme, (kanu,) = programme_with(1)
    wish(programme, ("Lena Muster", [kanu]))
    event = kanu.registration.event
    event.start += datetime.timedelta(days=1)
    event.end = event.end + datetime.timedelta(days=1) if event.end else None
    event.save()

    occurrences_sync(registration=kanu.registration)

    kanu.refresh_from_db()
    assert Wish.objects.filter(occurrence=kanu).count() == 1
    assert kanu.registration.occurrences.count() == 2  # the old date and the new one


def test_families_who_wished_for_a_cancelled_date_are_told_before_the_draw():
    programme, dates = programme_with(4, 6)
    wish(programme, ("Lena Muster", [dates[0], dates[1]]))
    wish(programme, ("Ben Klein", [dates[1]]))  # did not wish for the cancelled date
    wish(programme, ("Emil Neu", [dates[0]]), confirm=False)  # address not confirmed
    mail.outbox.clear()

    occurrence_cancel(user=None, occurrence_id=dates[0].pk, reason="Die Leiterin ist krank.")

    assert [message.to for message in mail.outbox] == [["lena@example.org"]]
    body = mail.outbox[0].body
    assert "fällt aus" in body and "Die Leiterin ist krank." in body
    assert "Ihre anderen Wünsche bleiben" in body
    assert "/de/ferienprogramm/wuensche/" in body


def test_after_the_draw_a_cancelled_date_is_told_by_its_bookings_only():
    programme, dates = programme_with(4, 6)
    wish(programme, ("Lena Muster", [dates[0]]))
    programme_draw(programme_id=programme.pk, user=None, now=after_phase(programme))
    mail.outbox.clear()

    occurrence_cancel(user=None, occurrence_id=dates[0].pk, reason="")

    assert len(mail.outbox) == 1
    assert "Ferienprogramm" not in mail.outbox[0].subject
