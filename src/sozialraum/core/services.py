"""Writes to the platform's own content: pages and site settings, each with an audit entry.

Every function validates before it saves, saves inside one transaction together with its audit
entry, and raises `ContentError` (field name -> message) when the change cannot be made as asked.
"""

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from sozialraum.accounts.models import User

from .audit import audit_log, snapshot
from .default_pages import PAGES as DEFAULT_PAGES
from .models import Page, SiteSettings

LANGUAGE_CODES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)
DEFAULT_LANGUAGE: str = settings.LANGUAGE_CODE

# The pages every public body's website must offer. They stay linked in the footer.
LEGAL_PAGE_SLUGS = frozenset(slug for slug, *_rest in DEFAULT_PAGES)
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_HINT = _(
    "Bitte nur kleine Buchstaben a bis z, Ziffern und Bindestriche verwenden, "
    "zum Beispiel „hilfe-im-alltag“. Umlaute bitte umschreiben (ä als ae)."
)

# Audit actions, named "<app>.<what happened>" like those of the other apps.
PAGE_CREATE = "core.page_created"
PAGE_UPDATE = "core.page_changed"
SITE_SETTINGS_UPDATE = "core.sitesettings_changed"

LOGO_MAX_BYTES = 1024 * 1024
LOGO_EXTENSIONS = ("svg", "png", "jpg", "jpeg", "webp")

# Text in one value per language: {"de": "Impressum", "en": "Legal notice", "ar": None}.
Translations = Mapping[str, str | None]


class ContentError(ValidationError):
    """A change to pages or settings that cannot be saved as asked; messages are per field."""


def localized(field: str) -> list[str]:
    """The per-language model fields of a translated field: title -> title_de, title_en, ..."""
    return [build_localized_fieldname(field, code) for code in LANGUAGE_CODES]


PAGE_AUDIT_FIELDS = ["slug", *localized("title"), *localized("body"), "slot", "position"]
SITE_SETTINGS_AUDIT_FIELDS = [
    *localized("city_name"),
    "logo",
    *localized("logo_alt"),
    "accent_color",
    "contact_email",
    "contact_phone",
    *localized("contact_address"),
]


# --- Pages --------------------------------------------------------------------------------------


def page_create(
    *,
    actor: User | None,
    slug: str,
    title: Translations,
    body: Translations,
    slot: str = Page.Slot.FOOTER,
    position: int = 0,
) -> Page:
    """Create a page; German title required, other languages fall back to German when empty."""
    page = Page(slug=slug, slot=slot, position=position)
    _apply_translations(page, "title", title)
    _apply_translations(page, "body", body)
    with transaction.atomic():
        errors: dict[str, list[str]] = {}
        if not SLUG_PATTERN.match(slug or ""):
            errors["slug"] = [str(SLUG_HINT)]
        elif Page.objects.filter(slug=slug).exists():
            errors["slug"] = [str(_("Diese Adresse gibt es schon. Bitte wählen Sie eine andere."))]
        _validate_page(page, errors)
        page.save()
        audit_log(
            actor=actor,
            action=PAGE_CREATE,
            obj=page,
            before=None,
            after=snapshot(page, PAGE_AUDIT_FIELDS),
        )
    return page


def page_update(
    *,
    actor: User | None,
    page: Page,
    title: Translations,
    body: Translations,
    slot: str | None = None,
    position: int | None = None,
) -> Page:
    """Change a page's text, footer slot and position.

    Languages missing from `title`/`body` stay as they are; an empty value removes that
    translation, so the page shows the German text instead. Saving without a change writes
    nothing, not even an audit entry.
    """
    with transaction.atomic():
        current = Page.objects.select_for_update().get(pk=page.pk)
        before = snapshot(current, PAGE_AUDIT_FIELDS)
        _apply_translations(current, "title", title)
        _apply_translations(current, "body", body)
        if slot is not None:
            current.slot = slot
        if position is not None:
            current.position = position
        errors: dict[str, list[str]] = {}
        if current.slug in LEGAL_PAGE_SLUGS and current.slot != Page.Slot.FOOTER:
            errors["slot"] = [
                str(
                    _(
                        "Diese Pflichtseite muss in der Fußzeile verlinkt bleiben, damit sie "
                        "von jeder Seite aus erreichbar ist."
                    )
                )
            ]
        _validate_page(current, errors)
        after = snapshot(current, PAGE_AUDIT_FIELDS)
        if after == before:
            return current
        current.save()
        audit_log(actor=actor, action=PAGE_UPDATE, obj=current, before=before, after=after)
    return current


