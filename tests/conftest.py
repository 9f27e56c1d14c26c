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
