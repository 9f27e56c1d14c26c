"""The provider pages and the moderation queue as people use them (Django test client)."""

import datetime

import pytest
from django.urls import reverse

from sozialraum.directory import moderation
from sozialraum.directory.models import ChangeRequest, Event, Organization, Service
from sozialraum.directory.subjects import SERVICE
from sozialraum.events.services_provider import occurrence_cancel
from tests.directory.factories import MembershipFactory, ServiceFactory, UserFactory
from tests.events.factories import book, first_date, open_registration
from tests.factories import give_totp
from tests.lottery.factories import programme_with, wish

pytestmark = pytest.mark.django_db


def staff_member(**kwargs):
    membership = MembershipFactory(is_admin=True, **kwargs)
    give_totp(membership.user)
    return membership


@pytest.fixture
def member(client):
    membership = staff_member()
    client.force_login(membership.user)
    return membership


def org_url(name, organization, **kwargs):
    return reverse(
        f"directory:provider_{name}", kwargs={"organization_id": organization.pk, **kwargs}
    )


SERVICE_POST = {
    "name": "Schuldnerberatung",
    "short_description": "Hilfe bei Schulden.",
    "description": "",
    "status": "active",
    "kind": "service",
    "languages": ["de", "ar"],
    "fees_description": "kostenlos",
    "eligibility_description": "",
    "application_process": "",
    "documents": "Personalausweis\n\nKontoauszüge\n",
    "phones": "030 1234567",
    "url": "",
    "email": "",
}


def test_newcomers_are_asked_to_sign_up_first(client):
    response = client.get("/de/angebote/mitmachen/")
    assert response.status_code == 200
    assert reverse("account_signup") in response.content.decode()
    assert client.get("/de/angebote/mitmachen/anmelden/").status_code == 302


