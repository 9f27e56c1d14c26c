import types

import pytest


@pytest.fixture(autouse=True)
def mails_at_once(request, monkeypatch):
    """Tests run inside one transaction that never commits: hand mails to the (immediate)
    task backend at once instead of after the commit. Transactional tests keep the real path."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction")
    if transactional or "transactional_db" in request.fixturenames:
        return
    from sozialraum.core import mail

    monkeypatch.setattr(
        mail, "transaction", types.SimpleNamespace(on_commit=lambda call, robust=False: call())
    )
