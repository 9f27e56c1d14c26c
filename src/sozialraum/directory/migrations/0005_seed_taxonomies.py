"""Seed our three taxonomies: topics (Themen), target groups (Zielgruppen), features (Merkmale).

Ids are derived from the taxonomy's slug and the term's code (uuid5), so every installation
exports the same HSDS ids for the same term. Running it again updates names, never duplicates.
"""

import uuid

from django.db import migrations

NAMESPACE = uuid.UUID("6f1c2a0e-4d1b-5c8e-9a57-3b2e1d0c9f10")

TAXONOMIES = [
    (
        "themen",
        ("Themen", "Topics"),
        (
            "Wobei ein Angebot hilft.",
            "What an offer helps with.",
        ),
        [
            ("schulden", "Schulden", "Debt"),
            ("wohnen", "Wohnen und Wohnungslosigkeit", "Housing and homelessness"),
            ("familie", "Familie und Kinder", "Family and children"),
            ("pflege", "Pflege und Alter", "Care and old age"),
            ("behinderung", "Behinderung", "Disability"),
            ("migration", "Migration und Flucht", "Migration and refuge"),
            ("gesundheit", "Gesundheit", "Health"),
            ("sucht", "Sucht", "Addiction"),
            ("arbeit", "Arbeit und Ausbildung", "Work and vocational training"),
            ("geld", "Geld und Grundsicherung", "Money and basic income support"),
            ("gewalt", "Gewalt und Schutz", "Violence and protection"),
            ("bildung", "Bildung", "Education"),
            ("freizeit", "Freizeit und Begegnung", "Leisure and meeting people"),
            ("digitale-teilhabe", "Digitale Teilhabe", "Digital inclusion"),
            ("recht", "Recht", "Legal matters"),
        ],
    ),
    (
        "zielgruppen",
        ("Zielgruppen", "Target groups"),
        ("Für wen ein Angebot gedacht ist.", "Whom an offer is meant for."),
        [
            ("kinder", "Kinder", "Children"),
            ("jugendliche", "Jugendliche", "Young people"),
            ("junge-erwachsene", "Junge Erwachsene", "Young adults"),
            ("familien", "Familien", "Families"),
            ("alleinerziehende", "Alleinerziehende", "Single parents"),
            ("aeltere-menschen", "Ältere Menschen", "Older people"),
            ("frauen", "Frauen", "Women"),
            ("maenner", "Männer", "Men"),
            ("menschen-mit-behinderung", "Menschen mit Behinderung", "People with disabilities"),
            ("gefluechtete", "Geflüchtete", "Refugees"),
            ("zugewanderte", "Zugewanderte", "Immigrants"),
            ("wohnungslose", "Wohnungslose Menschen", "Homeless people"),
            ("lsbtiq", "LSBTIQ*", "LGBTIQ*"),
            ("pflegende-angehoerige", "Pflegende Angehörige", "Family carers"),
        ],
    ),
    (
        "merkmale",
        ("Merkmale", "Features"),
        ("Wie ein Angebot zugänglich ist.", "How an offer can be used."),
        [
            ("rollstuhlgerecht", "Rollstuhlgerecht", "Wheelchair accessible"),
            ("kostenlos", "Kostenlos", "Free of charge"),
            ("ohne-anmeldung", "Ohne Anmeldung", "No appointment needed"),
            ("anonym", "Anonym", "Anonymous"),
            ("leichte-sprache", "Leichte Sprache", "Easy-to-read language"),
            ("gebaerdensprache", "Gebärdensprache", "Sign language"),
            ("mehrsprachig", "Mehrsprachig", "Multilingual"),
            ("online", "Online-Beratung", "Online counselling"),
            ("telefonisch", "Telefonische Beratung", "Telephone counselling"),
            ("hausbesuche", "Hausbesuche", "Home visits"),
            ("kinderbetreuung", "Kinderbetreuung vor Ort", "Childcare on site"),
        ],
    ),
]


def seed(apps, schema_editor):
    Taxonomy = apps.get_model("directory", "Taxonomy")
    TaxonomyTerm = apps.get_model("directory", "TaxonomyTerm")
    for slug, (name_de, name_en), (description_de, description_en), terms in TAXONOMIES:
        taxonomy, _created = Taxonomy.objects.update_or_create(
            id=uuid.uuid5(NAMESPACE, slug),
            defaults={
                "slug": slug,
                "name": name_de,
                "name_de": name_de,
                "name_en": name_en,
                "description": description_de,
                "description_de": description_de,
                "description_en": description_en,
                "version": "1",
            },
        )
        for position, (code, term_de, term_en) in enumerate(terms):
            TaxonomyTerm.objects.update_or_create(
                id=uuid.uuid5(NAMESPACE, f"{slug}/{code}"),
                defaults={
                    "taxonomy": taxonomy,
                    "code": code,
                    "name": term_de,
                    "name_de": term_de,
                    "name_en": term_en,
                    "language": "de",
                    "position": position,
                },
            )


def unseed(apps, schema_editor):
    Taxonomy = apps.get_model("directory", "Taxonomy")
    Taxonomy.objects.filter(slug__in=[slug for slug, *_rest in TAXONOMIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_organization_name_de")]

    operations = [migrations.RunPython(seed, unseed)]
