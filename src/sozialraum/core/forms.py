"""Forms of the management area: pages, site settings and the audit-log filter.

The forms only parse and check input; saving goes through `core.services`. Widgets carry the
KERN UX classes; Django adds `aria-invalid` and `aria-describedby` (hint and error ids) itself.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.boundfield import BoundField
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from .models import AuditEntry, Page, SiteSettings
from .services import (
    DEFAULT_LANGUAGE,
    LANGUAGE_CODES,
    LEGAL_PAGE_SLUGS,
    LOGO_EXTENSIONS,
    SLUG_HINT,
    SLUG_PATTERN,
    ContentError,
    check_logo_alt,
    localized,
    validate_logo_file,
)

LANGUAGE_NAMES: dict[str, Any] = dict(settings.LANGUAGES)

INPUT_CLASS = "kern-form-input__input"
SELECT_CLASS = "kern-form-input__select"
CHECKBOX_CLASS = "kern-form-check__checkbox"
ERROR_CLASSES = {
    INPUT_CLASS: "kern-form-input__input--error",
    SELECT_CLASS: "kern-form-input__select--error",
    CHECKBOX_CLASS: "kern-form-check__checkbox--error",
}


class KernBoundField(BoundField):
    """Adds KERN's error modifier class to a widget whose field has errors."""

    def build_widget_attrs(self, attrs: dict[str, Any], widget: Any = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        if self.errors:
            base = (widget or self.field.widget).attrs.get("class", "")
            if error_class := ERROR_CLASSES.get(base):
                attrs["class"] = f"{base} {error_class}"
        return attrs


@dataclass
class LanguageGroup:
    """The fields of one language (title and text of a page), shown in one fieldset."""

    code: str
    name: Any
    direction: str
    required: bool
    fields: list[BoundField]


@dataclass
class TranslationGroup:
    """One translated field in every language (the city's name), shown in one fieldset."""

    name: str
    label: Any
    help_text: Any
    fields: list[BoundField]


@dataclass
class SummaryError:
    field_id: str | None
    label: Any
    message: str


class KernFormMixin:
    """Shared set-up: KERN classes on widgets, per-language fields, an error summary.

    Translated fields are grouped either by language (a page: title and text in German, then in
    English, ...) or by field (the city's name in German, English, Arabic); see
    `group_translations_by`.
    """

    bound_field_class: type[BoundField] | None = KernBoundField
    translated_fields: tuple[str, ...] = ()
    group_translations_by = "language"
    translation_hints: dict[str, Any] = {}
    mark_optional = True
    fields: dict[str, forms.Field]
    errors: Any
    _meta: Any

    def _set_up_widgets(self) -> None:
        self.summary_labels: dict[str, Any] = {}
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", CHECKBOX_CLASS)
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", SELECT_CLASS)
            else:
                widget.attrs.setdefault("class", INPUT_CLASS)
            field.show_optional = self.mark_optional and not field.required  # type: ignore[attr-defined]
            self.summary_labels[name] = field.label
        by_language = self.group_translations_by == "language"
        for base in self.translated_fields:
            label = capfirst(self._meta.model._meta.get_field(base).verbose_name)
            for code in LANGUAGE_CODES:
                name = build_localized_fieldname(base, code)
                field = self.fields[name]
                bidi = get_language_info(code)["bidi"]
                field.widget.attrs.update({"lang": code, "dir": "rtl" if bidi else "ltr"})
                if by_language:
                    # The legend names the language; the hint is shown once, with German.
                    field.label = label
                    if code != DEFAULT_LANGUAGE:
                        field.help_text = ""
                        field.show_optional = False  # type: ignore[attr-defined]
                else:
                    # The legend names the field and carries its hint.
                    field.label = LANGUAGE_NAMES[code]
                    field.help_text = ""
                    field.show_optional = code != DEFAULT_LANGUAGE  # type: ignore[attr-defined]
                self.summary_labels[name] = f"{label} ({LANGUAGE_NAMES[code]})"

    def language_groups(self) -> list[LanguageGroup]:
        groups = []
        for code in LANGUAGE_CODES:
            names = [build_localized_fieldname(base, code) for base in self.translated_fields]
            groups.append(
                LanguageGroup(
                    code=code,
                    name=LANGUAGE_NAMES[code],
                    direction="rtl" if get_language_info(code)["bidi"] else "ltr",
                    required=code == DEFAULT_LANGUAGE,
                    fields=[self[name] for name in names if name in self.fields],  # type: ignore[index]
                )
            )
        return groups

    def translation_groups(self) -> dict[str, TranslationGroup]:
        groups = {}
        for base in self.translated_fields:
            model_field = self._meta.model._meta.get_field(base)
            groups[base] = TranslationGroup(
                name=base,
                label=capfirst(model_field.verbose_name),
                help_text=self.translation_hints.get(base, model_field.help_text),
                fields=[self[build_localized_fieldname(base, code)] for code in LANGUAGE_CODES],  # type: ignore[index]
            )
        return groups

    def error_summary(self) -> list[SummaryError]:
        """Every error of the form, in field order, for the summary at the top of the page."""
        summary = [
            SummaryError(field_id=None, label="", message=str(message))
            for message in self.errors.get("__all__", [])
        ]
        for name in self.fields:
            for message in self.errors.get(name, []):
                bound = self[name]  # type: ignore[index]
                summary.append(
                    SummaryError(
                        field_id=bound.id_for_label or bound.auto_id,
                        label=self.summary_labels.get(name, name),
                        message=str(message),
                    )
                )
        return summary

    def add_service_errors(self, error: ContentError) -> None:
        """Show a service's errors at their fields (or above the form if it has no such field)."""
        for field, messages in error.message_dict.items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)  # type: ignore[attr-defined]

    def translations(self, base: str) -> dict[str, str | None]:
        data = self.cleaned_data  # type: ignore[attr-defined]
        return {code: data.get(build_localized_fieldname(base, code)) for code in LANGUAGE_CODES}


