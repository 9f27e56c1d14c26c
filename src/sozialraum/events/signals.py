"""What other apps may hear of the events app without it knowing them."""

from django.dispatch import Signal

#: A date was cancelled (``occurrence``), sent inside the cancelling transaction after its
#: bookings were told; the holiday programme tells the families who wished for it.
date_cancelled = Signal()
