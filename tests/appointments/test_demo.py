"""The demo: two counselling services of the demo directory take appointments."""

from io import StringIO

import pytest
from django.core.management.color import no_style
from django.urls import reverse

from sozialraum.appointments import demo
from sozialraum.appointments.models import Appointment, AppointmentOffer
from sozialraum.areas import demo as areas_demo
from sozialraum.directory import demo as directory_demo

pytestmark = pytest.mark.django_db


def test_the_demo_offers_bookable_appointments_and_loads_again(client):
    areas_demo.load(StringIO(), no_style())
    directory_demo.load_directory()
    out = StringIO()
    demo.load(out, no_style())
    demo.load(out, no_style())
    assert AppointmentOffer.objects.filter(is_active=True).count() == 2
    assert Appointment.objects.filter(status="confirmed").count() == 6
    offer = AppointmentOffer.objects.get(service__name_de="Sozialberatung im Kiez")
    assert offer.service.organization.name_de == "Nachbarschaftshaus Am Kanal e. V."
    assert offer.topics.get(position=0).name_ar
    page = client.get(reverse("directory:service", kwargs={"service_id": offer.service_id}))
    assert reverse("appointments:offer", kwargs={"service_id": offer.service_id}) in (
        page.content.decode()
    )
