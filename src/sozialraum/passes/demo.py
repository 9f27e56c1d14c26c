"""Demo passes (`sozialraum load_demo`): a Ferienpass and a Familienpass type and a few passes
with published numbers, so the pass check can be tried (docs/passes.md names them).

Each load makes the valid demo passes valid from today for a year (the demo's holiday programme
lies a few weeks ahead, also when the demo is loaded in late December); safe to run again.
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from . import numbering
from .models import Pass, PassType

PASS_TYPES = [
    {
        "code": "FP",
        "name_de": "Ferienpass",
        "name_en": "Holiday pass",
        "name_ar": "بطاقة العطلات",
        "description_de": (
            "Für Kinder und Jugendliche von 6 bis 17 Jahren, die in der Stadt wohnen. Mit dem "
            "Ferienpass kommen sie in den Ferien günstiger oder kostenlos zu vielen Angeboten."
        ),
        "description_en": (
            "For children and young people aged 6 to 17 who live in the city: cheaper or free "
            "entry to many offers during the school holidays."
        ),
        "validity_months": 12,
    },
    {
        "code": "FAM",
        "name_de": "Familienpass",
        "name_en": "Family pass",
        "name_ar": "بطاقة العائلة",
        "description_de": (
            "Für Familien mit wenig Geld. Mit dem Familienpass zahlen Sie weniger, und manche "
            "Angebote sind nur für Familien mit Familienpass."
        ),
        "description_en": (
            "For families on a low income: lower prices, and some offers are only for families "
            "with a family pass."
        ),
        "validity_months": 12,
    },
]


def demo_number(code: str, body: str) -> str:
    return code + body + numbering.check_character(body)


# (number, type code, birth year, valid now?)
DEMO_PASSES = [
    (demo_number("FP", "DEM00000001"), "FP", 2015, True),
    (demo_number("FP", "DEM00000002"), "FP", 2012, True),
    (demo_number("FAM", "DEM00000003"), "FAM", None, True),
    (demo_number("FP", "DEM00000009"), "FP", 2013, False),  # expired yesterday
]


@transaction.atomic
def load(stdout: Any, style: Any) -> None:
    types = {}
    for fields in PASS_TYPES:
        pass_type, _created = PassType.objects.update_or_create(
            code=fields["code"], defaults={k: v for k, v in fields.items() if k != "code"}
        )
        types[pass_type.code] = pass_type
    today = timezone.localdate()
    a_year = datetime.timedelta(days=365)
    for number, code, birth_year, current in DEMO_PASSES:
        valid_from = today if current else today - a_year - datetime.timedelta(days=1)
        Pass.objects.update_or_create(
            number=number,
            defaults={
                "pass_type": types[code],
                "valid_from": valid_from,
                "valid_until": valid_from + a_year - datetime.timedelta(days=1),
                "birth_year": birth_year,
                "revoked": None,
            },
        )
    shown = ", ".join(
        numbering.display(number, code) for number, code, _year, current in DEMO_PASSES if current
    )
    until = today + a_year - datetime.timedelta(days=1)
    stdout.write(style.SUCCESS(f"Demo passes (valid until {until:%d.%m.%Y}): {shown}"))
