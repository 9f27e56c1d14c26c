"""Helpers for account tests: sign in through the real login form, run changes at once."""

import contextlib
import threading
from collections.abc import Callable, Sequence
from types import ModuleType

from django.db import connections
from django.test import Client

from sozialraum.core import audit
from tests.factories import PASSWORD, totp_code


def sign_in(client: Client, user, password: str = PASSWORD, language: str = "de") -> None:
    response = client.post(f"/{language}/konto/login/", {"login": user.email, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    if response["Location"].endswith("/konto/2fa/authenticate/"):
        response = client.post(response["Location"], {"code": totp_code()})
        assert response.status_code == 302, response.content.decode()[:2000]


def reauthenticate(client: Client, password: str = PASSWORD, language: str = "de") -> None:
    """Confirm the password again, as allauth asks before changes to two-factor."""
    response = client.post(f"/{language}/konto/reauthenticate/", {"password": password})
    assert response.status_code == 302, response.content.decode()[:2000]


def run_at_once(
    modules: Sequence[ModuleType], *calls: Callable[[], object]
) -> list[BaseException | None]:
    """Run the calls in threads that start together; the errors they raised, in order.

    `modules` are the services modules whose write paths are called: their `audit_log` waits
    until the other calls have made their checks too, so a check that does not lock is caught
    every time, not only when the threads happen to interleave badly.
    """
    start = threading.Barrier(len(calls))
    # Each change waits here after its check, so the other one gets to check before it commits.
    checked = threading.Barrier(len(calls))
    errors: list[BaseException | None] = [None] * len(calls)
    original_audit_log = audit.audit_log

    def audit_log_after_the_other_checked(**kwargs):
        # A broken barrier means the other change waits for our lock: the locking works.
        with contextlib.suppress(threading.BrokenBarrierError):
            checked.wait(timeout=2)
        return original_audit_log(**kwargs)

    def worker(index: int, call: Callable[[], object]) -> None:
        try:
            start.wait()
            call()
        except Exception as error:  # handed back to the test
            errors[index] = error
        finally:
            connections.close_all()

    for module in modules:
        module.audit_log = audit_log_after_the_other_checked  # type: ignore[attr-defined]
    try:
        threads = [threading.Thread(target=worker, args=item) for item in enumerate(calls)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        for module in modules:
            module.audit_log = original_audit_log  # type: ignore[attr-defined]
    return errors
