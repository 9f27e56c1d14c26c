"""The lottery's fairness properties (docs/lottery.md), on hand-made cases and on many random
instances. No database: the lottery is a pure function."""

import random
from collections import Counter

import pytest

from sozialraum.passes.lottery import (
    Applicant,
    DrawResult,
    LotteryError,
    Offer,
    draw,
    lottery_number,
    new_seed,
)


def random_instance(
    rng: random.Random, *, groups: bool = True, max_places: int = 3
) -> tuple[list[Offer], list[Applicant]]:
    offers = [Offer(f"o{i}", capacity=rng.randint(0, 6)) for i in range(rng.randint(1, 6))]
    applicants = []
    for i in range(rng.randint(0, 30)):
        wishes = rng.sample([o.id for o in offers], rng.randint(0, len(offers)))
        applicants.append(
            Applicant(
                f"a{i}",
                wishes=wishes,
                size=rng.choice([1, 1, 1, 2, 3]) if groups else 1,
                pass_holder=rng.random() < 0.3,
                places_won_before=rng.choice([0, 0, 1, 2]),
                max_places=rng.randint(1, max_places),
            )
        )
    return offers, applicants


def random_draws(count: int = 300, **kwargs):
    for case in range(count):
        rng = random.Random(case)
        offers, applicants = random_instance(rng, **kwargs)
        result = draw(offers=offers, applicants=applicants, seed=f"seed-{case}")
        yield offers, applicants, result


def rank(applicant: Applicant, offer_id) -> int:
    return list(applicant.wishes).index(offer_id)


# --- Capacity and wishes ------------------------------------------------------------------------


def test_capacity_is_never_exceeded_and_counts_every_member_of_a_group():
    for offers, applicants, result in random_draws():
        size = {a.id: a.size for a in applicants}
        for offer in offers:
            taken = sum(size[a] for a in result.places[offer.id])
            assert taken <= offer.capacity
            assert result.remaining[offer.id] == offer.capacity - taken


def test_nobody_gets_an_offer_they_did_not_wish_for_nor_one_twice_nor_too_many():
    for _offers, applicants, result in random_draws():
        for applicant in applicants:
            won = result.allocation[applicant.id]
            assert set(won) <= set(applicant.wishes)
            assert len(won) == len(set(won))
            assert len(won) <= applicant.max_places


def test_places_and_allocation_tell_the_same_story():
    for offers, _applicants, result in random_draws(100):
        for offer in offers:
            for applicant_id in result.places[offer.id]:
                assert offer.id in result.allocation[applicant_id]
        assert sum(len(won) for won in result.allocation.values()) == sum(
            len(p) for p in result.places.values()
        )


def test_no_place_is_left_empty_that_someone_on_its_waiting_list_could_have_taken():
    """Efficiency: an offer with room for a waiting applicant would have gone to them."""
    for _offers, applicants, result in random_draws():
        size = {a.id: a.size for a in applicants}
        for offer_id, waiting in result.waiting_lists.items():
            for applicant_id in waiting:
                assert result.remaining[offer_id] < size[applicant_id]


# --- Rounds: a first place for everyone before a second for anyone ------------------------------


def test_three_children_one_popular_offer_everyone_gets_a_first_place_before_a_second():
    offers = [Offer("kanu", capacity=2), Offer("zoo", capacity=2)]
    applicants = [
        Applicant("anna", wishes=["kanu", "zoo"], max_places=2),
        Applicant("ben", wishes=["kanu", "zoo"], max_places=2),
        Applicant("cem", wishes=["kanu", "zoo"], max_places=2),
    ]
    for seed in ("a", "b", "c", "d", "e", "f"):
        result = draw(offers=offers, applicants=applicants, seed=seed)
        # Round 1: two get the canoe, the third the zoo; round 2: one of the two gets the zoo.
        first_places = [won[0] for won in result.allocation.values()]
        assert sorted(first_places) == ["kanu", "kanu", "zoo"]
        assert sorted(len(won) for won in result.allocation.values()) == [1, 1, 2]


