"""From HSDS values to our models' values, checked by the models' own fields.

Every value passes the Django field's ``clean()`` (lengths, choices, URLs, e-mail addresses,
dates, times, decimals), so what the import writes is what a form would accept.
"""

import datetime
import math
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from ..models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Funding,
    Language,
    Location,
    Organization,
    OrganizationIdentifier,
    Phone,
    Program,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from ..recurrence import Recurrence
from .collect import Record
from .problems import ProblemList

MODELS: dict[str, type[models.Model]] = {
    "taxonomy": Taxonomy,
    "taxonomy_term": TaxonomyTerm,
    "organization": Organization,
    "program": Program,
    "organization_identifier": OrganizationIdentifier,
    "location": Location,
    "address": Address,
    "accessibility": Accessibility,
    "service": Service,
    "service_at_location": ServiceAtLocation,
    "contact": Contact,
    "phone": Phone,
    "language": Language,
    "schedule": Schedule,
    "cost_option": CostOption,
    "required_document": RequiredDocument,
    "service_area": ServiceArea,
    "funding": Funding,
    "attribute": Attribute,
}

#: The order of writing: every record after the records it points to.
WRITE_ORDER = tuple(MODELS)

#: HSDS fields copied to the model field of the same name.
FIELDS: dict[str, tuple[str, ...]] = {
    "taxonomy": ("name", "description", "uri", "version"),
    "taxonomy_term": ("code", "name", "description", "language", "term_uri"),
    "organization": (
        "name",
        "alternate_name",
        "description",
        "email",
        "website",
        "tax_status",
        "tax_id",
        "year_incorporated",
        "legal_status",
        "logo",
        "uri",
    ),
    "program": ("name", "alternate_name", "description"),
    "organization_identifier": ("identifier_scheme", "identifier_type", "identifier"),
    "location": (
        "location_type",
        "url",
        "name",
        "alternate_name",
        "description",
        "transportation",
        "latitude",
        "longitude",
        "external_identifier",
        "external_identifier_type",
    ),
    "address": (
        "attention",
        "address_1",
        "address_2",
        "city",
        "region",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ),
    "accessibility": ("description", "details", "url"),
    "service": (
        "name",
        "alternate_name",
        "description",
        "url",
        "email",
        "status",
        "interpretation_services",
        "application_process",
        "fees_description",
        "wait_time",
        "accreditations",
        "eligibility_description",
        "minimum_age",
        "maximum_age",
        "assured_date",
        "assurer_email",
        "licenses",
        "alert",
    ),
    "service_at_location": ("description",),
    "contact": ("name", "title", "department", "email"),
    "phone": ("number", "extension", "type", "description"),
    "language": ("name", "code", "note"),
    "schedule": (
        "valid_from",
        "valid_to",
        "dtstart",
        "until",
        "count",
        "wkst",
        "freq",
        "interval",
        "byday",
        "byweekno",
        "bymonthday",
        "byyearday",
        "description",
        "opens_at",
        "closes_at",
        "schedule_link",
        "attending_type",
        "notes",
    ),
    "cost_option": (
        "valid_from",
        "valid_to",
        "option",
        "currency",
        "amount",
        "amount_description",
    ),
    "required_document": ("document", "uri"),
    "service_area": ("name", "description", "extent", "extent_type", "uri"),
    "funding": ("source",),
    "attribute": ("link_type", "value"),
}

COORDINATE_RANGES = {"latitude": 90.0, "longitude": 180.0}


def clean_value(field: "models.Field[Any, Any]", value: Any) -> Any:
    """The model value for a JSON value, or ValidationError with the field's message."""
    if isinstance(field, models.IntegerField) and isinstance(value, float):
        if not value.is_integer():
            raise ValidationError(_("Erwartet wird eine ganze Zahl."))
        value = int(value)
    if isinstance(field, (models.DateField, models.TimeField)) and isinstance(value, str):
        value = value.strip()
        if isinstance(field, models.TimeField):
            # HSDS times may carry an offset (10:00:00Z); ours are local wall-clock times
            value = value.removesuffix("Z").split("+")[0]
    if isinstance(field, models.FloatField) and not isinstance(value, (int, float)):
        raise ValidationError(_("Erwartet wird eine Zahl."))
    return field.clean(value, None)


