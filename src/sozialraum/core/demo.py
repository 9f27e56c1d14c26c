"""Demo identity of the platform: Berlin, because the demo data are Berlin's open data."""

from django.db import transaction

from .models import SiteSettings


@transaction.atomic
def load(stdout, style) -> None:
    SiteSettings.load()
    SiteSettings.objects.filter(pk=1).update(
        city_name_de="Berlin (Demo)",
        city_name_en="Berlin (demo)",
        contact_email="sozialraum@example.org",
        contact_phone="030 1234567",
        contact_address_de="Musterstraße 1\n10115 Berlin",
    )
    stdout.write(style.SUCCESS("Demo site settings: Berlin (Demo)"))