def test_nobody_gets_a_second_place_that_someone_who_got_nothing_wanted():
    """Singles only: whoever won nothing found every wish full at their turn in round 1, and
    rooms only shrink, so nobody can win such an offer as a second (or later) place."""
    for _offers, applicants, result in random_draws(groups=False):
        by_id = {a.id: a for a in applicants}
        for loser in result.unplaced:
            for winner_id, won in result.allocation.items():
                for later_place in won[1:]:
                    assert later_place not in by_id[loser].wishes, (loser, winner_id)


def test_with_groups_only_a_bigger_group_can_miss_an_offer_someone_won_as_second_place():
    for _offers, applicants, result in random_draws():
        by_id = {a.id: a for a in applicants}
        for loser in result.unplaced:
            for winner_id, won in result.allocation.items():
                for later_place in won[1:]:
                    if later_place in by_id[loser].wishes:
                        assert by_id[loser].size > by_id[winner_id].size


# --- Priority tiers ------------------------------------------------------------------------------


def test_pass_holders_come_first():
    offers = [Offer("kanu", capacity=2)]
    applicants = [Applicant(f"x{i}", wishes=["kanu"]) for i in range(10)] + [
        Applicant("pass1", wishes=["kanu"], pass_holder=True),
        Applicant("pass2", wishes=["kanu"], pass_holder=True),
    ]
    for seed in map(str, range(20)):
        result = draw(offers=offers, applicants=applicants, seed=seed)
        assert sorted(result.places["kanu"]) == ["pass1", "pass2"]
        assert result.order[:2] in (["pass1", "pass2"], ["pass2", "pass1"])


def test_children_who_got_nothing_in_earlier_draws_come_first_among_equals():
    offers = [Offer("kanu", capacity=1)]
    applicants = [
        Applicant("lucky", wishes=["kanu"], places_won_before=2),
        Applicant("unlucky", wishes=["kanu"], places_won_before=0),
    ]
    for seed in map(str, range(20)):
        result = draw(offers=offers, applicants=applicants, seed=seed)
        assert result.places["kanu"] == ["unlucky"]
        assert result.waiting_lists["kanu"] == ["lucky"]


def test_pass_holder_rule_outranks_nothing_yet_unless_the_city_orders_it_otherwise():
    offers = [Offer("kanu", capacity=1)]
    applicants = [
        Applicant("pass", wishes=["kanu"], pass_holder=True, places_won_before=1),
        Applicant("nothing", wishes=["kanu"]),
    ]
    assert draw(offers=offers, applicants=applicants, seed="s").places["kanu"] == ["pass"]
    reordered = draw(
        offers=offers, applicants=applicants, seed="s", priorities=["nothing_yet", "pass_holder"]
    )
    assert reordered.places["kanu"] == ["nothing"]
    plain = draw(offers=offers, applicants=applicants, seed="s", priorities=[])
    assert plain.tiers == {"pass": (), "nothing": ()}


def test_a_lower_tier_never_wins_a_first_place_a_higher_tier_wanted_more_than_what_it_got():
    """Singles: if B (lower tier) won X in round 1, every higher-tier A who wished for X won, in
    round 1, X or a wish A ranked above X."""
    for _offers, applicants, result in random_draws(groups=False):
        first_place = {a: won[0] for a, won in result.allocation.items() if won}
        for b_id, x in first_place.items():
            for a in applicants:
                if result.tiers[a.id] < result.tiers[b_id] and x in a.wishes:
                    assert a.id in first_place, (a.id, b_id)
                    assert rank(a, first_place[a.id]) <= rank(a, x), (a.id, b_id)


def test_within_a_tier_an_earlier_lottery_number_never_loses_a_first_place_to_a_later_one():
    for _offers, applicants, result in random_draws(groups=False):
        position = {a: i for i, a in enumerate(result.order)}
        first_place = {a: won[0] for a, won in result.allocation.items() if won}
        for b_id, x in first_place.items():
            for a in applicants:
                if (
                    result.tiers[a.id] == result.tiers[b_id]
                    and position[a.id] < position[b_id]
                    and x in a.wishes
                ):
                    assert a.id in first_place
                    assert rank(a, first_place[a.id]) <= rank(a, x)


