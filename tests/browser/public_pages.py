"""Every public page, by URL name and arguments; each module adds its own pages here."""

PUBLIC_PAGES: list[tuple[str, dict[str, str]]] = [
    ("core:home", {}),
    ("directory:index", {}),
    ("atlas:index", {}),
    ("events:index", {}),
    ("core:page", {"slug": "impressum"}),
    ("core:page", {"slug": "datenschutz"}),
    ("core:page", {"slug": "barrierefreiheit"}),
    ("core:page", {"slug": "leichte-sprache"}),
    ("core:page", {"slug": "kontakt"}),
    ("account_login", {}),
    ("account_signup", {}),
    ("account_reset_password", {}),
]

LANGUAGES = ["de", "en", "ar"]
