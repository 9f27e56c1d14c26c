"""The pages every public-sector website needs, with placeholder texts that editors replace.

Used by the data migration that creates them and by `ensure_default_pages` (tests, repair).
"""

from typing import Any

PAGES = [
    (
        "impressum",
        10,
        "Impressum",
        "Legal notice",
        "## Anbieter\n\nStadt Musterstadt, vertreten durch die Oberbürgermeisterin.\n\n"
        "Die Redaktion ergänzt hier Anschrift, Vertretung und Kontakt.",
        "## Provider\n\nCity of Musterstadt, represented by the mayor.\n\n"
        "The editors add the address, representation and contact here.",
    ),
    (
        "datenschutz",
        20,
        "Datenschutz",
        "Privacy",
        "## Was wir speichern\n\nWenn Sie nur lesen, speichern wir keine Daten über Sie. Es gibt "
        "keine Werbung und keine Auswertung Ihres Besuchs. Alle Inhalte kommen von unserem eigenen "
        "Server.\n\nWenn Sie ein Konto anlegen, speichern wir Ihre E-Mail-Adresse und Ihr "
        "Passwort (verschlüsselt).\n\nDie Redaktion ergänzt hier die verantwortliche Stelle und "
        "die Datenschutzbeauftragte Person.",
        "## What we store\n\nIf you only read, we store no data about you. There is no advertising "
        "and no tracking. All content comes from our own server.\n\nIf you create an account, we "
        "store your e-mail address and your password (encrypted).\n\nThe editors add the "
        "controller and the data protection officer here.",
    ),
    (
        "barrierefreiheit",
        30,
        "Erklärung zur Barrierefreiheit",
        "Accessibility statement",
        "Wir wollen, dass alle Menschen diese Website nutzen können. Sie soll die Regeln der "
        "BITV 2.0 und der WCAG 2.2 (Stufe AA) erfüllen.\n\n## Barriere melden\n\nSie finden eine "
        "Barriere? Schreiben Sie uns über die Kontakt-Seite.\n\nDie Redaktion ergänzt hier den "
        "Stand der Prüfung und die Schlichtungsstelle.",
        "We want everyone to be able to use this website. It aims to meet BITV 2.0 and WCAG 2.2 "
        "(level AA).\n\n## Report a barrier\n\nFound a barrier? Write to us via the contact "
        "page.\n\nThe editors add the state of testing and the arbitration body here.",
    ),
    (
        "leichte-sprache",
        40,
        "Leichte Sprache",
        "Easy language",
        "Hier finden Sie Hilfe.\n\nZum Beispiel:\n\n- Beratung\n- Hilfe bei Geld-Sorgen\n- Treffen "
        "für Familien\n\nSie können auch anrufen.\nDie Nummer steht unten auf der Seite.",
        "Here you find help.\n\nFor example:\n\n- Advice\n- Help with money worries\n- Meetings "
        "for families\n\nYou can also call us.\nThe number is at the bottom of the page.",
    ),
    (
        "kontakt",
        50,
        "Kontakt",
        "Contact",
        "Sie haben Fragen zu dieser Website? Sie wollen ein Angebot eintragen? Schreiben Sie uns "
        "oder rufen Sie uns an. Unsere Anschrift steht unten auf jeder Seite.",
        "Do you have questions about this website? Do you want to add an offer? Write to us or "
        "call us. Our address is at the bottom of every page.",
    ),
]


def ensure_default_pages(page_model: Any) -> None:
    """Create the default pages that are missing; never touch existing ones.

    Takes the model class so that migrations can pass their historical model.
    """
    for slug, position, title_de, title_en, body_de, body_en in PAGES:
        page_model.objects.get_or_create(
            slug=slug,
            defaults={
                "position": position,
                "title": title_de,
                "title_de": title_de,
                "title_en": title_en,
                "body": body_de,
                "body_de": body_de,
                "body_en": body_en,
            },
        )
