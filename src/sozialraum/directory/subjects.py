"""What providers may change, each as a `Subject`: how to read its state, apply new data, label it.

The state of a record is a JSON-safe dict in the shape the provider forms produce. Moderation
stores it twice in a change request: the proposal (`data`) and the state the provider saw
(`base`); an approval applies the proposal only if the record still has that state. German text
columns are written explicitly (`name_de`): modeltranslation would otherwise write the column
of whatever language the request runs in.
"""

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime, parse_time
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sozialraum.areas.locate import area_containing
from sozialraum.areas.models import Area

from .models import (
    Accessibility,
    Address,
    Event,
    Language,
    Location,
    Organization,
    Phone,
    RequiredDocument,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from .models.taxonomy import Attribute

EMPTY = "\N{EN DASH}"

#: Monthly rows: which week of the month (iCalendar BYDAY prefix).
ORDINALS = {
    "1": gettext_lazy("am ersten"),
    "2": gettext_lazy("am zweiten"),
    "3": gettext_lazy("am dritten"),
    "4": gettext_lazy("am vierten"),
    "-1": gettext_lazy("am letzten"),
}
WEEKDAYS = [code for code, _label in Schedule.Weekday.choices]
TERM_GROUPS = {
    "topics": Taxonomy.TOPICS,
    "target_groups": Taxonomy.TARGET_GROUPS,
    "features": Taxonomy.FEATURES,
}


def german(obj: Any, field: str) -> str:
    """The German text of a translated field, whatever language the request runs in."""
    return _text(getattr(obj, f"{field}_de", ""))


def set_german(obj: Any, field: str, value: Any) -> None:
    setattr(obj, f"{field}_de", value)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _lines(values: list[str]) -> str:
    return "; ".join(values) if values else EMPTY


@dataclass(frozen=True)
class Subject:
    """One kind of record a provider edits (see the module docstring)."""

    key: str
    label: Any  # for people: "Angebot"
    model: type[models.Model]
    labels: dict[str, Any]  # field → label for people, in display order
    state: Callable[[Any], dict[str, Any]]
    apply: Callable[[Any, dict[str, Any], Any], Any]  # (obj or None, data, org) → obj
    can_create: bool = True
    can_delete: bool = True
    #: what the provider can do instead when a record cannot be deleted (remove())
    kept_because: Any = ""
    describe: Callable[[str, Any], str] | None = None
    #: how the record is found from the organization's side; default: by id in the organization
    scope: Callable[[Organization], models.QuerySet[Any]] | None = None

    def get(self, organization: Organization, object_id: Any, *, lock: bool = False) -> Any:
        if self.scope is not None:
            queryset = self.scope(organization)
        else:
            queryset = self.model._default_manager.filter(organization=organization)
        if lock:
            queryset = queryset.select_for_update()
        return queryset.filter(pk=object_id).first()

    def value_text(self, field: str, value: Any) -> str:
        if self.describe is not None:
            text = self.describe(field, value)
            if text is not None:
                return text
        if value is None or value == "" or value == []:
            return EMPTY
        if isinstance(value, bool):
            return _("Ja") if value else _("Nein")
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        return str(value)

    def remove(self, obj: Any) -> None:
        """Delete the record; a ValidationError if other records must keep it (Django finds
        them before it deletes anything)."""
        try:
            obj.delete()
        except (models.ProtectedError, models.RestrictedError):
            message = _(
                "„%(name)s“ kann nicht gelöscht werden: Andere Angaben beziehen sich darauf."
            )
            if self.kept_because:
                message = f"{message} {self.kept_because}"
            raise ValidationError(message, params={"name": obj}) from None

    def service_ids(self, obj: Any) -> list[uuid.UUID]:
        if isinstance(obj, Service):
            return [obj.pk]
        if isinstance(obj, Location):
            return list(obj.service_at_locations.values_list("service_id", flat=True))
        if isinstance(obj, Organization):  # its name and description are searched too
            return list(obj.services.values_list("pk", flat=True))
        return []


# --- Organization -------------------------------------------------------------------------------

ORGANIZATION_TEXT = ["name", "description"]
ORGANIZATION_PLAIN = ["alternate_name", "email", "website", "legal_status"]


def organization_state(organization: Organization) -> dict[str, Any]:
    state = {name: _text(getattr(organization, f"{name}_de")) for name in ORGANIZATION_TEXT}
    state.update({name: _text(getattr(organization, name)) for name in ORGANIZATION_PLAIN})
    return state


def organization_apply(
    organization: Organization | None, data: dict[str, Any], _org: Organization | None
) -> Organization:
    organization = organization or Organization()
    for name in ORGANIZATION_TEXT:
        setattr(organization, f"{name}_de", data.get(name, ""))
    for name in ORGANIZATION_PLAIN:
        setattr(organization, name, data.get(name, ""))
    organization.save()
    return organization


def the_organization(organization: Organization) -> models.QuerySet[Organization]:
    """Scope of the subjects whose record is the organization itself."""
    return Organization.objects.filter(pk=organization.pk)


ORGANIZATION = Subject(
    key="organization",
    label=gettext_lazy("Organisation"),
    model=Organization,
    labels={
        "name": gettext_lazy("Name"),
        "alternate_name": gettext_lazy("Weiterer Name"),
        "description": gettext_lazy("Beschreibung"),
        "email": gettext_lazy("E-Mail-Adresse"),
        "website": gettext_lazy("Website"),
        "legal_status": gettext_lazy("Rechtsform"),
    },
    state=organization_state,
    apply=organization_apply,
    can_create=False,
    can_delete=False,
    scope=the_organization,
)


# --- Service ------------------------------------------------------------------------------------

SERVICE_TEXT = [
    "name",
    "short_description",
    "description",
    "fees_description",
    "eligibility_description",
    "application_process",
]
SERVICE_PLAIN = ["status", "kind", "url", "email"]


def service_state(service: Service) -> dict[str, Any]:
    state: dict[str, Any] = {name: _text(getattr(service, f"{name}_de")) for name in SERVICE_TEXT}
    state.update({name: _text(getattr(service, name)) for name in SERVICE_PLAIN})
    terms = list(
        Attribute.objects.filter(service=service).values_list(
            "taxonomy_term_id", "taxonomy_term__taxonomy__slug"
        )
    )
    for key, slug in TERM_GROUPS.items():
        state[key] = sorted(str(term) for term, term_slug in terms if term_slug == slug)
    state["languages"] = sorted(
        code.lower() for code in service.languages.values_list("code", flat=True) if code
    )
    state["documents"] = list(
        service.required_documents.order_by("created", "id").values_list("document_de", flat=True)
    )
    state["phones"] = list(
        service.phones.order_by("created", "id").values_list("number", flat=True)
    )
    # Only the organization's own places: shared ones (a district centre) are not the
    # provider's to add or remove.
    state["locations"] = sorted(
        str(pk)
        for pk in service.service_at_locations.filter(
            location__organization_id=service.organization_id
        ).values_list("location_id", flat=True)
    )
    return state


def service_apply(
    service: Service | None, data: dict[str, Any], organization: Organization
) -> Service:
    service = service or Service(organization=organization)
    for name in SERVICE_TEXT:
        setattr(service, f"{name}_de", data.get(name, ""))
    for name in SERVICE_PLAIN:
        setattr(service, name, data.get(name, ""))
    service.full_clean(exclude=["organization", "program", "assured_by"])
    service.save()

    wanted_terms = {term for key in TERM_GROUPS for term in data.get(key, [])}
    valid_terms = set(
        TaxonomyTerm.objects.filter(
            pk__in=wanted_terms, taxonomy__slug__in=TERM_GROUPS.values()
        ).values_list("pk", flat=True)
    )
    Attribute.objects.filter(
        service=service, taxonomy_term__taxonomy__slug__in=TERM_GROUPS.values()
    ).exclude(taxonomy_term__in=valid_terms).delete()
    existing = set(
        Attribute.objects.filter(service=service).values_list("taxonomy_term_id", flat=True)
    )
    Attribute.objects.bulk_create(
        Attribute(service=service, taxonomy_term_id=term) for term in valid_terms - existing
    )

    codes = sorted({code.lower() for code in data.get("languages", [])})
    service.languages.exclude(code__in=codes).delete()
    have = set(service.languages.values_list("code", flat=True))
    Language.objects.bulk_create(
        Language(service=service, code=code, name=language_name(code))
        for code in codes
        if code not in have
    )

    if data.get("documents", []) != list(
        service.required_documents.order_by("created", "id").values_list("document_de", flat=True)
    ):
        service.required_documents.all().delete()
        for document in data.get("documents", []):
            RequiredDocument.objects.create(service=service, document_de=document)
    if data.get("phones", []) != list(
        service.phones.order_by("created", "id").values_list("number", flat=True)
    ):
        service.phones.all().delete()
        for number in data.get("phones", []):
            Phone.objects.create(service=service, number=number)

    locations = set(
        Location.objects.filter(
            organization=organization, pk__in=data.get("locations", [])
        ).values_list("pk", flat=True)
    )
    service.service_at_locations.filter(location__organization=organization).exclude(
        location__in=locations
    ).delete()
    present = set(service.service_at_locations.values_list("location_id", flat=True))
    ServiceAtLocation.objects.bulk_create(
        ServiceAtLocation(service=service, location_id=pk) for pk in locations - present
    )
    return service


#: Languages offered in the service form (ISO 639-1), the most common in German cities first.
SERVICE_LANGUAGES = [
    ("de", gettext_lazy("Deutsch")),
    ("en", gettext_lazy("Englisch")),
    ("ar", gettext_lazy("Arabisch")),
    ("tr", gettext_lazy("Türkisch")),
    ("ru", gettext_lazy("Russisch")),
    ("uk", gettext_lazy("Ukrainisch")),
    ("pl", gettext_lazy("Polnisch")),
    ("fa", gettext_lazy("Persisch")),
    ("ku", gettext_lazy("Kurdisch")),
    ("fr", gettext_lazy("Französisch")),
    ("es", gettext_lazy("Spanisch")),
    ("vi", gettext_lazy("Vietnamesisch")),
    ("ro", gettext_lazy("Rumänisch")),
    ("bg", gettext_lazy("Bulgarisch")),
    ("sq", gettext_lazy("Albanisch")),
    ("ti", gettext_lazy("Tigrinya")),
    ("sgn", gettext_lazy("Gebärdensprache")),
]


def language_name(code: str) -> str:
    from django.utils import translation

    with translation.override("de"):
        return str(dict(SERVICE_LANGUAGES).get(code, code))


def _term_names(ids: list[str]) -> str:
    names = dict(
        TaxonomyTerm.objects.filter(pk__in=ids).values_list("pk", "name")  # current language
    )
    return ", ".join(str(names.get(uuid.UUID(pk), pk)) for pk in ids) or EMPTY


def service_describe(field: str, value: Any) -> Any:
    if field in TERM_GROUPS:
        return _term_names(value or [])
    if field == "languages":
        return ", ".join(str(dict(SERVICE_LANGUAGES).get(c, c)) for c in value or []) or EMPTY
    if field == "locations":
        names = dict(Location.objects.filter(pk__in=value or []).values_list("pk", "name"))
        return ", ".join(str(names.get(uuid.UUID(pk), pk)) for pk in value or []) or EMPTY
    if field in ("documents", "phones"):
        return _lines(value or [])
    if field == "status" and value:
        return str(dict(Service.Status.choices).get(value, value))
    if field == "kind" and value:
        return str(dict(Service.Kind.choices).get(value, value))
    return None


SERVICE = Subject(
    key="service",
    label=gettext_lazy("Angebot"),
    model=Service,
    labels={
        "name": gettext_lazy("Name"),
        "short_description": gettext_lazy("Kurzbeschreibung"),
        "description": gettext_lazy("Beschreibung"),
        "status": gettext_lazy("Status"),
        "kind": gettext_lazy("Art"),
        "topics": gettext_lazy("Themen"),
        "target_groups": gettext_lazy("Zielgruppen"),
        "features": gettext_lazy("Merkmale"),
        "languages": gettext_lazy("Sprachen"),
        "fees_description": gettext_lazy("Kosten"),
        "eligibility_description": gettext_lazy("Voraussetzungen"),
        "application_process": gettext_lazy("So bekommen Sie Hilfe"),
        "documents": gettext_lazy("Mitzubringende Unterlagen"),
        "phones": gettext_lazy("Telefonnummern"),
        "url": gettext_lazy("Website"),
        "email": gettext_lazy("E-Mail-Adresse"),
        "locations": gettext_lazy("Orte"),
    },
    state=service_state,
    apply=service_apply,
    describe=service_describe,
)


# --- Opening hours of a service or of a place ----------------------------------------------------


def hours_state(owner: Service | Location) -> dict[str, Any]:
    rows = [
        {
            "freq": schedule.freq,
            "byday": schedule.byday,
            "opens_at": schedule.opens_at.strftime("%H:%M") if schedule.opens_at else "",
            "closes_at": schedule.closes_at.strftime("%H:%M") if schedule.closes_at else "",
            "description": german(schedule, "description"),
        }
        for schedule in owner.schedules.all()
    ]
    rows.sort(key=lambda row: (row["freq"], row["byday"], row["opens_at"], row["closes_at"]))
    return {"rows": rows}


def _replace_hours(owner: Service | Location, data: dict[str, Any]) -> None:
    """The owner's schedules become the rows (a service's or a place's own, not those of a
    service at a place)."""
    owner.schedules.all().delete()
    for row in data.get("rows", []):
        schedule = Schedule(
            freq=row.get("freq", ""),
            byday=row.get("byday", ""),
            opens_at=parse_time(row["opens_at"]) if row.get("opens_at") else None,
            closes_at=parse_time(row["closes_at"]) if row.get("closes_at") else None,
        )
        if isinstance(owner, Service):
            schedule.service = owner
        else:
            schedule.location = owner
        set_german(schedule, "description", row.get("description", ""))
        schedule.full_clean(exclude=["service", "location", "service_at_location"])
        schedule.save()


def hours_apply(service: Service, data: dict[str, Any], _organization: Organization) -> Service:
    _replace_hours(service, data)
    Service.objects.filter(pk=service.pk).update(modified=timezone.now())
    return service


def location_hours_apply(
    location: Location, data: dict[str, Any], _organization: Organization
) -> Location:
    _replace_hours(location, data)
    now = timezone.now()
    Location.objects.filter(pk=location.pk).update(modified=now)
    # the services there show these hours (unless they have their own): they changed too
    Service.objects.filter(service_at_locations__location=location).update(modified=now)
    return location


def schedule_row_text(row: dict[str, Any]) -> str:
    """One row of opening hours in words: „Montag, Dienstag 09:00 bis 12:00“."""
    names = dict(Schedule.Weekday.choices)
    days = []
    for part in filter(None, row.get("byday", "").split(",")):
        code, prefix = part[-2:], part[:-2]
        day = str(names.get(code, code))
        days.append(f"{ORDINALS[prefix]} {day}" if prefix in ORDINALS else day)
    text = ", ".join(days)
    if row.get("freq") == Schedule.Freq.MONTHLY:
        text = _("Monatlich %(days)s") % {"days": text}
    if row.get("opens_at") or row.get("closes_at"):
        text += f" {row.get('opens_at', '')}\N{EN DASH}{row.get('closes_at', '')}"
    if row.get("description"):
        text += f" ({row['description']})"
    return text.strip()


def hours_describe(field: str, value: Any) -> Any:
    if field == "rows":
        return "; ".join(schedule_row_text(row) for row in value or []) or EMPTY
    return None


HOURS = Subject(
    key="hours",
    label=gettext_lazy("Öffnungszeiten"),
    model=Service,
    labels={"rows": gettext_lazy("Öffnungszeiten")},
    state=hours_state,
    apply=hours_apply,
    can_create=False,
    can_delete=False,
    describe=hours_describe,
)


LOCATION_HOURS = Subject(
    key="location_hours",
    label=gettext_lazy("Öffnungszeiten des Ortes"),
    model=Location,
    labels={"rows": gettext_lazy("Öffnungszeiten")},
    state=hours_state,
    apply=location_hours_apply,
    can_create=False,
    can_delete=False,
    describe=hours_describe,
)


# --- Translations of a service or of the organization -------------------------------------------

TRANSLATED = ["name", "short_description", "description"]
TRANSLATED_LABELS = {
    "name": gettext_lazy("Name"),
    "short_description": gettext_lazy("Kurzbeschreibung"),
    "description": gettext_lazy("Beschreibung"),
}


def _translation_subject(
    code: str, label: Any, *, key: str, model: type[models.Model], fields: list[str]
) -> Subject:
    def state(obj: Any) -> dict[str, Any]:
        return {name: _text(getattr(obj, f"{name}_{code}")) for name in fields}

    def apply(obj: Any, data: dict[str, Any], _organization: Organization) -> Any:
        for name in fields:
            setattr(obj, f"{name}_{code}", data.get(name) or None)
        obj.save()
        return obj

    return Subject(
        key=key,
        label=label,
        model=model,
        labels={name: TRANSLATED_LABELS[name] for name in fields},
        state=state,
        apply=apply,
        can_create=False,
        can_delete=False,
        scope=the_organization if model is Organization else None,
    )


TRANSLATION_LANGUAGES = {"en": gettext_lazy("Englisch"), "ar": gettext_lazy("Arabisch")}
TRANSLATIONS = {
    code: _translation_subject(
        code,
        gettext_lazy("Übersetzung: %(language)s") % {"language": name},
        key=f"translation_{code}",
        model=Service,
        fields=TRANSLATED,
    )
    for code, name in TRANSLATION_LANGUAGES.items()
}
ORGANIZATION_TRANSLATIONS = {
    code: _translation_subject(
        code,
        gettext_lazy("Übersetzung der Organisation: %(language)s") % {"language": name},
        key=f"organization_translation_{code}",
        model=Organization,
        fields=["name", "description"],
    )
    for code, name in TRANSLATION_LANGUAGES.items()
}


# --- Location -----------------------------------------------------------------------------------

LOCATION_TEXT = ["name", "description", "transportation"]
ADDRESS_FIELDS = ["address_1", "address_2", "postal_code", "city", "state_province"]


def location_state(location: Location) -> dict[str, Any]:
    state: dict[str, Any] = {name: _text(getattr(location, f"{name}_de")) for name in LOCATION_TEXT}
    address = location.addresses.filter(address_type=Address.AddressType.PHYSICAL).first()
    for name in ADDRESS_FIELDS:
        state[name] = _text(getattr(address, name, ""))
    state["latitude"] = location.latitude
    state["longitude"] = location.longitude
    state["area"] = address.area_id if address else None
    accessibility = location.accessibility.first()
    state["accessibility"] = german(accessibility, "description")
    return state


def location_apply(
    location: Location | None, data: dict[str, Any], organization: Organization
) -> Location:
    location = location or Location(organization=organization)
    for name in LOCATION_TEXT:
        setattr(location, f"{name}_de", data.get(name, ""))
    location.location_type = Location.LocationType.PHYSICAL
    location.latitude = data.get("latitude")
    location.longitude = data.get("longitude")
    location.save()
    address = location.addresses.filter(address_type=Address.AddressType.PHYSICAL).first()
    address = address or Address(location=location, address_type=Address.AddressType.PHYSICAL)
    for name in ADDRESS_FIELDS:
        setattr(address, name, data.get(name, ""))
    address.area = locate_area(data)
    address.save()
    accessibility = location.accessibility.first()
    if data.get("accessibility"):
        accessibility = accessibility or Accessibility(location=location)
        set_german(accessibility, "description", data["accessibility"])
        accessibility.save()
    elif accessibility is not None:
        accessibility.delete()
    return location


def locate_area(data: dict[str, Any]) -> Area | None:
    """The district of an address: from its coordinates if given, else the one picked."""
    if data.get("latitude") is not None and data.get("longitude") is not None:
        found = area_containing(data["longitude"], data["latitude"])
        if found is not None:
            return found
    if data.get("area"):
        return Area.objects.filter(pk=data["area"]).first()
    return None


def location_describe(field: str, value: Any) -> Any:
    if field == "area":
        area = Area.objects.filter(pk=value).first() if value else None
        return str(area) if area else EMPTY
    return None


LOCATION = Subject(
    key="location",
    label=gettext_lazy("Ort"),
    model=Location,
    labels={
        "name": gettext_lazy("Name"),
        "address_1": gettext_lazy("Straße und Hausnummer"),
        "address_2": gettext_lazy("Adresszusatz"),
        "postal_code": gettext_lazy("Postleitzahl"),
        "city": gettext_lazy("Ort"),
        "state_province": gettext_lazy("Bundesland"),
        "latitude": gettext_lazy("Breite"),
        "longitude": gettext_lazy("Länge"),
        "area": gettext_lazy("Gebiet"),
        "description": gettext_lazy("Beschreibung"),
        "transportation": gettext_lazy("Anfahrt"),
        "accessibility": gettext_lazy("Barrierefreiheit"),
    },
    state=location_state,
    apply=location_apply,
    describe=location_describe,
)


# --- Event --------------------------------------------------------------------------------------

RECURRENCES = {
    "": gettext_lazy("Einmalig"),
    "FREQ=WEEKLY": gettext_lazy("Jede Woche"),
    "FREQ=WEEKLY;INTERVAL=2": gettext_lazy("Alle zwei Wochen"),
    "FREQ=MONTHLY": gettext_lazy("Jeden Monat"),
}


def _local_iso(moment: datetime.datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="minutes") if moment else None


def event_state(event: Event) -> dict[str, Any]:
    return {
        "title": german(event, "title"),
        "description": german(event, "description"),
        "start": _local_iso(event.start),
        "end": _local_iso(event.end),
        "rrule": event.rrule,
        "service": str(event.service_id) if event.service_id else None,
        "location": str(event.location_id) if event.location_id else None,
        "capacity": event.capacity,
        "registration_hint": german(event, "registration_hint"),
    }


def event_apply(event: Event | None, data: dict[str, Any], organization: Organization) -> Event:
    event = event or Event(organization=organization)
    set_german(event, "title", data.get("title", ""))
    set_german(event, "description", data.get("description", ""))
    set_german(event, "registration_hint", data.get("registration_hint", ""))
    event.start = parse_datetime(data["start"])  # type: ignore[assignment]
    event.end = parse_datetime(data["end"]) if data.get("end") else None
    event.rrule = data.get("rrule", "")
    event.capacity = data.get("capacity")
    service_id, location_id = data.get("service"), data.get("location")
    event.service = (
        Service.objects.filter(organization=organization, pk=service_id).first()
        if service_id
        else None
    )
    event.location = (
        Location.objects.filter(organization=organization, pk=location_id).first()
        if location_id
        else None
    )
    event.full_clean(exclude=["organization", "service", "location"])
    event.save()
    return event


def event_describe(field: str, value: Any) -> Any:
    if field in ("start", "end") and value:
        parsed = parse_datetime(value)
        return parsed.strftime("%d.%m.%Y %H:%M") if parsed else value
    if field == "rrule":
        base, _sep, count = (value or "").partition(";COUNT=")
        text = str(RECURRENCES.get(base, base or RECURRENCES[""]))
        return text + (" " + _("(%(count)s Termine)") % {"count": count} if count else "")
    if field == "service" and value:
        return str(Service.objects.filter(pk=value).first() or value)
    if field == "location" and value:
        return str(Location.objects.filter(pk=value).first() or value)
    return None


EVENT = Subject(
    key="event",
    label=gettext_lazy("Veranstaltung"),
    model=Event,
    labels={
        "title": gettext_lazy("Titel"),
        "description": gettext_lazy("Beschreibung"),
        "start": gettext_lazy("Beginn"),
        "end": gettext_lazy("Ende"),
        "rrule": gettext_lazy("Wiederholung"),
        "service": gettext_lazy("Angebot"),
        "location": gettext_lazy("Ort"),
        "capacity": gettext_lazy("Plätze (ungefähr)"),
        "registration_hint": gettext_lazy("Anmeldung"),
    },
    state=event_state,
    apply=event_apply,
    describe=event_describe,
    kept_because=gettext_lazy(
        "Zum Beispiel sind Menschen angemeldet, oder Familien haben sich Termine im "
        "Ferienprogramm gewünscht. Sagen Sie die Termine ab (unter „Anmeldung“): Dann bekommen "
        "alle eine E-Mail."
    ),
)

SUBJECTS: dict[str, Subject] = {
    subject.key: subject
    for subject in (
        ORGANIZATION,
        *ORGANIZATION_TRANSLATIONS.values(),
        SERVICE,
        HOURS,
        *TRANSLATIONS.values(),
        LOCATION,
        LOCATION_HOURS,
        EVENT,
    )
}
