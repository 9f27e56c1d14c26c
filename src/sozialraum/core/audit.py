"""The audit log: every change that matters is recorded with who, what, when, before and after."""

from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile
from django.forms.models import model_to_dict

from .models import AuditEntry

# Never copied into the log, whatever model they sit on.
SECRET_FIELDS = frozenset({"password", "secret", "token", "key"})


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
