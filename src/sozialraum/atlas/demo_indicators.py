"""The demo's indicators: Berlin's Monitoring Soziale Stadtentwicklung (MSS) and population.

Metadata as the import's mapping describes it (docs/atlas.md); names and definitions follow the
MSS reports of the Senatsverwaltung für Stadtentwicklung and the population statistics of the
Amt für Statistik Berlin-Brandenburg.
"""

from typing import Any

MSS_SOURCE = (
    "Monitoring Soziale Stadtentwicklung Berlin, Senatsverwaltung für Stadtentwicklung, Bauen "
    "und Wohnen; aufbereitet von open-lifeworlds (CC BY 4.0)"
)
POPULATION_SOURCE = (
    "Einwohnerregisterstatistik, Amt für Statistik Berlin-Brandenburg (CC BY 3.0 DE); "
    "aufbereitet von open-lifeworlds (CC BY 4.0)"
)

# MSS index indicators: column stem -> (key suffix, name, definition, topic)
MSS_STATUS = {
    "s1_percentage_unemployed": (
        "s1",
        "Arbeitslosigkeit",
        "Anteil der Arbeitslosen (SGB II und SGB III) an den Einwohnerinnen und Einwohnern "
        "von 15 bis unter 65 Jahren, in Prozent.",
        "arbeit-grundsicherung",
    ),
    "s2_percentage_long_term_unemployed": (
        "s2",
        "Langzeitarbeitslosigkeit",
        "Anteil der Arbeitslosen, die länger als ein Jahr arbeitslos sind, an den "
        "Einwohnerinnen und Einwohnern von 15 bis unter 65 Jahren, in Prozent (bis 2017).",
        "arbeit-grundsicherung",
    ),
    "s3_percentage_transfer_payments_recipients": (
        "s3",
        "Transferbezug",
        "Anteil der Empfängerinnen und Empfänger von Leistungen nach SGB II und SGB XII an den "
        "Einwohnerinnen und Einwohnern, in Prozent.",
        "arbeit-grundsicherung",
    ),
    "s4_percentage_transfer_payments_recipients_below_15_years": (
        "s4",
        "Kinderarmut",
        "Anteil der Kinder unter 15 Jahren in Bedarfsgemeinschaften nach SGB II an allen "
        "Kindern unter 15 Jahren, in Prozent.",
        "kinder-familie",
    ),
}

