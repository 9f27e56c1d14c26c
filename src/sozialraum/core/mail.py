"""E-mails sent by the background worker, with retries, so that a slow or unreachable mail
server never slows a request down.

`mail_later(...)` is called inside the write that causes the mail (a booking, a cancellation):
the task is handed to the worker only once the transaction commits, so a rolled-back booking
sends nothing. The worker tries again after 1, 4, 9, 16 … minutes when the mail server fails,
up to `MAIL_ATTEMPTS` times, then logs the mail as lost.
"""

import datetime
import logging
import smtplib
from collections.abc import Sequence
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task, task_backends
from django.utils import timezone

logger = logging.getLogger(__name__)

#: (file name, content as text, MIME type), e.g. ("termin.ics", "BEGIN:VCALENDAR…", "text/calendar")
Attachment = tuple[str, str, str]


def mail_later(
    *,
    to: Sequence[str],
    subject: str,
    body: str,
    html: str = "",
    attachments: Sequence[Attachment] = (),
    reply_to: Sequence[str] = (),
) -> None:
    """Send the mail from the worker once the current transaction has committed."""
    message = {
        "to": list(to),
        "subject": " ".join(subject.split()),  # a header has one line
        "body": body,
        "html": html,
        "attachments": [list(attachment) for attachment in attachments],
        "reply_to": list(reply_to),
    }
    transaction.on_commit(partial(send_email.enqueue, message=message), robust=True)


def retry_delay(attempt: int) -> datetime.timedelta:
    """How long to wait before the next attempt: 1, 4, 9, 16 … minutes."""
    return datetime.timedelta(minutes=attempt**2)


@task
def send_email(message: dict, attempt: int = 1) -> int:
    """Send one mail (a dict as `mail_later` builds it: task arguments must be JSON)."""
    mail = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        to=message["to"],
        reply_to=message.get("reply_to") or None,
    )
    if message.get("html"):
        mail.attach_alternative(message["html"], "text/html")
    for name, content, mimetype in message.get("attachments", []):
        mail.attach(name, content, mimetype)
    try:
        return mail.send()
    except (OSError, smtplib.SMTPException):
        backend = task_backends[send_email.backend]
        if attempt >= settings.MAIL_ATTEMPTS or not backend.supports_defer:
            # the subject, not the address: logs are kept longer than the personal data
            logger.exception("Mail „%s“ not sent after %d attempts", message["subject"], attempt)
            raise
        logger.warning("Mail „%s“ failed (attempt %d), trying again", message["subject"], attempt)
        send_email.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
            message=message, attempt=attempt + 1
        )
        return 0
