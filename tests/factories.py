import factory
from django.contrib.auth.models import Group

from sozialraum.accounts.models import User
from sozialraum.accounts.roles import Role
from sozialraum.directory.models import Membership, Organization

PASSWORD = "Sehr-geheimes-Passwort-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or []:
            # get_or_create: transactional tests empty the table the data migration filled.
            self.groups.add(Group.objects.get_or_create(name=Role(role).value)[0])
        if create:
            self.save()


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Beratungsstelle {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    is_admin = False


def give_totp(user, secret: str = "JBSWY3DPEHPK3PXP") -> str:
    """Set up two-factor (TOTP) for a user as if they had done it; returns the secret."""
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str = "JBSWY3DPEHPK3PXP") -> str:
    """The current TOTP code for a secret, as an authenticator app would show it.

    Near the end of a 30-second window it waits for the next one, so that the code is still
    valid when the test (or the browser, typing it) submits it.
    """
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    if 30 - time.time() % 30 < 3:
        time.sleep(30 - time.time() % 30 + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))
