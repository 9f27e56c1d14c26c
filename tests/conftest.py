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
def german_by_default():
    """Each test starts in German: a request in another language must not leak into the next."""
    from django.utils import translation

    translation.activate("de")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def force_login_includes_second_factor(monkeypatch):
    """A test's `client.force_login(user)` is a full sign-in, TOTP code included (if set up)."""
    from django.test import Client

    from .sessions import force_login_with_second_factor

    monkeypatch.setattr(Client, "force_login", force_login_with_second_factor)