def _validate_page(page: Page, errors: dict[str, list[str]]) -> None:
    german_title = getattr(page, build_localized_fieldname("title", DEFAULT_LANGUAGE))
    if not (german_title or "").strip():
        errors.setdefault(build_localized_fieldname("title", DEFAULT_LANGUAGE), []).append(
            str(
                _(
                    "Bitte geben Sie einen deutschen Titel ein. Er wird gezeigt, wenn eine "
                    "Übersetzung fehlt."
                )
            )
        )
    # The untranslated columns ("title", "body") follow the per-language ones; not checked here.
    exclude = ["title", "body"]
    if "slug" in errors:
        exclude.append("slug")
    _raise_with_model_errors(page, errors, exclude=exclude)


# --- Site settings ------------------------------------------------------------------------------


def site_settings_update(
    *,
    actor: User | None,
    city_name: Translations,
    logo_alt: Translations,
    contact_address: Translations,
    accent_color: str,
    contact_email: str,
    contact_phone: str,
    logo: UploadedFile | None = None,
    remove_logo: bool = False,
) -> SiteSettings:
    """Change the city's name, logo, accent colour and contact, as shown on every page.

    `logo` replaces the current logo; `remove_logo` takes it away. A logo needs a German
    alternative text. Saving without a change writes nothing.
    """
    errors: dict[str, list[str]] = {}
    if logo is not None:
        try:
            validate_logo_file(logo)
        except ValidationError as error:
            errors["logo"] = error.messages
    with transaction.atomic():
        SiteSettings.load()  # makes sure the one row exists before we lock it
        current = SiteSettings.objects.select_for_update().get(pk=1)
        before = _settings_snapshot(current)
        _apply_translations(current, "city_name", city_name)
        _apply_translations(current, "logo_alt", logo_alt)
        _apply_translations(current, "contact_address", contact_address)
        current.accent_color = (accent_color or "").strip().lower()
        current.contact_email = (contact_email or "").strip()
        current.contact_phone = (contact_phone or "").strip()
        if remove_logo:
            current.logo = ""  # type: ignore[assignment]
        if logo is not None and "logo" not in errors:
            current.logo = logo  # type: ignore[assignment]
        german_name = getattr(current, build_localized_fieldname("city_name", DEFAULT_LANGUAGE))
        if not (german_name or "").strip():
            errors.setdefault(build_localized_fieldname("city_name", DEFAULT_LANGUAGE), []).append(
                str(_("Bitte geben Sie den Namen der Stadt oder des Kreises auf Deutsch ein."))
            )
        has_logo = bool(current.logo) or ("logo" in errors)
        german_alt = getattr(current, build_localized_fieldname("logo_alt", DEFAULT_LANGUAGE))
        try:
            check_logo_alt(has_logo=has_logo, alt_text=german_alt)
        except ContentError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
        exclude = ["city_name", "logo_alt", "contact_address"]
        if "logo" in errors:
            exclude.append("logo")
        _raise_with_model_errors(current, errors, exclude=exclude)
        if logo is None and _settings_snapshot(current) == before:
            return current
        # Saving gives an uploaded file its final name (the storage may add a suffix).
        current.save()
        after = _settings_snapshot(current)
        audit_log(actor=actor, action=SITE_SETTINGS_UPDATE, obj=current, before=before, after=after)
    return current


def _settings_snapshot(site: SiteSettings) -> dict[str, Any]:
    return snapshot(site, SITE_SETTINGS_AUDIT_FIELDS)


def check_logo_alt(*, has_logo: bool, alt_text: str | None) -> None:
    """A logo must say in words what it shows, for people who cannot see it."""
    if has_logo and not (alt_text or "").strip():
        raise ContentError(
            {
                build_localized_fieldname("logo_alt", DEFAULT_LANGUAGE): _(
                    "Bitte beschreiben Sie das Logo in Worten, zum Beispiel „Wappen der Stadt "
                    "Musterstadt“. Menschen, die das Bild nicht sehen, hören diesen Text."
                )
            }
        )


