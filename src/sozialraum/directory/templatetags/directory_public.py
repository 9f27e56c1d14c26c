"""Filters for the public directory pages."""

from django import template

from ..filters import language_name
from ..models import Location, Phone
from ..service_page import directions_url as _directions_url
from ..service_page import tel_href as _tel_href

register = template.Library()


@register.filter
def tel_href(phone: Phone) -> str:
    return _tel_href(phone)


@register.filter
def directions_url(location: Location) -> str:
    return _directions_url(location)


@register.filter
def language_label(code: str, name: str = "") -> str:
    """The language's name in the reader's language, else the name stored with it."""
    label = language_name(code) if code else ""
    return label if label and label != code else (name or code)
