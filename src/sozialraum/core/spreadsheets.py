"""Cells for CSV and XLSX files that people open in spreadsheet programs."""

import re
from typing import Any

#: Text a spreadsheet would run as a formula ("=HYPERLINK(…)", "+SUM(…)", "@…"); phone numbers
#: ("+49 30 …") and negative numbers stay as they are.
FORMULA_START = re.compile(r"^(?:[=@\t\r]|[+-][^\d\s.,])")


def inert(value: Any) -> Any:
    """The value, with a leading apostrophe when it is text a spreadsheet would run as a
    formula: imported or provider-written text must never become an active formula in a file
    the city hands out."""
    if isinstance(value, str) and FORMULA_START.match(value):
        return "'" + value
    return value
