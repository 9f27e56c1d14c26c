"""Write paths of the holiday programme: setting it up, wishes (double opt-in), and the draw.

`programme_draw` runs in one transaction: it locks the programme's row (a second draw waits,
then finds the programme drawn and stops) and the rows of all its dates (no registration or
cancellation changes their places meanwhile), runs the pure lottery of
`sozialraum.passes.lottery`, stores seed, input and result, and makes the bookings.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sozialraum.core.audit import audit_log, snapshot
from sozialraum.directory.widget import public_events
from sozialraum.events.models import (
    Allocation,
    Booking,
    BookingStatus,
    Occurrence,
    Participant,
    Registration,
)
from sozialraum.events.passes import PassProblem, participant_passes, price_with_passes
from sozialraum.events.services import BOOKING_FIELDS, lock_occurrence, log_booking, settle
from sozialraum.passes.lottery import Applicant, DrawResult, Offer, draw, new_seed
from sozialraum.passes.models import Pass

from . import notifications
from .models import Application, Child, Outcome, Programme, ProgrammeEvent, Wish

PROGRAMME_FIELDS = [
    "title",
    "description",
    "wishes_from",
    "wishes_until",
    "max_wishes",
    "places_per_child",
    "pass_type",
    "pass_holders_first",
    "nothing_yet_first",
]
MAX_CHILDREN = 6


class ProgrammeError(Exception):
    """Something that cannot be done; the message says why, for people.

    `field` names the form field it belongs to (e.g. "c1-wish_2"), where there is one.
    """

    def __init__(self, message: str, *, code: str = "invalid", field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def offers(programme: Programme, now: datetime.datetime | None = None) -> Any:
    """The dates children can wish for: upcoming, not cancelled, of the programme's events."""
    return (
        Occurrence.objects.upcoming(_now(now))
        .filter(
            registration__programme_link__programme=programme,
            registration__event__in=public_events(),  # never an unpublished event's title
        )
        .select_related("registration__event", "registration__pass_type")
        .order_by("start", "registration__event__title")
    )


# --- Setting up -------------------------------------------------------------------------------


def programme_save(
    *,
    user: Any,
    programme: Programme | None,
    data: dict[str, Any],
    registrations: Sequence[Registration],
) -> Programme:
    """Create or change a programme and choose its events; their registrations become lottery
    registrations (an event left out becomes first come, first served again)."""
    with transaction.atomic():
        if programme is not None:
            programme = Programme.objects.select_for_update().get(pk=programme.pk)
            if programme.drawn_at is not None:
                raise ProgrammeError(_("Ein verlostes Ferienprogramm bleibt, wie es ist."))
        before = snapshot(programme, PROGRAMME_FIELDS) if programme else None
        programme = programme or Programme()
        for name in PROGRAMME_FIELDS:
            if name in data:
                setattr(programme, name, data[name])
        programme.full_clean()
        programme.save()
        chosen = {registration.pk for registration in registrations}
        taken = ProgrammeEvent.objects.filter(registration_id__in=chosen).exclude(
            programme=programme
        )
        if taken.exists():
            raise ProgrammeError(
                _("„%(event)s“ gehört schon zu einem anderen Ferienprogramm.")
                % {"event": taken.select_related("registration__event").first().registration}  # type: ignore[union-attr]
            )
        current = set(programme.links.values_list("registration_id", flat=True))
        ProgrammeEvent.objects.filter(
            programme=programme, registration_id__in=current - chosen
        ).delete()
        Registration.objects.filter(pk__in=current - chosen).update(
            allocation=Allocation.FIRST_COME
        )
        ProgrammeEvent.objects.bulk_create(
            ProgrammeEvent(programme=programme, registration_id=pk) for pk in chosen - current
        )
        Registration.objects.filter(pk__in=chosen).update(allocation=Allocation.LOTTERY)
        after = snapshot(programme, PROGRAMME_FIELDS) | {"registrations": sorted(chosen)}
        if before is not None:
            before["registrations"] = sorted(current)
        audit_log(
            actor=user,
            action="lottery.programme_changed" if before else "lottery.programme_created",
            obj=programme,
            before=before,
            after=after,
        )
    return programme


# --- Wishes -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChildWishes:
    name: str
    age: int | None = None
    pass_number: str = ""
    #: occurrence ids, the most wanted first (empty when the siblings wish together)
    wishes: Sequence[int] = field(default_factory=list)


