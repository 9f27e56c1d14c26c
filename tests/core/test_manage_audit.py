"""Administrators read the audit log: newest first, filtered, with before/after per field."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from sozialraum.core.audit import EMPTY
from sozialraum.core.models import AuditEntry, Page
from sozialraum.core.services import page_update
from tests.factories import UserFactory, give_totp

pytestmark = pytest.mark.django_db

URL = "/de/verwaltung/protokoll/"


@pytest.fixture
def administrator(client: Client):
    user = UserFactory(roles=["administrator"], email="admin@stadt.example")
    give_totp(user)
    client.force_login(user)
    return user


def entry(
    action="core.page_changed",
    object_type="core.Page",
    actor_label="redaktion@stadt.example",
    days_ago=0,
    **fields,
):
    created = AuditEntry.objects.create(
        action=action, object_type=object_type, actor_label=actor_label, **fields
    )
    AuditEntry.objects.filter(pk=created.pk).update(
        created=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return created


def rows(html: str) -> int:
    body = html[html.index("<tbody") : html.index("</tbody>")]
    return body.count("<tr")


def test_log_lists_entries_newest_first_with_who_what_and_object(client: Client, administrator):
    editor = UserFactory(roles=["editor"], email="redaktion@stadt.example")
    page = Page.objects.get(slug="impressum")
    page_update(actor=editor, page=page, title={"de": "Impressum alt"}, body={})
    page_update(actor=editor, page=page, title={"de": "Impressum neu"}, body={})
    html = client.get(URL).content.decode()
    assert "redaktion@stadt.example" in html
    assert "Seite geändert" in html
    assert "Seite: Impressum neu" in html
    assert html.index("Impressum neu") < html.index("Impressum alt")
    assert "2 Einträge" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", 4),
        ("?object_type=core.SiteSettings", 1),
        ("?action=core.page_created", 1),
        ("?actor=admin%40stadt.example", 2),
        ("?date_from=" + (timezone.localdate() - datetime.timedelta(days=3)).isoformat(), 3),
        ("?date_to=" + (timezone.localdate() - datetime.timedelta(days=3)).isoformat(), 1),
        ("?object_type=core.Page&actor=redaktion%40stadt.example", 2),
    ],
)
def test_filters_narrow_the_log_down(client: Client, administrator, query, expected):
    entry(action="core.page_created", days_ago=10, object_repr="Neue Seite")
    entry(days_ago=2, object_repr="Impressum")
    entry(
        action="core.sitesettings_changed",
        object_type="core.SiteSettings",
        actor_label="admin@stadt.example",
        days_ago=1,
    )
    entry(object_type="core.Page", actor_label="admin@stadt.example", object_repr="Kontakt")
    html = client.get(URL + query).content.decode()
    assert rows(html) == expected
    assert f"{expected} Eintr" in html


def test_filter_form_offers_the_values_in_the_log(client: Client, administrator):
    entry(action="core.sitesettings_changed", object_type="core.SiteSettings")
    html = client.get(URL).content.decode()
    assert '<option value="core.SiteSettings">Einstellungen der Plattform</option>' in html
    assert '<option value="core.sitesettings_changed">Einstellungen geändert</option>' in html
    assert '<option value="redaktion@stadt.example">redaktion@stadt.example</option>' in html
    assert 'type="date" name="date_from"' in html


def test_end_before_start_is_explained(client: Client, administrator):
    entry()
    html = client.get(URL + "?date_from=2026-03-10&date_to=2026-03-01").content.decode()
    assert 'href="#id_date_to">Bis (Datum): Das Enddatum liegt vor dem Anfangsdatum.' in html
    assert "Es wurde nichts gespeichert." not in html


def test_log_is_paginated(client: Client, administrator):
    for number in range(55):
        entry(object_repr=f"Seite {number}")
    first = client.get(URL).content.decode()
    assert rows(first) == 50
    assert "Seite 1 von 2" in first
    assert 'href="?page=2"' in first
    second = client.get(URL + "?page=2").content.decode()
    assert rows(second) == 5


def test_detail_shows_the_differences_per_field(client: Client, administrator):
    editor = UserFactory(roles=["editor"], email="redaktion@stadt.example")
    page = Page.objects.get(slug="kontakt")
    page_update(
        actor=editor, page=page, title={"de": "Kontakt", "ar": "اتصل بنا"}, body={}, position=55
    )
    audit = AuditEntry.objects.get()
    html = client.get(f"{URL}{audit.pk}/").content.decode()
    assert "Protokolleintrag: Seite geändert" in html
    assert "redaktion@stadt.example" in html
    assert '<th class="kern-table__header" scope="row">Titel (Arabisch)</th>' in html
    assert '<div class="sr-diff__value" lang="ar" dir="rtl">اتصل بنا</div>' in html
    assert '<th class="kern-table__header" scope="row">Reihenfolge</th>' in html
    assert ">50</div>" in html and ">55</div>" in html
    # Unchanged fields are not listed.
    assert "Text (Deutsch)" not in html


def test_log_is_read_only(client: Client, administrator):
    audit = entry()
    assert client.post(URL).status_code == 405
    assert client.post(f"{URL}{audit.pk}/").status_code == 405
    assert AuditEntry.objects.count() == 1


def test_role_changes_show_labels_and_role_names(client: Client, administrator):
    from sozialraum.accounts.services import user_set_roles

    person = UserFactory(email="neu@stadt.example")
    user_set_roles(user=person, roles=["editor", "planner"], actor=administrator)
    audit = AuditEntry.objects.get(action="accounts.roles_changed")
    html = client.get(f"{URL}{audit.pk}/").content.decode()
    assert '<th class="kern-table__header" scope="row">Rollen</th>' in html
    assert ">Redaktion, Sozialplanung</div>" in html
    assert "[]" not in html and "editor" not in html
    assert '<span class="kern-body--muted">\N{EN DASH}' in html  # no roles before


def test_yes_and_no_instead_of_true_and_false(client: Client, administrator):
    audit = entry(
        action="accounts.deactivated",
        object_type="accounts.User",
        before={"is_active": True},
        after={"is_active": False},
    )
    html = client.get(f"{URL}{audit.pk}/").content.decode()
    assert ">Ja</div>" in html and ">Nein</div>" in html
    assert "True" not in html and "False" not in html


@pytest.mark.parametrize(
    ("object_type", "field", "value", "label", "text"),
    [
        ("accounts.User", "roles", ["administrator"], "Rollen", "Administration"),
        ("accounts.User", "is_active", True, "Aktiv", "Ja"),
        ("directory.Membership", "is_admin", False, None, "Nein"),
        ("directory.Membership", "email", "a@b.example", "E-Mail-Adresse", "a@b.example"),
        ("core.Page", "position", 5, "Reihenfolge", "5"),
        ("core.Page", "title_ar", "", "Titel (Arabisch)", EMPTY),
        ("no.SuchModel", "unknown", None, "unknown", EMPTY),
    ],
)
def test_describe_change(object_type, field, value, label, text):
    from sozialraum.core.audit import describe_change

    described = describe_change(object_type, field, value)
    if label is not None:
        assert described.label == label
    assert described.value == text


def test_every_action_has_words_also_those_an_app_brings_along():
    from sozialraum.core.views_manage import action_label

    assert action_label("accounts.deactivated") == "Konto gesperrt"
    assert action_label("passes.issued") == "Pässe ausgegeben"  # PassesConfig.audit_actions
    assert action_label("passes.unheard_of") == "passes.unheard_of"
    assert action_label("nowhere.done") == "nowhere.done"
