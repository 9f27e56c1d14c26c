"""A fair lottery for oversubscribed offers (holiday programmes): who gets which place.

Pure Python, no database: the registration collects the wishes, calls `draw(...)`, stores the
result and the seed, and informs everyone. docs/lottery.md explains the rules in plain language.

The mechanism is random serial dictatorship in rounds (the "draft" known from course allocation):

1. Every applicant gets a lottery number from the seed: the SHA-256 hash of seed and applicant id.
   The number does not depend on the order of the input or on the other applicants, so anyone
   with the seed and the list of applicants can check the draw.
2. Applicants are sorted into priority tiers (by default: pass holders first, then those who
   have not won a place in earlier draws), and within a tier by lottery number.
3. In round 1 each applicant in that order gets the best-ranked wish that still has room. In
   round 2 those who want more than one place get their best remaining wish, and so on. Nobody
   gets a second place before everyone has had their turn for a first. The order within a tier
   is reversed every other round, so the last of round 1 is first of round 2.
4. A group (siblings who applied together) needs room for all its members in the same offer:
   all or nothing.
5. Everyone who wanted an offer and did not get it, and who still wants more places, is on its
   waiting list: by tier, then those who won fewer places in this draw, then lottery number.

Use:

    result = draw(
        offers=[Offer("zoo", capacity=20), Offer("kanu", capacity=8)],
        applicants=[
            Applicant("b17", wishes=["kanu", "zoo"], pass_holder=True),
            Applicant("b18", wishes=["zoo"], size=2),  # two siblings
        ],
        seed=new_seed(),  # store it with the draw
    )
    result.allocation["b17"]   # ["kanu"]: the offers won, in the order won
    result.waiting_lists["zoo"]  # applicant ids in the order they move up
"""

import hashlib
import secrets
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field

OfferId = Hashable
ApplicantId = Hashable


class LotteryError(ValueError):
    """The input cannot be drawn (a programming error in the caller, not a citizen's)."""


@dataclass(frozen=True)
class Offer:
    id: OfferId
    capacity: int  # places to give away in this draw


@dataclass(frozen=True)
class Applicant:
    """One child, or a group of `size` people (siblings) who go together or not at all."""

    id: ApplicantId
    wishes: Sequence[OfferId]  # offer ids, the most wanted first
    size: int = 1
    pass_holder: bool = False
    places_won_before: int = 0  # places won in earlier draws or programmes this season
    max_places: int = 1  # how many of the wishes at most (each wish is one place per member)


def _pass_holder_first(applicant: Applicant) -> int:
    return 0 if applicant.pass_holder else 1


def _nothing_yet_first(applicant: Applicant) -> int:
    return 0 if applicant.places_won_before == 0 else 1


def _fewest_before_first(applicant: Applicant) -> int:
    return applicant.places_won_before


PRIORITY_RULES: dict[str, Callable[[Applicant], int]] = {
    "pass_holder": _pass_holder_first,  # pass holders before everyone else
    "nothing_yet": _nothing_yet_first,  # those without a place from earlier draws first
    "fewest_before": _fewest_before_first,  # fewer places from earlier draws first
}
DEFAULT_PRIORITIES = ("pass_holder", "nothing_yet")


@dataclass
class DrawResult:
    seed: str
    priorities: tuple[str, ...]
    order: list[ApplicantId]  # the order of round 1: tier, then lottery number
    allocation: dict[ApplicantId, list[OfferId]]  # every applicant: offers won, round by round
    places: dict[OfferId, list[ApplicantId]]  # every offer: winners in the order drawn
    waiting_lists: dict[OfferId, list[ApplicantId]]  # every offer: who moves up, in order
    remaining: dict[OfferId, int]  # places left over in each offer
    rounds: int = 0  # rounds in which somebody won a place
    tiers: dict[ApplicantId, tuple[int, ...]] = field(default_factory=dict)

    @property
    def unplaced(self) -> list[ApplicantId]:
        """Applicants who won nothing, in draw order."""
        return [applicant for applicant in self.order if not self.allocation[applicant]]

    def waiting_position(self, applicant: ApplicantId, offer: OfferId) -> int | None:
        """1 for the first on the offer's waiting list; None when not on it."""
        waiting = self.waiting_lists.get(offer, [])
        return waiting.index(applicant) + 1 if applicant in waiting else None


def new_seed() -> str:
    """A fresh random seed; store it with the draw so that the draw can be repeated."""
    return secrets.token_hex(16)


def lottery_number(seed: str, applicant_id: ApplicantId) -> str:
    """The applicant's lottery number (hex): lower numbers draw earlier within a tier."""
    return hashlib.sha256(f"{seed}\x1f{applicant_id}".encode()).hexdigest()