def application_create(
    *,
    programme_id: int,
    name: str,
    email: str,
    children: Sequence[ChildWishes],
    together: bool = False,
    shared_wishes: Sequence[int] = (),
    language: str = "de",
    now: datetime.datetime | None = None,
) -> Application:
    """A parent's wishes for their children. Counted in the draw once the e-mail address is
    confirmed (`application_confirm`). Siblings `together` share one list (`shared_wishes`)
    and get places in the same offers, all of them or none."""
    now = _now(now)
    with transaction.atomic():
        programme = Programme.objects.select_related("pass_type").get(pk=programme_id)
        if programme.phase(now) != "wishes":
            raise ProgrammeError(
                _("Im Moment können keine Wünsche abgegeben werden."), code="closed"
            )
        if not name.strip() or not email.strip():
            raise ProgrammeError(_("Bitte geben Sie Ihren Namen und Ihre E-Mail-Adresse an."))
        if not 1 <= len(children) <= MAX_CHILDREN:
            raise ProgrammeError(
                _("Bitte geben Sie Wünsche für 1 bis %(max)s Kinder ab.") % {"max": MAX_CHILDREN}
            )
        together = together and len(children) > 1
        available = {o.pk: o for o in offers(programme, now)}
        lists = [list(shared_wishes)] if together else [list(c.wishes) for c in children]
        for index, wishes in enumerate(lists):
            _check_wishes(
                programme, wishes, available, prefix="shared" if together else f"c{index}"
            )
        cards: list[Pass | None] = []
        for index, child in enumerate(children):
            if not child.name.strip():
                raise ProgrammeError(_("Bitte geben Sie den Namen jedes Kindes an."))
            wished = [available[pk] for pk in (lists[0] if together else lists[index])]
            cards.append(_child_pass(programme, child, index, wished))
            for rank, occurrence in enumerate(wished, start=1):
                _check_child_fits(child, cards[-1], occurrence, index, rank, together)
        application = Application.objects.create(
            programme=programme,
            name=name.strip(),
            email=email.strip(),
            language=language,
            together=together,
            created=now,
        )
        for index, (data, card) in enumerate(zip(children, cards, strict=True)):
            saved = Child.objects.create(
                application=application,
                position=index,
                name=data.name.strip(),
                age=data.age,
                pass_card=card,
            )
            if not together:
                Wish.objects.bulk_create(
                    Wish(application=application, child=saved, occurrence_id=pk, rank=rank)
                    for rank, pk in enumerate(data.wishes, start=1)
                )
        if together:
            Wish.objects.bulk_create(
                Wish(application=application, occurrence_id=pk, rank=rank)
                for rank, pk in enumerate(shared_wishes, start=1)
            )
        audit_log(
            actor=None,
            action="lottery.application_created",
            obj=application,
            after={"children": len(children), "together": together, "programme": programme.pk},
        )
        notifications.confirm_email(application)
    return application


def _check_wishes(
    programme: Programme, wishes: list[int], available: dict[int, Occurrence], prefix: str
) -> None:
    if not wishes:
        raise ProgrammeError(
            _("Bitte wählen Sie mindestens einen Wunsch."), field=f"{prefix}-wish_1"
        )
    if len(wishes) > programme.max_wishes:
        raise ProgrammeError(
            _("Höchstens %(count)s Wünsche je Kind.") % {"count": programme.max_wishes}
        )
    for rank, pk in enumerate(wishes, start=1):
        if pk not in available:
            raise ProgrammeError(
                _("Diesen Termin gibt es im Ferienprogramm nicht (mehr)."),
                field=f"{prefix}-wish_{rank}",
            )
        if pk in wishes[: rank - 1]:
            raise ProgrammeError(
                _("Diesen Termin haben Sie schon als %(rank)s. Wunsch gewählt.")
                % {"rank": wishes.index(pk) + 1},
                field=f"{prefix}-wish_{rank}",
            )


def _child_pass(
    programme: Programme, child: ChildWishes, index: int, wished: list[Occurrence]
) -> Pass | None:
    """The child's pass, valid on every wished date; None without a number."""
    if programme.pass_type is None or not child.pass_number.strip():
        return None
    card = None
    for day in sorted({timezone.localtime(o.start).date() for o in wished}):
        try:
            (card,) = participant_passes(
                pass_type=programme.pass_type,
                required=False,
                numbers=[child.pass_number],
                names=[child.name],
                on=day,
            )
        except PassProblem as problem:
            raise ProgrammeError(problem.message, field=f"c{index}-pass_number") from None
    return card