MSS_CONTEXT = {
    "k01_youth_unemployment": (
        "Jugendarbeitslosigkeit",
        "Anteil der Arbeitslosen unter 25 Jahren an den Einwohnerinnen und Einwohnern von 15 "
        "bis unter 25 Jahren, in Prozent.",
        "arbeit-grundsicherung",
        "higher-worse",
        "%",
    ),
    "k02_single_parent_households": (
        "Alleinerziehende",
        "Anteil der Haushalte von Alleinerziehenden an den Haushalten mit Kindern, in Prozent.",
        "kinder-familie",
        "neutral",
        "%",
    ),
    "k03_old_age_poverty": (
        "Altersarmut",
        "Anteil der Empfängerinnen und Empfänger von Grundsicherung im Alter (SGB XII) an den "
        "Einwohnerinnen und Einwohnern ab 65 Jahren, in Prozent.",
        "alter",
        "higher-worse",
        "%",
    ),
    "k04_children_with_migration_background": (
        "Kinder und Jugendliche mit Migrationshintergrund",
        "Anteil der unter 18-Jährigen mit Migrationshintergrund an allen unter 18-Jährigen, "
        "in Prozent.",
        "migration",
        "neutral",
        "%",
    ),
    "k05_inhabitants_with_migration_background": (
        "Einwohnerinnen und Einwohner mit Migrationshintergrund",
        "Anteil der Einwohnerinnen und Einwohner mit Migrationshintergrund, in Prozent.",
        "migration",
        "neutral",
        "%",
    ),
    "k06_change_proportion_of_foreigner": (
        "Veränderung des Ausländeranteils",
        "Veränderung des Anteils der Ausländerinnen und Ausländer in zwei Jahren, in "
        "Prozentpunkten.",
        "migration",
        "neutral",
        "Prozentpunkte",
    ),
    "k07_foreign_transfer_recipients": (
        "Transferbezug von Ausländerinnen und Ausländern",
        "Anteil der Empfängerinnen und Empfänger von Leistungen nach SGB II und SGB XII unter "
        "den Ausländerinnen und Ausländern, in Prozent.",
        "arbeit-grundsicherung",
        "higher-worse",
        "%",
    ),
    "k08_urban_apartments": (
        "Städtische Wohnungen",
        "Anteil der Wohnungen der städtischen Wohnungsbaugesellschaften an allen Wohnungen, "
        "in Prozent.",
        "wohnen",
        "neutral",
        "%",
    ),
    "k09_simple_residential_area": (
        "Einfache Wohnlage",
        "Anteil der Einwohnerinnen und Einwohner in einfacher Wohnlage (Mietspiegel), in Prozent.",
        "wohnen",
        "higher-worse",
        "%",
    ),
    "k10_duration_of_residence_over_5_years": (
        "Wohndauer über 5 Jahre",
        "Anteil der Einwohnerinnen und Einwohner, die seit mindestens fünf Jahren an derselben "
        "Adresse wohnen, in Prozent.",
        "wohnen",
        "higher-better",
        "%",
    ),
    "k11_migration_volume": (
        "Wanderungsvolumen",
        "Zu- und Fortzüge über die Gebietsgrenze je 100 Einwohnerinnen und Einwohner.",
        "bevoelkerung",
        "neutral",
        "je 100 Einwohner",
    ),
    "k12_balance_of_migration": (
        "Wanderungssaldo",
        "Zuzüge minus Fortzüge je 100 Einwohnerinnen und Einwohner.",
        "bevoelkerung",
        "neutral",
        "je 100 Einwohner",
    ),
    "k13_balance_of_migration_of_children_below_6": (
        "Wanderungssaldo der Kinder unter 6 Jahren",
        "Zuzüge minus Fortzüge von Kindern unter 6 Jahren je 100 Kinder unter 6 Jahren.",
        "kinder-familie",
        "neutral",
        "je 100 Kinder",
    ),
    "k14_living_rooms": (
        "Wohnräume je Einwohner",
        "Zahl der Wohnräume je Einwohnerin und Einwohner.",
        "wohnen",
        "higher-better",
        "Räume",
    ),
    "k15_living_space": (
        "Wohnfläche je Einwohner",
        "Wohnfläche in Quadratmetern je Einwohnerin und Einwohner.",
        "wohnen",
        "higher-better",
        "m²",
    ),
    "k16_foreigners": (
        "Ausländeranteil",
        "Anteil der Ausländerinnen und Ausländer an den Einwohnerinnen und Einwohnern, in Prozent.",
        "migration",
        "neutral",
        "%",
    ),
    "k17_non_eu_foreigners": (
        "Ausländerinnen und Ausländer aus Nicht-EU-Staaten",
        "Anteil der Ausländerinnen und Ausländer aus Staaten außerhalb der EU an den "
        "Einwohnerinnen und Einwohnern, in Prozent.",
        "migration",
        "neutral",
        "%",
    ),
}

# Population counts: column -> (key, name, topic)
POPULATION_COUNTS = {
    "inhabitants": ("einwohner", "Einwohnerinnen und Einwohner", "bevoelkerung"),
    "inhabitants_with_migration_background": (
        "einwohner-mit-migrationshintergrund",
        "Einwohnerinnen und Einwohner mit Migrationshintergrund",
        "migration",
    ),
    "inhabitants_germans": ("deutsche", "Deutsche", "migration"),
    "inhabitants_germans_without_migration_background": (
        "deutsche-ohne-migrationshintergrund",
        "Deutsche ohne Migrationshintergrund",
        "migration",
    ),
    "inhabitants_germans_with_migration_background": (
        "deutsche-mit-migrationshintergrund",
        "Deutsche mit Migrationshintergrund",
        "migration",
    ),
    "inhabitants_foreigners": ("auslaender", "Ausländerinnen und Ausländer", "migration"),
    "inhabitants_age_below_6": ("alter-unter-6", "Kinder unter 6 Jahren", "kinder-familie"),
    "inhabitants_age_6_15": ("alter-6-15", "Kinder von 6 bis unter 15 Jahren", "kinder-familie"),
    "inhabitants_age_15_18": (
        "alter-15-18",
        "Jugendliche von 15 bis unter 18 Jahren",
        "kinder-familie",
    ),
    "inhabitants_age_18_27": ("alter-18-27", "18 bis unter 27 Jahre", "bevoelkerung"),
    "inhabitants_age_27_45": ("alter-27-45", "27 bis unter 45 Jahre", "bevoelkerung"),
    "inhabitants_age_45_55": ("alter-45-55", "45 bis unter 55 Jahre", "bevoelkerung"),
    "inhabitants_age_55_65": ("alter-55-65", "55 bis unter 65 Jahre", "alter"),
    "inhabitants_age_above_65": ("alter-ab-65", "65 Jahre und älter", "alter"),
    "inhabitants_female": ("einwohnerinnen", "Einwohnerinnen (weiblich)", "bevoelkerung"),
}

