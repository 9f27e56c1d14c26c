"""Background tasks of the directory (Django's tasks framework, backend set in TASKS)."""

import datetime

from django.tasks import task

from .freshness import freshness_reminders_send


@task
def send_freshness_reminders(today: str | None = None) -> int:
    """Remind providers to confirm their services; `today` as ISO date (arguments must be
    JSON). Returns how many organizations were reminded."""
    day = datetime.date.fromisoformat(today) if today else None
    return freshness_reminders_send(today=day)