def _check_child_fits(
    child: ChildWishes,
    card: Pass | None,
    occurrence: Occurrence,
    index: int,
    rank: int,
    together: bool,
) -> None:
    registration = occurrence.registration
    where = f"shared-wish_{rank}" if together else f"c{index}-wish_{rank}"
    title = registration.event.title
    if registration.asks_age:
        if child.age is None:
            raise ProgrammeError(
                _("Bitte geben Sie das Alter von %(name)s an.") % {"name": child.name},
                field=f"c{index}-age",
            )
        low, high = registration.min_age, registration.max_age
        if (low is not None and child.age < low) or (high is not None and child.age > high):
            from sozialraum.events.services import age_range_text

            raise ProgrammeError(
                _("%(name)s ist %(age)s Jahre alt. „%(title)s“ ist für %(range)s.")
                % {
                    "name": child.name,
                    "age": child.age,
                    "title": title,
                    "range": age_range_text(registration),
                },
                field=where,
            )
    if registration.pass_required and (
        card is None or card.pass_type_id != registration.pass_type_id
    ):
        raise ProgrammeError(
            _("„%(title)s“ ist nur mit %(pass)s. %(name)s hat keinen angegeben.")
            % {"title": title, "pass": registration.pass_type, "name": child.name},
            field=where,
        )


def _locked_application(token: str) -> Application:
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("programme")
        .filter(token=token)
        .first()
    )
    if application is None:
        raise Application.DoesNotExist
    return application


def application_confirm(*, token: str, now: datetime.datetime | None = None) -> Application:
    """The double opt-in: from now on the wishes take part in the draw."""
    now = _now(now)
    with transaction.atomic():
        application = _locked_application(token)
        if application.email_confirmed_at is not None:
            return application
        if application.programme.phase(now) != "wishes":
            raise ProgrammeError(
                _(
                    "Die Wunschphase ist vorbei. Nicht bestätigte Wünsche nehmen an der "
                    "Verlosung nicht teil."
                ),
                code="closed",
            )
        application.email_confirmed_at = now
        application.save(update_fields=["email_confirmed_at"])
        audit_log(actor=None, action="lottery.application_confirmed", obj=application)
        notifications.confirmed(application)
    return application


def application_withdraw(*, token: str, now: datetime.datetime | None = None) -> Application:
    """The parent takes the wishes back (before the draw)."""
    now = _now(now)
    with transaction.atomic():
        application = _locked_application(token)
        if application.programme.drawn_at is not None:
            raise ProgrammeError(
                _("Die Plätze sind schon verlost. Sagen Sie einzelne Plätze über ihre Links ab."),
                code="drawn",
            )
        if application.withdrawn_at is None:
            application.withdrawn_at = now
            application.save(update_fields=["withdrawn_at"])
            audit_log(actor=None, action="lottery.application_withdrawn", obj=application)
    return application


def tell_families_of_cancelled_date(*, occurrence: Occurrence, **kwargs: Any) -> int:
    """A date was cancelled before the draw (events.signals.date_cancelled): every family who
    confirmed a wish for it is told; the draw leaves it out, their other wishes stay. After the
    draw the bookings it made were told by the events app. How many families."""
    applications = (
        Application.objects.filter(
            wishes__occurrence=occurrence,
            programme__drawn_at__isnull=True,
            email_confirmed_at__isnull=False,
            withdrawn_at__isnull=True,
        )
        .select_related("programme")
        .distinct()
    )
    count = 0
    for application in applications:
        notifications.wished_date_cancelled(application, occurrence)
        count += 1
    return count


# --- The draw ---------------------------------------------------------------------------------


def places_won_before(programme: Programme, application: Application, child: Child) -> int:
    """Places the same child (same e-mail address and name) won in programmes drawn earlier this
    year: without accounts, that is how the platform recognises a child again."""
    return sum(
        Child.objects.filter(
            application__programme__drawn_at__year=timezone.localdate().year,
            application__email__iexact=application.email,
            name__iexact=child.name,
        )
        .exclude(application__programme=programme)
        .values_list("places_won", flat=True)
    )


