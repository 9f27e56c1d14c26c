import datetime

import pytest

from sozialraum.core.models import AuditEntry
from sozialraum.passes.models import Pass, PassType
from sozialraum.passes.services import (
    PassError,
    pass_reinstate,
    pass_revoke,
    pass_type_save,
    passes_issue,
)
from tests.factories import UserFactory

from .factories import PassFactory, PassTypeFactory

pytestmark = pytest.mark.django_db


def test_issuing_makes_passes_with_fresh_numbers_and_logs_each(user):
    ferienpass = PassTypeFactory(code="FP", validity_months=12)
    PassFactory(pass_type=ferienpass)
    cards = passes_issue(
        actor=user,
        pass_type=ferienpass,
        count=50,
        valid_from=datetime.date(2025, 3, 1),
        birth_year=2015,
    )
    assert len({card.number for card in cards}) == 50
    assert Pass.objects.count() == 51
    assert {(c.valid_from, c.valid_until, c.birth_year) for c in cards} == {
        (datetime.date(2025, 3, 1), datetime.date(2026, 2, 28), 2015)
    }
    entries = AuditEntry.objects.filter(action="passes.issued")
    assert entries.count() == 50
    entry = entries.first()
    assert entry.actor == user and entry.before is None
    assert entry.after["birth_year"] == 2015 and entry.after["number"].startswith("FP")


@pytest.mark.parametrize(
    ("valid_from", "months", "valid_until"),
    [
        (datetime.date(2025, 1, 1), 12, datetime.date(2025, 12, 31)),
        (datetime.date(2025, 1, 31), 1, datetime.date(2025, 2, 28)),
        (datetime.date(2024, 6, 15), 3, datetime.date(2024, 9, 14)),
        (datetime.date(2025, 11, 1), 2, datetime.date(2025, 12, 31)),
    ],
)
def test_a_pass_type_knows_how_long_its_passes_are_valid(valid_from, months, valid_until):
    assert PassType(validity_months=months).default_valid_until(valid_from) == valid_until


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"count": 0}, "zwischen 1 und"),
        ({"count": 10_001}, "zwischen 1 und"),
        ({"valid_until": datetime.date(2024, 1, 1)}, "vor „gültig ab“"),
        ({"birth_year": 1850}, "Geburtsjahr"),
    ],
)
def test_issuing_refuses_what_makes_no_sense(user, kwargs, message):
    arguments = {"count": 1, "valid_from": datetime.date(2025, 1, 1)} | kwargs
    with pytest.raises(PassError, match=message):
        passes_issue(actor=user, pass_type=PassTypeFactory(), **arguments)
    assert not Pass.objects.exists()


def test_blocking_and_unblocking_a_pass_is_logged(user):
    card = PassFactory()
    pass_revoke(actor=user, card=card)
    card.refresh_from_db()
    assert card.revoked is not None
    with pytest.raises(PassError, match="schon gesperrt"):
        pass_revoke(actor=user, card=card)
    pass_reinstate(actor=user, card=card)
    card.refresh_from_db()
    assert card.revoked is None
    with pytest.raises(PassError, match="nicht gesperrt"):
        pass_reinstate(actor=user, card=card)
    actions = list(
        AuditEntry.objects.filter(object_id=str(card.pk)).values_list("action", flat=True)
    )
    assert sorted(actions) == ["passes.reinstated", "passes.revoked"]


def test_pass_types_are_created_and_changed_with_a_log_but_keep_their_code(user):
    pass_type = pass_type_save(
        actor=user, pass_type=PassType(code="FAM", name="Familienpass", validity_months=12)
    )
    pass_type.validity_months = 24
    pass_type_save(actor=user, pass_type=pass_type)
    entry = AuditEntry.objects.get(action="passes.type_changed")
    assert entry.before["validity_months"] == 12 and entry.after["validity_months"] == 24
    pass_type.code = "FAMX"
    with pytest.raises(PassError, match="Kürzel"):
        pass_type_save(actor=user, pass_type=pass_type)


def test_only_editors_and_administrators_manage_passes():
    assert UserFactory(roles=["editor"]).has_perm("passes.manage_passes")
    assert UserFactory(roles=["administrator"]).has_perm("passes.manage_passes")
    assert not UserFactory(roles=["planner"]).has_perm("passes.manage_passes")
    assert not UserFactory().has_perm("passes.manage_passes")
