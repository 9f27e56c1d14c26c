"""The demo never lands on a real installation."""

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from sozialraum.core.models import SiteSettings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=False)
def test_demo_refuses_to_run_without_debug():
    with pytest.raises(CommandError, match="DEBUG=1"):
        call_command("load_demo")
    assert not SiteSettings.objects.filter(city_name_de="Berlin (Demo)").exists()


@override_settings(DEBUG=True)
def test_demo_refuses_a_database_with_real_accounts():
    UserFactory(email="sachbearbeitung@musterstadt.de")
    with pytest.raises(CommandError, match="real installation"):
        call_command("load_demo")
    assert not SiteSettings.objects.filter(city_name_de="Berlin (Demo)").exists()
