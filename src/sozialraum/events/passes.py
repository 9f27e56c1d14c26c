"""Passes at registration (docs/events.md, "Pässe"): who shows which pass, and the price.

An event can ask for a pass of one type (`Registration.pass_type`): then every participant may
give a pass number (a Ferienpass belongs to one child, so the number is asked per person), the
event may admit pass holders only (`pass_required`), and pass holders may pay another price
(`pass_price`). A pass with a birth year is a child's own pass and counts for one participant
only; a pass without (a Familienpass) may be given for every member of the family.

Two places check a number:

- the form (`check_pass_number`), with `pass_check_limited`, so the message stands at the field
  and nobody can try out numbers in bulk;
- the booking (`participant_passes`, called by `services.booking_create` under the date's lock),
  with `pass_check`, which is the authority: a pass blocked a moment ago is refused there too.

Only the reference to the pass is stored with the participant (`Participant.pass_card`).
"""

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sozialraum.passes.models import Pass, PassType
from sozialraum.passes.services import PassCheckError, pass_check, pass_check_limited


class PassProblem(Exception):
    """A pass number that does not admit a participant; `index` names the participant."""

    def __init__(self, message: str, *, index: int) -> None:
        super().__init__(message)
        self.message = message
        self.index = index


def check_pass_number(*, client: str, pass_type: PassType, number: str, on: datetime.date) -> Pass:
    """The form's check of one number (counted against the client's limit); ValidationError
    with the plain message of docs/passes.md otherwise."""
    try:
        return pass_check_limited(client=client, number=number, pass_type=pass_type, on=on)
    except PassCheckError as error:
        raise ValidationError(error.message, code=f"pass_{error.code}") from None


def participant_passes(
    *,
    pass_type: PassType | None,
    required: bool,
    numbers: Sequence[str],
    names: Sequence[str],
    on: datetime.date,
) -> list[Pass | None]:
    """Each participant's pass (None: no pass given), in order; PassProblem naming the first
    participant whose number does not admit them."""
    if pass_type is None:
        return [None] * len(numbers)
    cards: list[Pass | None] = []
    personal: set[int] = set()
    for index, (number, name) in enumerate(zip(numbers, names, strict=True)):
        if not (number or "").strip():
            if required:
                raise PassProblem(
                    _("Bitte geben Sie die Nummer des %(pass)s von %(name)s an.")
                    % {"pass": pass_type.name, "name": name},
                    index=index,
                )
            cards.append(None)
            continue
        try:
            card = pass_check(number=number, pass_type=pass_type, on=on)
        except PassCheckError as error:
            raise PassProblem(error.message, index=index) from None
        if card.birth_year is not None:
            if card.pk in personal:
                raise PassProblem(
                    _(
                        "Diesen %(pass)s haben Sie schon für eine andere Person angegeben. Er "
                        "gilt nur für eine Person."
                    )
                    % {"pass": pass_type.name},
                    index=index,
                )
            personal.add(card.pk)
        cards.append(card)
    return cards


def price_with_passes(
    *, price: Decimal | None, pass_price: Decimal | None, cards: Sequence[Pass | None]
) -> Decimal | None:
    """The price of a booking: per participant the pass price (if set) for pass holders, else
    the price per person. None when it costs nothing."""
    total = Decimal(0)
    for card in cards:
        each = pass_price if card is not None and pass_price is not None else price
        total += each or 0
    return total or None
