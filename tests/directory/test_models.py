"""The directory's data model: public services, area and topic filters, freshness, taxonomies."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import translation

from sozialraum.directory.models import (
    Attribute,
    Event,
    Membership,
    Organization,
    Phone,
    Service,
    Taxonomy,
    TaxonomyTerm,
)
from sozialraum.directory.models.base import IdIn
from tests.areas.factories import create_sample_areas

from .factories import (
    AddressFactory,
    AttributeFactory,
    EventFactory,
    LocationFactory,
    MembershipFactory,
    OrganizationFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    TaxonomyTermFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def service_at(area, *, address_type="physical", **service_fields) -> Service:
    service = ServiceFactory(**service_fields)
    address = AddressFactory(area=area, address_type=address_type)
    ServiceAtLocationFactory(service=service, location=address.location)
    return service


# --- public() ---------------------------------------------------------------------------------


def test_public_services_leave_out_inactive_and_defunct_but_show_temporarily_closed():
    active = ServiceFactory(status=Service.Status.ACTIVE)
    closed = ServiceFactory(status=Service.Status.TEMPORARILY_CLOSED)
    ServiceFactory(status=Service.Status.INACTIVE)
    ServiceFactory(status=Service.Status.DEFUNCT)

    assert set(Service.objects.public()) == {active, closed}


# --- in_area() --------------------------------------------------------------------------------


def test_services_in_an_area_include_those_in_the_areas_below_it():
    areas = create_sample_areas()
    in_planning_area = service_at(areas["stuelerstrasse"])
    in_region = service_at(areas["region"])
    elsewhere = service_at(areas["tiergarten"])
    without_address = ServiceFactory()

    assert set(Service.objects.in_area(areas["district"])) == {
        in_planning_area,
        in_region,
        elsewhere,
    }
    assert set(Service.objects.in_area(areas["stuelerstrasse"])) == {in_planning_area}
    assert without_address not in Service.objects.in_area(areas["city"])


def test_a_service_at_several_locations_in_the_area_is_listed_once():
    areas = create_sample_areas()
    service = service_at(areas["stuelerstrasse"])
    second = AddressFactory(area=areas["tiergarten"])
    ServiceAtLocationFactory(service=service, location=second.location)

    assert list(Service.objects.in_area(areas["district"])) == [service]


def test_only_a_physical_address_places_a_service_in_an_area():
    areas = create_sample_areas()
    service_at(areas["stuelerstrasse"], address_type="postal")

    assert not Service.objects.in_area(areas["district"]).exists()


def test_area_and_public_filters_combine():
    areas = create_sample_areas()
    open_here = service_at(areas["stuelerstrasse"])
    service_at(areas["stuelerstrasse"], status=Service.Status.DEFUNCT)

    assert list(Service.objects.public().in_area(areas["region"])) == [open_here]


# --- with_term() ------------------------------------------------------------------------------


def test_a_long_list_of_ids_filters_as_one_parameter():
    services = ServiceFactory.create_batch(3)
    wanted = {services[0].pk, services[2].pk}
    assert set(Service.objects.filter(IdIn("pk", wanted))) == {services[0], services[2]}
    assert not Service.objects.filter(IdIn("pk", set())).exists()
    assert Service.objects.exclude(IdIn("pk", wanted)).get() == services[1]


def test_services_in_a_language_match_its_code_in_any_case():
    spoken = ServiceFactory()
    spoken.languages.create(code="TR", name="Türkisch")
    ServiceFactory().languages.create(code="ar", name="Arabisch")
    assert list(Service.objects.with_language("tr")) == [spoken]
    assert list(Service.objects.with_language(" Tr ")) == [spoken]


def test_services_with_a_term_include_those_with_a_narrower_term():
    debt = TaxonomyTermFactory(name="Schulden")
    consumer_debt = TaxonomyTermFactory(
        taxonomy=debt.taxonomy, name="Verbraucherinsolvenz", parent=debt
    )
    tagged = AttributeFactory(taxonomy_term=debt).service
    tagged_narrower = AttributeFactory(taxonomy_term=consumer_debt).service
    AttributeFactory()  # another term
    ServiceFactory()  # no term

    assert set(Service.objects.with_term(debt)) == {tagged, tagged_narrower}
    assert set(Service.objects.with_term(debt, narrower=False)) == {tagged}
    assert set(Service.objects.with_term(consumer_debt)) == {tagged_narrower}


def test_terms_of_other_records_do_not_classify_a_service():
    term = TaxonomyTermFactory()
    service = ServiceFactory()
    AttributeFactory(taxonomy_term=term, service=None, organization=service.organization)

    assert not Service.objects.with_term(term).exists()


# --- freshness --------------------------------------------------------------------------------


def test_service_confirmed_within_twelve_months_is_current():
    service = ServiceFactory(assured_date=datetime.date(2024, 6, 15))

    assert not service.is_possibly_outdated(datetime.date(2025, 6, 14))
    assert service.is_possibly_outdated(datetime.date(2025, 6, 15))


def test_service_never_confirmed_counts_from_the_day_it_was_entered():
    service = ServiceFactory()
    entered = service.created.date()

    assert not service.is_possibly_outdated(entered + datetime.timedelta(days=300))
    assert service.is_possibly_outdated(entered + datetime.timedelta(days=366))


def test_confirmation_on_a_leap_day_expires_at_the_end_of_february():
    service = ServiceFactory(assured_date=datetime.date(2024, 2, 29))

    assert not service.is_possibly_outdated(datetime.date(2025, 2, 27))
    assert service.is_possibly_outdated(datetime.date(2025, 3, 1))


def test_confirming_a_service_records_who_and_when():
    person = UserFactory()
    service = ServiceFactory(assured_date=datetime.date(2020, 1, 1))

    service.confirm(by=person, today=datetime.date(2025, 5, 1))

    service.refresh_from_db()
    assert service.assured_date == datetime.date(2025, 5, 1)
    assert service.assured_by == person
    assert service.assurer_email == person.email
    assert not service.is_possibly_outdated(datetime.date(2025, 12, 1))


def test_outdated_services_can_be_listed_for_reminders():
    today = datetime.date(2025, 6, 1)
    old = ServiceFactory(assured_date=datetime.date(2024, 5, 1))
    ServiceFactory(assured_date=datetime.date(2025, 1, 1))
    ServiceFactory()  # entered today: current

    assert list(Service.objects.possibly_outdated(today)) == [old]


# --- attributes -------------------------------------------------------------------------------


def test_attribute_names_the_hsds_entity_it_links_to():
    service_attribute = AttributeFactory()
    organization_attribute = AttributeFactory(service=None, organization=OrganizationFactory())

    assert service_attribute.link_entity == "service"
    assert service_attribute.link_id == service_attribute.service_id
    assert organization_attribute.link_entity == "organization"


@pytest.mark.parametrize("links", [{}, {"organization": True}])
def test_attribute_must_link_exactly_one_record(links):
    service = ServiceFactory()
    fields = {"service": None}
    if links:
        fields = {"service": service, "organization": service.organization}
    with pytest.raises(IntegrityError), transaction.atomic():
        AttributeFactory(**fields)


def test_deleting_a_service_removes_its_attributes():
    attribute = AttributeFactory()
    attribute.service.delete()

    assert not Attribute.objects.filter(pk=attribute.pk).exists()


def test_phone_must_belong_to_something():
    with pytest.raises(IntegrityError), transaction.atomic():
        Phone.objects.create(number="030 123456")


# --- taxonomies -------------------------------------------------------------------------------


def test_seeded_taxonomies_have_german_terms_with_english_translations():
    topics = TaxonomyTerm.objects.in_taxonomy(Taxonomy.TOPICS)

    assert topics.count() == 15
    assert (
        Taxonomy.objects.filter(
            slug__in=[Taxonomy.TOPICS, Taxonomy.TARGET_GROUPS, Taxonomy.FEATURES]
        ).count()
        == 3
    )
    assert TaxonomyTerm.objects.in_taxonomy(Taxonomy.TARGET_GROUPS).exists()
    debt = topics.get(code="schulden")
    assert debt.name == "Schulden"
    with translation.override("en"):
        assert debt.name == "Debt"
    free = TaxonomyTerm.objects.in_taxonomy(Taxonomy.FEATURES).get(code="kostenlos")
    with translation.override("en"):
        assert free.name == "Free of charge"


def test_untranslated_content_falls_back_to_german():
    service = ServiceFactory(name="Schuldnerberatung")

    with translation.override("ar"):
        assert Service.objects.get(pk=service.pk).name == "Schuldnerberatung"


# --- organizations and events -----------------------------------------------------------------


def test_organization_keeps_its_members_and_gains_hsds_fields():
    parent = OrganizationFactory(name="Diakonie")
    organization = OrganizationFactory(name="Diakonie Mitte", parent_organization=parent)
    membership = MembershipFactory(organization=organization)

    assert organization.parent_organization == parent
    assert not organization.is_trusted
    assert list(Membership.objects.filter(organization=organization)) == [membership]
    assert Organization.objects.get(name="Diakonie Mitte") == organization


def test_location_serves_several_services_of_a_shared_place():
    location = LocationFactory(organization=None, name="Stadtteilzentrum")
    first = ServiceAtLocationFactory(location=location).service
    second = ServiceAtLocationFactory(location=location).service

    assert {link.service for link in location.service_at_locations.all()} == {first, second}


def test_event_cannot_end_before_it_starts():
    event = EventFactory.build()
    event.organization.save()
    event.end = event.start - datetime.timedelta(hours=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()


def test_recurring_event_is_marked_as_such():
    assert EventFactory(rrule="FREQ=WEEKLY;BYDAY=TU").is_recurring
    assert not EventFactory().is_recurring
    assert Event.objects.count() == 2
