"""The demo directory: fictional offers in Berlin's areas, complete enough to try every feature."""

import datetime
from io import StringIO

import pytest
from django.core.management.color import no_style
from django.db import transaction
from django.utils import translation

from sozialraum.areas import demo as areas_demo
from sozialraum.areas.models import Area
from sozialraum.directory import demo
from sozialraum.directory.models import (
    Address,
    Attribute,
    Contact,
    Event,
    Funding,
    Language,
    Location,
    Organization,
    Phone,
    Program,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)

TODAY = datetime.date(2026, 3, 2)  # a Monday, the first of its month
MODELS = [
    Organization,
    Service,
    Location,
    Address,
    ServiceAtLocation,
    Schedule,
    Language,
    Attribute,
    Phone,
    Event,
    Contact,
    Funding,
    Program,
    ServiceArea,
]


@pytest.fixture(scope="module")
def demo_directory(django_db_setup, django_db_blocker):
    """Berlin's areas and the demo directory, loaded once for this module's tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        areas_demo.load(StringIO(), no_style())
        demo.load_directory(today=TODAY)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo_directory, db):
    return None


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_demo_has_dozens_of_organizations_and_about_a_hundred_services(loaded):
    assert Organization.objects.count() == 30
    assert 90 <= Service.objects.count() <= 110
    assert Event.objects.count() >= 12
    assert Event.objects.exclude(rrule="").count() >= 4
    assert Service.objects.digital_contact_points().count() >= 5
    assert Organization.objects.filter(is_trusted=True).count() == 3
    statuses = {
        status: Service.objects.filter(status=status).count() for status in Service.Status.values
    }
    assert statuses[Service.Status.TEMPORARILY_CLOSED] == 2
    assert statuses[Service.Status.INACTIVE] == 1
    assert statuses[Service.Status.DEFUNCT] == 1
    assert Service.objects.possibly_outdated(TODAY).count() >= 5


def test_loading_again_changes_no_counts_and_no_ids(loaded):
    before = counts()
    service_ids = set(Service.objects.values_list("pk", flat=True))
    schedule_ids = set(Schedule.objects.values_list("pk", flat=True))

    out = StringIO()
    demo.load(out, no_style())

    assert counts() == before
    assert set(Service.objects.values_list("pk", flat=True)) == service_ids
    assert set(Schedule.objects.values_list("pk", flat=True)) == schedule_ids
    assert "30 organizations" in out.getvalue()


def test_every_physical_address_lies_in_a_planning_area_of_its_district(loaded):
    addresses = Address.objects.select_related("area__level", "area__parent__parent")
    assert addresses.count() >= 35
    for address in addresses:
        assert address.area is not None, address
        assert address.area.level.slug == "planungsraum"
    districts = {address.area.parent.parent.name for address in addresses}
    assert len(districts) == 12  # every district of Berlin has offers


def test_every_public_service_has_a_place_opening_hours_a_phone_and_a_topic(loaded):
    public = Service.objects.public().prefetch_related(
        "service_at_locations", "schedules", "phones", "attributes__taxonomy_term__taxonomy"
    )
    for service in public:
        assert service.service_at_locations.all(), service
        assert service.schedules.all(), service
        assert service.phones.all(), service
        slugs = {a.taxonomy_term.taxonomy.slug for a in service.attributes.all()}
        assert "themen" in slugs, service
        assert service.short_description and service.description, service


def test_a_district_lists_its_services(loaded):
    neukoelln = Area.objects.get(level__slug="bezirk", name="Neukölln")
    names = set(Service.objects.public().in_area(neukoelln).values_list("name", flat=True))
    assert "Lebensmittelausgabe Rixdorf" in names
    assert "Schuldnerberatung Wedding" not in names


def test_filters_by_language_and_features_find_demo_services(loaded):
    arabic = set(Service.objects.with_language("ar").values_list("name", flat=True))
    assert "Migrationsberatung Sonnenallee" in arabic
    free = TaxonomyTerm.objects.get(taxonomy__slug="merkmale", code="kostenlos")
    wheelchair = TaxonomyTerm.objects.get(taxonomy__slug="merkmale", code="rollstuhlgerecht")
    assert "Schuldnerberatung Wedding" in set(
        Service.objects.with_term(free).values_list("name", flat=True)
    )
    assert "Mittagstisch für einen Euro" not in set(
        Service.objects.with_term(free).values_list("name", flat=True)
    )
    accessible = set(Service.objects.with_term(wheelchair).values_list("name", flat=True))
    assert "Schuldnerberatung Wedding" in accessible
    assert "Kleiderkammer Wedding" not in accessible  # five steps down to the basement


def test_opening_hours_include_weekly_monthly_and_fortnightly_rules(loaded):
    budget = Service.objects.get(name="Haushaltsplan-Sprechstunde").schedules.get()
    assert (budget.freq, budget.byday) == ("MONTHLY", "1MO")
    assert budget.opens_on(TODAY)  # the first Monday of March 2026
    assert not budget.opens_on(TODAY + datetime.timedelta(days=7))
    fortnightly = Service.objects.get(name="Betriebskosten-Check").schedules.get()
    assert fortnightly.interval == 2
    assert fortnightly.opens_on(TODAY + datetime.timedelta(days=1)) != fortnightly.opens_on(
        TODAY + datetime.timedelta(days=8)
    )
    shelter = Service.objects.get(name="Frauenhaus Nord").schedules.get()
    assert shelter.is_open_at(datetime.datetime(2026, 3, 7, 3, 30))  # Saturday night


def test_some_offers_are_translated_to_english_and_arabic(loaded):
    assert Service.objects.exclude(name_en="").count() >= 40
    assert Service.objects.exclude(name_ar="").count() >= 5
    service = Service.objects.get(name_de="Frauenhaus Nord")
    with translation.override("en"):
        assert service.name == "Women's shelter North"
    with translation.override("ar"):
        assert service.name == "دار إيواء النساء الشمال"


def test_virtual_places_have_a_web_address_and_no_street(loaded):
    online = Location.objects.filter(location_type=Location.LocationType.VIRTUAL)
    assert online.count() == 3
    for location in online:
        assert location.url.startswith("https://")
        assert not location.addresses.exists()


def test_demo_provider_account_manages_a_directory_organization(loaded, settings):
    from sozialraum.accounts import demo as accounts_demo
    from sozialraum.directory.models import Membership

    settings.DEBUG = True
    accounts_demo.load(StringIO(), no_style())

    membership = Membership.objects.get(user__email="traeger@example.org")
    assert membership.organization.name == accounts_demo.DEMO_ORGANIZATION
    assert membership.organization.services.count() >= 5
    assert Organization.objects.filter(name=accounts_demo.DEMO_ORGANIZATION).count() == 1


def test_home_visits_serve_a_district_and_events_have_topics(loaded):
    visits = ServiceArea.objects.get(service__name="Kiezlotsinnen besuchen Familien")
    assert (visits.area.level.slug, visits.area.name) == ("bezirk", "Neukölln")
    assert ServiceArea.objects.count() >= 5
    talk = Event.objects.get(title="Infoabend: Was tun bei Pfändung?")
    assert {a.taxonomy_term.code for a in talk.attributes.all()} == {"schulden", "geld"}
    shelter = Program.objects.get(name="Hilfe in Wohnungsnot")
    assert shelter.services.count() == 4
    assert all(organization.contacts.exists() for organization in Organization.objects.all())
