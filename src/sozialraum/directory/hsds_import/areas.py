"""Finding the area (district) of an imported address: by its point, else by ``region``."""

import unicodedata
from collections import defaultdict

from sozialraum.areas.models import Area

TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def name_keys(name: str) -> set[str]:
    """Ways of writing a name that count as the same: any case, umlaut or not.

    „Neukölln“, „NEUKOELLN“ and „Neukolln“ match; spaces, hyphens and dots do not count.
    """
    text = unicodedata.normalize("NFC", name).casefold()
    keys = {text.translate(TRANSLITERATION)}
    stripped = "".join(
        char
        for char in unicodedata.normalize("NFD", text.replace("ß", "ss"))
        if not unicodedata.combining(char)
    )
    keys.add(stripped)
    return {"".join(char for char in key if char.isalnum()) for key in keys} - {""}


class RegionMatcher:
    """The current areas by name; a name at several levels means the coarsest (the district)."""

    def __init__(self) -> None:
        by_key: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for area_id, name, rank in Area.objects.current().values_list("pk", "name", "level__rank"):
            for key in name_keys(name):
                by_key[key].append((rank, area_id))
        self._by_key = {key: min(candidates)[1] for key, candidates in by_key.items()}

    @property
    def empty(self) -> bool:
        return not self._by_key

    def match(self, region: str) -> int | None:
        for key in sorted(name_keys(region)):
            if key in self._by_key:
                return self._by_key[key]
        return None