# --- Pages --------------------------------------------------------------------------------------


class PageForm(KernFormMixin, forms.ModelForm):
    """Edit a page: title and text per language (German required), footer slot and position."""

    translated_fields = ("title", "body")

    class Meta:
        model = Page
        fields = [*localized("title"), *localized("body"), "slot", "position"]
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 14}) for name in localized("body")},
        }
        help_texts = {
            "position": _("Kleinere Zahlen stehen in der Fußzeile weiter vorn."),
            "slot": _("Wo auf der Website ein Link zu dieser Seite steht."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.slug in LEGAL_PAGE_SLUGS:
            # Legally required pages stay in the footer; there is nothing to choose.
            del self.fields["slot"]
        german_title = self.fields[build_localized_fieldname("title", DEFAULT_LANGUAGE)]
        german_title.required = True
        german_title.error_messages["required"] = _(
            "Bitte geben Sie einen deutschen Titel ein. Er wird gezeigt, wenn eine Übersetzung "
            "fehlt."
        )
        self._set_up_widgets()

    @property
    def is_legal_page(self) -> bool:
        return bool(self.instance.pk) and self.instance.slug in LEGAL_PAGE_SLUGS

    def service_arguments(self) -> dict[str, Any]:
        arguments: dict[str, Any] = {
            "title": self.translations("title"),
            "body": self.translations("body"),
            "position": self.cleaned_data["position"],
        }
        if "slot" in self.fields:
            arguments["slot"] = self.cleaned_data["slot"]
        return arguments

    def preview(self) -> list[dict[str, Any]]:
        """The page as it would look in each language, German where a translation is missing."""
        titles = self.translations("title")
        bodies = self.translations("body")
        result = []
        for group in self.language_groups():
            own = bool(titles[group.code] or bodies[group.code])
            result.append(
                {
                    "code": group.code,
                    "name": group.name,
                    "direction": group.direction,
                    "translated": own,
                    "title": titles[group.code] or titles[DEFAULT_LANGUAGE],
                    "body": bodies[group.code] or bodies[DEFAULT_LANGUAGE] or "",
                }
            )
        return result


class PageCreateForm(PageForm):
    """A new page also needs its address (slug), which cannot change later."""

    slug = forms.CharField(
        label=_("Adresse (Kurzname)"),
        max_length=80,
        help_text=_(
            "Wird Teil der Adresse: …/seite/kurzname/. Nur kleine Buchstaben a bis z, Ziffern "
            "und Bindestriche. Die Adresse lässt sich später nicht mehr ändern."
        ),
        error_messages={
            "required": _("Bitte geben Sie eine Adresse ein, zum Beispiel „hilfe-im-alltag“."),
            # Raised by the model's unique check, shown at this field.
            "unique": _("Diese Adresse gibt es schon. Bitte wählen Sie eine andere."),
        },
    )

    class Meta(PageForm.Meta):
        fields = ["slug", *PageForm.Meta.fields]

    field_order = ["slug"]

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"].strip()
        if not SLUG_PATTERN.match(slug):
            raise ValidationError(SLUG_HINT, code="invalid")
        return slug

    def service_arguments(self) -> dict[str, Any]:
        return {"slug": self.cleaned_data["slug"], **super().service_arguments()}


# --- Site settings ------------------------------------------------------------------------------


class SiteSettingsForm(KernFormMixin, forms.ModelForm):
    """The city's name, logo, accent colour and contact, shown on every page."""

    translated_fields = ("city_name", "logo_alt", "contact_address")
    group_translations_by = "field"
    translation_hints = {
        "city_name": _(
            "So heißt die Stadt oder der Kreis oben auf jeder Seite. Deutsch ist Pflicht; "
            "leere Sprachen zeigen den deutschen Namen."
        ),
        "logo_alt": _(
            "Was auf dem Logo steht oder zu sehen ist, zum Beispiel „Wappen der Stadt "
            "Musterstadt“. Pflicht auf Deutsch, sobald es ein Logo gibt."
        ),
        "contact_address": _(
            "Steht unten auf jeder Seite, Zeile für Zeile. Leere Sprachen zeigen die deutsche "
            "Anschrift."
        ),
    }

    logo = forms.FileField(
        label=_("Neues Logo hochladen"),
        required=False,
        help_text=_("SVG, PNG, JPG oder WebP, höchstens 1 MB. Am besten SVG oder ein breites PNG."),
        widget=forms.FileInput(
            attrs={
                "accept": ",".join(
                    [f".{ext}" for ext in LOGO_EXTENSIONS]
                    + ["image/svg+xml", "image/png", "image/jpeg", "image/webp"]
                )
            }
        ),
    )
    remove_logo = forms.BooleanField(label=_("Logo entfernen"), required=False)

    class Meta:
        model = SiteSettings
        fields = [
            *localized("city_name"),
            *localized("logo_alt"),
            "accent_color",
            "contact_email",
            "contact_phone",
            *localized("contact_address"),
        ]
        widgets = {
            "accent_color": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "contact_phone": forms.TextInput(attrs={"type": "tel"}),
            **{name: forms.Textarea(attrs={"rows": 3}) for name in localized("contact_address")},
        }
        help_texts = {
            "accent_color": _(
                "Als #RRGGBB, zum Beispiel #0b5c8e. Weiße Schrift auf dieser Farbe muss gut "
                "lesbar sein: Kontrast mindestens 4,5 zu 1."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        german_name = self.fields[build_localized_fieldname("city_name", DEFAULT_LANGUAGE)]
        german_name.required = True
        german_name.error_messages["required"] = _(
            "Bitte geben Sie den Namen der Stadt oder des Kreises auf Deutsch ein."
        )
        self.fields["accent_color"].error_messages["required"] = _(
            "Bitte geben Sie eine Akzentfarbe an, zum Beispiel #0b5c8e."
        )
        self._set_up_widgets()

    def clean_accent_color(self) -> str:
        value = (self.cleaned_data.get("accent_color") or "").strip().lower()
        if len(value) == 6 and not value.startswith("#"):
            value = f"#{value}"
        return value

    def clean_logo(self) -> Any:
        upload = self.cleaned_data.get("logo")
        if upload:
            validate_logo_file(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or self.cleaned_data
        has_logo = bool(cleaned.get("logo") or self.errors.get("logo")) or (
            bool(self.instance.logo) and not cleaned.get("remove_logo")
        )
        try:
            check_logo_alt(
                has_logo=has_logo,
                alt_text=cleaned.get(build_localized_fieldname("logo_alt", DEFAULT_LANGUAGE)),
            )
        except ContentError as error:
            self.add_service_errors(error)
        return cleaned

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "city_name": self.translations("city_name"),
            "logo_alt": self.translations("logo_alt"),
            "contact_address": self.translations("contact_address"),
            "accent_color": data["accent_color"],
            "contact_email": data.get("contact_email") or "",
            "contact_phone": data.get("contact_phone") or "",
            "logo": data.get("logo") or None,
            "remove_logo": bool(data.get("remove_logo")) and not data.get("logo"),
        }


# --- Audit log ----------------------------------------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class AuditFilterForm(KernFormMixin, forms.Form):
    """Narrow the audit log down by kind of object, action, person and date (a GET form)."""

    mark_optional = False

    object_type = forms.ChoiceField(label=_("Art des Objekts"), required=False)
    action = forms.ChoiceField(label=_("Was geschah"), required=False)
    actor = forms.ChoiceField(label=_("Wer"), required=False)
    date_from = forms.DateField(
        label=_("Von (Datum)"),
        required=False,
        widget=DateInput,
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
    )
    date_to = forms.DateField(
        label=_("Bis (Datum)"),
        required=False,
        widget=DateInput,
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
    )

    def __init__(
        self,
        *args: Any,
        object_types: list[tuple[str, Any]],
        actions: list[tuple[str, Any]],
        actors: list[tuple[str, Any]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        everything: list[tuple[str, str | Promise]] = [("", _("Alle"))]
        self.fields["object_type"].choices = everything + object_types  # type: ignore[attr-defined]
        self.fields["action"].choices = everything + actions  # type: ignore[attr-defined]
        self.fields["actor"].choices = everything + actors  # type: ignore[attr-defined]
        self._set_up_widgets()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start: datetime.date | None = cleaned.get("date_from")
        end: datetime.date | None = cleaned.get("date_to")
        if start and end and start > end:
            self.add_error(
                "date_to",
                _("Das Enddatum liegt vor dem Anfangsdatum. Bitte tauschen Sie die beiden Daten."),
            )
        return cleaned

    def filter(self, entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        """The entries that match the valid filters (invalid ones are ignored and shown)."""
        if self.is_bound:
            self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("object_type"):
            entries = entries.filter(object_type=data["object_type"])
        if data.get("action"):
            entries = entries.filter(action=data["action"])
        if data.get("actor"):
            entries = entries.filter(actor_label=data["actor"])
        if data.get("date_from"):
            entries = entries.filter(created__date__gte=data["date_from"])
        if data.get("date_to"):
            entries = entries.filter(created__date__lte=data["date_to"])
        return entries
