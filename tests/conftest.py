import types

import pytest

from .factories import PASSWORD, UserFactory


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def user(db):
    return UserFactory()


def verify_email(user) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


@pytest.fixture(autouse=True)
def force_login_includes_second_factor(monkeypatch):
    """A test's `client.force_login(user)` is a full sign-in, TOTP code included (if set up)."""
    from django.test import Client

    from .sessions import force_login_with_second_factor

    monkeypatch.setattr(Client, "force_login", force_login_with_second_factor)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate limits and used TOTP codes live in the cache; every test starts without them."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fresh_search_postings():
    """Each process keeps the search postings and the filter sets in memory; a test's database
    is rolled back afterwards, so every test starts without a copy from the one before."""
    from sozialraum.directory.filter_sets import forget_filter_sets
    from sozialraum.directory.search_postings import forget_postings

    forget_postings()
    forget_filter_sets()


@pytest.fixture(autouse=True)
def german(settings):
    """Each test starts in German: URLs built in tests (reverse) are the German ones, and a
    request in another language does not leak into the next test."""
    from django.utils import translation

    with translation.override("de"):
        yield


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def mails_at_once(request, monkeypatch):
    """Tests run inside one transaction that never commits: `core.mail.mail_later` hands its
    mails to the (immediate) task backend at once instead of after the commit. Transactional
    tests keep the real path. The apps whose tests send mails use it for all of them."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction")
    if transactional or "transactional_db" in request.fixturenames:
        return
    from sozialraum.core import mail

    monkeypatch.setattr(
        mail, "transaction", types.SimpleNamespace(on_commit=lambda call, robust=False: call())
    )
