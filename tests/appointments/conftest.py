import pytest


@pytest.fixture(autouse=True)
def mails_at_once(monkeypatch):
    """Tests run inside a transaction that never commits: hand mails to the (immediate) task
    backend at once instead of after the commit."""
    monkeypatch.setattr(
        "django.db.transaction.on_commit", lambda func, using=None, robust=False: func()
    )
