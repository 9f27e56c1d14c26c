"""Error pages are in the layout and accessible too."""

import pytest

from .conftest import axe_violations, format_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("language", ["de", "en", "ar"])
def test_not_found_page_has_no_axe_violations(page, language):
    url = f"/{language}/gibt-es-nicht/"
    response = page.goto(url)
    assert response is not None and response.status == 404
    violations = axe_violations(page)
    assert not violations, format_violations(url, violations)
