"""Judged queries over the demo directory: what people type, and the offers that answer it.

Used by tests/directory/test_search_quality.py (a floor for recall@5) and
bench/search_quality.py (prints recall@5 and success@5). Each query lists the demo services (by
name) a person asking it would want to see; the order does not matter. Add a query whenever a
real search disappointed someone, then extend search_synonyms.py until it passes.
"""

DEBT = ["Schuldnerberatung Wedding", "Schuldnerberatung Kreuzberg", "Online-Schuldnerberatung"]
FOOD = [
    "Lebensmittelausgabe Rixdorf",
    "Lebensmittelausgabe Gropiusstadt",
    "Lebensmittelausgabe Reinickendorf",
]
HOMELESS = [
    "Beratungsstelle für Wohnungslose",
    "Tagestreff mit Duschen und Waschmaschine",
    "Notübernachtung Kältehilfe",
    "Postadresse für Wohnungslose",
]
ADDICTION = [
    "Suchtberatung Friedrichshain",
    "Online-Suchtberatung",
    "Drogenberatung für junge Menschen",
    "Glücksspielberatung",
]
DIGITAL = [
    "Digital-Sprechstunde",
    "Digital-Sprechstunde für Ältere",
    "Smartphone-Sprechstunde in der Bibliothek",
    "Digital-Telefon",
]
GERMAN_COURSES = [
    "Deutschkurs für Anfängerinnen mit Kinderbetreuung",
    "Deutschkurs am Abend",
    "Sprachcafé Deutsch",
]
HOMEWORK = ["Hausaufgabenhilfe", "Hausaufgabenhilfe Weißensee"]

