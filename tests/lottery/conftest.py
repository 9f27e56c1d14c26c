import pytest


@pytest.fixture(autouse=True)
def _mails_at_once(mails_at_once):
    """Every test here sends its mails at once (tests/conftest.py)."""
