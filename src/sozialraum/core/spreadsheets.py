"""Cells for CSV and XLSX files that people open in spreadsheet programs."""

import re
from typing import Any

#: A number or a phone number ("+49 30 1234-5", "-3.5"): may begin with + or -.
NUMBER_OR_PHONE = re.compile(r"[+-]?[\d\s./()-]+")


def inert(value: Any) -> Any:
    """The value, with a leading apostrophe when it is text a spreadsheet would run as a
    formula ("=HYPERLINK(…)", "@…", "+1+cmd|…", also after leading spaces): imported or
    provider-written text must never become an active formula in a file the city hands out.
    Numbers and phone numbers that begin with + or - stay as they are."""
    if not isinstance(value, str) or not value:
        return value
    stripped = value.lstrip()
    if value[0] in "\t\r" or stripped.startswith(("=", "@")):
        return "'" + value
    if stripped.startswith(("+", "-")) and not NUMBER_OR_PHONE.fullmatch(stripped):
        return "'" + value
    return value