# --- Groups ---------------------------------------------------------------------------------------


def test_siblings_go_together_or_not_at_all_and_leave_the_rest_to_others():
    offers = [Offer("kanu", capacity=2)]
    applicants = [
        Applicant("geschwister", wishes=["kanu"], size=3, pass_holder=True),
        Applicant("einzeln", wishes=["kanu"]),
    ]
    result = draw(offers=offers, applicants=applicants, seed="x")
    assert result.allocation == {"geschwister": [], "einzeln": ["kanu"]}
    assert result.waiting_lists["kanu"] == ["geschwister"]
    assert result.remaining["kanu"] == 1


def test_a_group_that_fits_takes_as_many_places_as_it_has_members():
    offers = [Offer("kanu", capacity=3)]
    applicants = [
        Applicant("geschwister", wishes=["kanu"], size=3, pass_holder=True),
        Applicant("einzeln", wishes=["kanu"]),
    ]
    result = draw(offers=offers, applicants=applicants, seed="x")
    assert result.places["kanu"] == ["geschwister"]
    assert result.remaining["kanu"] == 0
    assert result.waiting_lists["kanu"] == ["einzeln"]


# --- Waiting lists --------------------------------------------------------------------------------


def test_waiting_lists_hold_exactly_those_who_wanted_the_offer_and_still_want_a_place():
    for offers, applicants, result in random_draws():
        for offer in offers:
            expected = {
                a.id
                for a in applicants
                if offer.id in a.wishes
                and offer.id not in result.allocation[a.id]
                and len(result.allocation[a.id]) < a.max_places
            }
            assert set(result.waiting_lists[offer.id]) == expected
            assert len(result.waiting_lists[offer.id]) == len(expected)


def test_waiting_lists_put_higher_tiers_and_those_with_fewer_places_first():
    for offers, _applicants, result in random_draws():
        position = {a: i for i, a in enumerate(result.order)}
        for offer in offers:
            keys = [
                (result.tiers[a], len(result.allocation[a]), position[a])
                for a in result.waiting_lists[offer.id]
            ]
            assert keys == sorted(keys)


def test_waiting_position_is_one_based_and_none_when_not_waiting():
    offers = [Offer("kanu", capacity=0)]
    applicants = [Applicant("a", wishes=["kanu"]), Applicant("b", wishes=[])]
    result = draw(offers=offers, applicants=applicants, seed="x")
    assert result.waiting_position("a", "kanu") == 1
    assert result.waiting_position("b", "kanu") is None
    assert result.unplaced == list(result.order)


# --- Reproducibility and uniformity ---------------------------------------------------------------


def as_comparable(result: DrawResult):
    return (result.order, result.allocation, result.places, result.waiting_lists)


def test_the_same_seed_gives_the_same_result_whatever_the_order_of_the_input():
    for case in range(50):
        rng = random.Random(case)
        offers, applicants = random_instance(rng)
        first = draw(offers=offers, applicants=applicants, seed="fest")
        shuffled_offers, shuffled_applicants = offers[:], applicants[:]
        rng.shuffle(shuffled_offers)
        rng.shuffle(shuffled_applicants)
        again = draw(offers=shuffled_offers, applicants=shuffled_applicants, seed="fest")
        assert as_comparable(again) == as_comparable(first)


def test_different_seeds_give_different_orders():
    applicants = [Applicant(f"a{i}", wishes=[]) for i in range(20)]
    orders = {tuple(draw(offers=[], applicants=applicants, seed=new_seed()).order) for _ in "123"}
    assert len(orders) == 3


def test_lottery_numbers_depend_only_on_seed_and_id():
    assert lottery_number("s", "a") == lottery_number("s", "a")
    assert lottery_number("s", "a") != lottery_number("t", "a")
    assert len(new_seed()) == 32


