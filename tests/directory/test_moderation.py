"""Moderation of providers' changes: queued unless trusted, approved atomically with conflict
detection, rejected with a reason, the provider told by e-mail, every step in the audit log."""

import datetime

import pytest
from django.core import mail
from django.utils import translation

from sozialraum.core.models import AuditEntry
from sozialraum.directory import moderation
from sozialraum.directory.models import (
    ChangeRequest,
    Membership,
    Organization,
    Schedule,
    Service,
    Taxonomy,
    TaxonomyTerm,
)
from sozialraum.directory.subjects import HOURS, SERVICE, TRANSLATIONS
from tests.areas.factories import AreaFactory, square
from tests.directory.factories import (
    LocationFactory,
    MembershipFactory,
    ServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Status = ChangeRequest.Status


def service_data(**changes):
    data = {
        "name": "Schuldnerberatung Moabit",
        "short_description": "Hilfe bei Schulden.",
        "description": "",
        "status": "active",
        "kind": "service",
        "url": "",
        "email": "",
        "fees_description": "kostenlos",
        "eligibility_description": "",
        "application_process": "",
        "topics": [],
        "target_groups": [],
        "features": [],
        "languages": ["de", "tr"],
        "documents": ["Personalausweis"],
        "phones": ["030 1234567"],
        "locations": [],
    }
    data.update(changes)
    return data


@pytest.fixture
def member():
    return MembershipFactory(is_admin=True)


@pytest.fixture
def editor():
    return UserFactory(roles=["editor"])


@pytest.fixture
def indexed(monkeypatch):
    calls: list[list] = []
    monkeypatch.setattr(moderation, "index_services", lambda ids: calls.append(list(ids)))
    return calls


def submit_service(member, **changes):
    return moderation.change_submit(
        user=member.user,
        organization=member.organization,
        subject="service",
        action="create",
        data=service_data(**changes),
    )


def test_untrusted_member_creates_a_service_only_after_an_editor_approves(
    member, editor, indexed, django_capture_on_commit_callbacks
):
    debts = TaxonomyTerm.objects.in_taxonomy(Taxonomy.TOPICS).get(name_de="Schulden")
    outcome = submit_service(member, topics=[str(debts.pk)])

    assert not outcome.published
    assert not Service.objects.exists()
    change = ChangeRequest.objects.get()
    assert change.status == Status.PENDING
    assert change.data["topics"] == [str(debts.pk)]

    with django_capture_on_commit_callbacks(execute=True):
        service = moderation.change_approve(change_request=change, editor=editor)

    assert service.name_de == "Schuldnerberatung Moabit"
    assert list(Service.objects.with_term(debts)) == [service]
    assert sorted(service.languages.values_list("code", flat=True)) == ["de", "tr"]
    assert list(service.phones.values_list("number", flat=True)) == ["030 1234567"]
    assert list(service.required_documents.values_list("document", flat=True)) == [
        "Personalausweis"
    ]
    assert indexed == [[service.pk]]
    change.refresh_from_db()
    assert change.status == Status.APPROVED and change.object_id == service.pk
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.user.email]
    assert "Freigegeben" in mail.outbox[0].subject
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {moderation.SUBMITTED, moderation.APPROVED, moderation.APPLIED} <= actions


def test_member_of_a_trusted_organization_publishes_at_once(member, indexed):
    member.organization.is_trusted = True
    member.organization.save()

    outcome = submit_service(member)

    assert outcome.published
    assert Service.objects.get().name_de == "Schuldnerberatung Moabit"
    assert not ChangeRequest.objects.exists()
    assert indexed == [[outcome.obj.pk]]


def test_editor_publishes_directly(editor, indexed):
    organization = Organization.objects.create(name_de="Caritas")
    outcome = moderation.change_submit(
        user=editor,
        organization=organization,
        subject="service",
        action="create",
        data=service_data(),
    )
    assert outcome.published


def test_a_change_made_meanwhile_makes_the_approval_fail_and_keeps_both_safe(
    member, editor, indexed
):
    service = ServiceFactory(organization=member.organization, name="Alter Name")
    proposal = SERVICE.state(service) | {"name": "Vorschlag der Organisation"}
    change = moderation.change_submit(
        user=member.user,
        organization=member.organization,
        subject="service",
        action="update",
        obj=service,
        data=proposal,
    ).request
    # an editor corrects the entry directly in the meantime
    moderation.change_submit(
        user=editor,
        organization=member.organization,
        subject="service",
        action="update",
        obj=service,
        data=SERVICE.state(service) | {"name": "Korrektur der Redaktion"},
    )

    with pytest.raises(moderation.ModerationError, match="geändert, nachdem"):
        moderation.change_approve(change_request=change, editor=editor)

    service.refresh_from_db()
    assert service.name_de == "Korrektur der Redaktion"
    change.refresh_from_db()
    assert change.status == Status.PENDING


