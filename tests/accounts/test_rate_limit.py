"""Repeated failed logins are stopped with a clear "too many attempts" page (HTTP 429)."""

import pytest
from django.test import Client

from tests.conftest import verify_email
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_too_many_failed_logins_get_a_429_page_in_our_layout(client: Client, password):
    user = UserFactory()
    verify_email(user)
    for _attempt in range(5):
        response = client.post("/de/konto/login/", {"login": user.email, "password": "falsch"})
        assert response.status_code == 200  # the form again, with "password wrong"

    response = client.post("/de/konto/login/", {"login": user.email, "password": "falsch"})
    assert response.status_code == 429
    html = response.content.decode()
    assert '<html lang="de" dir="ltr">' in html
    assert '<h1 class="kern-heading-large">Zu viele Versuche</h1>' in html
    assert "warten Sie einige Minuten" in html
    assert 'href="/de/konto/password/reset/"' in html

    # Even the right password does not get through while the lock lasts.
    response = client.post("/de/konto/login/", {"login": user.email, "password": password})
    assert response.status_code == 429
    assert not client.get("/de/").wsgi_request.user.is_authenticated


def test_the_lock_counts_per_address_not_only_per_computer(password):
    user = UserFactory()
    verify_email(user)
    for number in range(5):
        Client(REMOTE_ADDR=f"10.0.0.{number}").post(
            "/de/konto/login/", {"login": user.email, "password": "falsch"}
        )
    other_computer = Client(REMOTE_ADDR="10.0.0.99")
    response = other_computer.post("/de/konto/login/", {"login": user.email, "password": password})
    assert response.status_code == 429


def test_other_rate_limits_answer_with_the_same_page(client: Client):
    for _attempt in range(5):
        client.post("/de/konto/password/reset/", {"email": "jemand@example.org"})
    response = client.post("/de/konto/password/reset/", {"email": "jemand@example.org"})
    assert response.status_code == 429
    assert "Zu viele Versuche" in response.content.decode()
