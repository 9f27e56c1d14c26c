"""Template helper for freshness: `{% possibly_outdated service today as outdated %}`."""

import datetime

from django import template
from django.utils import timezone

from sozialraum.directory.models import Service

register = template.Library()


@register.simple_tag
def possibly_outdated(service: Service, today: datetime.date | str | None = None) -> bool:
    """Whether the public pages mark the service as possibly outdated on `today` (a tag, not a
    filter: a filter's argument that is missing from the context is an error; here it means
    the current local date)."""
    if not isinstance(today, datetime.date):
        today = None
    return service.is_possibly_outdated(today or timezone.localdate())
