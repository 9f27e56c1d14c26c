# ruff: noqa: RUF001  (German text uses the en dash as its dash)
"""The demo directory's shapes of data, its organizations and the names of its languages.

Names, e-mail addresses (``.example``) and phone numbers (030 23125-xxx, the range the Federal
Network Agency keeps free for fiction) are invented; streets and coordinates are real-looking
and lie in the district the comment names. Places are in ``demo_locations``, services in
``demo_services_*``, events in ``demo_events``.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoOrganization:
    key: str
    name: str
    description: str
    legal_status: str = "e. V."
    year: int | None = None
    phone: str = ""
    trusted: bool = False
    parent: str = ""
    name_en: str = ""
    description_en: str = ""

    @property
    def domain(self) -> str:
        return f"{self.key}.example"


@dataclass(frozen=True)
class DemoLocation:
    key: str
    organization: str  # key of the organization; "" for a shared place
    name: str
    street: str = ""
    postal_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    transportation: str = ""
    wheelchair: bool = False
    accessibility: str = ""
    languages: tuple[str, ...] = ()
    url: str = ""  # a virtual location (online) has a URL and no address
    name_en: str = ""

    @property
    def is_virtual(self) -> bool:
        return not self.street


@dataclass(frozen=True)
class DemoService:
    """One demo service. ``hours`` is a compact rule: "MO,TU 09:00-12:00 | 1WE 16:00-18:00"
    (weekly days, or monthly with an ordinal: 1MO is the first Monday, -1FR the last Friday;
    "2/TH" is every second Thursday). Unless ``fees`` or ``cost`` say otherwise, it is free."""

    organization: str
    name: str
    short_description: str
    description: str
    at: tuple[str, ...]
    hours: str
    topics: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    features: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("de",)
    status: str = "active"
    kind: str = "service"
    fees: str = ""
    cost: tuple[str, str] | None = None  # (amount, what it is for)
    documents: tuple[str, ...] = ()
    application: str = ""
    wait_time: str = ""
    eligibility: str = ""
    ages: tuple[int | None, int | None] = (None, None)
    alert: str = ""
    phone: str = ""
    assured_days_ago: int | None = None
    en: tuple[str, str] | None = None  # (name, short description) in English
    ar: tuple[str, str] | None = None  # (name, short description) in Arabic


@dataclass(frozen=True)
class DemoEvent:
    organization: str
    title: str
    description: str
    location: str
    in_days: int  # first date, counted from the day the demo is loaded
    time: str  # "18:00-20:00"
    service: str = ""  # name of the service it belongs to
    rrule: str = ""
    capacity: int | None = None
    registration: str = ""
    title_en: str = ""
    topics: tuple[str, ...] = ()  # besides those of its service


ORGANIZATIONS = [
    DemoOrganization(
        "am-kanal",
        "Nachbarschaftshaus Am Kanal e. V.",
        "Offenes Haus für alle im Graefekiez: Beratung, Sprachcafé, Hilfe am Computer, "
        "Angebote für Familien und ältere Menschen.",
        year=1989,
        phone="030 23125101",
        name_en="Am Kanal Neighbourhood Centre",
        description_en="A house open to everyone in the Graefekiez: advice, language café, "
        "help with computers, activities for families and older people.",
    ),
    DemoOrganization(
        "schuldenfrei-mitte",
        "Verein Schuldenfrei Mitte e. V.",
        "Staatlich anerkannte Schuldner- und Insolvenzberatung in Wedding und Moabit.",
        year=1996,
        phone="030 23125102",
        name_en="Debt-Free Mitte Association",
    ),
    DemoOrganization(
        "spreebogen",
        "Sozialwerk Spreebogen e. V.",
        "Großer Träger der freien Wohlfahrtspflege mit Beratungsstellen in Mitte, "
        "Friedrichshain-Kreuzberg und Lichtenberg.",
        year=1952,
        phone="030 23125103",
        trusted=True,
        name_en="Spreebogen Social Services",
    ),
    DemoOrganization(
        "wohnungsnot-spree",
        "Wohnungsnotfallhilfe Spree gGmbH",
        "Hilfe für Menschen ohne Wohnung oder mit drohendem Wohnungsverlust. "
        "Eine Tochter des Sozialwerks Spreebogen.",
        legal_status="gGmbH",
        year=2004,
        phone="030 23125104",
        trusted=True,
        parent="spreebogen",
        name_en="Spree Housing Emergency Aid",
    ),
    DemoOrganization(
        "frauenschutz-nord",
        "Frauenschutz Nord e. V.",
        "Schutz und Beratung für Frauen und ihre Kinder bei häuslicher Gewalt.",
        year=1979,
        phone="030 23125105",
        name_en="Women's Protection North",
    ),
    DemoOrganization(
        "essen-teilen",
        "Essen teilen Neukölln e. V.",
        "Ehrenamtliche retten Lebensmittel und geben sie an Menschen mit wenig Geld weiter.",
        year=2001,
        phone="030 23125106",
        name_en="Share Food Neukölln",
    ),
    DemoOrganization(
        "buergerhilfe-wedding",
        "Bürgerhilfe Wedding e. V.",
        "Kleiderkammer, Möbel und Nachbarschaftshilfe im Wedding.",
        year=1993,
        phone="030 23125107",
    ),
    DemoOrganization(
        "mieterhilfe-nordost",
        "Mieterhilfe Nordost e. V.",
        "Beratung für Mieterinnen und Mieter in Pankow, Prenzlauer Berg und Weißensee.",
        year=1991,
        phone="030 23125108",
        name_en="Tenants' Aid North-East",
    ),
    DemoOrganization(
        "suchthilfe-kiez",
        "Suchthilfe im Kiez gGmbH",
        "Beratung bei Problemen mit Alkohol, Drogen, Medikamenten und Glücksspiel.",
        legal_status="gGmbH",
        year=1998,
        phone="030 23125109",
        name_en="Neighbourhood Addiction Support",
    ),
    DemoOrganization(
        "lindenhof",
        "Familienzentrum Lindenhof e. V.",
        "Treffpunkt und Beratung für Familien in Schöneberg und Tempelhof.",
        year=2008,
        phone="030 23125110",
        name_en="Lindenhof Family Centre",
    ),
    DemoOrganization(
        "seniorennetz-spandau",
        "Seniorennetz Spandau e. V.",
        "Begegnung, Beratung und Besuche für ältere Menschen in Spandau.",
        year=2000,
        phone="030 23125111",
        name_en="Spandau Senior Network",
    ),
    DemoOrganization(
        "pflegeberatung-west",
        "Pflegeberatung West gGmbH",
        "Betreibt den Pflegestützpunkt Wilmersdorfer Straße: neutrale Beratung zu Pflege, "
        "Pflegegrad und Entlastung.",
        legal_status="gGmbH",
        year=2009,
        phone="030 23125112",
        trusted=True,
        name_en="Care Advice West",
    ),
    DemoOrganization(
        "willkommen-kiez",
        "Willkommen im Kiez e. V.",
        "Beratung und Begegnung für Zugewanderte und Geflüchtete in Neukölln.",
        year=2015,
        phone="030 23125113",
        name_en="Welcome to the Neighbourhood",
    ),
    DemoOrganization(
        "bruecke-ost",
        "Brücke Ost e. V.",
        "Beratung für Zugewanderte aus Osteuropa, auf Russisch, Ukrainisch und Deutsch.",
        year=1997,
        phone="030 23125114",
        name_en="Bridge East",
    ),
    DemoOrganization(
        "alz-lichtenberg",
        "Arbeitslosenzentrum Lichtenberg e. V.",
        "Unabhängige Beratung zu Bürgergeld, Jobcenter und Bewerbung.",
        year=1992,
        phone="030 23125115",
        name_en="Lichtenberg Centre for the Unemployed",
    ),
    DemoOrganization(
        "rechtshilfe-fuer-alle",
        "Rechtshilfe für alle e. V.",
        "Ehrenamtliche Anwältinnen und Anwälte beraten Menschen mit wenig Geld kostenlos.",
        year=2011,
        phone="030 23125116",
        name_en="Legal Aid for Everyone",
    ),
    DemoOrganization(
        "weisse-villa",
        "Jugendhaus Weiße Villa gGmbH",
        "Offene Kinder- und Jugendarbeit in Weißensee.",
        legal_status="gGmbH",
        year=2002,
        phone="030 23125117",
        name_en="White Villa Youth Centre",
    ),
    DemoOrganization(
        "kiezkueche-reinickendorf",
        "Kiezküche Reinickendorf e. V.",
        "Günstiges Mittagessen, Lebensmittel und ein offenes Ohr am Schäfersee.",
        year=2006,
        phone="030 23125118",
    ),
    DemoOrganization(
        "digital-dabei",
        "Digital dabei e. V.",
        "Ehrenamtliche helfen bei Smartphone, Computer und Online-Anträgen.",
        year=2018,
        phone="030 23125119",
        name_en="Digitally Included",
        description_en="Volunteers help with smartphones, computers and online applications.",
    ),
    DemoOrganization(
        "gemeinsam-koepenick",
        "Gemeinsam leben Köpenick e. V.",
        "Beratung und Freizeit für Menschen mit Behinderung und ihre Angehörigen.",
        year=1990,
        phone="030 23125120",
        name_en="Living Together Köpenick",
    ),
    DemoOrganization(
        "queeres-zentrum",
        "Queeres Zentrum Schöneberg e. V.",
        "Beratung und Treffpunkte für lesbische, schwule, bi, trans*, inter* und queere Menschen.",
        year=1994,
        phone="030 23125121",
        name_en="Schöneberg Queer Centre",
    ),
    DemoOrganization(
        "gesundheitsladen-wedding",
        "Gesundheitsladen Wedding e. V.",
        "Gesundheitsberatung und Sprechstunden, auch für Menschen ohne Krankenversicherung.",
        year=1987,
        phone="030 23125122",
        name_en="Wedding Health Shop",
    ),
    DemoOrganization(
        "kiezlotsinnen",
        "Kiezlotsinnen Neukölln e. V.",
        "Mütter aus dem Kiez besuchen Familien und zeigen, wo es Hilfe gibt – in ihrer Sprache.",
        year=2012,
        phone="030 23125123",
        name_en="Neukölln Neighbourhood Guides",
    ),
    DemoOrganization(
        "maennerberatung",
        "Männerberatung Berlin e. V.",
        "Beratung für Männer in Krisen, bei Trennung und gegen Gewalt.",
        year=2003,
        phone="030 23125124",
        name_en="Men's Counselling Berlin",
    ),
    DemoOrganization(
        "seele-mitte",
        "Seelische Gesundheit Mitte e. V.",
        "Kontakt- und Beratungsstelle für Menschen in seelischen Krisen.",
        year=1985,
        phone="030 23125125",
        name_en="Mental Health Mitte",
    ),
    DemoOrganization(
        "kiezschule",
        "Bildungswerk Kiezschule e. V.",
        "Lesen, Schreiben, Deutsch und Computer für Erwachsene.",
        year=1999,
        phone="030 23125126",
        name_en="Kiezschule Adult Education",
    ),
    DemoOrganization(
        "energiehilfe",
        "Stiftung Energiehilfe Berlin",
        "Hilfe bei Strom- und Gasschulden und Beratung zum Energiesparen.",
        legal_status="Stiftung bürgerlichen Rechts",
        year=2013,
        phone="030 23125127",
        name_en="Berlin Energy Aid Foundation",
    ),
    DemoOrganization(
        "sozialkaufhaus-marzahn",
        "Sozialkaufhaus Marzahn gGmbH",
        "Gebrauchte Möbel, Kleidung und Haushaltsgeräte zu kleinen Preisen.",
        legal_status="gGmbH",
        year=2005,
        phone="030 23125128",
        name_en="Marzahn Social Department Store",
    ),
    DemoOrganization(
        "schaefersee",
        "Gemeindezentrum Am Schäfersee e. V.",
        "Nachbarschaftstreff mit Angeboten für ältere Menschen und Familien.",
        year=1975,
        phone="030 23125129",
    ),
    DemoOrganization(
        "steglitz-sued",
        "Stadtteilzentrum Steglitz-Süd e. V.",
        "Stadtteilzentrum mit Sozialberatung, Familientreff und Ehrenamtsbörse.",
        year=1997,
        phone="030 23125130",
        name_en="Steglitz-South Community Centre",
    ),
]

#: (organization, name, description, names of its services)
PROGRAMS = [
    (
        "spreebogen",
        "Migrationsdienste",
        "Beratung für Zugewanderte jeden Alters, in Moabit und Kreuzberg.",
        ("Migrationsberatung für Erwachsene", "Beratung für junge Zugewanderte"),
    ),
    (
        "wohnungsnot-spree",
        "Hilfe in Wohnungsnot",
        "Beratung, Tagestreff und Notübernachtung unter einem Dach.",
        (
            "Beratungsstelle für Wohnungslose",
            "Tagestreff mit Duschen und Waschmaschine",
            "Notübernachtung Kältehilfe",
            "Postadresse für Wohnungslose",
        ),
    ),
]

#: German names of the languages the demo uses (HSDS language.name).
LANGUAGE_NAMES = {
    "de": "Deutsch",
    "en": "Englisch",
    "tr": "Türkisch",
    "ar": "Arabisch",
    "ru": "Russisch",
    "uk": "Ukrainisch",
    "fa": "Persisch (Farsi)",
    "pl": "Polnisch",
    "ro": "Rumänisch",
    "bg": "Bulgarisch",
    "ku": "Kurdisch",
    "vi": "Vietnamesisch",
    "fr": "Französisch",
    "es": "Spanisch",
    "dgs": "Deutsche Gebärdensprache",
}