def draw(
    *,
    offers: Iterable[Offer],
    applicants: Iterable[Applicant],
    seed: str,
    priorities: Sequence[str] = DEFAULT_PRIORITIES,
) -> DrawResult:
    """Allocate the offers' places to the applicants; see the module docstring for the rules.

    Deterministic: the same offers, applicants (in any order) and seed give the same result.
    Raises LotteryError for input that makes no sense (unknown offers, duplicate ids, ...).
    """
    offer_list = list(offers)
    applicant_list = list(applicants)
    _validate(offer_list, applicant_list, seed, priorities)
    rules = [PRIORITY_RULES[name] for name in priorities]

    def tier(applicant: Applicant) -> tuple[int, ...]:
        return tuple(rule(applicant) for rule in rules)

    numbers = {a.id: lottery_number(seed, a.id) for a in applicant_list}
    ranked = sorted(applicant_list, key=lambda a: (tier(a), numbers[a.id], str(a.id)))
    tiers: list[list[Applicant]] = []
    for applicant in ranked:
        if tiers and tier(tiers[-1][0]) == tier(applicant):
            tiers[-1].append(applicant)
        else:
            tiers.append([applicant])

    room = {offer.id: offer.capacity for offer in offer_list}
    places: dict[OfferId, list[ApplicantId]] = {offer.id: [] for offer in offer_list}
    won: dict[ApplicantId, list[OfferId]] = {a.id: [] for a in applicant_list}
    # Applicants who may still win: they want more places and had room in a wish last round.
    # Rooms only shrink, so whoever finds no room in any remaining wish never will.
    active = {a.id for a in applicant_list if a.max_places > 0 and a.wishes}
    round_number = 0
    rounds_with_winners = 0
    while active:
        round_number += 1
        someone_won = False
        for group in tiers:
            in_order = group if round_number % 2 == 1 else list(reversed(group))
            for applicant in in_order:
                if applicant.id not in active:
                    continue
                choice = next(
                    (
                        wish
                        for wish in applicant.wishes
                        if wish not in won[applicant.id] and room[wish] >= applicant.size
                    ),
                    None,
                )
                if choice is None:
                    active.discard(applicant.id)
                    continue
                room[choice] -= applicant.size
                places[choice].append(applicant.id)
                won[applicant.id].append(choice)
                someone_won = True
                if len(won[applicant.id]) >= applicant.max_places:
                    active.discard(applicant.id)
        if someone_won:
            rounds_with_winners += 1

    position = {a.id: index for index, a in enumerate(ranked)}
    waiting: dict[OfferId, list[ApplicantId]] = {offer.id: [] for offer in offer_list}
    for applicant in ranked:
        if len(won[applicant.id]) >= applicant.max_places:
            continue
        for wish in applicant.wishes:
            if wish not in won[applicant.id]:
                waiting[wish].append(applicant.id)
    by_id = {a.id: a for a in applicant_list}
    for waiting_ids in waiting.values():
        waiting_ids.sort(
            key=lambda a: (tier(by_id[a]), len(won[a]), position[a]),
        )
    return DrawResult(
        seed=seed,
        priorities=tuple(priorities),
        order=[a.id for a in ranked],
        allocation=won,
        places=places,
        waiting_lists=waiting,
        remaining=room,
        rounds=rounds_with_winners,
        tiers={a.id: tier(a) for a in applicant_list},
    )


def _validate(
    offers: list[Offer], applicants: list[Applicant], seed: str, priorities: Sequence[str]
) -> None:
    if not isinstance(seed, str) or not seed:
        raise LotteryError("The seed must be a non-empty string (see new_seed()).")
    unknown_rules = [name for name in priorities if name not in PRIORITY_RULES]
    if unknown_rules:
        raise LotteryError(
            f"Unknown priority rule(s) {unknown_rules}; known: {sorted(PRIORITY_RULES)}."
        )
    offer_ids = [offer.id for offer in offers]
    if len(set(offer_ids)) != len(offer_ids):
        raise LotteryError("Two offers have the same id.")
    for offer in offers:
        if not isinstance(offer.capacity, int) or offer.capacity < 0:
            raise LotteryError(f"Offer {offer.id!r}: capacity must be a whole number >= 0.")
    known = set(offer_ids)
    seen: set[str] = set()
    for applicant in applicants:
        # The lottery number hashes str(id): two ids that print alike would share a number.
        if str(applicant.id) in seen:
            raise LotteryError(f"Two applicants have the id {applicant.id!r}.")
        seen.add(str(applicant.id))
        if not isinstance(applicant.size, int) or applicant.size < 1:
            raise LotteryError(f"Applicant {applicant.id!r}: size must be at least 1.")
        if applicant.max_places < 0 or applicant.places_won_before < 0:
            raise LotteryError(
                f"Applicant {applicant.id!r}: max_places and places_won_before must be >= 0."
            )
        if isinstance(applicant.wishes, str):
            raise LotteryError(f"Applicant {applicant.id!r}: wishes must be a list of offer ids.")
        if len(set(applicant.wishes)) != len(applicant.wishes):
            raise LotteryError(f"Applicant {applicant.id!r} lists a wish twice.")
        unknown = [wish for wish in applicant.wishes if wish not in known]
        if unknown:
            raise LotteryError(f"Applicant {applicant.id!r} wishes for unknown offers {unknown}.")
