"""Pass pages (/verwaltung/paesse/): zero axe violations in every language, and an editor who
issues passes and blocks one by keyboard alone."""

import datetime

import pytest
from playwright.sync_api import expect

from sozialraum.passes.models import Pass, PassType
from sozialraum.passes.services import passes_issue
from tests.factories import UserFactory, give_totp

from .conftest import assert_accessible, axe_violations, format_violations
from .login import log_in
from .test_manage import press_tab_until, tab_to_text

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ["de", "en", "ar"]


def editor(email: str):
    user = UserFactory(roles=["editor"], email=email)
    give_totp(user)
    return user


def ferienpass() -> PassType:
    return PassType.objects.create(
        code="FP", name_de="Ferienpass", name_en="Holiday pass", name_ar="بطاقة العطلة"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_pass_page_has_no_axe_violations(page, live_server, language):
    user = editor(f"redaktion-{language}@stadt.example")
    pass_type = ferienpass()
    (card,) = passes_issue(
        actor=user, pass_type=pass_type, count=1, valid_from=datetime.date(2025, 1, 1)
    )
    log_in(page, live_server, user)
    for path in [
        "verwaltung/paesse/",
        "verwaltung/paesse/?number=M404404",
        "verwaltung/paesse/ausgeben/",
        "verwaltung/paesse/import/",
        "verwaltung/paesse/arten/neu/",
        f"verwaltung/paesse/arten/{pass_type.pk}/",
        f"verwaltung/paesse/{card.pk}/",
    ]:
        assert_accessible(page, f"/{language}/{path}")

    # Forms with errors, and the page after issuing.
    page.goto(f"/{language}/verwaltung/paesse/ausgeben/")
    page.fill("#id_count", "0")
    page.locator("form.sr-manage-form button[type=submit]").click()
    expect(page.locator(".sr-error-summary")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)
    page.fill("#id_count", "2")
    page.locator("form.sr-manage-form button[type=submit]").click()
    expect(page.locator(".sr-pass-numbers li")).to_have_count(2)
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)

    page.goto(f"/{language}/verwaltung/paesse/import/")
    page.set_input_files(
        "#id_file",
        files=[{"name": "p.csv", "mimeType": "text/csv", "buffer": b"nummer;art\nX;Y\n"}],
    )
    page.locator("form.sr-manage-form button[type=submit]").click()
    expect(page.locator("[role=alert]")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)


def test_an_editor_issues_passes_and_blocks_one_by_keyboard(page, live_server):
    ferienpass()
    log_in(page, live_server, editor("redaktion@stadt.example"))
    page.goto("/de/verwaltung/")
    tab_to_text(page, "Pässe")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/de/verwaltung/paesse/")
    tab_to_text(page, "Pässe ausgeben (neue Nummern erzeugen)")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Pässe ausgeben")

    press_tab_until(page, "el && el.id === 'id_count'")
    page.keyboard.press("Control+A")
    page.keyboard.type("3")
    press_tab_until(page, "el && el.id === 'id_valid_from'")
    press_tab_until(page, "el && el.id === 'id_birth_year'")
    page.keyboard.type("2015")
    press_tab_until(page, "el && el.type === 'submit'")
    page.keyboard.press("Enter")
    expect(page.locator(".sr-pass-numbers li")).to_have_count(3)
    assert Pass.objects.filter(birth_year=2015).count() == 3

    first = Pass.objects.order_by("number").first()
    press_tab_until(page, f"el && el.textContent.trim() === {first.display_number!r}")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text(first.display_number)
    tab_to_text(page, "Pass sperren")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Der Pass ist gesperrt.")).to_be_visible()
    first.refresh_from_db()
    assert first.revoked is not None
