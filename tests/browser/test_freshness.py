"""The freshness page: confirming services by keyboard alone; zero axe violations in de/en/ar."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.utils import timezone, translation
from playwright.sync_api import expect

from sozialraum.directory.models import Service
from tests.directory.factories import MembershipFactory, ServiceFactory
from tests.factories import give_totp

from .conftest import assert_accessible, axe_violations, format_violations
from .login import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def member():
    with translation.override("de"):
        membership = MembershipFactory(is_admin=True, user__email="leitung@example.org")
        give_totp(membership.user)
        organization = membership.organization
        today = timezone.localdate()
        ServiceFactory(organization=organization, name="Aktuelle Beratung", assured_date=today)
        due = ServiceFactory(
            organization=organization,
            name="Fällige Beratung",
            assured_date=today - datetime.timedelta(days=250),
        )
        outdated = ServiceFactory(organization=organization, name="Alte Beratung")
        long_ago = timezone.now() - datetime.timedelta(days=500)
        Service.objects.filter(pk=outdated.pk).update(created=long_ago)
        assert due.pk
        return membership


def page_url(organization, language: str = "de") -> str:
    return f"/{language}/angebote/organisation/{organization.pk}/aktualitaet/"


def tab_to_element(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} was not reached with Tab")


@pytest.mark.parametrize("language", ["de", "en", "ar"])
def test_freshness_page_has_no_axe_violations(page, live_server, member, language):
    log_in(page, live_server, member.user)
    assert_accessible(page, page_url(member.organization, language))


def test_error_and_success_states_have_no_axe_violations(page, live_server, member):
    log_in(page, live_server, member.user)
    page.goto(page_url(member.organization))
    for checkbox in page.get_by_role("checkbox").all():
        checkbox.uncheck()
    page.get_by_role("button", name="Ausgewählte bestätigen").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Wählen Sie mindestens ein Angebot aus")
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)
    # the error summary's link leads to the list of services
    alert.get_by_role("link").click()
    expect(page.locator("#id_services")).to_be_focused()

    page.get_by_role("button", name="Alle bestätigen").click()
    expect(page.get_by_text("3 Angebote sind jetzt als aktuell bestätigt")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)


def test_member_confirms_services_by_keyboard_alone(page, live_server, member):
    log_in(page, live_server, member.user)
    page.goto(page_url(member.organization))
    expect(page.locator("h1")).to_have_text("Aktualität der Angebote")
    # due and overdue services are ticked already; the member adds the current one
    expect(page.get_by_label("Fällige Beratung")).to_be_checked()
    expect(page.get_by_label("Alte Beratung")).to_be_checked()
    expect(page.get_by_label("Aktuelle Beratung")).not_to_be_checked()
    page.keyboard.press("Tab")
    expect(page.locator(".sr-skip-link")).to_be_focused()
    page.keyboard.press("Enter")

    tab_to_element(page, "input[type=checkbox]:not(:checked)")
    page.keyboard.press("Space")
    expect(page.get_by_label("Aktuelle Beratung")).to_be_checked()
    tab_to_element(page, "button[value=selected]")
    page.keyboard.press("Enter")

    expect(page.get_by_text("3 Angebote sind jetzt als aktuell bestätigt")).to_be_visible()
    expect(page.get_by_text("Alle Angebote sind aktuell. Danke!")).to_be_visible()
    assert set(Service.objects.values_list("assured_date", flat=True)) == {timezone.localdate()}


@pytest.mark.parametrize("language", ["de", "en", "ar"])
def test_public_outdated_notice_has_no_axe_violations(page, live_server, language):
    """The snippet public pages include, shown in the site's layout (both variants)."""
    with translation.override("de"):
        service = ServiceFactory(name="Alte Beratung")
    Service.objects.filter(pk=service.pk).update(
        created=timezone.now() - datetime.timedelta(days=500)
    )
    service.refresh_from_db()
    notice = '{% include "directory/freshness/_outdated_notice.html" with service=service'
    template = Template(
        '{% extends "base.html" %}{% block content %}<h1>{{ service.name }}</h1>'
        f"{notice} %}}<h2>Liste</h2><ul><li>{{{{ service.name }}}}{notice} compact=True %}}"
        "</li></ul>{% endblock %}"
    )
    with translation.override(language):
        request = RequestFactory().get(f"/{language}/angebote/{service.pk}/")
        request.LANGUAGE_CODE = language
        request.user = AnonymousUser()
        html = template.render(RequestContext(request, {"service": service}))
    page.goto(f"/{language}/")  # the live server's origin, so the style sheets load
    page.set_content(html)
    expect(page.locator(".sr-outdated-notice")).to_have_count(2)
    violations = axe_violations(page)
    assert not violations, format_violations(f"notice ({language})", violations)
