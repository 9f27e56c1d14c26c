"""The events app's signals: what other apps may hear of it without it knowing them, and the
guard that keeps a registration with people registered from being deleted."""

from typing import Any

from django.db.models import ProtectedError
from django.dispatch import Signal
from django.utils import timezone

#: A date was cancelled (``occurrence``), sent inside the cancelling transaction after its
#: bookings were told; the holiday programme tells the families who wished for it.
date_cancelled = Signal()


def keep_registrations_with_people(sender: Any, instance: Any, **kwargs: Any) -> None:
    """pre_delete of a Registration (also when its directory event is deleted): refused while
    people are registered or waiting for an upcoming date. Deleting would drop them without a
    word; cancelling the dates tells everyone (services_provider.occurrence_cancel)."""
    from .models import ACTIVE, Booking, Occurrence

    upcoming = Occurrence.objects.filter(registration=instance).upcoming(timezone.now())
    people = Booking.objects.filter(occurrence__in=upcoming, status__in=ACTIVE)
    if people.exists():
        raise ProtectedError(
            f"Registration {instance.pk} has people registered for upcoming dates",
            set(people),
        )
