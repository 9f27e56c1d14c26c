"""Who may open which page of the management area: anonymous, citizen and each staff role."""

import pytest
from django.test import Client

from sozialraum.core.models import AuditEntry
from tests.factories import UserFactory, give_totp

pytestmark = pytest.mark.django_db

PAGES = {
    "index": "/de/verwaltung/",
    "page_list": "/de/verwaltung/seiten/",
    "page_create": "/de/verwaltung/seiten/neu/",
    "page_edit": "/de/verwaltung/seiten/impressum/bearbeiten/",
    "settings": "/de/verwaltung/einstellungen/",
    "audit_list": "/de/verwaltung/protokoll/",
    "audit_detail": "/de/verwaltung/protokoll/{entry}/",
}

ALLOWED = {
    "citizen": set(),
    "editor": {"index", "page_list", "page_create", "page_edit"},
    "planner": {"index"},
    "administrator": set(PAGES),
}


def sign_in(client: Client, role: str):
    user = UserFactory(roles=[] if role == "citizen" else [role])
    if role != "citizen":
        give_totp(user)
    client.force_login(user)
    return user


@pytest.fixture
def entry():
    return AuditEntry.objects.create(
        action="core.page_changed", object_type="core.Page", object_id="1", object_repr="Impressum"
    )


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_asked_to_log_in(client: Client, entry, name):
    url = PAGES[name].format(entry=entry.pk)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/de/konto/login/?next=")


@pytest.mark.parametrize("role", ALLOWED)
@pytest.mark.parametrize("name", PAGES)
def test_each_role_sees_only_what_it_may_do(client: Client, entry, role, name):
    sign_in(client, role)
    response = client.get(PAGES[name].format(entry=entry.pk))
    expected = 200 if name in ALLOWED[role] else 403
    assert response.status_code == expected


@pytest.mark.parametrize("role", ["citizen", "planner"])
def test_people_without_the_right_cannot_change_a_page_by_posting(client: Client, role):
    sign_in(client, role)
    response = client.post(
        PAGES["page_edit"], {"title_de": "Gehackt", "position": 1, "body_de": "x"}
    )
    assert response.status_code == 403
    assert "Gehackt" not in client.get("/de/seite/impressum/").content.decode()


def test_editor_cannot_change_site_settings_by_posting(client: Client):
    sign_in(client, "editor")
    response = client.post(PAGES["settings"], {"city_name_de": "Gehackt"})
    assert response.status_code == 403
    assert "Gehackt" not in client.get("/de/").content.decode()


@pytest.mark.parametrize(
    ("role", "visible", "hidden"),
    [
        (
            "editor",
            ["/de/verwaltung/seiten/"],
            ["/de/verwaltung/einstellungen/", "/de/verwaltung/protokoll/"],
        ),
        (
            "planner",
            [],
            [
                "/de/verwaltung/seiten/",
                "/de/verwaltung/einstellungen/",
                "/de/verwaltung/protokoll/",
            ],
        ),
        (
            "administrator",
            [
                "/de/verwaltung/seiten/",
                "/de/verwaltung/einstellungen/",
                "/de/verwaltung/protokoll/",
            ],
            [],
        ),
    ],
)
def test_start_page_links_only_to_what_the_person_may_do(client: Client, role, visible, hidden):
    sign_in(client, role)
    html = client.get(PAGES["index"]).content.decode()
    for url in visible:
        assert f'href="{url}"' in html
    for url in hidden:
        assert f'href="{url}"' not in html
    if not visible:
        assert "nichts zu tun" in html


def test_staff_without_two_factor_are_sent_to_set_it_up_first(client: Client):
    client.force_login(UserFactory(roles=["administrator"]))
    response = client.get(PAGES["settings"])
    assert response.status_code == 302
    assert "/2fa/" in response["Location"]
