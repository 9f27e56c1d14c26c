"""The pass pages of the management area: editors issue, import, export, find and block passes."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sozialraum.core.models import AuditEntry
from sozialraum.passes.models import Pass, PassType
from tests.factories import UserFactory, give_totp

from .factories import PassFactory, PassTypeFactory

pytestmark = pytest.mark.django_db

INDEX = "/de/verwaltung/paesse/"


def sign_in(client: Client, roles: list[str]):
    user = UserFactory(roles=roles)
    if roles:
        give_totp(user)
    client.force_login(user)
    return user


@pytest.fixture
def editor(client: Client):
    return sign_in(client, ["editor"])


@pytest.fixture
def ferienpass():
    return PassTypeFactory(code="FP", name="Ferienpass")


@pytest.mark.parametrize(
    ("roles", "status"),
    [([], 403), (["planner"], 403), (["editor"], 200), (["administrator"], 200)],
)
def test_only_editors_and_administrators_open_the_pass_pages(client: Client, roles, status):
    card = PassFactory()
    sign_in(client, roles)
    for url in (
        INDEX,
        f"{INDEX}ausgeben/",
        f"{INDEX}import/",
        f"{INDEX}{card.pk}/",
        f"{INDEX}export/",
    ):
        assert client.get(url).status_code == status, url
    assert client.post(f"{INDEX}{card.pk}/sperren/").status_code in (302 if status == 200 else 403,)


def test_anonymous_visitors_are_sent_to_the_login(client: Client):
    response = client.get(INDEX)
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_the_management_start_page_links_to_passes_for_editors_only(client: Client):
    sign_in(client, ["editor"])
    assert 'href="/de/verwaltung/paesse/"' in client.get("/de/verwaltung/").content.decode()
    sign_in(client, ["planner"])
    assert 'href="/de/verwaltung/paesse/"' not in client.get("/de/verwaltung/").content.decode()


def test_an_editor_creates_a_pass_type_then_changes_it(client: Client, editor):
    response = client.post(
        f"{INDEX}arten/neu/",
        {"code": "FAM", "name_de": "Familienpass", "name_en": "Family pass", "validity_months": 12},
    )
    assert response.status_code == 302
    pass_type = PassType.objects.get(code="FAM")
    assert pass_type.name_en == "Family pass"
    response = client.post(
        f"{INDEX}arten/{pass_type.pk}/",
        {"code": "XYZ", "name_de": "Familienpass", "validity_months": 24},
    )
    assert response.status_code == 302
    pass_type.refresh_from_db()
    assert (pass_type.code, pass_type.validity_months) == ("FAM", 24)  # the code stays
    assert AuditEntry.objects.filter(action__startswith="passes.type_").count() == 2


def test_a_pass_type_without_a_german_name_or_with_a_bad_code_is_refused(client: Client, editor):
    response = client.post(f"{INDEX}arten/neu/", {"code": "fp1", "validity_months": 12})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Großbuchstaben" in html and 'href="#id_name_de"' in html
    assert not PassType.objects.exists()


def test_an_editor_issues_passes_and_downloads_the_new_numbers(client: Client, editor, ferienpass):
    old = PassFactory(pass_type=ferienpass)
    response = client.post(
        f"{INDEX}ausgeben/",
        {"pass_type": ferienpass.pk, "count": 3, "valid_from": "2025-06-01", "birth_year": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "3 Pässe „Ferienpass“ sind ausgegeben." in html
    new = Pass.objects.exclude(pk=old.pk)
    assert new.count() == 3
    for card in new:
        assert card.display_number in html
        assert card.valid_until == datetime.date(2026, 5, 31)
    link = html.split('href="/de/verwaltung/paesse/export/?format=csv&amp;')[1].split('"')[0]
    download = client.get(f"{INDEX}export/?format=csv&" + link.replace("&amp;", "&"))
    text = download.content.decode("utf-8-sig")
    assert download["Content-Disposition"].startswith('attachment; filename="paesse-fp-')
    assert len(text.strip().splitlines()) == 4  # header and the three new passes only
    assert old.display_number not in text


def test_issuing_with_an_end_before_the_start_names_the_field(client: Client, editor, ferienpass):
    response = client.post(
        f"{INDEX}ausgeben/",
        {
            "pass_type": ferienpass.pk,
            "count": 1,
            "valid_from": "2025-06-01",
            "valid_until": "2025-05-01",
        },
    )
    assert 'href="#id_valid_until"' in response.content.decode()
    assert not Pass.objects.exists()


def test_without_a_pass_type_issuing_starts_with_creating_one(client: Client, editor):
    response = client.get(f"{INDEX}ausgeben/")
    assert response["Location"] == f"{INDEX}arten/neu/"


def test_an_editor_imports_a_file_and_sees_every_problem_of_a_bad_one(
    client: Client, editor, ferienpass
):
    bad = SimpleUploadedFile("paesse.csv", b"nummer;art;gueltig_ab\nM0001234;XX;2025-01-01\n")
    html = client.post(f"{INDEX}import/", {"file": bad}).content.decode()
    assert "Nichts importiert" in html
    assert "paesse.csv, Zeile 2, Spalte „art“" in html
    good = SimpleUploadedFile("paesse.csv", b"nummer;art;gueltig_ab\nM0001234;FP;2025-01-01\n")
    response = client.post(f"{INDEX}import/", {"file": good}, follow=True)
    assert "1 Pässe neu, 0 geändert, 0 unverändert." in response.content.decode()
    assert Pass.objects.get().number == "M0001234"


def test_an_xlsx_export_has_every_pass(client: Client, editor, ferienpass):
    PassFactory(pass_type=ferienpass, birth_year=2012)
    response = client.get(f"{INDEX}export/?format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == [
        "nummer",
        "art",
        "gueltig_ab",
        "gueltig_bis",
        "geburtsjahr",
        "gesperrt",
    ]
    assert sheet.max_row == 2 and sheet["E2"].value == 2012


def test_an_editor_finds_a_pass_by_its_number_as_typed_and_blocks_it(
    client: Client, editor, ferienpass
):
    card = PassFactory(pass_type=ferienpass)
    typed = card.display_number.lower().replace("-", " ")
    response = client.get(INDEX, {"number": typed})
    assert response["Location"] == f"{INDEX}{card.pk}/"
    assert "gültig" in client.get(response["Location"]).content.decode()
    page = client.post(f"{INDEX}{card.pk}/sperren/", follow=True).content.decode()
    assert "Der Pass ist gesperrt." in page and "Pass wieder freigeben" in page
    card.refresh_from_db()
    assert card.revoked is not None
    client.post(f"{INDEX}{card.pk}/freigeben/")
    card.refresh_from_db()
    assert card.revoked is None


def test_searching_an_unknown_number_says_so(client: Client, editor, ferienpass):
    html = client.get(INDEX, {"number": "M999999"}).content.decode()
    assert "Es gibt keinen Pass mit der Nummer „M999999“." in html


def test_an_export_of_an_unknown_type_is_not_found(client: Client, editor, ferienpass):
    assert client.get(f"{INDEX}export/", {"art": 'x"; evil'}).status_code == 404