# Rates computed from two counts (never stored; see aggregation.py): key -> (name, numerator)
POPULATION_RATES = {
    "anteil-auslaender": ("Anteil der Ausländerinnen und Ausländer", "auslaender", "migration"),
    "anteil-migrationshintergrund": (
        "Anteil der Einwohnerinnen und Einwohner mit Migrationshintergrund",
        "einwohner-mit-migrationshintergrund",
        "migration",
    ),
    "anteil-unter-6": ("Anteil der Kinder unter 6 Jahren", "alter-unter-6", "kinder-familie"),
    "anteil-ab-65": ("Anteil der Menschen ab 65 Jahren", "alter-ab-65", "alter"),
}


def mss_indicators() -> dict[str, dict[str, Any]]:
    """Key -> metadata of every MSS indicator, with the column stem it comes from."""
    common = {"source": MSS_SOURCE, "update_interval": "biennial"}
    indicators: dict[str, dict[str, Any]] = {}
    for code, name, definition, topic in MSS_STATUS.values():
        dynamic = "d" + code[1:]
        indicators[f"mss-{code}"] = {
            "name": f"{name} ({code.upper()})",
            "definition": definition,
            "topic": topic,
            "kind": "rate",
            "unit": "%",
            "interpretation": "higher-worse",
            "precision": 2,
            **common,
        }
        indicators[f"mss-{dynamic}"] = {
            "name": f"{name}: Veränderung in zwei Jahren ({dynamic.upper()})",
            "definition": f"Veränderung von {code.upper()} in zwei Jahren, in Prozentpunkten.",
            "topic": topic,
            "kind": "value",
            "unit": "Prozentpunkte",
            "interpretation": "higher-worse",
            "precision": 2,
            **common,
        }
        for index_code in (code, dynamic):
            indicators[f"mss-z-{index_code}"] = {
                "name": f"{name}: z-Wert ({index_code.upper()})",
                "definition": (
                    f"{index_code.upper()} z-standardisiert: Abstand vom Berliner Mittelwert in "
                    "Standardabweichungen. Rechengröße des Index, nur für die Sozialplanung."
                ),
                "topic": "soziale-lage",
                "kind": "value",
                "unit": "z-Wert",
                "interpretation": "higher-worse",
                "precision": 2,
                "restricted": True,
                **common,
            }
    for stem, (name, definition, topic, interpretation, unit) in MSS_CONTEXT.items():
        indicators["mss-" + stem.split("_", 1)[0]] = {
            "name": name,
            "definition": definition,
            "topic": topic,
            "kind": "value" if unit in ("Prozentpunkte", "Räume", "m²") else "rate",
            "unit": unit,
            "interpretation": interpretation,
            "precision": 2,
            **common,
        }
    return indicators


def mss_columns() -> dict[str, str]:
    """Every MSS column -> its indicator key (the tables of a year share the names)."""
    columns = {}
    for status, (code, *_rest) in MSS_STATUS.items():
        dynamic, dynamic_column = "d" + code[1:], "d" + status[1:]
        columns[status] = f"mss-{code}"
        columns[dynamic_column] = f"mss-{dynamic}"
        columns[f"z_{status}"] = f"mss-z-{code}"
        columns[f"z_{dynamic_column}"] = f"mss-z-{dynamic}"
    for stem in MSS_CONTEXT:
        columns[stem] = "mss-" + stem.split("_", 1)[0]
    return columns


def population_columns() -> dict[str, str]:
    return {column: key for column, (key, *_rest) in POPULATION_COUNTS.items()}


def population_indicators() -> dict[str, dict[str, Any]]:
    common = {"source": POPULATION_SOURCE, "update_interval": "half-yearly", "precision": 0}
    indicators: dict[str, dict[str, Any]] = {
        key: {"name": name, "topic": topic, "kind": "count", "unit": "Personen", **common}
        for key, name, topic in POPULATION_COUNTS.values()
    }
    for key, (name, numerator, topic) in POPULATION_RATES.items():
        indicators[key] = {
            "name": name,
            "topic": topic,
            "numerator": numerator,
            "denominator": "einwohner",
            "factor": 100,
            "unit": "%",
            "definition": "Berechnet: Anzahl geteilt durch die Einwohnerinnen und Einwohner.",
            **common,
            "precision": 1,
        }
    return indicators
