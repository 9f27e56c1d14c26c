"""`{% booking_url service as url %}`: the public booking page of a service that offers
appointments online (with at least one topic), else an empty string."""

from django import template
from django.urls import reverse

from sozialraum.appointments.models import AppointmentOffer

register = template.Library()


@register.simple_tag
def booking_url(service) -> str:
    offers = AppointmentOffer.objects.filter(
        service=service,
        service__status="active",
        is_active=True,
        topics__is_active=True,
        resources__is_active=True,
    )
    if not offers.exists():
        return ""
    return reverse("appointments:offer", kwargs={"service_id": service.pk})
