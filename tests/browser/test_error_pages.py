"""Error pages are in the layout and accessible too."""

import pytest

from tests.events.factories import first_date, open_registration

from .conftest import axe_violations, format_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", ["de", "en", "ar"])
def test_not_found_page_has_no_axe_violations(page, language):
    url = f"/{language}/gibt-es-nicht/"
    response = page.goto(url)
    assert response is not None and response.status == 404
    violations = axe_violations(page)
    assert not violations, format_violations(url, violations)


@pytest.mark.parametrize("language", ["de", "en", "ar"])
def test_too_many_registrations_page_has_no_axe_violations(page, settings, language):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "event_registration": "0/h/ip"}
    occurrence = first_date(open_registration())
    page.goto(f"/{language}/veranstaltungen/termin/{occurrence.pk}/anmelden/")
    page.fill("#id_name", "Ali Ahmad")
    page.fill("#id_email", "ali@example.org")
    page.fill("#id_p0-name", "Ali")
    with page.expect_response(lambda response: response.request.method == "POST") as sent:
        page.locator("form[method=post] button[type=submit]").click()
    assert sent.value.status == 429
    assert page.locator("h1").count() == 1
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)
