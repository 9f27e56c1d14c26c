"""Every user-facing string is in the German, English and Arabic catalogues; English is complete."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "sozialraum"


def keys(po: polib.POFile) -> set[tuple[str, str]]:
    return {(entry.msgctxt or "", entry.msgid) for entry in po if not entry.obsolete}


def committed(language: str) -> polib.POFile:
    return polib.pofile(str(PACKAGE / "locale" / language / "LC_MESSAGES" / "django.po"))


@pytest.fixture(scope="module")
def strings_in_code(tmp_path_factory) -> set[tuple[str, str]]:
    """What `makemessages` extracts from the code and templates right now."""
    if not shutil.which("xgettext"):
        pytest.fail("gettext is needed to check the catalogues: apt-get install gettext")
    work = tmp_path_factory.mktemp("messages") / "sozialraum"
    shutil.copytree(PACKAGE, work, ignore=shutil.ignore_patterns("*.mo", "__pycache__", "demo"))
    command = Path(sys.executable).parent / "sozialraum"
    subprocess.run(
        [str(command), "makemessages", "-l", "de", "--no-location", "--no-obsolete"],
        cwd=work,
        check=True,
        capture_output=True,
    )
    return keys(polib.pofile(str(work / "locale" / "de" / "LC_MESSAGES" / "django.po")))


@pytest.mark.parametrize("language", ["de", "en", "ar"])
def test_catalogue_contains_every_string_of_the_code(strings_in_code, language):
    missing = sorted(msgid for _ctx, msgid in strings_in_code - keys(committed(language)))
    assert not missing, f"{language}: run `make messages` and translate; missing: {missing[:20]}"


def test_english_catalogue_translates_every_string(strings_in_code):
    english = {(e.msgctxt or "", e.msgid): e for e in committed("en")}
    untranslated = sorted(
        key[1] for key in strings_in_code if key not in english or not english[key].translated()
    )
    assert not untranslated, f"untranslated or fuzzy in en: {untranslated[:20]}"