JUDGEMENTS: list[tuple[str, list[str]]] = [
    # Compound words and their parts
    ("schuldnerberatung", DEBT),
    ("beratung schulden", [*DEBT, "Insolvenzberatung (Privatinsolvenz)"]),
    ("beratung bei schulden", [*DEBT, "Insolvenzberatung (Privatinsolvenz)"]),
    ("suchtberatung", ADDICTION),
    ("hausaufgaben", HOMEWORK),
    ("erziehungsberatung", ["Erziehungsberatung"]),
    ("mietschulden", ["Hilfe bei drohendem Wohnungsverlust"]),
    ("nebenkostenabrechnung", ["Betriebskosten-Check"]),
    ("stromsperre", ["Beratung bei Strom- und Gasschulden"]),
    ("gasschulden", ["Beratung bei Strom- und Gasschulden"]),
    ("pflegegrad", ["Pflegeberatung im Pflegestützpunkt"]),
    ("computerkurs", ["Computerkurs für Einsteiger", "Digitaltreff Lankwitz"]),
    # Typos
    ("Schuldnerbratung", DEBT),
    ("fraunhaus", ["Frauenhaus Nord"]),
    ("lebensmitel", FOOD),
    ("hausaufgabenhlfe", HOMEWORK),
    ("suchtbertung", ADDICTION),
    # Colloquial phrases and synonyms
    (
        "kein geld für miete",
        [
            "Hilfe bei drohendem Wohnungsverlust",
            "Beratung zu Wohngeld und Kinderzuschlag",
            *DEBT[:2],
            "Allgemeine Sozialberatung Moabit",
        ],
    ),
    ("essen umsonst", [*FOOD, "Mittagstisch für einen Euro", "Kiezküche: Mittagstisch"]),
    ("klamotten umsonst", ["Kleiderkammer Wedding", "Kleiderkammer Schäfersee"]),
    (
        "kleidung",
        ["Kleiderkammer Wedding", "Kleiderkammer Schäfersee", "Sozialkaufhaus Hellersdorf"],
    ),
    ("obdachlos", HOMELESS),
    ("schlafplatz für die nacht", ["Notübernachtung Kältehilfe"]),
    ("mein mann schlägt mich", ["Frauenhaus Nord", "Beratung bei häuslicher Gewalt"]),
    ("häusliche gewalt", ["Frauenhaus Nord", "Beratung bei häuslicher Gewalt"]),
    ("räumungsklage", ["Hilfe bei drohendem Wohnungsverlust"]),
    ("mieterhöhung", ["Mietberatung Prenzlauer Berg", "Mietberatung Pankow"]),
    ("p-konto", ["P-Konto-Bescheinigung"]),
    ("privatinsolvenz", ["Insolvenzberatung (Privatinsolvenz)"]),
    ("alkohol", ["Suchtberatung Friedrichshain", "Online-Suchtberatung", "Gruppe für Angehörige"]),
    ("spielsucht", ["Glücksspielberatung", "Online-Suchtberatung"]),
    ("deutsch lernen", GERMAN_COURSES),
    ("handy hilfe", DIGITAL),
    ("nachhilfe", HOMEWORK),
    ("schwanger", ["Schwangerschaftsberatung", "Babysprechstunde mit Familienhebamme"]),
    ("hebamme", ["Babysprechstunde mit Familienhebamme"]),
    ("alleinerziehend", ["Treff für Alleinerziehende"]),
    (
        "oma pflegen",
        [
            "Pflegeberatung im Pflegestützpunkt",
            "Gesprächskreis für pflegende Angehörige",
            "Demenz-Café",
        ],
    ),
    ("einsam", ["Besuchsdienst gegen Einsamkeit"]),
    ("keine krankenversicherung", ["Sprechstunde für Menschen ohne Krankenversicherung"]),
    ("arzt ohne versicherung", ["Sprechstunde für Menschen ohne Krankenversicherung"]),
    ("brief vom amt", ["Hilfe bei Behördenpost"]),
    ("bürgergeld antrag", ["Jobcenter-Hilfe: Beratung zu Bürgergeld"]),
    (
        "widerspruch jobcenter",
        [
            "Widerspruch gegen Bescheide",
            "Sozialrechtsberatung",
            "Jobcenter-Hilfe: Beratung zu Bürgergeld",
        ],
    ),
    ("bewerbung schreiben", ["Bewerbungswerkstatt", "Ausbildungsberatung für Jugendliche"]),
    ("asyl", ["Asylverfahrensberatung"]),
    (
        "aufenthalt",
        [
            "Migrationsberatung für Erwachsene",
            "Beratung für junge Zugewanderte",
            "Migrationsberatung Sonnenallee",
        ],
    ),
    ("berufsabschluss anerkennen", ["Anerkennung ausländischer Berufsabschlüsse"]),
    ("queer", ["Beratung für LSBTIQ*", "Queere Jugendgruppe"]),
    ("jugendzentrum", ["Jugendclub Weiße Villa"]),
    ("wohngeld", ["Beratung zu Wohngeld und Kinderzuschlag", "Sozialberatung Steglitz"]),
    ("anwalt kostenlos", ["Kostenlose Rechtsberatung"]),
    ("vorsorgevollmacht", ["Betreuungsverein: rechtliche Betreuung und Vorsorgevollmacht"]),
    ("depression", ["Kontakt- und Beratungsstelle"]),
    ("lesen und schreiben", ["Lesen und Schreiben lernen"]),
    ("gebrauchte möbel", ["Möbelbörse", "Sozialkaufhaus Hellersdorf"]),
    ("möbel", ["Möbelbörse", "Sozialkaufhaus Hellersdorf"]),
    ("duschen", ["Tagestreff mit Duschen und Waschmaschine"]),
    ("streit mit kindern", ["Erziehungsberatung"]),
    (
        "mittagessen",
        [
            "Mittagstisch für einen Euro",
            "Kiezküche: Mittagstisch",
            "Mittagstisch für Seniorinnen und Senioren",
        ],
    ),
    ("rente", ["Hilfe beim Rentenantrag"]),
    ("ukraine", ["Beratung auf Russisch und Ukrainisch"]),
    ("einkaufen", ["Nachbarschaftshilfe: Einkaufen und Begleitung"]),
    # English
    ("debt advice", DEBT),
    ("food bank", FOOD),
    ("women's shelter", ["Frauenhaus Nord"]),
    ("homeless", HOMELESS),
    (
        "drugs",
        [
            "Drogenberatung für junge Menschen",
            "Suchtberatung Friedrichshain",
            "Online-Suchtberatung",
        ],
    ),
    ("german course", GERMAN_COURSES[:2]),
    ("homework help", HOMEWORK),
    ("pregnancy counselling", ["Schwangerschaftsberatung"]),
    ("legal advice", ["Kostenlose Rechtsberatung", "Sozialrechtsberatung"]),
]


def recall_at(found: list[str], relevant: list[str], k: int = 5) -> float:
    """Share of the relevant offers in the first k results (of at most k relevant ones)."""
    wanted = set(relevant)
    return len(wanted & set(found[:k])) / min(len(wanted), k)


def success_at(found: list[str], relevant: list[str], k: int = 5) -> bool:
    """At least one relevant offer among the first k results."""
    return bool(set(relevant) & set(found[:k]))


def evaluate(k: int = 5) -> list[tuple[str, float, bool, list[str]]]:
    """Run every judged query against the loaded directory: (query, recall@k, success@k, top k)."""
    from sozialraum.directory.models import Service
    from sozialraum.directory.search import search_services

    results = []
    for query, relevant in JUDGEMENTS:
        found = [s.name for s in search_services(Service.objects.public(), query)[:k]]
        results.append(
            (query, recall_at(found, relevant, k), success_at(found, relevant, k), found)
        )
    return results
