"""The report pages: the list of published reports, a report with map, legend, chart and tables,
drafts only for planners, the PDF, and the admin where planners compose reports."""

import re

import pytest
from django.test import Client

from sozialraum.atlas.models import Report, ReportStatus
from tests.factories import UserFactory, give_totp

from .factories import create_map_figures
from .test_reports import create_report

pytestmark = pytest.mark.django_db

URL = "/de/sozialatlas/berichte/"


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def signed_in(client: Client, roles: list[str], **fields) -> Client:
    user = UserFactory(roles=roles, **fields)
    give_totp(user)
    client.force_login(user)
    return client


@pytest.fixture
def reports(areas):
    planning_areas = create_map_figures(areas)
    return {
        "published": create_report(planning_areas),
        "draft": create_report(planning_areas, status=ReportStatus.DRAFT, slug="entwurf"),
    }


def test_the_list_shows_published_reports_only(client: Client, reports):
    page = text(client.get(URL).content.decode())

    assert "Sozialbericht Mitte" in page
    assert "veröffentlicht am 1. Mai 2024" in page
    assert "Entwürfe" not in page


def test_a_report_shows_text_map_legend_chart_tables_and_sources(client: Client, reports):
    response = client.get(URL + "sozialbericht/")
    html = response.content.decode()
    page = text(html)

    assert response.status_code == 200
    assert "<strong>Text</strong>" in html
    assert html.count('role="img"') == 1  # the map; the restricted one is not there
    assert "Karte: Arbeitslosenanteil nach Planungsraum" in page
    assert "Klasse 1:" in page  # the legend
    assert "Arbeitslosenanteil nach Planungsraum, Stand 31.12.2019 (%)" in page  # map's table
    assert "Arbeitslosenanteil: Zahlen der Zeitreihe" in page
    assert "Tabelle 2017" in page
    assert "Datenstand und Quellen" in page
    assert "Amt für Statistik (CC BY 3.0 DE)" in page
    assert "geheim gehalten: weniger als 3 Fälle" in page  # Großer Tiergarten
    assert "Geheim" not in page and "z-Wert" not in page


def test_drafts_are_not_found_by_the_public_and_previewed_by_planners(client: Client, reports):
    assert client.get(URL + "entwurf/").status_code == 404
    assert client.get(URL + "entwurf.pdf").status_code == 404

    planner = signed_in(client, ["planner"])
    response = planner.get(URL + "entwurf/")
    page = text(response.content.decode())
    assert response.status_code == 200
    assert "Entwurf: nur die Sozialplanung sieht diesen Bericht." in page
    assert "Geheim" in page  # the restricted block, marked as hidden from the public
    assert "Dieser Baustein zeigt ein Merkmal, das die Öffentlichkeit nicht sieht" in page
    assert "Entwürfe (nur für die Sozialplanung)" in text(planner.get(URL).content.decode())


def test_an_unknown_report_is_not_found(client: Client, reports):
    assert client.get(URL + "gibt-es-nicht/").status_code == 404


def test_the_pdf_is_a_pdf_with_the_title(client: Client, reports):
    response = client.get(URL + "sozialbericht.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 1000


def test_the_report_view_respects_the_language(client: Client, reports):
    response = client.get("/en/sozialatlas/berichte/sozialbericht/")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_planners_compose_a_report_in_the_admin(client: Client, reports):
    admin = signed_in(client, ["planner"], is_staff=True)
    listing = admin.get("/de/admin/atlas/report/")
    assert listing.status_code == 200
    assert "/de/sozialatlas/berichte/entwurf/" in listing.content.decode()  # the preview link
    report = Report.objects.get(slug="entwurf")
    assert admin.get(f"/de/admin/atlas/report/{report.pk}/change/").status_code == 200


def test_the_pdf_fetches_our_static_files_and_nothing_from_the_network():
    from sozialraum.atlas.report_views import static_only

    with pytest.raises(ValueError):
        static_only("https://example.org/static/x.css")
    with pytest.raises(ValueError):
        static_only("https://tiles.example.org/1/2/3.png")
    found = static_only("http://testserver/static/sozialraum/atlas/map.css")
    assert b".sr-legend" in found["string"]


def test_a_planner_adds_a_report_with_a_block_in_the_admin(client: Client, areas):
    create_map_figures(areas)
    admin = signed_in(client, ["planner"], is_staff=True)
    from sozialraum.atlas.models import Indicator

    rate = Indicator.objects.get(key="arbeitslose-anteil")
    form = {
        "title_de": "Teilhabeplanung für Ältere",
        "slug": "teilhabeplanung",
        "summary_de": "",
        "status": "draft",
        "published": "",
        "blocks-TOTAL_FORMS": "1",
        "blocks-INITIAL_FORMS": "0",
        "blocks-MIN_NUM_FORMS": "0",
        "blocks-MAX_NUM_FORMS": "1000",
        "blocks-0-position": "1",
        "blocks-0-kind": "table",
        "blocks-0-heading": "",
        "blocks-0-text": "",
        "blocks-0-indicator": str(rate.pk),
        "blocks-0-level": "",
        "blocks-0-date": "",
        "blocks-0-method": "quantile",
        "blocks-0-classes": "5",
        "blocks-0-caption": "",
    }

    response = admin.post("/de/admin/atlas/report/add/", form)

    assert response.status_code == 302, response.content.decode()[:3000]
    report = Report.objects.get(slug="teilhabeplanung")
    assert report.blocks.get().indicator == rate
    page = admin.get("/de/sozialatlas/berichte/teilhabeplanung/")
    assert "Arbeitslosenanteil nach Planungsraum, Stand 31.12.2019" in text(page.content.decode())


def test_a_data_block_without_an_indicator_is_refused(areas):
    from django.core.exceptions import ValidationError

    from sozialraum.atlas.models import ReportBlock

    report = Report.objects.create(title="Bericht", slug="bericht")
    with pytest.raises(ValidationError):
        ReportBlock(report=report, kind="map").full_clean()


@pytest.mark.parametrize(
    ("roles", "may"),
    [([], False), (["editor"], False), (["planner"], True), (["administrator"], True)],
)
def test_only_planners_and_administrators_compose_reports(roles, may):
    user = UserFactory(roles=roles)
    assert user.has_perm("atlas.change_report") is may
    assert user.has_perm("atlas.add_reportblock") is may
