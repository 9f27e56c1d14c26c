import datetime

import factory

from sozialraum.passes import numbering
from sozialraum.passes.models import Pass, PassType


class PassTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PassType
        django_get_or_create = ("code",)

    code = "FP"
    name = "Ferienpass"
    description = "Für Kinder und Jugendliche von 6 bis 17 Jahren."
    validity_months = 12


class PassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pass

    pass_type = factory.SubFactory(PassTypeFactory)
    number = factory.LazyAttribute(lambda card: numbering.generate(card.pass_type.code))
    valid_from = datetime.date(2025, 1, 1)
    valid_until = datetime.date(2025, 12, 31)
