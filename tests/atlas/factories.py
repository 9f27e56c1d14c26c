import factory

from sozialraum.atlas.models import Indicator, IndicatorValue, Kind


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ["key"]

    key = factory.Sequence(lambda n: f"indikator-{n + 1}")
    name = factory.Sequence(lambda n: f"Indikator {n + 1}")
    kind = Kind.COUNT
    unit = "Personen"


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    value = 1.0
