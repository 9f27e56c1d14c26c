from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .colors import contrast_ratio


def validate_accent_color(value: str) -> None:
    """The accent colour carries white text and links on white, so it needs 4.5:1 contrast."""
    ratio = contrast_ratio(value, "#ffffff")
    if ratio < 4.5:
        raise ValidationError(
            _(
                "Die Farbe %(color)s ist zu hell: Kontrast zu Weiß %(ratio).1f:1, nötig sind "
                "mindestens 4,5:1. Wählen Sie bitte eine dunklere Farbe."
            ),
            params={"color": value, "ratio": ratio},
        )


class SiteSettings(models.Model):  # type: ignore[django-manager-missing]  # modeltranslation
    """The one instance's identity: which city or district runs this platform.

    There is exactly one row (pk=1); administrators change it in the management area.
    """

    city_name = models.CharField(_("Name der Stadt oder des Kreises"), max_length=120)
    logo = models.FileField(
        _("Logo"),
        upload_to="site/",
        blank=True,
        validators=[FileExtensionValidator(["svg", "png", "jpg", "jpeg", "webp"])],
        help_text=_("SVG, PNG, JPG oder WebP. Wird in der Kopfzeile gezeigt."),
    )
    logo_alt = models.CharField(
        _("Alternativtext des Logos"),
        max_length=200,
        blank=True,
        help_text=_("Was auf dem Logo steht, zum Beispiel „Wappen der Stadt Musterstadt“."),
    )
    accent_color = models.CharField(
        _("Akzentfarbe"),
        max_length=7,
        default="#0b5c8e",
        validators=[
            RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Bitte als #RRGGBB angeben, z. B. #0b5c8e.")),
            validate_accent_color,
        ],
    )
    contact_email = models.EmailField(_("Kontakt: E-Mail"), blank=True)
    contact_phone = models.CharField(_("Kontakt: Telefon"), max_length=50, blank=True)
    contact_address = models.TextField(_("Kontakt: Anschrift"), blank=True)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Einstellungen der Plattform")
        verbose_name_plural = _("Einstellungen der Plattform")

    def __str__(self) -> str:
        return str(self.city_name)

    @classmethod
    def load(cls) -> "SiteSettings":
        # Only the German name gets a placeholder: the other languages fall back to it, so a
        # city that renames itself in German is renamed in every language.
        obj, _created = cls.objects.get_or_create(pk=1, defaults={"city_name_de": "Musterstadt"})
        return obj


class Page(models.Model):  # type: ignore[django-manager-missing]  # modeltranslation
    """A content page that editors write: Impressum, Datenschutz, Barrierefreiheit and so on."""

    class Slot(models.TextChoices):
        FOOTER = "footer", _("Fußzeile")
        NONE = "none", _("Nirgends verlinkt")

    slug = models.SlugField(_("Adresse (Kurzname)"), unique=True, max_length=80)
    title = models.CharField(_("Titel"), max_length=200)
    body = models.TextField(
        _("Text"),
        blank=True,
        help_text=_(
            "Absätze durch eine Leerzeile trennen. Überschriften mit ##, Listen mit -, "
            "Links als [Text](Adresse)."
        ),
    )
    slot = models.CharField(
        _("Verlinkt in"), max_length=20, choices=Slot.choices, default=Slot.FOOTER
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Seite")
        verbose_name_plural = _("Seiten")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        return reverse("core:page", kwargs={"slug": self.slug})

    def shown_language(self, language: str) -> str:
        """The language this page is shown in for `language`: it, or German as the fallback.

        Only a page whose title and text are both translated counts as translated, so that a
        page never mixes languages under one `lang` attribute.
        """
        if language == settings.LANGUAGE_CODE:
            return language
        title = getattr(self, f"title_{language}", "")
        body = getattr(self, f"body_{language}", "")
        has_body = bool(getattr(self, f"body_{settings.LANGUAGE_CODE}", ""))
        return language if title and (body or not has_body) else settings.LANGUAGE_CODE


class AuditEntry(models.Model):
    """One change that matters: who did what to which object, when, and the values before/after.

    Entries are written by `core.audit.audit_log` inside the same transaction as the change and
    are never edited.
    """

    created = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Wer"),
    )
    actor_label = models.CharField(_("Wer (zum Zeitpunkt)"), max_length=255, blank=True)
    action = models.CharField(_("Was"), max_length=80, db_index=True)
    object_type = models.CharField(_("Art des Objekts"), max_length=100, db_index=True)
    object_id = models.CharField(_("Objekt-ID"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("Objekt"), max_length=255, blank=True)
    before = models.JSONField(_("Vorher"), null=True, blank=True)
    after = models.JSONField(_("Nachher"), null=True, blank=True)

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokoll")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.created:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for every field whose value differs."""
        before = self.before or {}
        after = self.after or {}
        keys = sorted(set(before) | set(after))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