def draw_input(programme: Programme, now: datetime.datetime) -> dict[str, Any]:
    """What the draw gets, as JSON: the offers with their free places, and the applicants
    (a child, or siblings together) with their wishes and priorities."""
    dates = list(offers(programme, now))
    open_ids = {o.pk for o in dates}
    applicants = []
    applications = (
        Application.objects.filter(
            programme=programme, email_confirmed_at__isnull=False, withdrawn_at__isnull=True
        )
        .prefetch_related("children", "wishes")
        .order_by("pk")
    )
    for application in applications:
        children = list(application.children.all())
        wishes = list(application.wishes.all())
        if application.together:
            groups = [(f"a{application.pk}", children, [w for w in wishes if w.child_id is None])]
        else:
            groups = [
                (f"c{child.pk}", [child], [w for w in wishes if w.child_id == child.pk])
                for child in children
            ]
        for applicant_id, members, own in groups:
            applicants.append(
                {
                    "id": applicant_id,
                    "wishes": [
                        w.occurrence_id
                        for w in sorted(own, key=lambda w: w.rank)
                        if w.occurrence_id in open_ids
                    ],
                    "size": len(members),
                    "pass_holder": any(c.pass_card_id for c in members),
                    # siblings: the group counts as "nothing yet" if one of them has nothing
                    "places_won_before": min(
                        places_won_before(programme, application, c) for c in members
                    ),
                    "max_places": programme.places_per_child,
                }
            )
    return {
        "offers": [
            {"id": o.pk, "capacity": max(o.capacity - o.places_taken(now), 0)} for o in dates
        ],
        "applicants": applicants,
        "priorities": list(programme.priorities),
    }


def run_draw(data: dict[str, Any], seed: str) -> DrawResult:
    return draw(
        offers=[Offer(o["id"], capacity=o["capacity"]) for o in data["offers"]],
        applicants=[
            Applicant(
                a["id"],
                wishes=a["wishes"],
                size=a["size"],
                pass_holder=a["pass_holder"],
                places_won_before=a["places_won_before"],
                max_places=a["max_places"],
            )
            for a in data["applicants"]
        ],
        seed=seed,
        priorities=data["priorities"],
    )


def result_json(result: DrawResult) -> dict[str, Any]:
    return {
        "order": [str(a) for a in result.order],
        "allocation": {str(a): won for a, won in result.allocation.items()},
        "places": {str(o): winners for o, winners in result.places.items()},
        "waiting_lists": {str(o): waiting for o, waiting in result.waiting_lists.items()},
        "remaining": {str(o): room for o, room in result.remaining.items()},
    }


def programme_draw(
    *,
    programme_id: int,
    user: Any,
    seed: str | None = None,
    now: datetime.datetime | None = None,
) -> Programme:
    """Draw the places of a programme whose wish phase is over: once only."""
    now = _now(now)
    with transaction.atomic():
        programme = Programme.objects.select_for_update().get(pk=programme_id)
        if programme.drawn_at is not None:
            raise ProgrammeError(
                _("Die Plätze dieses Ferienprogramms sind schon verlost (am %(date)s).")
                % {"date": date_format(timezone.localtime(programme.drawn_at), "DATETIME_FORMAT")},
                code="drawn",
            )
        if now < programme.wishes_until:
            raise ProgrammeError(
                _("Die Wunschphase läuft noch bis %(date)s. Erst danach wird verlost.")
                % {
                    "date": date_format(
                        timezone.localtime(programme.wishes_until), "DATETIME_FORMAT"
                    )
                },
                code="too_early",
            )
        date_ids = sorted(offers(programme, now).values_list("pk", flat=True))
        dates = {pk: lock_occurrence(pk) for pk in date_ids}  # in id order: no deadlocks
        data = draw_input(programme, now)
        seed = seed or new_seed()
        result = run_draw(data, seed)
        _make_bookings(programme, result, dates, now)
        programme.seed = seed
        programme.draw_input = data
        programme.draw_result = result_json(result)
        programme.drawn_at = now
        programme.drawn_by = user if getattr(user, "is_authenticated", False) else None
        programme.save()
        # from now on the waiting lists take over; places left are open to everyone
        Registration.objects.filter(programme_link__programme=programme).update(
            allocation=Allocation.FIRST_COME
        )
        for occurrence in dates.values():
            settle(occurrence, now)
        audit_log(
            actor=user,
            action="lottery.drawn",
            obj=programme,
            after={
                "seed": seed,
                "applicants": len(data["applicants"]),
                "placed": sum(1 for won in result.allocation.values() if won),
            },
        )
        for application in Application.objects.filter(
            programme=programme, email_confirmed_at__isnull=False, withdrawn_at__isnull=True
        ):
            notifications.result(application)
    return programme