def test_signed_in_person_registers_an_organization_for_review(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(
        "/de/angebote/mitmachen/anmelden/",
        {"name": "Kiezladen e. V.", "description": "Treffpunkt"},
        follow=True,
    )

    assert "Die Redaktion prüft Ihre Anmeldung" in response.content.decode()
    change = ChangeRequest.objects.get()
    assert change.action == "register" and change.submitted_by == user
    assert "Kiezladen e. V." in response.content.decode()  # listed under "Ihre Anfragen"
    assert not Organization.objects.filter(name_de="Kiezladen e. V.").exists()


def test_registration_without_a_name_says_what_is_missing(client):
    client.force_login(UserFactory())
    response = client.post("/de/angebote/mitmachen/anmelden/", {"name": ""})
    assert "Bitte geben Sie den Namen Ihrer Organisation ein." in response.content.decode()


def test_claim_an_organization_found_by_name(client):
    organization = Organization.objects.create(name_de="Diakonie Mitte")
    client.force_login(UserFactory())

    found = client.get("/de/angebote/mitmachen/uebernehmen/", {"q": "diakonie"})
    assert org_url_claim(organization) in found.content.decode()

    client.post(org_url_claim(organization), {"message": "Ich leite die Stelle."})
    assert ChangeRequest.objects.get().action == "claim"


def org_url_claim(organization):
    return reverse("directory:provider_claim", kwargs={"organization_id": organization.pk})


def test_people_outside_the_organization_may_not_edit_it(client):
    outsider = staff_member()
    other = MembershipFactory().organization
    client.force_login(outsider.user)
    assert client.get(org_url("organization", other)).status_code == 403
    assert client.get(org_url("service_create", other)).status_code == 403


def test_member_proposes_a_service_and_sees_it_waiting(client, member):
    response = client.post(org_url("service_create", member.organization), SERVICE_POST)

    assert response.status_code == 302
    assert not Service.objects.exists()
    change = ChangeRequest.objects.get()
    assert change.data["documents"] == ["Personalausweis", "Kontoauszüge"]
    assert change.data["languages"] == ["ar", "de"]
    page = client.get(org_url("organization", member.organization)).content.decode()
    assert "Warten auf Prüfung" in page
    assert "Schuldnerberatung" in page


def test_trusted_member_edits_a_service_directly(client, member):
    member.organization.is_trusted = True
    member.organization.save()
    service = ServiceFactory(organization=member.organization, name="Alt")

    response = client.post(
        org_url("service_edit", member.organization, service_id=service.pk),
        SERVICE_POST | {"name": "Neu"},
        follow=True,
    )

    assert "Gespeichert und veröffentlicht." in response.content.decode()
    service.refresh_from_db()
    assert service.name_de == "Neu"


def test_opening_hours_errors_are_clear(client, member):
    service = ServiceFactory(organization=member.organization)
    url = org_url("service_hours", member.organization, service_id=service.pk)
    assert client.get(url).status_code == 200
    data = {
        "hours-TOTAL_FORMS": "3",
        "hours-INITIAL_FORMS": "0",
        "hours-MIN_NUM_FORMS": "0",
        "hours-MAX_NUM_FORMS": "14",
        "hours-0-freq": "WEEKLY",
        "hours-0-opens_at": "09:00",
        "hours-0-closes_at": "12:00",
        "hours-1-freq": "WEEKLY",
        "hours-1-days": ["MO"],
        "hours-1-opens_at": "14:00",
        "hours-1-closes_at": "13:00",
        "hours-2-freq": "MONTHLY",
        "hours-2-days": ["MO"],
        "hours-2-opens_at": "10:00",
    }
    page = client.post(url, data).content.decode()
    assert "Bitte kreuzen Sie mindestens einen Wochentag an." in page
    assert "Die Schlusszeit muss nach der Anfangszeit liegen (14:00)." in page
    assert "in welcher Woche des Monats" in page
    assert "Bitte geben Sie beide Uhrzeiten an" in page
    assert 'href="#id_hours-0-days_0"' in page
    assert not ChangeRequest.objects.exists()

    valid = data | {
        "hours-0-days": ["MO", "TU"],
        "hours-1-closes_at": "18:00",
        "hours-2-ordinal": "1",
        "hours-2-closes_at": "12:00",
    }
    assert client.post(url, valid).status_code == 302
    rows = ChangeRequest.objects.get().data["rows"]
    assert {row["byday"] for row in rows} == {"MO,TU", "MO", "1MO"}


def test_a_place_has_opening_hours_for_the_offers_there_without_their_own(client, member):
    from tests.directory.factories import LocationFactory, ServiceAtLocationFactory

    member.organization.is_trusted = True
    member.organization.save()
    location = LocationFactory(organization=member.organization, name="Stadtteilzentrum")
    service = ServiceFactory(organization=member.organization)
    ServiceAtLocationFactory(service=service, location=location)
    edit_page = client.get(org_url("location_edit", member.organization, location_id=location.pk))
    url = org_url("location_hours", member.organization, location_id=location.pk)
    assert f'href="{url}"' in edit_page.content.decode()
    page = client.get(url).content.decode()
    assert "Öffnungszeiten des Ortes" in page and "Stadtteilzentrum" in page

    response = client.post(
        url,
        {
            "hours-TOTAL_FORMS": "1",
            "hours-INITIAL_FORMS": "0",
            "hours-MIN_NUM_FORMS": "0",
            "hours-MAX_NUM_FORMS": "14",
            "hours-0-freq": "WEEKLY",
            "hours-0-days": ["MO", "WE"],
            "hours-0-opens_at": "09:00",
            "hours-0-closes_at": "16:00",
        },
    )
    assert response.status_code == 302
    assert [(s.byday, s.service_id) for s in location.schedules.all()] == [("MO,WE", None)]
    assert not service.schedules.exists()
    shown = client.get(reverse("directory:service", kwargs={"service_id": service.pk}))
    assert "09:00" in shown.content.decode()


def test_translation_form_writes_the_language_it_names(client, member):
    member.organization.is_trusted = True
    member.organization.save()
    service = ServiceFactory(organization=member.organization)
    url = org_url("service_translation", member.organization, service_id=service.pk, language="ar")
    page = client.get(url).content.decode()
    assert 'lang="ar" dir="rtl"' in page

    client.post(url, {"name": "استشارة الديون", "short_description": "", "description": ""})

    service.refresh_from_db()
    assert service.name_ar == "استشارة الديون"
    assert (
        client.get(
            org_url(
                "service_translation", member.organization, service_id=service.pk, language="fr"
            )
        ).status_code
        == 404
    )


def test_the_organization_is_translated_through_moderation(client, member):
    organization = member.organization
    organization.name_de = "Nachbarschaftsverein Moabit"
    organization.save()
    edit_page = client.get(org_url("organization_edit", organization)).content.decode()
    url = org_url("organization_translation", organization, language="en")
    assert f'href="{url}"' in edit_page
    page = client.get(url).content.decode()
    assert 'lang="en" dir="ltr"' in page
    assert "Nachbarschaftsverein Moabit" in page  # the German version to translate from
    assert 'name="short_description"' not in page

    client.post(url, {"name": "Moabit Neighbourhood Association", "description": ""})

    change = ChangeRequest.objects.get()
    assert change.subject == "organization_translation_en"
    assert change.data == {"name": "Moabit Neighbourhood Association", "description": ""}
    organization.refresh_from_db()
    assert organization.name_en is None  # waits for an editor: the organization is not trusted
    editor = UserFactory(roles=["editor"])
    give_totp(editor)
    client.force_login(editor)
    detail = client.get(reverse("moderation:detail", kwargs={"change_id": change.pk}))
    assert "Moabit Neighbourhood Association" in detail.content.decode()
    moderation.change_approve(change_request=change, editor=editor)
    organization.refresh_from_db()
    assert organization.name_en == "Moabit Neighbourhood Association"
    assert (
        client.get(org_url("organization_translation", organization, language="fr")).status_code
        == 404
    )


def test_location_needs_both_coordinates(client, member):
    response = client.post(
        org_url("location_create", member.organization),
        {
            "name": "Zentrum",
            "address_1": "Turmstraße 1",
            "postal_code": "1055",
            "city": "Berlin",
            "state_province": "Berlin",
            "latitude": "52.5",
        },
    )
    page = response.content.decode()
    assert "Eine Postleitzahl hat fünf Ziffern" in page


def test_event_form_creates_a_pending_event(client, member):
    response = client.post(
        org_url("event_create", member.organization),
        {
            "title": "Erzählcafé",
            "date": "2027-01-12",
            "start_time": "15:00",
            "end_time": "17:00",
            "recurrence": "FREQ=WEEKLY",
            "count": "6",
            "capacity": "12",
        },
    )
    assert response.status_code == 302
    data = ChangeRequest.objects.get().data
    assert data["rrule"] == "FREQ=WEEKLY;COUNT=6"
    assert data["start"].startswith("2027-01-12T15:00")


def test_editor_approves_from_the_queue_and_provider_cannot_open_it(client, member):
    service = ServiceFactory(organization=member.organization, name="Alt")
    client.post(
        org_url("service_edit", member.organization, service_id=service.pk),
        SERVICE_POST | {"name": "Neu"},
    )
    change = ChangeRequest.objects.get()
    assert client.get(reverse("moderation:queue")).status_code == 403

    editor = UserFactory(roles=["editor"])
    give_totp(editor)
    client.force_login(editor)
    queue = client.get(reverse("moderation:queue")).content.decode()
    assert "Neu" in queue or "Alt" in queue
    detail = client.get(reverse("moderation:detail", kwargs={"change_id": change.pk}))
    page = detail.content.decode()
    assert "Alt" in page and "Neu" in page and "Name" in page

    client.post(reverse("moderation:approve", kwargs={"change_id": change.pk}))
    service.refresh_from_db()
    assert service.name_de == "Neu"


def test_approval_of_a_stale_change_is_refused_with_a_message(client, member):
    service = ServiceFactory(organization=member.organization, name="Alt")
    client.post(
        org_url("service_edit", member.organization, service_id=service.pk),
        SERVICE_POST | {"name": "Neu"},
    )
    change = ChangeRequest.objects.get()
    Service.objects.filter(pk=service.pk).update(name_de="Inzwischen anders")
    editor = UserFactory(roles=["editor"])
    give_totp(editor)
    client.force_login(editor)

    response = client.post(reverse("moderation:approve", kwargs={"change_id": change.pk}))

    assert response.status_code == 409
    assert "nachdem diese Anfrage gestellt wurde" in response.content.decode()
    assert SERVICE.state(Service.objects.get())["name"] == "Inzwischen anders"


def test_rejection_reason_is_required_and_shown_to_the_provider(client, member):
    client.post(org_url("service_create", member.organization), SERVICE_POST)
    change = ChangeRequest.objects.get()
    editor = UserFactory(roles=["editor"])
    give_totp(editor)
    client.force_login(editor)
    url = reverse("moderation:reject", kwargs={"change_id": change.pk})

    assert (
        "Bitte schreiben Sie eine Begründung" in client.post(url, {"reason": ""}).content.decode()
    )
    client.post(url, {"reason": "Bitte Öffnungszeiten ergänzen."})

    client.force_login(member.user)
    page = client.get(org_url("organization", member.organization)).content.decode()
    assert "Abgelehnt" in page
    assert "Bitte Öffnungszeiten ergänzen." in page


def test_editor_trusts_an_organization_and_its_next_change_appears_at_once(client, member):
    service = ServiceFactory(organization=member.organization, name="Alt")
    client.post(
        org_url("service_edit", member.organization, service_id=service.pk),
        SERVICE_POST | {"name": "Neu"},
    )
    change = ChangeRequest.objects.get()
    editor = UserFactory(roles=["editor"])
    give_totp(editor)
    client.force_login(editor)
    url = reverse("moderation:trust", kwargs={"organization_id": member.organization.pk})

    response = client.post(url, {"trusted": "1", "change": str(change.pk)})

    assert response["Location"] == reverse("moderation:detail", kwargs={"change_id": change.pk})
    member.organization.refresh_from_db()
    assert member.organization.is_trusted
    client.force_login(member.user)
    client.post(
        org_url("service_edit", member.organization, service_id=service.pk),
        SERVICE_POST | {"name": "Sofort"},
    )
    service.refresh_from_db()
    assert service.name_de == "Sofort"


@pytest.mark.parametrize(
    ("roles", "allowed"),
    [([], False), (["planner"], False), (["editor"], True), (["administrator"], True)],
)
def test_who_publishes_without_moderation(roles, allowed):
    assert UserFactory(roles=roles).has_perm("directory.publish_directly") is allowed


def test_provider_reads_what_they_proposed(client, member):
    service = ServiceFactory(organization=member.organization, name="Alt")
    client.post(
        org_url("service_edit", member.organization, service_id=service.pk),
        SERVICE_POST | {"name": "Neu"},
    )
    change = ChangeRequest.objects.get()
    page = client.get(org_url("change", member.organization, change_id=change.pk)).content.decode()
    assert "Wartet auf Prüfung" in page and "Alt" in page and "Neu" in page
    other = staff_member()
    client.force_login(other.user)
    assert (
        client.get(org_url("change", member.organization, change_id=change.pk)).status_code == 403
    )


def test_organization_page_links_to_confirming_entries_and_counts_the_due_ones(client, member):
    ServiceFactory(organization=member.organization, assured_date=datetime.date(2020, 1, 1))

    response = client.get(org_url("organization", member.organization))

    assert (
        reverse("directory:freshness", kwargs={"organization_id": member.organization.pk})
        in response.content.decode()
    )
    assert "1 Angebot ist fällig" in response.content.decode()


def test_a_renamed_organization_is_found_by_its_new_name_at_once(client, member):
    from sozialraum.directory.search import search_services

    member.organization.is_trusted = True
    member.organization.save()
    service = ServiceFactory(organization=member.organization, name="Sprechstunde")
    assert list(search_services(Service.objects.public(), "Sprechstunde")) == [service]

    client.post(
        org_url("organization_edit", member.organization),
        {
            "name": "Kiezladen Wedding",
            "alternate_name": "",
            "description": "",
            "email": "",
            "website": "",
            "legal_status": "",
        },
    )

    member.organization.refresh_from_db()
    assert member.organization.name_de == "Kiezladen Wedding"
    found = search_services(Service.objects.public(), "Kiezladen")
    assert list(found) == [service]


def test_editor_sees_the_new_values_marked_and_fields_changed_meanwhile(client, member):
    service = ServiceFactory(organization=member.organization, name="Alt")
    client.post(
        org_url("service_edit", member.organization, service_id=service.pk),
        SERVICE_POST | {"name": "Neu"},
    )
    change = ChangeRequest.objects.get()
    provider_page = client.get(org_url("change", member.organization, change_id=change.pk))
    assert "Inzwischen geändert!" not in provider_page.content.decode()
    service.name_de = "Inzwischen anders"
    service.save()

    editor = UserFactory(roles=["editor"])
    give_totp(editor)
    client.force_login(editor)
    page = client.get(reverse("moderation:detail", kwargs={"change_id": change.pk}))

    html = page.content.decode()
    assert "<ins>Neu</ins>" in html
    assert "Inzwischen geändert!" in html


def test_an_event_whose_dates_have_holiday_wishes_is_not_deleted_and_the_provider_is_told(
    client, member
):
    member.organization.is_trusted = True
    member.organization.save()
    programme, dates = programme_with(4)
    event = dates[0].registration.event
    event.organization = member.organization
    event.save()
    wish(programme, ("Lena Muster", [dates[0]]))

    response = client.post(
        org_url("event_delete", member.organization, event_id=event.pk), follow=True
    )

    assert response.status_code == 200
    assert "kann nicht gelöscht werden" in response.content.decode()
    assert Event.objects.filter(pk=event.pk).exists()


def test_an_event_with_people_registered_is_kept_until_its_dates_are_cancelled(client, member):
    member.organization.is_trusted = True
    member.organization.save()
    registration = open_registration()
    event = registration.event
    event.organization = member.organization
    event.save()
    occurrence = first_date(registration)
    book(occurrence, "Lena Muster")
    url = org_url("event_delete", member.organization, event_id=event.pk)

    html = client.post(url, follow=True).content.decode()
    assert "Zum Beispiel sind Menschen angemeldet" in html
    assert Event.objects.filter(pk=event.pk).exists()

    occurrence_cancel(user=member.user, occurrence_id=occurrence.pk, reason="")
    client.post(url)
    assert not Event.objects.filter(pk=event.pk).exists()