def test_rejection_needs_a_reason_and_tells_the_provider(
    member, editor, django_capture_on_commit_callbacks
):
    change = submit_service(member).request

    with pytest.raises(moderation.ModerationError, match="Begründung"):
        moderation.change_reject(change_request=change, editor=editor, reason="  ")

    with django_capture_on_commit_callbacks(execute=True):
        moderation.change_reject(
            change_request=change, editor=editor, reason="Bitte die Adresse ergänzen."
        )
    change.refresh_from_db()
    assert change.status == Status.REJECTED
    assert not Service.objects.exists()
    assert "Nicht freigegeben" in mail.outbox[0].subject
    assert "Bitte die Adresse ergänzen." in mail.outbox[0].body


def test_the_decision_is_mailed_in_the_language_the_provider_uses(
    member, editor, django_capture_on_commit_callbacks
):
    member.user.language = "en"
    member.user.save()
    change = submit_service(member).request
    with django_capture_on_commit_callbacks(execute=True):
        moderation.change_reject(change_request=change, editor=editor, reason="Address missing.")
    message = mail.outbox[0]
    assert message.subject.startswith("Not approved:")
    assert "Hello," in message.body and "/en/" in message.body


def test_a_decided_request_cannot_be_decided_again(member, editor, indexed):
    change = submit_service(member).request
    moderation.change_approve(change_request=change, editor=editor)

    with pytest.raises(moderation.ModerationError, match="schon entschieden"):
        moderation.change_approve(change_request=change, editor=editor)
    with pytest.raises(moderation.ModerationError, match="schon entschieden"):
        moderation.change_reject(change_request=change, editor=editor, reason="zu spät")
    assert Service.objects.count() == 1


def test_a_newer_proposal_replaces_the_waiting_one(member):
    service = ServiceFactory(organization=member.organization)
    first = moderation.change_submit(
        user=member.user,
        organization=member.organization,
        subject="service",
        action="update",
        obj=service,
        data=SERVICE.state(service) | {"name": "Erster Vorschlag"},
    ).request
    moderation.change_submit(
        user=member.user,
        organization=member.organization,
        subject="service",
        action="update",
        obj=service,
        data=SERVICE.state(service) | {"name": "Zweiter Vorschlag"},
    )
    first.refresh_from_db()
    assert first.status == Status.WITHDRAWN
    assert ChangeRequest.objects.filter(status=Status.PENDING).count() == 1


def test_an_unchanged_form_is_not_queued(member):
    service = ServiceFactory(organization=member.organization)
    with pytest.raises(moderation.ModerationError, match="nichts geändert"):
        moderation.change_submit(
            user=member.user,
            organization=member.organization,
            subject="service",
            action="update",
            obj=service,
            data=SERVICE.state(service),
        )


def test_a_new_organization_exists_only_after_approval_with_its_registrant_as_admin(
    editor, django_capture_on_commit_callbacks
):
    provider = UserFactory()
    data = {
        "name": "Nachbarschaftshaus Wedding",
        "alternate_name": "",
        "description": "Treffpunkt im Kiez.",
        "email": "",
        "website": "",
        "legal_status": "e. V.",
    }
    outcome = moderation.organization_register(user=provider, data=data)
    assert not outcome.published
    assert not Organization.objects.filter(name_de="Nachbarschaftshaus Wedding").exists()
    with pytest.raises(moderation.ModerationError, match="schon angemeldet"):
        moderation.organization_register(user=provider, data=data)

    with django_capture_on_commit_callbacks(execute=True):
        organization = moderation.change_approve(change_request=outcome.request, editor=editor)

    assert organization.name_de == "Nachbarschaftshaus Wedding"
    assert not organization.is_trusted
    assert Membership.objects.get(organization=organization).user == provider
    assert Membership.objects.get(organization=organization).is_admin
    assert mail.outbox[0].to == [provider.email]


def test_an_approved_claim_makes_the_claimant_an_admin(editor):
    organization = Organization.objects.create(name_de="Diakonie")
    claimant = UserFactory()
    change = moderation.organization_claim(
        user=claimant, organization=organization, message="Ich leite die Stelle."
    )
    assert not Membership.objects.filter(user=claimant).exists()
    with pytest.raises(moderation.ModerationError, match="schon geprüft"):
        moderation.organization_claim(user=claimant, organization=organization, message="")

    moderation.change_approve(change_request=change, editor=editor)

    assert Membership.objects.get(user=claimant, organization=organization).is_admin


