"""Mails go out from the background worker after the write commits, and are tried again when
the mail server fails."""

import datetime

import pytest
from django.db import transaction
from django.tasks import default_task_backend
from django.test import override_settings
from django.utils import timezone

from sozialraum.core import mail
from sozialraum.core.mail import mail_later, send_email

ICS = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"


@pytest.mark.django_db
def test_a_mail_is_sent_with_its_attachment_once_the_write_commits(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mail_later(
            to=["ada@example.org"],
            subject="Ihre Anmeldung\n(bestätigt)",
            body="Hallo",
            attachments=[("termin.ics", ICS, "text/calendar")],
        )
        assert mailoutbox == []  # not before the commit

    assert len(mailoutbox) == 1
    sent = mailoutbox[0]
    assert sent.subject == "Ihre Anmeldung (bestätigt)"
    assert sent.attachments[0][0] == "termin.ics"


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_sends_nothing(mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        mail_later(to=["ada@example.org"], subject="Anmeldung", body="Hallo")
        raise RuntimeError

    assert mailoutbox == []


def failing_send(self):
    raise ConnectionRefusedError("mail server down")


DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@override_settings(TASKS=DUMMY, MAIL_ATTEMPTS=3)
def test_a_failed_mail_is_tried_again_later(monkeypatch, caplog):
    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", failing_send)
    default_task_backend.clear()
    message = {"to": ["ada@example.org"], "subject": "Termin", "body": "Hallo"}

    before = timezone.now()
    assert send_email.call(message=message) == 0

    [retry] = default_task_backend.results
    assert retry.kwargs == {"message": message, "attempt": 2}
    assert retry.task.run_after >= before + datetime.timedelta(minutes=1)

    with pytest.raises(ConnectionRefusedError):  # the last attempt gives up, and logs it
        send_email.call(message=message, attempt=3)
    assert "Termin" in caplog.text
    assert "ada@example.org" not in caplog.text  # logs outlive the personal data
