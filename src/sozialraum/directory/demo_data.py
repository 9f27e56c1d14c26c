# ruff: noqa: RUF001  (German text uses the en dash as its dash)
"""The demo directory's organizations and places (fictional, in Berlin's districts).

Names, e-mail addresses (``.example``) and phone numbers (030 23125-xxx, the range the Federal
Network Agency keeps free for fiction) are invented; streets and coordinates are real-looking
and lie in the district the comment names. Services and events are in ``demo_services``.
"""

from dataclasses import dataclass, field


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
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def is_virtual(self) -> bool:
        return not self.street


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

# Transport notes reused by several places.
_U8 = "U8 Schönleinstraße, Bus M41"

LOCATIONS = [
    # Friedrichshain-Kreuzberg
    DemoLocation(
        "kanal-haus",
        "am-kanal",
        "Nachbarschaftshaus Am Kanal",
        "Kottbusser Damm 82",
        "10967",
        52.4925,
        13.4220,
        _U8,
        wheelchair=True,
        accessibility="Stufenloser Eingang, Aufzug, rollstuhlgerechtes WC im Erdgeschoss.",
        languages=("de", "tr", "ar"),
        name_en="Am Kanal Neighbourhood Centre",
    ),
    DemoLocation(
        "spreebogen-kreuzberg",
        "spreebogen",
        "Beratungszentrum Kreuzberg",
        "Oranienstraße 183",
        "10999",
        52.5010,
        13.4180,
        "U8 Moritzplatz, Bus M29",
        wheelchair=True,
        accessibility="Eingang mit Rampe, Aufzug in alle Etagen.",
        languages=("de", "tr", "en"),
    ),
    DemoLocation(
        "suchthilfe-friedrichshain",
        "suchthilfe-kiez",
        "Suchtberatung Friedrichshain",
        "Boxhagener Straße 31",
        "10245",
        52.5105,
        13.4620,
        "S Ostkreuz, Tram 21",
        accessibility="Drei Stufen am Eingang, Beratungsräume im Erdgeschoss.",
    ),
    DemoLocation(
        "wrangelkiez",
        "spreebogen",
        "Familientreff Wrangelkiez",
        "Wrangelstraße 84",
        "10997",
        52.5000,
        13.4380,
        "U1 Görlitzer Bahnhof",
        wheelchair=True,
        accessibility="Ebenerdiger Zugang vom Hof, Wickeltisch.",
    ),
    DemoLocation(
        "glogauer",
        "energiehilfe",
        "Energieberatung Kreuzberg",
        "Glogauer Straße 6",
        "10999",
        52.4960,
        13.4400,
        "U1 Görlitzer Bahnhof, Bus M29",
        wheelchair=True,
        accessibility="Stufenloser Eingang.",
    ),
    # Mitte
    DemoLocation(
        "schuldenfrei-wedding",
        "schuldenfrei-mitte",
        "Schuldnerberatung Wedding",
        "Müllerstraße 146",
        "13353",
        52.5440,
        13.3530,
        "U6 Seestraße, Tram M13, 50",
        wheelchair=True,
        accessibility="Aufzug zum 2. Obergeschoss, rollstuhlgerechtes WC.",
        languages=("de", "tr"),
    ),
    DemoLocation(
        "spreebogen-moabit",
        "spreebogen",
        "Beratungszentrum Moabit",
        "Turmstraße 21",
        "10559",
        52.5265,
        13.3420,
        "U9 Turmstraße, Bus 101, 123",
        wheelchair=True,
        accessibility="Stufenloser Eingang, Aufzug, Induktionsschleife im Beratungsraum.",
        languages=("de", "ar", "en"),
    ),
    DemoLocation(
        "badstrasse",
        "buergerhilfe-wedding",
        "Bürgerhilfe Badstraße",
        "Badstraße 35",
        "13357",
        52.5485,
        13.3860,
        "U8 Pankstraße, S+U Gesundbrunnen",
        accessibility="Kleiderkammer im Souterrain, fünf Stufen ohne Rampe.",
    ),
    DemoLocation(
        "gesundheitsladen",
        "gesundheitsladen-wedding",
        "Gesundheitsladen Wedding",
        "Genter Straße 12",
        "13353",
        52.5480,
        13.3570,
        "U6/U9 Leopoldplatz",
        wheelchair=True,
        accessibility="Stufenloser Zugang, barrierefreies WC.",
        languages=("de", "en", "ar", "bg", "ro"),
    ),
    DemoLocation(
        "seele-brunnenstrasse",
        "seele-mitte",
        "Kontaktstelle Brunnenstraße",
        "Brunnenstraße 120",
        "13355",
        52.5395,
        13.3970,
        "U8 Voltastraße",
        accessibility="Eine Stufe am Eingang, Klingel für Hilfe.",
    ),
    DemoLocation(
        "wohnungsnot-moabit",
        "wohnungsnot-spree",
        "Anlaufstelle Alt-Moabit",
        "Alt-Moabit 90",
        "10559",
        52.5225,
        13.3480,
        "S Bellevue, Bus 245",
        wheelchair=True,
        accessibility="Ebenerdig, Duschen und WC rollstuhlgerecht.",
        languages=("de", "pl", "en", "ro"),
    ),
    DemoLocation(
        "frauenschutz-osloer",
        "frauenschutz-nord",
        "Frauenberatung Nord",
        "Osloer Straße 102",
        "13359",
        52.5570,
        13.3820,
        "U8/U9 Osloer Straße, Tram M13",
        wheelchair=True,
        accessibility="Aufzug, Klingel ohne Namensschild.",
        languages=("de", "tr", "ar", "en"),
    ),
    # Pankow
    DemoLocation(
        "mieterhilfe-schoenhauser",
        "mieterhilfe-nordost",
        "Mieterhilfe Prenzlauer Berg",
        "Schönhauser Allee 130",
        "10437",
        52.5455,
        13.4125,
        "U2 Eberswalder Straße, Tram M1, M10",
        accessibility="Hochparterre, vier Stufen.",
    ),
    DemoLocation(
        "mieterhilfe-pankow",
        "mieterhilfe-nordost",
        "Mieterhilfe Pankow",
        "Breite Straße 20",
        "13187",
        52.5695,
        13.4040,
        "S+U Pankow, Tram M1",
        wheelchair=True,
        accessibility="Stufenloser Eingang.",
    ),
    DemoLocation(
        "weisse-villa",
        "weisse-villa",
        "Jugendhaus Weiße Villa",
        "Berliner Allee 100",
        "13088",
        52.5530,
        13.4640,
        "Tram M4, M13, 12",
        wheelchair=True,
        accessibility="Rampe am Seiteneingang, Erdgeschoss rollstuhlgerecht.",
    ),
    DemoLocation(
        "kollwitz",
        "",
        "Stadtteilbibliothek Prenzlauer Allee",
        "Prenzlauer Allee 200",
        "10405",
        52.5360,
        13.4225,
        "Tram M2, Bus 156",
        wheelchair=True,
        accessibility="Aufzug, rollstuhlgerechtes WC.",
    ),
    # Charlottenburg-Wilmersdorf
    DemoLocation(
        "pflegestuetzpunkt",
        "pflegeberatung-west",
        "Pflegestützpunkt Wilmersdorfer Straße",
        "Wilmersdorfer Straße 50",
        "10627",
        52.5080,
        13.3060,
        "U7 Wilmersdorfer Straße, S Charlottenburg",
        wheelchair=True,
        accessibility="Stufenlos, Aufzug, Parkplatz für Menschen mit Behinderung.",
        languages=("de", "tr", "ru", "pl"),
        name_en="Care advice centre Wilmersdorfer Straße",
    ),
    DemoLocation(
        "mierendorff",
        "",
        "Kiezladen Mierendorffplatz",
        "Mierendorffplatz 7",
        "10589",
        52.5275,
        13.2990,
        "U7 Mierendorffplatz",
        wheelchair=True,
        accessibility="Ebenerdiger Zugang.",
    ),
    # Spandau
    DemoLocation(
        "seniorennetz",
        "seniorennetz-spandau",
        "Seniorentreffpunkt Altstadt",
        "Carl-Schurz-Straße 20",
        "13597",
        52.5360,
        13.2030,
        "U7 Altstadt Spandau",
        wheelchair=True,
        accessibility="Stufenlos, Aufzug, höhenverstellbare Tische.",
    ),
    DemoLocation(
        "falkenseer",
        "seniorennetz-spandau",
        "Begegnungsstätte Falkenhagener Feld",
        "Falkenseer Chaussee 198",
        "13589",
        52.5490,
        13.1870,
        "Bus M37, 137",
        accessibility="Zwei Stufen am Eingang, mobile Rampe auf Nachfrage.",
    ),
    # Steglitz-Zehlendorf
    DemoLocation(
        "steglitz-sued",
        "steglitz-sued",
        "Stadtteilzentrum Steglitz-Süd",
        "Albrechtstraße 41",
        "12167",
        52.4530,
        13.3300,
        "S+U Rathaus Steglitz",
        wheelchair=True,
        accessibility="Aufzug, rollstuhlgerechtes WC.",
    ),
    DemoLocation(
        "lankwitz",
        "digital-dabei",
        "Digitaltreff Lankwitz",
        "Leonorenstraße 70",
        "12247",
        52.4380,
        13.3450,
        "S Lankwitz, Bus 187",
        accessibility="Drei Stufen, Handlauf.",
    ),
    # Tempelhof-Schöneberg
    DemoLocation(
        "lindenhof",
        "lindenhof",
        "Familienzentrum Lindenhof",
        "Hauptstraße 40",
        "10827",
        52.4880,
        13.3520,
        "U7 Kleistpark, Bus M48",
        wheelchair=True,
        accessibility="Stufenlos, Wickelraum, Platz für Kinderwagen.",
        languages=("de", "tr", "ar"),
    ),
    DemoLocation(
        "queeres-zentrum",
        "queeres-zentrum",
        "Queeres Zentrum",
        "Potsdamer Straße 150",
        "10783",
        52.4960,
        13.3610,
        "U2 Bülowstraße, Bus M48, M85",
        accessibility="Aufzug im Hinterhaus, WC für alle Geschlechter.",
        languages=("de", "en"),
    ),
    DemoLocation(
        "tempelhof",
        "maennerberatung",
        "Männerberatung Tempelhof",
        "Tempelhofer Damm 150",
        "12099",
        52.4660,
        13.3850,
        "U6 Alt-Tempelhof",
        wheelchair=True,
        accessibility="Aufzug, Beratungsraum im 1. Obergeschoss.",
    ),
    DemoLocation(
        "lichtenrade",
        "lindenhof",
        "Familientreff Lichtenrade",
        "Bahnhofstraße 30",
        "12305",
        52.3880,
        13.4040,
        "S Lichtenrade",
        wheelchair=True,
        accessibility="Stufenlos.",
    ),
    # Neukölln
    DemoLocation(
        "essen-teilen-rixdorf",
        "essen-teilen",
        "Ausgabestelle Rixdorf",
        "Karl-Marx-Straße 100",
        "12043",
        52.4780,
        13.4390,
        "U7 Karl-Marx-Straße",
        wheelchair=True,
        accessibility="Ebenerdige Ausgabe im Hof.",
        languages=("de", "ar", "tr"),
    ),
    DemoLocation(
        "essen-teilen-gropiusstadt",
        "essen-teilen",
        "Ausgabestelle Gropiusstadt",
        "Lipschitzallee 70",
        "12353",
        52.4260,
        13.4620,
        "U7 Lipschitzallee",
        wheelchair=True,
        accessibility="Stufenlos.",
    ),
    DemoLocation(
        "willkommen-sonnenallee",
        "willkommen-kiez",
        "Willkommensladen Sonnenallee",
        "Sonnenallee 120",
        "12045",
        52.4820,
        13.4420,
        "U7 Rathaus Neukölln, Bus M41",
        wheelchair=True,
        accessibility="Stufenloser Eingang, Spielecke.",
        languages=("de", "ar", "fa", "tr", "en", "ku"),
    ),
    DemoLocation(
        "kiezlotsinnen",
        "kiezlotsinnen",
        "Kiezlotsinnen-Büro",
        "Weserstraße 58",
        "12045",
        52.4870,
        13.4350,
        "U7/U8 Hermannplatz",
        accessibility="Eine Stufe am Eingang.",
        languages=("de", "ar", "tr", "ku", "bg"),
    ),
    DemoLocation(
        "rechtshilfe-hermannstrasse",
        "rechtshilfe-fuer-alle",
        "Rechtsberatung Hermannstraße",
        "Hermannstraße 200",
        "12049",
        52.4720,
        13.4280,
        "U8 Boddinstraße",
        wheelchair=True,
        accessibility="Aufzug.",
    ),
    # Treptow-Köpenick
    DemoLocation(
        "gemeinsam-koepenick",
        "gemeinsam-koepenick",
        "Treffpunkt Gemeinsam leben",
        "Bahnhofstraße 30",
        "12555",
        52.4530,
        13.5770,
        "S Köpenick, Tram 62, 63",
        wheelchair=True,
        accessibility="Stufenlos, Leitsystem für blinde Menschen, rollstuhlgerechtes WC.",
    ),
    DemoLocation(
        "schoeneweide",
        "kiezschule",
        "Kiezschule Schöneweide",
        "Schnellerstraße 50",
        "12439",
        52.4560,
        13.5120,
        "S Schöneweide, Tram 21, 63",
        wheelchair=True,
        accessibility="Aufzug.",
    ),
    # Marzahn-Hellersdorf
    DemoLocation(
        "bruecke-ost",
        "bruecke-ost",
        "Begegnungszentrum Brücke Ost",
        "Marzahner Promenade 40",
        "12679",
        52.5430,
        13.5450,
        "S Marzahn, Tram M6",
        wheelchair=True,
        accessibility="Stufenlos, Aufzug.",
        languages=("de", "ru", "uk", "vi"),
    ),
    DemoLocation(
        "sozialkaufhaus",
        "sozialkaufhaus-marzahn",
        "Sozialkaufhaus Hellersdorf",
        "Hellersdorfer Straße 160",
        "12627",
        52.5360,
        13.6060,
        "U5 Hellersdorf",
        wheelchair=True,
        accessibility="Ebenerdig, breite Gänge.",
    ),
    # Lichtenberg
    DemoLocation(
        "alz-lichtenberg",
        "alz-lichtenberg",
        "Arbeitslosenzentrum Lichtenberg",
        "Möllendorffstraße 50",
        "10367",
        52.5170,
        13.4800,
        "U5 Frankfurter Allee, Tram M13, 16",
        wheelchair=True,
        accessibility="Aufzug, rollstuhlgerechtes WC.",
        languages=("de", "ru", "vi"),
    ),
    DemoLocation(
        "hohenschoenhausen",
        "spreebogen",
        "Beratungszentrum Hohenschönhausen",
        "Hauptstraße 12",
        "13055",
        52.5460,
        13.5010,
        "Tram M5, M6",
        wheelchair=True,
        accessibility="Stufenlos.",
    ),
    # Reinickendorf
    DemoLocation(
        "kiezkueche",
        "kiezkueche-reinickendorf",
        "Kiezküche am Schäfersee",
        "Residenzstraße 100",
        "13409",
        52.5690,
        13.3650,
        "U8 Residenzstraße",
        wheelchair=True,
        accessibility="Stufenloser Gastraum.",
    ),
    DemoLocation(
        "schaefersee",
        "schaefersee",
        "Gemeindezentrum Am Schäfersee",
        "Stargardtstraße 9",
        "13407",
        52.5720,
        13.3560,
        "U8 Franz-Neumann-Platz",
        accessibility="Saal im Erdgeschoss, zwei Stufen.",
    ),
    DemoLocation(
        "wittenau",
        "digital-dabei",
        "Digitaltreff Wittenau",
        "Oranienburger Straße 210",
        "13437",
        52.5890,
        13.3300,
        "U8 Wittenau, S Wittenau",
        wheelchair=True,
        accessibility="Aufzug.",
    ),
    # Online and by phone (no address)
    DemoLocation(
        "online-schuldenfrei",
        "schuldenfrei-mitte",
        "Online-Beratung Schuldenfrei",
        url="https://beratung.schuldenfrei-mitte.example",
    ),
    DemoLocation(
        "online-suchthilfe",
        "suchthilfe-kiez",
        "Online-Suchtberatung",
        url="https://chat.suchthilfe-kiez.example",
    ),
    DemoLocation(
        "digital-hotline",
        "digital-dabei",
        "Digital-Telefon",
        url="https://www.digital-dabei.example/telefon",
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
