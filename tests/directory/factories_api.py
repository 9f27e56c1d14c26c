"""A fully filled-in service for the HSDS API and export tests: every HSDS part set once."""

import datetime
import decimal

from sozialraum.directory.models import (
    Accessibility,
    Contact,
    CostOption,
    Funding,
    Language,
    OrganizationIdentifier,
    Phone,
    Program,
    RequiredDocument,
    ServiceArea,
    Taxonomy,
    TaxonomyTerm,
)

from .factories import (
    AddressFactory,
    AttributeFactory,
    LocationFactory,
    MembershipFactory,
    OrganizationFactory,
    ScheduleFactory,
    ServiceAtLocationFactory,
    ServiceFactory,
    UserFactory,
)


def full_service(**kwargs):
    """A public service with organization, program, a place with address, phones, contacts,
    opening hours, languages, prices, documents, funding, an area and a topic; the provider's
    staff (a member who confirmed it) exists too and must never show up in the API."""
    organization = kwargs.pop("organization", None) or OrganizationFactory(
        description="Beratung für alle im Kiez.",
        email="info@beratung.example",
        website="https://beratung.example",
        legal_status="e. V.",
    )
    staff = UserFactory(name="Erika Intern")
    MembershipFactory(user=staff, organization=organization, is_admin=True)
    program = Program.objects.create(organization=organization, name="Schuldnerhilfe")
    OrganizationIdentifier.objects.create(
        organization=organization, identifier_type="Vereinsregister", identifier="VR 12345"
    )
    Funding.objects.create(organization=organization, source="Bezirksamt Mitte")
    service = ServiceFactory(
        organization=organization,
        program=program,
        description="Wir helfen bei Schulden.",
        url="https://beratung.example/schulden",
        email="schulden@beratung.example",
        minimum_age=18,
        assured_date=datetime.date(2026, 1, 15),
        assured_by=staff,
        assurer_email=staff.email,
        **kwargs,
    )
    location = LocationFactory(organization=organization, latitude=52.52, longitude=13.36)
    AddressFactory(location=location, postal_code="10559")
    Accessibility.objects.create(location=location, description="Stufenloser Eingang")
    at_location = ServiceAtLocationFactory(service=service, location=location)
    ScheduleFactory(service=service)
    ScheduleFactory(service=None, service_at_location=at_location, byday="WE")
    phone = Phone.objects.create(service=service, number="030 1234567")
    Language.objects.create(phone=phone, code="tr", name="Türkisch")
    Language.objects.create(service=service, code="ar", name="Arabisch")
    contact = Contact.objects.create(service=service, department="Beratungsteam")
    Phone.objects.create(contact=contact, number="030 7654321", type=Phone.Type.FAX)
    CostOption.objects.create(service=service, amount=decimal.Decimal("5.50"), option="pro Termin")
    RequiredDocument.objects.create(service=service, document="Personalausweis")
    Funding.objects.create(service=service, source="Land Berlin")
    ServiceArea.objects.create(service=service, name="Berlin-Mitte", extent_type="text")
    topic = TaxonomyTerm.objects.filter(taxonomy__slug=Taxonomy.TOPICS).first()
    AttributeFactory(service=service, taxonomy_term=topic)
    return service