def validate_logo_file(upload: UploadedFile) -> None:
    """The logo must be a real SVG, PNG, JPG or WebP image of at most 1 MB.

    SVG is XML and can carry scripts. The layout shows the logo with <img>, which never runs
    them, but a visitor could open the file on its own; so SVGs with scripts, event handlers,
    embedded HTML or links to elsewhere are refused here too.
    """
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in LOGO_EXTENSIONS:
        raise ValidationError(
            _(
                "Die Datei „%(name)s“ ist kein Bild in einem erlaubten Format. Erlaubt sind "
                "SVG, PNG, JPG und WebP."
            ),
            code="logo_type",
            params={"name": name},
        )
    size = upload.size or 0
    if size > LOGO_MAX_BYTES:
        raise ValidationError(
            _(
                "Die Datei ist %(size)s groß. Erlaubt ist höchstens 1 MB. Bitte verkleinern "
                "Sie das Bild oder speichern Sie es als SVG."
            ),
            code="logo_size",
            params={"size": filesizeformat(size)},
        )
    upload.seek(0)
    content = upload.read(LOGO_MAX_BYTES + 1)
    upload.seek(0)
    if not _content_matches(extension, content):
        raise ValidationError(
            _(
                "Der Inhalt der Datei „%(name)s“ passt nicht zu ihrer Endung. Bitte laden Sie "
                "ein echtes SVG-, PNG-, JPG- oder WebP-Bild hoch."
            ),
            code="logo_content",
            params={"name": name},
        )
    if extension == "svg" and not _svg_is_passive(content):
        raise ValidationError(
            _(
                "Die SVG-Datei enthält Skripte, Ereignisse (wie onclick), eingebettete Webseiten "
                "oder Verweise auf andere Dateien. Bitte speichern Sie das Logo ohne diese Teile "
                "(in vielen Programmen „Einfaches SVG“) oder laden Sie ein PNG hoch."
            ),
            code="logo_active_svg",
        )


def _content_matches(extension: str, content: bytes) -> bool:
    if extension == "png":
        return content.startswith(b"\x89PNG\r\n\x1a\n")
    if extension in {"jpg", "jpeg"}:
        return content.startswith(b"\xff\xd8\xff")
    if extension == "webp":
        return content[:4] == b"RIFF" and content[8:12] == b"WEBP"
    return _parse_svg(content) is not None


_SVG_FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "embed", "object", "handler"}
_SAFE_REFERENCE = re.compile(r"^(#|data:image/(png|jpeg|gif|webp)[;,])", re.IGNORECASE)


def _parse_svg(content: bytes) -> ET.Element | None:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    # A document type definition can declare entities (billion laughs, external files):
    # a logo never needs one.
    if "<!doctype" in text.lower() or "<!entity" in text.lower():
        return None
    try:
        root = ET.fromstring(text)  # noqa: S314 - no DTD possible, checked above
    except ET.ParseError:
        return None
    return root if _local_name(root.tag) == "svg" else None


def _svg_is_passive(content: bytes) -> bool:
    root = _parse_svg(content)
    if root is None:
        return False
    for element in root.iter():
        if _local_name(element.tag) in _SVG_FORBIDDEN_ELEMENTS:
            return False
        for attribute, value in element.attrib.items():
            name = _local_name(attribute)
            if name.startswith("on"):
                return False
            if name == "href" and not _SAFE_REFERENCE.match("".join(value.split())):
                return False
            if "javascript:" in "".join(value.split()).lower():
                return False
    return True


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


# --- Shared -------------------------------------------------------------------------------------


def _apply_translations(obj: Any, field: str, values: Translations) -> None:
    for code, value in values.items():
        if code not in LANGUAGE_CODES:
            raise ValueError(f"unknown language {code!r} for {field}")
        text = (value or "").strip()
        # Empty means "not translated": None lets modeltranslation fall back to German.
        setattr(obj, build_localized_fieldname(field, code), text or None)


def _raise_with_model_errors(obj: Any, errors: dict[str, list[str]], exclude: list[str]) -> None:
    """Run the model's own validation and raise everything found, field by field, at once."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            for message in messages:
                if message not in errors.get(field, []):
                    errors.setdefault(field, []).append(message)
    if errors:
        raise ContentError(errors)