def timezone_name(offset: Any) -> str | None:
    """An IANA zone for HSDS's UTC offset: Germany's zone for +1/+2, a fixed one otherwise."""
    if not isinstance(offset, (int, float)) or not float(offset).is_integer():
        return None
    hours = int(offset)
    if hours in (1, 2):
        return "Europe/Berlin"
    if hours == 0:
        return "UTC"
    if -12 <= hours <= 14:
        return f"Etc/GMT{-hours:+d}"  # POSIX names invert the sign
    return None


def convert(record: Record, problems: ProblemList) -> dict[str, Any]:
    """The model values (by field name) of a record's own fields; problems are reported."""
    model = MODELS[record.kind]
    values: dict[str, Any] = {}
    for key in FIELDS[record.kind]:
        if key not in record.data:
            continue
        raw = record.data[key]
        place = record.data_places[key]
        field = model._meta.get_field(key)
        assert isinstance(field, models.Field)
        if record.kind == "phone" and key == "type" and isinstance(raw, str):
            raw = raw.strip().lower()
        if isinstance(raw, str) and not isinstance(field, (models.DateField, models.TimeField)):
            raw = raw.strip() if isinstance(field, models.CharField) else raw
        try:
            value = clean_value(field, raw)
        except ValidationError as error:
            problems.error(place, " ".join(error.messages))
            continue
        if key in COORDINATE_RANGES and value is not None:
            limit = COORDINATE_RANGES[key]
            if not math.isfinite(value) or not -limit <= value <= limit:
                problems.error(
                    place,
                    _("%(value)s liegt außerhalb des Bereichs von -%(limit)g bis %(limit)g.")
                    % {"value": value, "limit": limit},
                )
                continue
        values[key] = value

    if record.kind == "location" and ("latitude" in record.data) != ("longitude" in record.data):
        problems.error(record.place, _("Breite und Länge gehören zusammen: eine fehlt."))
    if record.kind == "service":
        low, high = values.get("minimum_age"), values.get("maximum_age")
        if low is not None and high is not None and high < low:
            problems.error(
                record.data_places["maximum_age"],
                _("Das Höchstalter ist kleiner als das Mindestalter."),
            )
    if record.kind == "schedule":
        _schedule_extras(record, values, problems)
    return values


def _schedule_extras(record: Record, values: dict[str, Any], problems: ProblemList) -> None:
    if "timezone" in record.data:
        name = timezone_name(record.data["timezone"])
        if name is None:
            problems.warn(
                record.data_places["timezone"],
                _("Zeitzone %(value)s nicht lesbar; Europe/Berlin wird angenommen.")
                % {"value": record.data["timezone"]},
            )
        else:
            values["timezone"] = name
    valid_from, valid_to = values.get("valid_from"), values.get("valid_to")
    if (
        isinstance(valid_from, datetime.date)
        and isinstance(valid_to, datetime.date)
        and valid_to < valid_from
    ):
        problems.error(record.data_places["valid_to"], _("„Gültig bis“ liegt vor „Gültig ab“."))
    if values.get("freq"):
        try:
            _check_rule(values, valid_from)
        except ValueError as error:
            # Kept out of the database: the public pages evaluate every stored rule, and a rule
            # without any day would make dateutil search up to the year 9999 each time.
            values["freq"] = ""
            problems.warn(
                record.place,
                _(
                    "Die Regel der Öffnungszeit ist nicht auswertbar (%(reason)s); übernommen "
                    "werden die Zeiten und die Beschreibung ohne Regel."
                )
                % {"reason": error},
            )


def _check_rule(values: dict[str, Any], valid_from: Any) -> None:
    """Raise ValueError if the rule is malformed or never occurs (`Recurrence.parse`)."""
    start = values.get("dtstart") or valid_from
    Recurrence.parse(
        freq=values["freq"],
        interval=values.get("interval"),
        byday=values.get("byday", ""),
        bymonthday=values.get("bymonthday", ""),
        byweekno=values.get("byweekno", ""),
        byyearday=values.get("byyearday", ""),
        dtstart=start,
        until=values.get("until"),
        count=values.get("count"),
        wkst=values.get("wkst", ""),
    )
