import itertools

from sozialraum.passes import numbering


def test_generated_numbers_carry_the_type_code_and_a_fitting_check_character():
    numbers = {numbering.generate("FP") for _ in range(500)}
    assert len(numbers) == 500
    for number in numbers:
        assert number.startswith("FP")
        assert len(number) == 2 + numbering.BODY_LENGTH
        assert numbering.has_valid_check_character(number[2:])
        assert not numbering.is_typo(number, ["FP"])


def test_every_single_mistyped_character_is_caught():
    number = numbering.generate("FP")
    body = number[2:]
    for position, wrong in itertools.product(range(len(body)), numbering.ALPHABET):
        if wrong == body[position]:
            continue
        typo = body[:position] + wrong + body[position + 1 :]
        assert numbering.is_typo("FP" + typo, ["FP"]), typo


def test_most_swaps_of_neighbours_are_caught():
    caught = total = 0
    for _ in range(200):
        body = numbering.generate("FP")[2:]
        for i in range(len(body) - 1):
            if body[i] == body[i + 1]:
                continue
            swapped = body[:i] + body[i + 1] + body[i] + body[i + 2 :]
            total += 1
            caught += numbering.is_typo("FP" + swapped, ["FP"])
    assert caught / total > 0.95


def test_people_may_type_hyphens_spaces_lower_case_and_look_alike_letters():
    number = "FP" + "0123456789A"
    number += numbering.check_character(number[2:])
    shown = numbering.display(number, "FP")
    assert shown == f"FP-0123-4567-89A{number[-1]}"
    typed = " fp-o123 4567-89a" + number[-1].lower()
    assert numbering.canonical(typed, ["FP"]) == number
    typed_with_l = "FP-0l23-4567-89A" + number[-1]
    assert numbering.canonical(typed_with_l, ["FP"]) == number


def test_numbers_from_elsewhere_stay_as_they_are():
    assert numbering.canonical("m-2024/000815", ["FP"]) == "M2024000815"
    assert numbering.display("M2024000815", "FP") == "M2024000815"
    assert not numbering.is_typo("M2024000815", ["FP"])
