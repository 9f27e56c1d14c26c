"""The audit log: every change that matters is recorded with who, what, when, before and after."""

import contextlib
from typing import Any, NamedTuple

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AuditEntry

# Never copied into the log, whatever model they sit on.
SECRET_FIELDS = frozenset({"password", "secret", "token", "key"})

# Labels for keys that services add to a snapshot and that are not fields of the model.
FIELD_LABELS = {
    "roles": gettext_lazy("Rollen"),
    "email": gettext_lazy("E-Mail-Adresse"),
    "two_factor": gettext_lazy("Zwei-Schritt-Anmeldung eingerichtet"),
}

EMPTY = "\N{EN DASH}"  # shown for an empty value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-safe picture of a model instance's field values, for before/after."""
    data = model_to_dict(obj, fields=fields)
    result: dict[str, Any] = {}
    for name, value in data.items():
        if name in SECRET_FIELDS:
            continue
        if isinstance(value, models.Model):
            value = value.pk
        if isinstance(value, FieldFile):
            value = value.name or ""
        if isinstance(value, list):
            value = [v.pk if isinstance(v, models.Model) else v for v in value]
        if not isinstance(value, (str, int, float, bool, type(None), list, dict)):
            value = str(value)
        result[name] = value
    return result


def audit_log(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record one change. Call it inside the transaction that makes the change."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_label=str(getattr(user, "email", "")) if user else "system",
        action=action,
        object_type=obj._meta.label,
        object_id=str(obj.pk or ""),
        object_repr=str(obj)[:255],
        before=before,
        after=after,
    )


class ChangeDescription(NamedTuple):
    label: str  # the field's name for people
    value: str  # the value in words: "Ja"/"Nein", role names, a dash for empty
    language: str | None  # the language the value is written in, for a translated field


def describe_change(object_type: str, field: str, value: Any) -> ChangeDescription:
    """One value of a log entry (`object_type` is the model label) in words for people."""
    from sozialraum.accounts.roles import Role

    model_field: Any = None
    with contextlib.suppress(LookupError, ValueError, FieldDoesNotExist):
        model_field = apps.get_model(object_type)._meta.get_field(field)
    language = None
    if model_field is None:
        label = str(FIELD_LABELS.get(field, field))
    elif (translated := getattr(model_field, "translated_field", None)) is not None:
        language = model_field.language
        name = dict(settings.LANGUAGES).get(language, language)
        label = f"{capfirst(translated.verbose_name)} ({name})"
    else:
        label = str(capfirst(model_field.verbose_name))

    choices = dict(getattr(model_field, "flatchoices", None) or [])
    if field == "roles":
        choices = dict(Role.choices)
    if value is None or value == "" or value == [] or value == {}:
        text = EMPTY
    elif isinstance(value, bool):
        text = _("Ja") if value else _("Nein")
    elif isinstance(value, list):
        text = ", ".join(str(choices.get(item, item)) for item in value)
    elif isinstance(value, dict):
        text = ", ".join(f"{key}: {item}" for key, item in value.items())
    else:
        text = str(choices.get(value, value))
    return ChangeDescription(label, text, language)
