"""Generate a county-sized synthetic directory for benchmarks (deterministic for a seed).

As a script, on a throw-away SQLite database (or the database you name):

    .venv/bin/python bench/synthetic_directory.py
    .venv/bin/python bench/synthetic_directory.py --services 2000 --locations 800
    .venv/bin/python bench/synthetic_directory.py \\
        --database-url postgres://postgres@127.0.0.1:5432/bench --keep

From another bench script that has set up Django already:

    from synthetic_directory import generate
    generate(services=20000, locations=8000, seed=1, stdout=sys.stdout)

The directory has ~1,500 organizations, locations with addresses inside the areas of the demo
city (Berlin's areas are loaded first if the database has none), services with German-like names
and descriptions built from the vocabulary of the demo directory (so search finds something),
opening hours, languages, topics, target groups and features.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, TextIO

# (German name, English name, topics, target groups); the vocabulary of social help.
SERVICE_TYPES: list[tuple[str, str, tuple[str, ...], tuple[str, ...]]] = [
    ("Schuldnerberatung", "Debt advice", ("schulden", "geld"), ()),
    ("Insolvenzberatung", "Insolvency advice", ("schulden", "recht"), ()),
    ("Mietberatung", "Tenancy advice", ("wohnen", "recht"), ()),
    ("Wohnungslosenhilfe", "Help for homeless people", ("wohnen",), ("wohnungslose",)),
    ("Notübernachtung", "Night shelter", ("wohnen",), ("wohnungslose",)),
    ("Frauenhaus", "Women's shelter", ("gewalt", "wohnen"), ("frauen",)),
    ("Beratung bei häuslicher Gewalt", "Domestic violence counselling", ("gewalt",), ("frauen",)),
    ("Lebensmittelausgabe", "Food bank", ("geld",), ("familien",)),
    ("Mittagstisch", "Lunch table", ("geld", "freizeit"), ("aeltere-menschen",)),
    ("Kleiderkammer", "Clothing store", ("geld",), ("familien",)),
    ("Suchtberatung", "Addiction counselling", ("sucht", "gesundheit"), ()),
    ("Erziehungsberatung", "Parenting advice", ("familie",), ("familien", "kinder")),
    ("Familientreff", "Family meeting point", ("familie", "freizeit"), ("familien",)),
    ("Hausaufgabenhilfe", "Homework help", ("bildung",), ("kinder",)),
    ("Jugendclub", "Youth club", ("freizeit",), ("jugendliche",)),
    ("Seniorentreff", "Senior citizens' club", ("freizeit", "pflege"), ("aeltere-menschen",)),
    ("Pflegeberatung", "Care advice", ("pflege",), ("pflegende-angehoerige",)),
    ("Migrationsberatung", "Migration advice", ("migration",), ("zugewanderte",)),
    ("Asylverfahrensberatung", "Asylum advice", ("migration", "recht"), ("gefluechtete",)),
    ("Sprachcafé", "Language café", ("migration", "bildung"), ("zugewanderte",)),
    ("Deutschkurs", "German course", ("bildung", "migration"), ("zugewanderte",)),
    ("Jobcenter-Hilfe", "Job centre help", ("arbeit", "geld"), ()),
    ("Bewerbungshilfe", "Job application help", ("arbeit",), ("junge-erwachsene",)),
    ("Rechtsberatung", "Legal advice", ("recht",), ()),
    ("Sozialberatung", "Social advice", ("geld",), ()),
    ("Digital-Sprechstunde", "Digital help desk", ("digitale-teilhabe",), ("aeltere-menschen",)),
    ("Teilhabeberatung", "Disability counselling", ("behinderung",), ("menschen-mit-behinderung",)),
    ("Gesundheitsberatung", "Health advice", ("gesundheit",), ()),
    ("Psychosoziale Beratung", "Psychosocial counselling", ("gesundheit",), ()),
    ("Schwangerschaftsberatung", "Pregnancy counselling", ("gesundheit", "familie"), ("frauen",)),
    ("Beratung für LSBTIQ*", "Counselling for LGBTIQ* people", ("gesundheit",), ("lsbtiq",)),
    ("Energieberatung", "Energy advice", ("geld", "wohnen"), ()),
    ("Nachbarschaftshilfe", "Neighbourly help", ("freizeit",), ("aeltere-menschen",)),
    ("Pflegestützpunkt", "Care advice centre", ("pflege", "geld"), ("aeltere-menschen",)),
]
DIGITAL_TYPES = {"Digital-Sprechstunde"}
QUALIFIERS = [
    "im Kiez",
    "für Familien",
    "am Abend",
    "offene Sprechstunde",
    "für Frauen",
    "für Jugendliche",
    "für Ältere",
    "Nord",
    "Süd",
    "Ost",
    "West",
    "Mitte",
    "am Markt",
    "im Stadtteilzentrum",
    "mobil",
]
PLACES = [
    "Am Kanal", "Lindenhof", "Sonnenseite", "Spreeufer", "Am Park", "Rosenviertel", "Am See",
    "Kiefernweg", "Heideblick", "Altstadt", "Neue Mitte", "Brunnenhof", "Auenland", "Birkenhain",
    "Am Markt", "Lindenufer", "Kastanienhof", "Gartenstadt", "Am Wasserturm", "Feldmark",
    "Eichkamp", "Rathausviertel", "Am Bahnhof", "Uferkiez", "Schillerhöhe", "Ahornhof",
    "Mühlenviertel", "Fliederweg", "Am Anger", "Wiesengrund", "Fennpfuhl", "Grünau",
    "Weidenhof", "Dorfaue", "Seeblick", "Holunderhof", "Am Hafen", "Kirchplatz", "Lerchenfeld",
    "Hasenheide", "Amselviertel", "Buchenhain", "Pappelallee", "Steinhof", "Sandberg",
]  # fmt: skip
ORGANIZATION_KINDS = [
    ("Verein", "e. V."),
    ("Sozialwerk", "e. V."),
    ("Nachbarschaftshaus", "e. V."),
    ("Stadtteilzentrum", "e. V."),
    ("Beratungszentrum", "gGmbH"),
    ("Kiezhilfe", "e. V."),
    ("Familienzentrum", "e. V."),
    ("Bürgerhilfe", "e. V."),
    ("Jugendhilfe", "gGmbH"),
    ("Seniorennetz", "e. V."),
    ("Stiftung Sozialhilfe", ""),
    ("Initiative", "e. V."),
]
STREETS = [
    "Linden", "Kastanien", "Schiller", "Goethe", "Bahnhof", "Haupt", "Kirch", "Schul", "Garten",
    "Mühlen", "Wiesen", "Birken", "Berliner", "Potsdamer", "Friedrich", "Luisen", "Park",
    "Ufer", "Brunnen", "Markt", "Rosen", "Tulpen", "Eichen", "Post", "Turm", "Sonnen",
]  # fmt: skip
STREET_KINDS = ["straße", "weg", "allee", "damm", "ring", "platz"]
TOPIC_SENTENCES = {
    "schulden": "Wir helfen bei Mahnungen, Pfändung, Inkasso und Privatinsolvenz.",
    "geld": "Wir helfen bei Anträgen auf Bürgergeld, Wohngeld, Kinderzuschlag und Grundsicherung.",
    "wohnen": "Wir beraten bei Mietschulden, Kündigung, Räumung und Wohnungssuche.",
    "gewalt": "Schutz und vertrauliche Beratung bei häuslicher Gewalt, rund um die Uhr erreichbar.",
    "sucht": "Beratung bei Problemen mit Alkohol, Drogen, Medikamenten und Glücksspiel.",
    "familie": "Für Eltern und Kinder: Beratung bei Streit, Trennung und Sorgen in der Familie.",
    "freizeit": "Ein offener Treffpunkt zum Reden, Spielen und Essen.",
    "bildung": "Lernen in kleinen Gruppen mit Ehrenamtlichen, Schritt für Schritt.",
    "pflege": "Beratung zu Pflegegrad, Pflegegeld, Pflegedienst und Entlastung für Angehörige.",
    "migration": "Beratung zu Aufenthalt, Integrationskurs, Familiennachzug und Behördenpost.",
    "recht": "Anwältinnen und Anwälte beraten kostenlos zu Bescheiden, Widerspruch und Klage.",
    "arbeit": "Hilfe bei Lebenslauf, Bewerbung, Ausbildung und Briefen vom Jobcenter.",
    "digitale-teilhabe": "Hilfe mit Smartphone, E-Mail, Online-Terminen und Online-Anträgen.",
    "behinderung": "Beratung zu Schwerbehindertenausweis, Assistenz und persönlichem Budget.",
    "gesundheit": "Gesundheitsberatung, auch für Menschen ohne Krankenversicherung.",
}
GENERAL_SENTENCES = [
    "Die Beratung ist kostenlos und vertraulich.",
    "Kommen Sie ohne Termin in die offene Sprechstunde.",
    "Bitte vereinbaren Sie telefonisch einen Termin.",
    "Dolmetscherinnen können wir auf Wunsch dazuholen.",
    "Die Räume sind barrierefrei erreichbar.",
    "Kinder können während der Beratung betreut werden.",
    "Bringen Sie Ihre Unterlagen und Briefe mit.",
    "Wir arbeiten eng mit dem Bezirksamt und anderen Beratungsstellen zusammen.",
]
LANGUAGES = [
    ("en", "Englisch"), ("tr", "Türkisch"), ("ar", "Arabisch"), ("ru", "Russisch"),
    ("uk", "Ukrainisch"), ("fa", "Persisch (Farsi)"), ("pl", "Polnisch"), ("vi", "Vietnamesisch"),
    ("fr", "Französisch"), ("ku", "Kurdisch"), ("ro", "Rumänisch"), ("bg", "Bulgarisch"),
]  # fmt: skip
FEATURES = [
    "rollstuhlgerecht", "kostenlos", "ohne-anmeldung", "anonym", "leichte-sprache",
    "mehrsprachig", "online", "telefonisch", "hausbesuche", "kinderbetreuung", "gebaerdensprache",
]  # fmt: skip
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA"]
SYNTHETIC_URI = "https://synthetic.example/organization/"
BATCH = 2000


class _Sink:
    def write(self, text: str) -> None:
        pass


def generate(
    *,
    services: int = 20000,
    locations: int = 8000,
    seed: int = 1,
    stdout: TextIO | None = None,
) -> dict[str, int]:
    """Replace any earlier synthetic directory with a new one; returns the counts of rows.

    Needs a migrated database with Django set up. Organizations are about 7.5 % of services.
    """
    from django.db import transaction

    from sozialraum.directory.search import index_services

    out: Any = stdout or _Sink()
    rng = random.Random(seed)  # noqa: S311  (reproducible test data, not secrets)
    generator = _Generator(rng)
    started = time.perf_counter()
    with transaction.atomic():
        removed = _remove_synthetic()
        if removed:
            out.write(
                f"removed the earlier synthetic directory ({removed} organizations) "
                f"in {time.perf_counter() - started:.1f} s\n"
            )
        areas = _ensure_areas(out)
        out.write(f"areas ready after {time.perf_counter() - started:.1f} s\n")
        started = time.perf_counter()
        counts = generator.build(
            organizations=max(1, services * 3 // 40),
            locations=locations,
            services=services,
            areas=areas,
        )
    out.write(f"generated in {time.perf_counter() - started:.1f} s: {_summary(counts)}\n")
    started = time.perf_counter()
    index_services(generator.service_ids)
    out.write(f"indexed for search in {time.perf_counter() - started:.1f} s\n")
    return counts


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(f"{count} {name}" for name, count in counts.items())


def _remove_synthetic() -> int:
    """Delete an earlier synthetic directory: the rows below services and locations first, in
    one statement each, so that deleting the organizations has little left to cascade."""
    from sozialraum.directory.models import (
        Address,
        Attribute,
        Language,
        Organization,
        Phone,
        Schedule,
        ServiceAtLocation,
    )

    synthetic = Organization.objects.filter(uri__startswith=SYNTHETIC_URI)
    count = synthetic.count()
    if count:
        of_services = {"service__organization__in": synthetic}
        for model in (Attribute, Language, Schedule, ServiceAtLocation, Phone):
            model._default_manager.filter(**of_services).delete()  # type: ignore[attr-defined]
        Address.objects.filter(location__organization__in=synthetic).delete()
        Phone.objects.filter(organization__in=synthetic).delete()
        synthetic.delete()
    return count


def _ensure_areas(out: Any) -> list[tuple[int, Any]]:
    """The finest areas of the demo city (loaded if missing), as (id, prepared shape)."""
    import shapely
    from django.core.management.color import no_style
    from shapely.geometry import shape

    from sozialraum.areas.models import Area

    if not Area.objects.exists():
        from sozialraum.areas import demo

        out.write("loading Berlin's areas first\n")
        demo.load(_Sink(), no_style())
    finest = Area.objects.order_by("-level__rank").values_list("level__rank", flat=True).first()
    areas = []
    for pk, geometry in Area.objects.filter(level__rank=finest).values_list("pk", "geometry"):
        geom = shape(geometry)
        shapely.prepare(geom)
        areas.append((pk, geom))
    areas.sort(key=lambda pair: pair[0])  # the same order on every database
    return areas


Row = dict[str, Any]


def _insert(model: Any, rows: list[Row]) -> None:
    """INSERT the rows (attribute name -> value; the fields' defaults for the rest) in batches.

    Plain SQL instead of `bulk_create`: building 250,000 model instances (with
    modeltranslation's descriptors) costs more than writing the rows.
    """
    from django.db import connection, models
    from django.utils import timezone

    fields = list(model._meta.concrete_fields)
    now = timezone.now()
    defaults = {
        field.attname: now if field.name in ("created", "modified") else field.get_default()
        for field in fields
    }
    plain = (models.CharField, models.TextField, models.IntegerField, models.BooleanField)
    converters = [
        None
        if isinstance(field, plain) and not field.is_relation
        else (lambda value, field=field: field.get_db_prep_save(value, connection))
        for field in fields
    ]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(field.column) for field in fields)

    def values(row: Row) -> list[Any]:
        result = []
        for field, convert in zip(fields, converters, strict=True):
            value = row.get(field.attname, defaults[field.attname])
            result.append(convert(value) if convert and value is not None else value)
        return result

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # COPY: the fastest way in
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(values(row))
            return
        sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608  (names from the model)
            table, columns, ", ".join(["%s"] * len(fields))
        )
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, [values(row) for row in rows[start : start + BATCH]])


class _Generator:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.service_ids: list[uuid.UUID] = []

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def build(
        self, *, organizations: int, locations: int, services: int, areas: list[tuple[int, Any]]
    ) -> dict[str, int]:
        from sozialraum.directory.models import (
            Address,
            Attribute,
            Language,
            Location,
            Organization,
            Phone,
            Schedule,
            Service,
            ServiceAtLocation,
            TaxonomyTerm,
        )

        rng = self.rng
        terms = {
            (slug, code): pk
            for pk, slug, code in TaxonomyTerm.objects.values_list("pk", "taxonomy__slug", "code")
        }
        today = datetime.date.today()

        orgs = [self.organization(number) for number in range(organizations)]
        phones = [
            {
                "id": self.uuid(),
                "organization_id": org["id"],
                "number": f"030 23125{rng.randrange(1000):03}",
            }
            for org in orgs
        ]
        places, addresses = [], []
        places_of: dict[uuid.UUID, list[Row]] = {}
        for number in range(locations):
            org = orgs[number % organizations] if number < organizations else rng.choice(orgs)
            place = self.location(org, number)
            places.append(place)
            places_of.setdefault(org["id"], []).append(place)
            if place["location_type"] == "physical":
                addresses.append(self.address(place, areas))

        offers: list[Row] = []
        at_locations: list[Row] = []
        schedules: list[Row] = []
        languages: list[Row] = []
        attributes: list[Row] = []
        for number in range(services):
            org = orgs[number % organizations]
            service_type = SERVICE_TYPES[rng.randrange(len(SERVICE_TYPES))]
            offer = self.service(org, service_type, today)
            offers.append(offer)
            own = places_of.get(org["id"]) or [rng.choice(places)]
            for place in rng.sample(own, k=min(len(own), rng.choice((1, 1, 1, 2)))):
                at_locations.append(
                    {"id": self.uuid(), "service_id": offer["id"], "location_id": place["id"]}
                )
            schedules += self.schedules(offer)
            spoken = [("de", "Deutsch"), *rng.sample(LANGUAGES, k=rng.choice((0, 0, 1, 1, 2, 3)))]
            languages += [
                {"id": self.uuid(), "service_id": offer["id"], "code": code, "name": name}
                for code, name in spoken
            ]
            attributes += [
                {"id": self.uuid(), "service_id": offer["id"], "taxonomy_term_id": terms[key]}
                for key in self.term_keys(service_type)
            ]
        for model, rows in (
            (Organization, orgs),
            (Location, places),
            (Address, addresses),
            (Service, offers),
            (ServiceAtLocation, at_locations),
            (Schedule, schedules),
            (Language, languages),
            (Attribute, attributes),
            (Phone, phones),
        ):
            _insert(model, rows)
        self.service_ids = [offer["id"] for offer in offers]
        return {
            "organizations": len(orgs),
            "locations": len(places),
            "addresses": len(addresses),
            "services": len(offers),
            "services at locations": len(at_locations),
            "schedules": len(schedules),
            "languages": len(languages),
            "attributes": len(attributes),
            "phones": len(phones),
        }

    def organization(self, number: int) -> Row:
        # Unique names: every kind in every place, then the same in four quarters.
        kind, legal = ORGANIZATION_KINDS[number % len(ORGANIZATION_KINDS)]
        combinations = len(ORGANIZATION_KINDS) * len(PLACES)
        place = PLACES[(number // len(ORGANIZATION_KINDS)) % len(PLACES)]
        quarter = ["", " Nord", " Süd", " Ost", " West"][(number // combinations) % 5]
        number_suffix = f" {number}" if number >= combinations * 5 else ""
        name = f"{kind} {place}{quarter}{number_suffix} {legal}".strip()
        description = f"{kind} im Stadtteil {place}: Beratung und Begegnung für die Nachbarschaft."
        return {
            "id": self.uuid(),
            "name": name,
            "name_de": name,
            "description": description,
            "description_de": description,
            "legal_status": legal,
            "email": f"info@org{number}.example",
            "website": f"https://org{number}.example/",
            "uri": f"{SYNTHETIC_URI}{number}",
            "is_trusted": self.rng.random() < 0.05,
        }

    def location(self, org: Row, number: int) -> Row:
        virtual = self.rng.random() < 0.04
        name = f"{org['name'].split(' ')[0]} {self.rng.choice(PLACES)}"
        return {
            "id": self.uuid(),
            "organization_id": org["id"],
            "location_type": "virtual" if virtual else "physical",
            "name": name,
            "name_de": name,
            "url": f"https://org{number}.example/online" if virtual else "",
        }

    def address(self, place: Row, areas: list[tuple[int, Any]]) -> Row:
        """An address at a random point inside a random area (the area it is linked to)."""
        from shapely.geometry import Point

        rng = self.rng
        area_id, geometry = areas[rng.randrange(len(areas))]
        min_x, min_y, max_x, max_y = geometry.bounds
        for _attempt in range(50):
            longitude, latitude = rng.uniform(min_x, max_x), rng.uniform(min_y, max_y)
            if geometry.covers(Point(longitude, latitude)):
                break
        else:
            point = geometry.representative_point()
            longitude, latitude = point.x, point.y
        place["longitude"], place["latitude"] = round(longitude, 6), round(latitude, 6)
        street = f"{rng.choice(STREETS)}{rng.choice(STREET_KINDS)} {rng.randint(1, 180)}"
        return {
            "id": self.uuid(),
            "location_id": place["id"],
            "address_1": street,
            "city": "Berlin",
            "state_province": "Berlin",
            "postal_code": str(rng.randint(10115, 14199)),
            "country": "DE",
            "address_type": "physical",
            "area_id": area_id,
        }

    def service(self, org: Row, service_type: tuple, today: datetime.date) -> Row:
        rng = self.rng
        german, english, topics, _groups = service_type
        name = f"{german} {rng.choice(QUALIFIERS)}"
        sentences = [TOPIC_SENTENCES[topic] for topic in topics]
        sentences += rng.sample(GENERAL_SENTENCES, k=2)
        description = " ".join(sentences)
        roll = rng.random()
        if roll < 0.93:
            status = "active"
        elif roll < 0.96:
            status = "temporarily closed"
        else:
            status = "inactive" if roll < 0.98 else "defunct"
        translated = rng.random() < 0.2
        fees = "Kostenlos." if rng.random() < 0.8 else "Kleiner Beitrag."
        # Most providers confirm within a year; one in eight did not (possibly outdated).
        recent = rng.random() < 0.875
        confirmed_days_ago = rng.randrange(360) if recent else rng.randrange(370, 900)
        return {
            "id": self.uuid(),
            "organization_id": org["id"],
            "kind": "digital_contact_point" if german in DIGITAL_TYPES else "service",
            "status": status,
            "name": name,
            "name_de": name,
            "name_en": english if translated else "",
            "short_description": sentences[0],
            "short_description_de": sentences[0],
            "description": description,
            "description_de": description,
            "fees_description": fees,
            "fees_description_de": fees,
            "assured_date": today - datetime.timedelta(days=confirmed_days_ago),
        }

    def schedules(self, offer: Row) -> list[Row]:
        rng = self.rng
        rows = []
        for _rule in range(rng.choice((1, 1, 2, 2, 3))):
            opens = rng.choice((8, 9, 10, 13, 14, 15, 16, 17))
            if rng.random() < 0.1:
                ordinal = rng.choice((1, 2, 3, -1))
                freq, byday = "MONTHLY", f"{ordinal}{rng.choice(WEEKDAYS)}"
            else:
                days = sorted(rng.sample(range(6), k=rng.randint(1, 4)))
                freq, byday = "WEEKLY", ",".join(WEEKDAYS[day] for day in days)
            rows.append(
                {
                    "id": self.uuid(),
                    "service_id": offer["id"],
                    "freq": freq,
                    "byday": byday,
                    "opens_at": datetime.time(opens),
                    "closes_at": datetime.time(min(opens + rng.choice((2, 3, 4)), 23)),
                }
            )
        return rows

    def term_keys(self, service_type: tuple) -> list[tuple[str, str]]:
        rng = self.rng
        _german, _english, topics, groups = service_type
        keys = [("themen", topic) for topic in topics]
        keys += [("zielgruppen", group) for group in groups]
        keys += [("merkmale", code) for code in rng.sample(FEATURES, k=rng.randint(0, 3))]
        return keys


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description="Generate a synthetic county-sized directory (deterministic for a seed) on "
        "a throw-away SQLite database, or on --database-url.",
    )
    parser.add_argument("--services", type=int, default=20000, help="default: 20000")
    parser.add_argument("--locations", type=int, default=8000, help="default: 8000")
    parser.add_argument("--seed", type=int, default=1, help="default: 1")
    parser.add_argument(
        "--database-url",
        help="e.g. postgres://postgres@127.0.0.1:5432/bench (default: a new SQLite file)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the SQLite file and print its path"
    )
    options = parser.parse_args(argv)

    temporary = None
    database_url = options.database_url
    if not database_url:
        temporary = Path(tempfile.mkdtemp(prefix="sozialraum-synthetic-"))
        database_url = f"sqlite:///{temporary / 'bench.sqlite3'}"
    os.environ.update(
        {
            "DATABASE_URL": database_url,
            "SECRET_KEY": os.environ.get("SECRET_KEY", "bench"),
            "DJANGO_SETTINGS_MODULE": "sozialraum.settings",
            "LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    generate(
        services=options.services,
        locations=options.locations,
        seed=options.seed,
        stdout=sys.stdout,
    )
    if temporary and options.keep:
        print(f"database: {database_url}")
    elif temporary:
        shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    main()