CHI_SQUARE_CRITICAL_P001 = {4: 18.47, 9: 27.88}  # chi-square, p = 0.001


def chi_square(counts: Counter, expected: float, categories) -> float:
    return sum((counts[c] - expected) ** 2 / expected for c in categories)


def test_equal_applicants_win_their_first_choice_equally_often_over_many_seeds():
    """10 equal children want one canoe place: each should win about 1 in 10 draws."""
    offers = [Offer("kanu", capacity=1), Offer("zoo", capacity=10)]
    ids = [f"kind{i}" for i in range(10)]
    applicants = [Applicant(i, wishes=["kanu", "zoo"]) for i in ids]
    draws = 3000
    wins: Counter = Counter()
    for seed in range(draws):
        result = draw(offers=offers, applicants=applicants, seed=f"u{seed}")
        (winner,) = result.places["kanu"]
        wins[winner] += 1
    assert chi_square(wins, draws / 10, ids) < CHI_SQUARE_CRITICAL_P001[9]
    assert min(wins.values()) > 0.8 * draws / 10


def test_equal_applicants_share_first_choices_fairly_within_their_tier_only():
    """Two pass holders always win; the 5 others share the remaining 2 places evenly."""
    offers = [Offer("kanu", capacity=4)]
    others = [f"kind{i}" for i in range(5)]
    applicants = [Applicant(i, wishes=["kanu"]) for i in others] + [
        Applicant("pass1", wishes=["kanu"], pass_holder=True),
        Applicant("pass2", wishes=["kanu"], pass_holder=True),
    ]
    draws = 2000
    wins: Counter = Counter()
    for seed in range(draws):
        wins.update(draw(offers=offers, applicants=applicants, seed=f"t{seed}").places["kanu"])
    assert wins["pass1"] == wins["pass2"] == draws
    expected = draws * 2 / 5
    assert chi_square(wins, expected, others) < CHI_SQUARE_CRITICAL_P001[4]


def test_the_last_of_round_one_is_first_of_round_two():
    offers = [Offer("kanu", capacity=1), Offer("zoo", capacity=1), Offer("theater", capacity=1)]
    wishes = ["kanu", "zoo", "theater"]
    applicants = [Applicant(i, wishes=wishes, max_places=2) for i in ("a", "b")]
    result = draw(offers=offers, applicants=applicants, seed="s")
    first, second = result.order
    # Round 1: first takes the canoe, second the zoo; round 2: second chooses first.
    assert result.allocation[first] == ["kanu"]
    assert result.allocation[second] == ["zoo", "theater"]
    assert result.rounds == 2


# --- Bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offers", "applicants", "message"),
    [
        ([Offer("a", 1), Offer("a", 2)], [], "same id"),
        ([Offer("a", -1)], [], "capacity"),
        ([Offer("a", 1)], [Applicant("x", ["a"]), Applicant("x", [])], "id 'x'"),
        ([Offer("a", 1)], [Applicant(1, ["a"]), Applicant("1", [])], "id"),
        ([Offer("a", 1)], [Applicant("x", ["b"])], "unknown offers ['b']"),
        ([Offer("a", 1)], [Applicant("x", ["a", "a"])], "twice"),
        ([Offer("a", 1)], [Applicant("x", ["a"], size=0)], "size"),
        ([Offer("a", 1)], [Applicant("x", "a")], "list"),
    ],
)
def test_input_that_makes_no_sense_is_refused_with_a_clear_message(offers, applicants, message):
    with pytest.raises(LotteryError, match=message.replace("[", r"\[").replace("]", r"\]")):
        draw(offers=offers, applicants=applicants, seed="s")


def test_an_empty_seed_or_unknown_rule_is_refused():
    with pytest.raises(LotteryError, match="seed"):
        draw(offers=[], applicants=[], seed="")
    with pytest.raises(LotteryError, match="priority rule"):
        draw(offers=[], applicants=[], seed="s", priorities=["richest_first"])
