"""Every public page, by URL name and arguments; each module adds its own pages here."""

PUBLIC_PAGES: list[tuple[str, dict[str, str]]] = [
    ("core:home", {}),
    ("directory:index", {}),
    ("directory:digital", {}),
    ("directory:provider_start", {}),
    ("atlas:index", {}),
    ("areas:index", {}),
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

# Public pages that need data: test_accessibility.py runs with an empty database, so the module's
# own browser test creates the data and checks these pages in every language.
# Areas: tests/areas/factories.py create_sample_areas(), checked by tests/browser/test_areas.py.
AREA_PAGES: list[tuple[str, dict[str, str]]] = [
    ("atlas:index", {}),
    ("areas:index", {}),
    ("areas:level", {"level_slug": "bezirk"}),
    ("areas:level", {"level_slug": "planungsraum"}),
    ("areas:area", {"level_slug": "stadt", "code": "0"}),
    ("areas:area", {"level_slug": "bezirksregion", "code": "010111"}),
    ("areas:area", {"level_slug": "planungsraum", "code": "01011101"}),
]

# Directory: tests/directory/factories_public.py create_public_directory(), checked by
# tests/browser/test_directory_public.py (the detail page's id is added there).
DIRECTORY_PAGES: list[tuple[str, dict[str, str]]] = [
    ("directory:index", {}),
    ("directory:digital", {}),
]

# Sozialatlas map: tests/atlas/factories.py create_map_figures(), checked by
# tests/browser/test_atlas_map.py (the map page answers 404 without figures).
ATLAS_MAP_PAGES: list[tuple[str, dict[str, str]]] = [
    ("atlas:map", {}),
]

LANGUAGES = ["de", "en", "ar"]

# Area profiles and comparison: create_map_figures() too, checked by
# tests/browser/test_atlas_profile.py (the compare page's areas are in its address there).
ATLAS_PROFILE_PAGES: list[tuple[str, dict[str, str]]] = [
    ("atlas:profile", {"level_slug": "planungsraum", "code": "01011101"}),
    ("atlas:profile", {"level_slug": "bezirksregion", "code": "010111"}),
    ("atlas:compare", {}),
]
