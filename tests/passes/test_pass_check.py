"""What a registration learns when it checks a pass number (services.pass_check)."""

import datetime

import pytest
from django.core.cache import cache

from sozialraum.passes import numbering
from sozialraum.passes.services import (
    PassCheckError,
    pass_check,
    pass_check_limited,
    pass_revoke,
)

from .factories import PassFactory, PassTypeFactory

pytestmark = pytest.mark.django_db

SUMMER = datetime.date(2025, 8, 1)


@pytest.fixture
def ferienpass():
    return PassTypeFactory(code="FP", name="Ferienpass")


@pytest.fixture
def familienpass():
    return PassTypeFactory(code="FAM", name="Familienpass")


def check_error(**kwargs) -> PassCheckError:
    with pytest.raises(PassCheckError) as caught:
        pass_check(**kwargs)
    return caught.value


def test_a_valid_pass_is_returned_however_the_number_is_typed(ferienpass):
    card = PassFactory(pass_type=ferienpass, birth_year=2014)
    typed = card.display_number.lower().replace("-", " ").replace("0", "o")
    assert pass_check(number=typed, pass_type="FP", on=SUMMER) == card
    assert pass_check(number=card.display_number, pass_type=ferienpass, on=SUMMER) == card
    assert pass_check(number=card.number, on=SUMMER).birth_year == 2014


def test_the_first_and_the_last_day_of_validity_count(ferienpass):
    card = PassFactory(pass_type=ferienpass)
    assert pass_check(number=card.number, on=card.valid_from) == card
    assert pass_check(number=card.number, on=card.valid_until) == card


def test_without_a_day_the_check_is_for_today(ferienpass):
    card = PassFactory(pass_type=ferienpass)
    assert check_error(number=card.number).code in (
        PassCheckError.EXPIRED,
        PassCheckError.NOT_YET_VALID,
    )
    today = datetime.date.today()
    PassFactory(pass_type=ferienpass, number="TODAY12345", valid_from=today, valid_until=today)
    assert pass_check(number="TODAY12345").number == "TODAY12345"


def test_an_expired_pass_is_named_as_such_with_the_day_asked_about(ferienpass):
    card = PassFactory(pass_type=ferienpass)
    error = check_error(number=card.number, on=datetime.date(2026, 1, 5))
    assert error.code == PassCheckError.EXPIRED
    assert "5. Januar 2026" in error.message and "nicht mehr" in error.message
    assert "Dezember" not in error.message  # the pass's own dates are not told


def test_a_pass_not_yet_valid_is_named_as_such(ferienpass):
    card = PassFactory(pass_type=ferienpass)
    error = check_error(number=card.number, on=datetime.date(2024, 12, 31))
    assert error.code == PassCheckError.NOT_YET_VALID
    assert "noch nicht" in error.message


def test_unknown_blocked_and_wrong_type_numbers_get_one_and_the_same_answer(
    ferienpass, familienpass
):
    family = PassFactory(pass_type=familienpass)
    blocked = PassFactory(pass_type=ferienpass)
    pass_revoke(actor=None, card=blocked)
    unknown = numbering.generate("FP")
    answers = {
        (error.code, error.message)
        for error in (
            check_error(number=unknown, pass_type="FP", on=SUMMER),
            check_error(number=blocked.number, pass_type="FP", on=SUMMER),
            check_error(number=family.number, pass_type="FP", on=SUMMER),
        )
    }
    assert len(answers) == 1
    ((code, message),) = answers
    assert code == PassCheckError.NOT_FOUND
    assert "keinen gültigen Ferienpass" in message
    assert family.number not in message and "Familienpass" not in message


def test_a_blocked_pass_is_unknown_whatever_its_dates(ferienpass):
    blocked = PassFactory(pass_type=ferienpass)
    pass_revoke(actor=None, card=blocked)
    assert check_error(number=blocked.number, on=datetime.date(2030, 1, 1)).code == (
        PassCheckError.NOT_FOUND
    )


def test_a_typo_in_one_of_our_numbers_is_named_as_such(ferienpass):
    card = PassFactory(pass_type=ferienpass)
    wrong = "1" if card.number[5] != "1" else "2"
    typo = card.number[:5] + wrong + card.number[6:]
    error = check_error(number=typo, on=SUMMER)
    assert error.code == PassCheckError.TYPO
    assert "Tippfehler" in error.message


def test_a_stored_number_that_only_looks_like_ours_is_never_taken_for_a_typo(ferienpass):
    """Numbers stored before the pass type got its code (or by hand) are found as they are."""
    number = numbering.generate("FP")
    broken = number[:-1] + ("0" if number[-1] != "0" else "1")
    PassFactory(pass_type=ferienpass, number=broken)
    assert pass_check(number=broken, on=SUMMER).number == broken


def test_an_empty_number_asks_for_one(ferienpass):
    assert check_error(number="  - ").code == PassCheckError.EMPTY


def test_numbers_the_city_printed_itself_are_checked_as_they_are(ferienpass):
    PassFactory(pass_type=ferienpass, number="M2025000815")
    assert pass_check(number="m 2025 000815", on=SUMMER).number == "M2025000815"
    assert check_error(number="M2025000816", on=SUMMER).code == PassCheckError.NOT_FOUND


def test_an_unknown_pass_type_code_is_a_programming_error(ferienpass):
    with pytest.raises(ValueError, match="XX"):
        pass_check(number="FP123", pass_type="XX")


def test_too_many_unknown_numbers_from_one_client_are_refused_for_a_while(ferienpass, settings):
    settings.PASS_CHECK_FAILURES_PER_HOUR = 3
    card = PassFactory(pass_type=ferienpass)
    for _attempt in range(3):
        with pytest.raises(PassCheckError):
            pass_check_limited(client="203.0.113.9", number=numbering.generate("FP"), on=SUMMER)
    with pytest.raises(PassCheckError) as caught:
        pass_check_limited(client="203.0.113.9", number=card.number, on=SUMMER)
    assert caught.value.code == PassCheckError.TOO_MANY
    assert "in einer Stunde" in caught.value.message
    # Another client is not affected; expired passes do not count as failed attempts.
    assert pass_check_limited(client="198.51.100.1", number=card.number, on=SUMMER) == card
    for _attempt in range(5):
        with pytest.raises(PassCheckError):
            pass_check_limited(
                client="198.51.100.1", number=card.number, on=datetime.date(2030, 1, 1)
            )
    assert pass_check_limited(client="198.51.100.1", number=card.number, on=SUMMER) == card
    cache.clear()
    assert pass_check_limited(client="203.0.113.9", number=card.number, on=SUMMER) == card