def _make_bookings(
    programme: Programme,
    result: DrawResult,
    dates: dict[int, Occurrence],
    now: datetime.datetime,
) -> None:
    applications = {
        a.pk: a
        for a in Application.objects.filter(
            programme=programme, email_confirmed_at__isnull=False, withdrawn_at__isnull=True
        ).prefetch_related("children", "wishes")
    }
    members: dict[str, tuple[Application, list[Child], list[Wish]]] = {}
    for application in applications.values():
        children = list(application.children.all())
        wishes = list(application.wishes.all())
        if application.together:
            members[f"a{application.pk}"] = (application, children, wishes)
        else:
            for child in children:
                own = [w for w in wishes if w.child_id == child.pk]
                members[f"c{child.pk}"] = (application, [child], own)
        Wish.objects.filter(application=application).update(outcome=Outcome.NONE)

    def book(applicant_id: str, occurrence: Occurrence, status: str, created: Any) -> None:
        application, children, wishes = members[applicant_id]
        registration = occurrence.registration
        # the pass counts for the price only if it is the event's pass
        priced = [
            c.pass_card
            if c.pass_card and c.pass_card.pass_type_id == registration.pass_type_id
            else None
            for c in children
        ]
        won = status == BookingStatus.CONFIRMED
        booking = Booking.objects.create(
            occurrence=occurrence,
            name=application.name,
            email=application.email,
            language=application.language,
            status=status,
            size=len(children),
            places=len(children) if won else 0,
            email_confirmed_at=application.email_confirmed_at,
            price=price_with_passes(
                price=registration.price, pass_price=registration.pass_price, cards=priced
            ),
            created=created,
        )
        Participant.objects.bulk_create(
            Participant(
                booking=booking,
                position=position,
                name=child.name,
                age=child.age if registration.asks_age else None,
                pass_card=child.pass_card,
            )
            for position, child in enumerate(children)
        )
        log_booking(booking, "lottery.place_won" if won else "lottery.waitlisted", None)
        Wish.objects.filter(
            pk__in=[w.pk for w in wishes if w.occurrence_id == occurrence.pk]
        ).update(outcome=Outcome.WON if won else Outcome.WAITING, booking=booking)
        if won:
            Child.objects.filter(pk__in=[c.pk for c in children]).update(
                places_won=len(result.allocation[applicant_id])
            )

    for offer_id, winners in result.places.items():
        for applicant_id in winners:
            book(str(applicant_id), dates[int(str(offer_id))], BookingStatus.CONFIRMED, now)
    for offer_id, waiting in result.waiting_lists.items():
        for position, applicant_id in enumerate(waiting):
            # one microsecond apart: the waiting list's order is the order of `created`
            created = now + datetime.timedelta(microseconds=position + 1)
            book(str(applicant_id), dates[int(str(offer_id))], BookingStatus.WAITING, created)


def applications_delete_old(*, now: datetime.datetime | None = None) -> int:
    """Delete the families' wishes (names, e-mail addresses, passes) that serve no purpose any
    more: unconfirmed or withdrawn ones once the wish phase is over, all others when the last
    date wished for ended EVENTS_DELETE_AFTER_DAYS ago (as the bookings). The draw's stored
    input and result name nobody and stay. How many were deleted."""
    now = _now(now)
    days = settings.EVENTS_DELETE_AFTER_DAYS
    with transaction.atomic():
        useless = Application.objects.filter(programme__wishes_until__lte=now).filter(
            Q(email_confirmed_at__isnull=True) | Q(withdrawn_at__isnull=False)
        )
        count = useless.count()
        useless.delete()
        if days > 0:
            cutoff = now - datetime.timedelta(days=days)
            old = (
                Application.objects.filter(programme__drawn_at__isnull=False)
                .annotate(last=Max("wishes__occurrence__start"))
                .filter(last__lt=cutoff)
            )
            count += old.count()
            Application.objects.filter(pk__in=list(old.values_list("pk", flat=True))).delete()
    return count


def programme_draw_check(programme: Programme) -> bool:
    """Whether the stored input and seed give the stored result again (an audit of the draw)."""
    if programme.draw_input is None or programme.draw_result is None:
        return False
    again = result_json(run_draw(programme.draw_input, programme.seed))
    stored = programme.draw_result
    return all(again[key] == stored[key] for key in ("order", "allocation", "waiting_lists"))


__all__ = [
    "BOOKING_FIELDS",
    "ChildWishes",
    "ProgrammeError",
    "application_confirm",
    "application_create",
    "application_withdraw",
    "offers",
    "programme_draw",
    "programme_draw_check",
    "programme_save",
]
