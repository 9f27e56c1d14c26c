import factory

from sozialraum.areas.models import Area, AreaLevel


def square(west: float, south: float, size: float = 0.01) -> dict:
    """A GeoJSON polygon: a square of `size` degrees with its south-west corner given."""
    east, north = west + size, south + size
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def feature(code, name, geometry=None, **properties) -> dict:
    return {
        "type": "Feature",
        "properties": {"id": code, "name": name, **properties},
        "geometry": geometry,
    }


class AreaLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AreaLevel
        django_get_or_create = ["slug"]

    name = "Bezirk"
    slug = factory.LazyAttribute(lambda level: level.name.lower())
    rank = 0


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    level = factory.SubFactory(AreaLevelFactory)
    code = factory.Sequence(lambda n: f"{n + 1:02d}")
    name = factory.Sequence(lambda n: f"Gebiet {n + 1}")
    geometry = factory.Sequence(lambda n: square(13.3 + 0.02 * n, 52.5))
    bbox = factory.LazyAttribute(
        lambda area: [
            area.geometry["coordinates"][0][0][0],
            area.geometry["coordinates"][0][0][1],
            area.geometry["coordinates"][0][2][0],
            area.geometry["coordinates"][0][2][1],
        ]
    )


def create_sample_areas() -> dict[str, Area]:
    """A small Berlin: city > district > district region (until 2020) > two planning areas."""
    import datetime

    until_2020 = datetime.date(2020, 12, 31)
    city = AreaFactory(
        level=AreaLevelFactory(name="Stadt", rank=0),
        code="0",
        name="Berlin",
        geometry=square(13.0, 52.3, 0.8),
    )
    district = AreaFactory(
        level=AreaLevelFactory(name="Bezirk", rank=1),
        code="01",
        name="Mitte",
        parent=city,
        geometry=square(13.3, 52.5, 0.1),
    )
    region = AreaFactory(
        level=AreaLevelFactory(name="Bezirksregion", rank=2),
        code="010111",
        name="Tiergarten Süd",
        parent=district,
        geometry=square(13.33, 52.50, 0.04),
        valid_until=until_2020,
    )
    planning = AreaLevelFactory(name="Planungsraum", rank=3)
    first = AreaFactory(
        level=planning,
        code="01011101",
        name="Stülerstraße",
        parent=region,
        geometry=square(13.33, 52.50, 0.02),
        valid_until=until_2020,
        source="Amt für Statistik Berlin-Brandenburg (CC BY 3.0 DE)",
    )
    second = AreaFactory(
        level=planning,
        code="01011102",
        name="Großer Tiergarten",
        parent=region,
        geometry=square(13.35, 52.50, 0.02),
        valid_until=until_2020,
    )
    return {
        "city": city,
        "district": district,
        "region": region,
        "stuelerstrasse": first,
        "tiergarten": second,
    }
