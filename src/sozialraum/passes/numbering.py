"""Pass numbers: how people type them, and the numbers the platform makes.

A number made here is the pass type's code, 11 random characters and a check character, printed
in groups: ``FP-7K3M-Q9XT-2HRB``. The characters are Crockford's Base32 alphabet (digits and
letters without I, L, O and U, which people mix up with 1, 0 and V), so 11 of them hold 55 bits:
with a million passes in circulation, a guess hits one in about 36 billion tries. The check
character (Luhn mod 32) catches every single mistyped character and nearly every swap of two
neighbours, so a typo is told apart from an unknown number without asking the database.

Cities that already print their own numbers import them as they are (services.passes_import);
those are only normalised (upper case, without spaces and hyphens).
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's Base32
RANDOM_LENGTH = 11
BODY_LENGTH = RANDOM_LENGTH + 1  # with the check character
# Characters people type for the ones the alphabet leaves out (Crockford's decoding).
LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
SEPARATORS = re.compile("[\\s\\-\u2010\u2011\u2013\u2014./]+")  # also typographic dashes
ALLOWED = re.compile(r"^[A-Z0-9]+$")


def normalize(number: str) -> str:
    """The number as stored: upper case, without spaces, hyphens, dots or slashes."""
    return SEPARATORS.sub("", str(number)).upper()


def check_character(body: str) -> str:
    """The Luhn mod N check character for `body` (characters of ALPHABET)."""
    factor, total, base = 2, 0, len(ALPHABET)
    for char in reversed(body):
        addend = factor * ALPHABET.index(char)
        total += addend // base + addend % base
        factor = 1 if factor == 2 else 2
    return ALPHABET[(base - total % base) % base]


def has_valid_check_character(body: str) -> bool:
    return (
        len(body) >= 2
        and all(char in ALPHABET for char in body)
        and check_character(body[:-1]) == body[-1]
    )


def generate(code: str) -> str:
    """A new random number for a pass type with this code (normalised, without hyphens)."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return f"{code}{body}{check_character(body)}"


def has_generated_shape(number: str, code: str) -> bool:
    """Looks like a number made here for the pass type `code` (normalised `number`)."""
    return number.startswith(code) and len(number) == len(code) + BODY_LENGTH


def canonical(number: str, codes: list[str]) -> str:
    """The normalised number; for one shaped like ours, look-alikes (O, I, L) read as digits."""
    number = normalize(number)
    for code in codes:
        if has_generated_shape(number, code):
            return code + number[len(code) :].translate(LOOK_ALIKES)
    return number


def is_typo(number: str, codes: list[str]) -> bool:
    """Shaped like a number made here, but its check character does not fit."""
    return any(
        has_generated_shape(number, code) and not has_valid_check_character(number[len(code) :])
        for code in codes
    )


def display(number: str, code: str = "") -> str:
    """For print and screen: ``FP-7K3M-Q9XT-2HRB`` for our numbers, other numbers as stored."""
    if code and has_generated_shape(number, code):
        body = number[len(code) :]
        return "-".join([code, body[0:4], body[4:8], body[8:12]])
    return number