def test_the_diff_names_fields_in_german_and_shows_old_and_new(member):
    service = ServiceFactory(organization=member.organization, name="Alter Name")
    free = TaxonomyTerm.objects.in_taxonomy(Taxonomy.FEATURES).get(name_de="Kostenlos")
    change = moderation.change_submit(
        user=member.user,
        organization=member.organization,
        subject="service",
        action="update",
        obj=service,
        data=SERVICE.state(service) | {"name": "Neuer Name", "features": [str(free.pk)]},
    ).request

    with translation.override("de"):
        rows = {row.label: row for row in moderation.change_diff(change)}

    assert set(rows) == {"Name", "Merkmale"}
    assert (rows["Name"].old, rows["Name"].new) == ("Alter Name", "Neuer Name")
    assert rows["Merkmale"].new == "Kostenlos"
    assert not rows["Name"].conflict


def test_opening_hours_weekly_and_first_monday_of_the_month(member, editor, indexed):
    service = ServiceFactory(organization=member.organization)
    rows = [
        {
            "freq": "WEEKLY",
            "byday": "TU,TH",
            "opens_at": "09:00",
            "closes_at": "12:00",
            "description": "",
        },
        {
            "freq": "MONTHLY",
            "byday": "1MO",
            "opens_at": "14:00",
            "closes_at": "16:00",
            "description": "nur mit Termin",
        },
    ]
    change = moderation.change_submit(
        user=member.user,
        organization=member.organization,
        subject="hours",
        action="update",
        obj=service,
        data={"rows": rows},
    ).request
    assert not service.schedules.exists()

    moderation.change_approve(change_request=change, editor=editor)

    assert service.schedules.count() == 2
    monthly = service.schedules.get(freq=Schedule.Freq.MONTHLY)
    assert monthly.opens_on(datetime.date(2026, 12, 7))  # first Monday
    assert not monthly.opens_on(datetime.date(2026, 12, 14))
    assert HOURS.state(service) == {"rows": sorted(rows, key=lambda r: r["freq"])}
    assert indexed == [[service.pk]]


def test_an_english_translation_is_shown_in_english(member, editor, indexed):
    service = ServiceFactory(organization=member.organization, name="Schuldnerberatung")
    change = moderation.change_submit(
        user=member.user,
        organization=member.organization,
        subject="translation_en",
        action="update",
        obj=service,
        data={"name": "Debt advice", "short_description": "Help with debts.", "description": ""},
    ).request
    moderation.change_approve(change_request=change, editor=editor)

    service.refresh_from_db()
    with translation.override("en"):
        assert service.name == "Debt advice"
    with translation.override("de"):
        assert service.name == "Schuldnerberatung"
    assert TRANSLATIONS["en"].state(service)["name"] == "Debt advice"


def test_a_location_with_coordinates_lies_in_the_area_that_contains_them(member, editor):
    member.organization.is_trusted = True
    member.organization.save()
    moabit = AreaFactory(name="Moabit", geometry=square(13.30, 52.50, 0.05))
    wedding = AreaFactory(name="Wedding", geometry=square(13.40, 52.50, 0.05))
    data = {
        "name": "Stadtteilzentrum",
        "address_1": "Turmstraße 1",
        "address_2": "",
        "postal_code": "10559",
        "city": "Berlin",
        "state_province": "Berlin",
        "latitude": 52.52,
        "longitude": 13.32,
        "area": wedding.pk,  # picked by mistake: the coordinates win
        "description": "",
        "transportation": "",
        "accessibility": "Eingang ebenerdig",
    }
    location = moderation.change_submit(
        user=member.user,
        organization=member.organization,
        subject="location",
        action="create",
        data=data,
    ).obj
    assert location.addresses.get().area == moabit

    without_coordinates = data | {"latitude": None, "longitude": None}
    other = moderation.change_submit(
        user=member.user,
        organization=member.organization,
        subject="location",
        action="create",
        data=without_coordinates,
    ).obj
    assert other.addresses.get().area == wedding


def test_deleting_a_service_waits_for_approval(member, editor, indexed):
    service = ServiceFactory(organization=member.organization)
    change = moderation.change_submit(
        user=member.user,
        organization=member.organization,
        subject="service",
        action="delete",
        obj=service,
    ).request
    assert Service.objects.filter(pk=service.pk).exists()
    moderation.change_approve(change_request=change, editor=editor)
    assert not Service.objects.filter(pk=service.pk).exists()


def test_a_service_of_another_organization_cannot_be_changed(member):
    foreign = ServiceFactory()
    with pytest.raises(moderation.ModerationError, match="existiert nicht"):
        moderation.change_submit(
            user=member.user,
            organization=member.organization,
            subject="service",
            action="update",
            obj=foreign,
            data=service_data(),
        )


def test_a_service_proposal_cannot_attach_another_organizations_location(member, editor):
    foreign = LocationFactory()
    change = submit_service(member, locations=[str(foreign.pk)]).request
    service = moderation.change_approve(change_request=change, editor=editor)
    assert not service.service_at_locations.exists()


