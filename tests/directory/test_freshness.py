"""Freshness: reminders by e-mail, confirming services, and the public "possibly outdated" mark."""

import contextlib
import datetime
import threading
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone

from sozialraum.core.models import AuditEntry
from sozialraum.directory import freshness
from sozialraum.directory.models import FreshnessReminder, Service
from tests.directory.factories import MembershipFactory, ServiceFactory, UserFactory
from tests.factories import give_totp

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 5)


def entered_on(service: Service, day: datetime.date) -> Service:
    """Pretend the service was entered on `day` (created is set automatically otherwise)."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    Service.objects.filter(pk=service.pk).update(created=moment)
    service.refresh_from_db()
    return service


def old_service(organization, *, confirmed: datetime.date | None, **kwargs) -> Service:
    service = ServiceFactory(organization=organization, assured_date=confirmed, **kwargs)
    return entered_on(service, datetime.date(2024, 1, 10))


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://sozialraum.example.de"
    settings.FRESHNESS_REMINDER_MONTHS = 6


@pytest.fixture
def admin():
    return MembershipFactory(is_admin=True, user__email="leitung@example.org")


@pytest.fixture
def organization(admin):
    return admin.organization


@pytest.fixture
def colleague(organization):
    return MembershipFactory(organization=organization, user__email="kollegin@example.org")


def send(django_capture_on_commit_callbacks, today=TODAY) -> int:
    with django_capture_on_commit_callbacks(execute=True):
        return freshness.freshness_reminders_send(today=today)


# --- Reminders ----------------------------------------------------------------------------------


def test_members_are_reminded_of_services_nobody_confirmed_for_six_months(
    organization, colleague, django_capture_on_commit_callbacks
):
    due = old_service(organization, confirmed=datetime.date(2026, 5, 1), name="Schuldnerberatung")
    old_service(organization, confirmed=datetime.date(2026, 11, 1), name="Mieterberatung")

    assert send(django_capture_on_commit_callbacks) == 1

    assert [message.to for message in mail.outbox] == [
        ["leitung@example.org"],
        ["kollegin@example.org"],
    ]
    message = mail.outbox[0]
    assert organization.name in message.subject
    assert "Schuldnerberatung (zuletzt bestätigt am 1. Mai 2026)" in message.body
    assert "Mieterberatung" not in message.body
    link = f"https://sozialraum.example.de/de/angebote/organisation/{organization.pk}/aktualitaet/"
    assert link in message.body
    reminder = FreshnessReminder.objects.get()
    assert (reminder.sent_on, reminder.service_count, reminder.delivered) == (TODAY, 1, 2)
    assert due.pk


def test_a_service_never_confirmed_counts_from_the_day_it_was_entered(
    organization, django_capture_on_commit_callbacks
):
    recent = ServiceFactory(organization=organization, name="Neu eingetragen")
    entered_on(recent, datetime.date(2026, 9, 1))
    assert send(django_capture_on_commit_callbacks) == 0

    entered_on(recent, datetime.date(2026, 6, 1))
    assert send(django_capture_on_commit_callbacks) == 1
    assert "Neu eingetragen (eingetragen am 1. Juni 2026, noch nie bestätigt)" in (
        mail.outbox[0].body
    )


def test_services_hidden_from_the_public_need_no_confirmation(
    organization, django_capture_on_commit_callbacks
):
    old_service(organization, confirmed=None, status=Service.Status.INACTIVE)
    old_service(organization, confirmed=None, status=Service.Status.DEFUNCT)
    assert send(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_running_twice_a_day_reminds_nobody_twice(organization, django_capture_on_commit_callbacks):
    old_service(organization, confirmed=None)
    assert send(django_capture_on_commit_callbacks) == 1
    assert send(django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 1


def test_an_organization_is_reminded_again_only_after_the_reminder_period(
    organization, django_capture_on_commit_callbacks
):
    old_service(organization, confirmed=None)
    send(django_capture_on_commit_callbacks, today=datetime.date(2026, 1, 15))
    for day in (datetime.date(2026, 2, 15), datetime.date(2026, 7, 14)):
        assert send(django_capture_on_commit_callbacks, today=day) == 0
    assert send(django_capture_on_commit_callbacks, today=datetime.date(2026, 7, 15)) == 1
    assert len(mail.outbox) == 2


def test_the_reminder_period_is_a_setting(
    settings, organization, django_capture_on_commit_callbacks
):
    settings.FRESHNESS_REMINDER_MONTHS = 3
    old_service(organization, confirmed=datetime.date(2026, 8, 20))
    assert send(django_capture_on_commit_callbacks) == 1
    assert "seit mehr als 3 Monaten" in mail.outbox[0].body


def test_one_refused_address_does_not_stop_the_others(
    organization, colleague, monkeypatch, django_capture_on_commit_callbacks
):
    old_service(organization, confirmed=None)
    real_send_mail = freshness.send_mail

    def refusing(subject, body, sender, recipients, **kwargs):
        if recipients == ["leitung@example.org"]:
            raise OSError("550 mailbox unavailable")
        return real_send_mail(subject, body, sender, recipients, **kwargs)

    monkeypatch.setattr(freshness, "send_mail", refusing)
    assert send(django_capture_on_commit_callbacks) == 1
    assert [message.to for message in mail.outbox] == [["kollegin@example.org"]]
    assert FreshnessReminder.objects.get().delivered == 1


def test_when_every_address_fails_the_next_run_tries_again(
    organization, monkeypatch, django_capture_on_commit_callbacks
):
    old_service(organization, confirmed=None)

    def broken(*args, **kwargs):
        raise OSError("mail server unreachable")

    monkeypatch.setattr(freshness, "send_mail", broken)
    assert send(django_capture_on_commit_callbacks) == 1
    monkeypatch.undo()
    assert send(django_capture_on_commit_callbacks) == 1
    assert len(mail.outbox) == 1


def test_no_mail_leaves_before_the_transaction_commits(
    organization, django_capture_on_commit_callbacks
):
    old_service(organization, confirmed=None)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        freshness.freshness_reminders_send(today=TODAY)
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_locked_accounts_get_no_reminder_and_organizations_without_members_are_skipped(
    organization, django_capture_on_commit_callbacks
):
    MembershipFactory(organization=organization, user__is_active=False)
    old_service(organization, confirmed=None)
    lonely = ServiceFactory(name="Ohne Mitglieder")
    entered_on(lonely, datetime.date(2024, 1, 1))

    assert send(django_capture_on_commit_callbacks) == 1
    assert [message.to for message in mail.outbox] == [["leitung@example.org"]]
    assert not FreshnessReminder.objects.filter(organization=lonely.organization).exists()


def test_each_organization_gets_its_own_mail_with_its_own_services(
    organization, django_capture_on_commit_callbacks
):
    other = MembershipFactory(is_admin=True, user__email="andere@example.org").organization
    old_service(organization, confirmed=None, name="Unser Angebot")
    old_service(other, confirmed=None, name="Fremdes Angebot")
    assert send(django_capture_on_commit_callbacks) == 2
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "Unser Angebot" in bodies["leitung@example.org"]
    assert "Fremdes Angebot" not in bodies["leitung@example.org"]
    assert "Fremdes Angebot" in bodies["andere@example.org"]


def test_each_member_is_reminded_in_the_language_they_use(
    organization, colleague, django_capture_on_commit_callbacks
):
    colleague.user.language = "en"
    colleague.user.save()
    old_service(organization, confirmed=None, name="Mieterberatung")
    assert send(django_capture_on_commit_callbacks) == 1
    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address["leitung@example.org"].body.startswith("Guten Tag,")
    english = by_address["kollegin@example.org"]
    assert english.body.startswith("Hello,")
    assert "https://sozialraum.example.de/en/" in english.body
    assert "Mieterberatung" in english.body


def test_an_error_with_one_organization_does_not_stop_the_others(
    organization, monkeypatch, django_capture_on_commit_callbacks
):
    broken = MembershipFactory(is_admin=True).organization
    old_service(organization, confirmed=None)
    old_service(broken, confirmed=None)
    original = freshness.reminder_recipients

    def failing_for_one(org):
        if org == broken:
            raise RuntimeError("database hiccup")
        return original(org)

    monkeypatch.setattr(freshness, "reminder_recipients", failing_for_one)
    assert send(django_capture_on_commit_callbacks) == 1
    assert [message.to for message in mail.outbox] == [["leitung@example.org"]]
    assert not FreshnessReminder.objects.filter(organization=broken).exists()


def test_command_reports_how_many_organizations_were_reminded(organization):
    old_service(organization, confirmed=None)
    out = StringIO()
    call_command("send_freshness_reminders", "--today", "2026-12-05", stdout=out)
    assert "1 Organisation" in out.getvalue()
    assert FreshnessReminder.objects.get().sent_on == TODAY


def test_command_rejects_a_wrong_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="kein Datum"):
        call_command("send_freshness_reminders", "--today", "5.12.2026")


def test_command_can_hand_the_work_to_the_task_backend(organization):
    old_service(organization, confirmed=None)
    out = StringIO()
    call_command("send_freshness_reminders", "--enqueue", "--today", "2026-12-05", stdout=out)
    assert "Aufgabe übergeben" in out.getvalue()
    assert FreshnessReminder.objects.filter(organization=organization).count() == 1


def test_task_runs_the_reminders(organization):
    from sozialraum.directory.tasks import send_freshness_reminders

    old_service(organization, confirmed=None)
    result = send_freshness_reminders.enqueue(today="2026-12-05")
    assert result.return_value == 1


# --- Confirming ---------------------------------------------------------------------------------


def test_confirming_records_who_and_when_in_the_service_and_the_audit_log(
    organization, admin, monkeypatch
):
    indexed: list = []
    monkeypatch.setattr(freshness, "index_services", lambda ids: indexed.extend(ids))
    first = old_service(organization, confirmed=None)
    second = old_service(organization, confirmed=datetime.date(2025, 1, 1))

    freshness.services_confirm(services=[first, second], actor=admin.user, today=TODAY)

    for service in (first, second):
        service.refresh_from_db()
        assert service.assured_date == TODAY
        assert service.assured_by == admin.user
        assert service.assurer_email == "leitung@example.org"
    entry = AuditEntry.objects.get(action="directory.service_confirmed", object_id=str(second.pk))
    assert entry.actor == admin.user
    assert entry.before["assured_date"] == "2025-01-01"
    assert entry.after["assured_date"] == "2026-12-05"
    assert set(indexed) == {first.pk, second.pk}


def test_confirming_nothing_says_what_to_do(admin):
    with pytest.raises(freshness.FreshnessError, match="mindestens ein Angebot"):
        freshness.services_confirm(services=[], actor=admin.user)


def test_a_confirmed_service_is_not_due_again_until_the_period_has_passed(
    organization, admin, django_capture_on_commit_callbacks
):
    service = old_service(organization, confirmed=None)
    freshness.services_confirm(services=[service], actor=admin.user, today=TODAY)
    assert send(django_capture_on_commit_callbacks) == 0
    assert send(django_capture_on_commit_callbacks, today=datetime.date(2027, 6, 5)) == 1


# --- The page -----------------------------------------------------------------------------------


def page_url(organization) -> str:
    return f"/de/angebote/organisation/{organization.pk}/aktualitaet/"


def signed_in(client: Client, user) -> Client:
    give_totp(user)
    client.force_login(user)
    return client


def test_members_see_each_service_with_its_state(client, organization, colleague):
    today = timezone.localdate()
    ServiceFactory(organization=organization, name="Frisch bestätigt", assured_date=today)
    old_service(organization, confirmed=today - datetime.timedelta(days=250), name="Fällig")
    old_service(organization, confirmed=None, name="Überfällig")
    ServiceFactory(organization=organization, name="Eingestellt", status=Service.Status.DEFUNCT)
    ServiceFactory(name="Andere Organisation")

    html = signed_in(client, colleague.user).get(page_url(organization)).content.decode()

    assert "Frisch bestätigt" in html and "Aktuell" in html
    assert "Bitte prüfen und bestätigen" in html
    assert "Öffentlich als „möglicherweise veraltet“ markiert" in html
    assert "noch nie (eingetragen am 10. Januar 2024)" in html
    assert "2 Angebote sind fällig" in html
    assert "Eingestellt" not in html
    assert "Andere Organisation" not in html


def test_the_page_says_when_the_last_reminder_went_out(
    client, organization, admin, django_capture_on_commit_callbacks
):
    old_service(organization, confirmed=None)
    send(django_capture_on_commit_callbacks)
    html = signed_in(client, admin.user).get(page_url(organization)).content.decode()
    assert "Letzte Erinnerung per E-Mail: 5. Dezember 2026." in html


def test_a_member_confirms_the_selected_services(client, organization, colleague):
    first = old_service(organization, confirmed=None)
    second = old_service(organization, confirmed=None)

    response = signed_in(client, colleague.user).post(
        page_url(organization), {"services": [str(first.pk)], "confirm": "selected"}, follow=True
    )

    assert "1 Angebot ist jetzt als aktuell bestätigt" in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.assured_date == timezone.localdate()
    assert first.assured_by == colleague.user
    assert second.assured_date is None


def test_a_member_confirms_all_services_in_one_step(client, organization, admin):
    services = [old_service(organization, confirmed=None) for _ in range(3)]
    response = signed_in(client, admin.user).post(
        page_url(organization), {"confirm": "all"}, follow=True
    )
    assert "3 Angebote sind jetzt als aktuell bestätigt" in response.content.decode()
    assert "Alle Angebote sind aktuell" in response.content.decode()
    for service in services:
        service.refresh_from_db()
        assert service.assured_date == timezone.localdate()


def test_confirming_without_a_selection_shows_an_error_linked_to_the_list(
    client, organization, admin
):
    service = old_service(organization, confirmed=None)
    response = signed_in(client, admin.user).post(page_url(organization), {"confirm": "selected"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_services"' in html and 'id="id_services"' in html
    assert "Wählen Sie mindestens ein Angebot aus" in html
    service.refresh_from_db()
    assert service.assured_date is None


def test_another_organizations_service_cannot_be_confirmed_through_this_page(
    client, organization, admin
):
    foreign = old_service(MembershipFactory().organization, confirmed=None)
    response = signed_in(client, admin.user).post(
        page_url(organization), {"services": [str(foreign.pk)], "confirm": "selected"}
    )
    assert response.status_code == 200
    foreign.refresh_from_db()
    assert foreign.assured_date is None


@pytest.mark.parametrize("kind", ["other organization", "citizen"])
def test_outsiders_may_not_open_the_page(client, organization, kind):
    if kind == "other organization":
        user = MembershipFactory(is_admin=True).user
        signed_in(client, user)
    else:
        client.force_login(UserFactory())
    assert client.get(page_url(organization)).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client, organization):
    response = client.get(page_url(organization))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]


def test_staff_without_two_factor_must_set_it_up_first(organization, colleague):
    client = Client()
    client.force_login(colleague.user)  # no TOTP set up
    response = client.get(page_url(organization))
    assert response.status_code == 302
    assert "aktualitaet" not in response["Location"]


# --- The public notice --------------------------------------------------------------------------


def test_public_notice_appears_only_for_services_unconfirmed_for_a_year(organization):
    outdated = old_service(organization, confirmed=datetime.date(2025, 12, 5))
    current = old_service(organization, confirmed=datetime.date(2025, 12, 6))
    template = "directory/freshness/_outdated_notice.html"

    html = render_to_string(template, {"service": outdated, "today": TODAY})
    assert "Diese Angaben wurden seit über einem Jahr nicht bestätigt." in html
    assert "Zuletzt bestätigt am 5. Dezember 2025." in html
    assert render_to_string(template, {"service": current, "today": TODAY}).strip() == ""
    compact = render_to_string(template, {"service": outdated, "today": TODAY, "compact": True})
    assert "Möglicherweise veraltet" in compact and "kern-alert" not in compact


def test_public_notice_uses_the_current_date_when_none_is_given(organization):
    never = old_service(organization, confirmed=None)
    html = render_to_string("directory/freshness/_outdated_notice.html", {"service": never})
    assert "Eingetragen am 10. Januar 2024." in html


# --- Concurrency (PostgreSQL) -------------------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite has no row locks, it serialises whole transactions",
)
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_remind_an_organization_once(monkeypatch):
    organization = MembershipFactory(is_admin=True).organization
    old_service(organization, confirmed=None)
    original = freshness.reminder_recipients
    checked = threading.Barrier(2)

    def recipients_after_the_other_checked(organization):
        # A broken barrier means the other run waits for our lock: the locking works.
        with contextlib.suppress(threading.BrokenBarrierError):
            checked.wait(timeout=2)
        return original(organization)

    monkeypatch.setattr(freshness, "reminder_recipients", recipients_after_the_other_checked)
    results: list[int] = []

    def run() -> None:
        try:
            results.append(freshness.freshness_reminders_send(today=TODAY))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results) == [0, 1]
    assert FreshnessReminder.objects.filter(organization=organization).count() == 1
    assert len(mail.outbox) == 1