def test_saving_a_service_keeps_shared_places_and_imported_languages(member, indexed):
    from sozialraum.directory.forms_provider import ServiceForm
    from sozialraum.directory.models import Language, ServiceAtLocation

    member.organization.is_trusted = True
    member.organization.save()
    service = ServiceFactory(organization=member.organization)
    shared = LocationFactory(organization=None)
    ServiceAtLocation.objects.create(service=service, location=shared)
    Language.objects.create(service=service, code="it")

    form = ServiceForm(
        organization=member.organization, initial=ServiceForm.initial_from(SERVICE.state(service))
    )
    assert ("it", "it") in form.fields["languages"].choices
    moderation.change_submit(
        user=member.user,
        organization=member.organization,
        subject="service",
        action="update",
        obj=service,
        data=SERVICE.state(service) | {"name": "Neu"},
    )

    assert service.service_at_locations.get().location == shared
    assert list(service.languages.values_list("code", flat=True)) == ["it"]


def test_one_person_has_at_most_three_registrations_waiting():
    provider = UserFactory()
    for number in range(moderation.MAX_WAITING_REGISTRATIONS):
        moderation.organization_register(user=provider, data={"name": f"Verein {number}"})
    with pytest.raises(moderation.ModerationError, match="noch geprüft"):
        moderation.organization_register(user=provider, data={"name": "Noch ein Verein"})


def test_an_event_series_at_the_organizations_place(member, editor):
    place = LocationFactory(organization=member.organization)
    data = {
        "title": "Erzählcafé",
        "description": "",
        "start": "2027-01-12T15:00+01:00",
        "end": "2027-01-12T17:00+01:00",
        "rrule": "FREQ=WEEKLY;COUNT=6",
        "service": None,
        "location": str(place.pk),
        "capacity": 12,
        "registration_hint": "",
    }
    change = moderation.change_submit(
        user=member.user,
        organization=member.organization,
        subject="event",
        action="create",
        data=data,
    ).request
    with translation.override("de"):
        texts = {row.label: row.new for row in moderation.change_diff(change)}
    assert texts["Wiederholung"] == "Jede Woche (6 Termine)"
    assert texts["Beginn"] == "12.01.2027 15:00"

    event = moderation.change_approve(change_request=change, editor=editor)

    assert (event.location, event.capacity, event.rrule) == (place, 12, "FREQ=WEEKLY;COUNT=6")
    assert event.start == datetime.datetime.fromisoformat("2027-01-12T15:00+01:00")


def test_organization_details_change_after_approval(member, editor):
    from sozialraum.directory.subjects import ORGANIZATION

    organization = member.organization
    change = moderation.change_submit(
        user=member.user,
        organization=organization,
        subject="organization",
        action="update",
        obj=organization,
        data=ORGANIZATION.state(organization) | {"website": "https://kiez.example"},
    ).request
    organization.refresh_from_db()
    assert organization.website == ""

    moderation.change_approve(change_request=change, editor=editor)

    organization.refresh_from_db()
    assert organization.website == "https://kiez.example"


def test_members_cannot_withdraw_a_claim_on_their_organization(member):
    claimant = UserFactory()
    claim = moderation.organization_claim(
        user=claimant, organization=member.organization, message="Ich leite die Stelle."
    )

    with pytest.raises(moderation.ModerationError, match="zurückziehen"):
        moderation.change_withdraw(change_request=claim, user=member.user)

    claim.refresh_from_db()
    assert claim.status == Status.PENDING


def test_only_the_proposer_or_an_admin_of_the_organization_withdraws_a_change(member):
    colleague = MembershipFactory(organization=member.organization, is_admin=False)
    own = moderation.change_submit(
        user=colleague.user,
        organization=member.organization,
        subject="service",
        action="create",
        data=service_data(),
    ).request
    admins = submit_service(member, name="Zweites Angebot").request

    with pytest.raises(moderation.ModerationError):
        moderation.change_withdraw(change_request=admins, user=colleague.user)
    moderation.change_withdraw(change_request=own, user=member.user)  # the admin may

    own.refresh_from_db()
    admins.refresh_from_db()
    assert (own.status, admins.status) == (Status.WITHDRAWN, Status.PENDING)


def test_an_editor_cannot_approve_their_own_claim(editor):
    organization = Organization.objects.create(name_de="Kiezladen")
    claim = moderation.organization_claim(user=editor, organization=organization, message="")

    with pytest.raises(moderation.ModerationError, match="andere Person der Redaktion"):
        moderation.change_approve(change_request=claim, editor=editor)

    assert not Membership.objects.filter(user=editor, organization=organization).exists()
