"""The citizens' search: the filter form of /angebote/, the filtered services, facet counts.

`DirectorySearchForm` parses the query string (every filter is a GET parameter, so the page works
without JavaScript and every result list has an address). `find_services` applies the filters
(they combine with AND) and then the search text (`search.search_services`), as the search
contract asks. `facet_counts` counts the filtered services per option with a few GROUP BY
queries on the filtered set.

Distance is computed in SQL with the equirectangular approximation (exact enough for a county:
under 0.5 % error at 10 km), so it needs no database extension.
"""

import datetime
import math
import re
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.cache import cache
from django.db import connections, router
from django.db.models import (
    Avg,
    Count,
    F,
    FloatField,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.db.models.expressions import ExpressionWrapper
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from sozialraum.areas.models import Area, AreaLevel
from sozialraum.core.forms import KernFormMixin

from . import change_signs
from .filter_sets import FilterSets, OrdinalIds, current_filter_sets
from .models import (
    Address,
    Attribute,
    Language,
    Location,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from .models.base import IdIn
from .models.offers import area_with_descendant_ids
from .opening_hours import (
    WEEKDAY_CODES,
    OpeningState,
    next_weekday,
    opening_state,
    weekday_name,
)
from .search import SearchResults, search_services
from .search_postings import Array

MAX_QUERY_LENGTH = 200
KM_PER_DEGREE = 111.32
RADIUS_CHOICES = [("1", "1 km"), ("2", "2 km"), ("5", "5 km"), ("10", "10 km"), ("25", "25 km")]
DEFAULT_RADIUS = "2"
#: Feature terms (taxonomy "merkmale") offered as their own checkboxes.
WHEELCHAIR = "rollstuhlgerecht"
FREE_OF_CHARGE = "kostenlos"
#: Levels with more current areas than this are left out of the district list.
MAX_AREAS_PER_LEVEL = 150
CHOICES_CACHE_SECONDS = 300
POSTAL_CODE = re.compile(r"^\d{5}$")


def _cached(key: str, build: Any) -> Any:
    """Choices are the same for every visitor; build them once per language and 5 minutes."""
    key = f"directory-choices-{key}-{get_language()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CHOICES_CACHE_SECONDS)
    return value


def term_choices(slug: str) -> list[tuple[str, str]]:
    return _cached(
        f"terms-{slug}",
        lambda: [
            (term.code, str(term.name))
            for term in TaxonomyTerm.objects.in_taxonomy(slug).order_by("position", "code")
        ],
    )


def district_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Current areas grouped by level (coarse first), without the whole city (a level with one
    area at the top) and without levels too fine to list."""

    def build() -> list[tuple[str, list[tuple[str, str]]]]:
        groups = []
        for level in AreaLevel.objects.order_by("rank"):
            areas = list(
                Area.objects.current().without_geometry().filter(level=level).order_by("name")
            )
            whole_city = len(areas) == 1 and areas[0].parent_id is None
            if areas and len(areas) <= MAX_AREAS_PER_LEVEL and not whole_city:
                groups.append((str(level.name), [(area.code, area.name) for area in areas]))
        return groups

    return _cached("districts", build)


def language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def language_choices() -> list[tuple[str, str]]:
    """The languages services are offered in, by name in the reader's language."""

    def build() -> list[tuple[str, str]]:
        codes = {
            code.strip().lower()
            for code in Language.objects.exclude(code="").values_list("code", flat=True).distinct()
        }
        return sorted(((code, language_name(code)) for code in codes), key=lambda c: c[1])

    return _cached("languages", build)


#: areas found by district_by_code in this process, valid while the areas and the day stay the
#: same: (the areas' signs of change, the day), code → area
_districts: tuple[Any, dict[str, Area]] = (None, {})


def district_by_code(code: str) -> Area | None:
    """The current area with this code (every district filter asks; kept per process)."""
    global _districts
    version = (change_signs.current().count_and_newest(Area), timezone.localdate())
    if _districts[0] != version:
        _districts = (version, {})
    found = _districts[1].get(code)
    if found is None:
        found = Area.objects.current().without_geometry().coarsest_with_code(code)
        if found is not None:  # unknown codes are not kept: anyone can send them
            _districts[1][code] = found
    return found


@dataclass(frozen=True)
class Place:
    latitude: float
    longitude: float
    label: str


def locate_place(text: str) -> Place | None:
    """Coordinates for what someone typed: a postal code, an area's name, a street address or a
    place's name, all from our own data (no external geocoder sees the visitor's input)."""
    text = " ".join(text.split())
    if not text:
        return None
    located = Location.objects.filter(latitude__isnull=False, longitude__isnull=False)
    if POSTAL_CODE.match(text):
        center = located.filter(addresses__postal_code=text).aggregate(
            lat=Avg("latitude"), lon=Avg("longitude")
        )
        if center["lat"] is not None:
            return Place(center["lat"], center["lon"], text)
        return None
    areas = Area.objects.current().without_geometry().filter(point_lat__isnull=False)
    area = (
        areas.filter(name__iexact=text).order_by("-level__rank").first()
        or areas.filter(name__istartswith=text).order_by("-level__rank", "name").first()
    )
    if area is not None and area.point_lat is not None and area.point_lon is not None:
        return Place(area.point_lat, area.point_lon, area.name)
    location = (
        located.filter(addresses__address_1__istartswith=text).first()
        or located.filter(name__iexact=text).first()
    )
    if location is not None and location.latitude is not None and location.longitude is not None:
        return Place(location.latitude, location.longitude, text)
    return None


class Select(forms.Select):
    """A select rendered in Python: the search form shows about 70 options on every page view,
    and Django's per-option widget templates took a fifth of the page's time. Same markup.
    (Named Select so that templates still see ``widget_type == "select"``.)"""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts: list[str] = [
            format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))
        ]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            parts.extend(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    option["value"],
                    flatatt(option["attrs"]),
                    option["label"],
                )
                for option in options
            )
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # noqa: S308  # every part is escaped by format_html


class DirectorySearchForm(KernFormMixin, forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Suchbegriff"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=gettext_lazy("Zum Beispiel „Schulden“, „Essen umsonst“ oder „Pflege“."),
    )
    topic = forms.ChoiceField(widget=Select, label=gettext_lazy("Thema"), required=False)
    group = forms.ChoiceField(widget=Select, label=gettext_lazy("Für wen?"), required=False)
    district = forms.ChoiceField(widget=Select, label=gettext_lazy("Stadtteil"), required=False)
    place = forms.CharField(
        label=gettext_lazy("In der Nähe von"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Postleitzahl, Stadtteil oder Straße mit Hausnummer."),
    )
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lon = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    radius = forms.ChoiceField(
        widget=Select,
        label=gettext_lazy("Umkreis"),
        required=False,
        choices=RADIUS_CHOICES,
        initial=DEFAULT_RADIUS,
    )
    language = forms.ChoiceField(widget=Select, label=gettext_lazy("Sprache"), required=False)
    wheelchair = forms.BooleanField(label=gettext_lazy("Rollstuhlgerecht"), required=False)
    free = forms.BooleanField(label=gettext_lazy("Kostenlos"), required=False)
    open = forms.ChoiceField(widget=Select, label=gettext_lazy("Geöffnet"), required=False)
    kind = forms.ChoiceField(widget=Select, label=gettext_lazy("Art"), required=False)

    mark_optional = False

    def __init__(self, *args: Any, fixed_kind: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fixed_kind = fixed_kind
        fields = self.fields
        fields["topic"].choices = [("", _("Alle Themen")), *term_choices(Taxonomy.TOPICS)]  # type: ignore[attr-defined]
        fields["group"].choices = [  # type: ignore[attr-defined]
            ("", _("Alle")),
            *term_choices(Taxonomy.TARGET_GROUPS),
        ]
        fields["district"].choices = [("", _("Alle Stadtteile")), *district_choices()]  # type: ignore[attr-defined]
        fields["language"].choices = [("", _("Alle Sprachen")), *language_choices()]  # type: ignore[attr-defined]
        fields["open"].choices = [  # type: ignore[attr-defined]
            ("", _("Egal")),
            ("now", _("Jetzt geöffnet")),
            *((code, _("am %(day)s") % {"day": _weekday(code)}) for code in WEEKDAY_CODES),
        ]
        fields["kind"].choices = [  # type: ignore[attr-defined]
            ("", _("Alle")),
            *((str(value), str(label)) for value, label in Service.Kind.choices),
        ]
        if fixed_kind:
            del fields["kind"]
        self._set_up_widgets()
        self.located: Place | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lat, lon = data.get("lat"), data.get("lon")
        place_text = (data.get("place") or "").strip()
        if lat is not None and lon is not None:
            self.located = Place(lat, lon, place_text or _("Ihr Standort"))
        elif place_text:
            self.located = locate_place(place_text)
            if self.located is None:
                self.add_error(
                    "place",
                    _(
                        "Diesen Ort finden wir nicht. Geben Sie eine Postleitzahl, einen "
                        "Stadtteil oder eine Straße mit Hausnummer ein."
                    ),
                )
        return data

    def filters(self) -> "Filters":
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return Filters.from_data(data, place=self.located, fixed_kind=self.fixed_kind)

    def add_facet_counts(self, facets: "Facets") -> None:
        """Show how many results each option leaves: "Schulden (12)"."""
        for name, counts in (
            ("topic", facets.topics),
            ("group", facets.groups),
            ("district", facets.districts),
            ("language", facets.languages),
            ("kind", facets.kinds),
        ):
            if name not in self.fields:
                continue
            field = self.fields[name]
            field.choices = _with_counts(field.choices, counts)  # type: ignore[attr-defined]
        for name, code in (("wheelchair", WHEELCHAIR), ("free", FREE_OF_CHARGE)):
            label = f"{self.fields[name].label} ({facets.features.get(code, 0)})"
            # a bound form has made its BoundFields already (validation), with the old label
            self.fields[name].label = self[name].label = label


def _weekday(code: str) -> str:
    return weekday_name(code)


def _with_counts(choices: Any, counts: Mapping[str, int]) -> list[Any]:
    result: list[Any] = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            result.append((value, _with_counts(label, counts)))
        elif value == "":
            result.append((value, label))
        else:
            result.append((value, f"{label} ({counts.get(value, 0)})"))
    return result


@dataclass
class Filters:
    query: str = ""
    topic: TaxonomyTerm | None = None
    group: TaxonomyTerm | None = None
    district: Area | None = None
    place: Place | None = None
    radius_km: float = float(DEFAULT_RADIUS)
    language: str = ""
    wheelchair: bool = False
    free: bool = False
    open: str = ""
    kind: str = ""
    kind_fixed: bool = False

    @classmethod
    def from_data(
        cls, data: Mapping[str, Any], *, place: Place | None = None, fixed_kind: str = ""
    ) -> "Filters":
        def term(slug: str, code: str | None) -> TaxonomyTerm | None:
            return (
                TaxonomyTerm.objects.in_taxonomy(slug).filter(code=code).first() if code else None
            )

        return cls(
            query=(data.get("q") or "").strip(),
            topic=term(Taxonomy.TOPICS, data.get("topic")),
            group=term(Taxonomy.TARGET_GROUPS, data.get("group")),
            district=district_by_code(data["district"]) if data.get("district") else None,
            place=place,
            radius_km=float(data.get("radius") or DEFAULT_RADIUS),
            language=data.get("language") or "",
            wheelchair=bool(data.get("wheelchair")),
            free=bool(data.get("free")),
            open=data.get("open") or "",
            kind=fixed_kind or data.get("kind") or "",
            kind_fixed=bool(fixed_kind),
        )

    @property
    def any(self) -> bool:
        return bool(
            self.query
            or self.topic
            or self.group
            or self.district
            or self.place
            or self.language
            or self.wheelchair
            or self.free
            or self.open
            or (self.kind and not self.kind_fixed)
        )


def feature_term(code: str) -> TaxonomyTerm | None:
    return TaxonomyTerm.objects.in_taxonomy(Taxonomy.FEATURES).filter(code=code).first()


def _distance_expression(place: Place, prefix: str = "") -> ExpressionWrapper:
    """Squared distance in degrees of latitude (equirectangular: longitude shrunk by cos φ)."""
    shrink = math.cos(math.radians(place.latitude))
    d_lat = F(f"{prefix}latitude") - place.latitude
    d_lon = (F(f"{prefix}longitude") - place.longitude) * shrink
    return ExpressionWrapper(d_lat * d_lat + d_lon * d_lon, output_field=FloatField())


def locations_near(place: Place, radius_km: float) -> QuerySet[Location]:
    degrees = radius_km / KM_PER_DEGREE
    shrink = max(math.cos(math.radians(place.latitude)), 0.01)
    return (
        Location.objects.filter(
            latitude__range=(place.latitude - degrees, place.latitude + degrees),
            longitude__range=(
                place.longitude - degrees / shrink,
                place.longitude + degrees / shrink,
            ),
        )
        .alias(distance2=_distance_expression(place))
        .filter(distance2__lte=degrees * degrees)
    )


@dataclass
class _Resolved:
    """The filters' terms, areas and open services, looked up once for the database's query
    and for the filter sets in memory."""

    #: each entry: a service needs one of these terms
    term_sets: list[set[uuid.UUID]]
    area_ids: set[int] | None
    opening: OpeningState | None

    @classmethod
    def of(
        cls,
        filters: Filters,
        now: datetime.datetime | None,
        opening_now: OpeningState | None = None,
    ) -> "_Resolved":
        term_sets = [
            term.with_narrower_ids() for term in (filters.topic, filters.group) if term is not None
        ]
        for code, wanted in ((WHEELCHAIR, filters.wheelchair), (FREE_OF_CHARGE, filters.free)):
            if wanted:
                feature = feature_term(code)
                term_sets.append({feature.pk} if feature else set())
        opening = None
        if filters.open == "now":
            opening = opening_now or opening_state(moment=now)
        elif filters.open in WEEKDAY_CODES:
            day = next_weekday(filters.open, timezone.localdate(now) if now else None)
            opening = opening_state(day=day)
        district = filters.district
        return cls(
            term_sets=term_sets,
            area_ids=area_with_descendant_ids(district) if district is not None else None,
            opening=opening,
        )


def filtered_services(
    filters: Filters, *, now: datetime.datetime | None = None, resolved: _Resolved | None = None
) -> QuerySet[Service]:
    """Public services matching every filter (AND), before the search text."""
    resolved = resolved or _Resolved.of(filters, now)
    services = Service.objects.public()
    for term_ids in resolved.term_sets:
        services = services.with_any_term(term_ids) if term_ids else services.none()
    if resolved.area_ids is not None:
        services = services.in_areas(resolved.area_ids)
    if filters.language:
        services = services.with_language(filters.language)
    if filters.kind:
        services = services.filter(kind=filters.kind)
    if filters.place is not None:
        services = services.offered_at(
            locations_near(filters.place, filters.radius_km).values("pk")
        )
    if resolved.opening is not None:
        services = services.filter(IdIn("pk", resolved.opening.open_ids))
    return services


def _in_memory(
    filters: Filters, resolved: _Resolved
) -> tuple[FilterSets, Array, Array | None] | None:
    """The filters as a mask over the filter sets (filter_sets.py), with each service's squared
    distance to the place asked for (None without one); None while the sets are out of date."""
    sets = current_filter_sets(router.db_for_read(Service))
    if sets is None:
        return None
    mask = sets.public.copy()
    distance2 = None
    if filters.place is not None:
        distance2 = sets.nearest(filters.place.latitude, filters.place.longitude)
        mask &= distance2 <= (filters.radius_km / KM_PER_DEGREE) ** 2
    for term_ids in resolved.term_sets:
        mask &= sets.with_terms(term_ids)
    if resolved.area_ids is not None:
        mask &= sets.in_areas(resolved.area_ids)
    if filters.language:
        mask &= sets.in_language(filters.language)
    if filters.kind:
        mask &= sets.of_kind(filters.kind)
    if resolved.opening is not None:
        mask &= sets.among(resolved.opening, resolved.opening.open_ids)
    return sets, mask, distance2


def _nearest_place(place: Place) -> Subquery:
    """A service's squared distance to the place from its nearest location (see distance_km)."""
    nearest = (
        ServiceAtLocation.objects.filter(service=OuterRef("pk"))
        .filter(location__latitude__isnull=False)
        .values("service")
        .annotate(d=Min(_distance_expression(place, "location__")))
        .values("d")
    )
    return Subquery(nearest, output_field=FloatField())


def find_services(
    filters: Filters,
    *,
    now: datetime.datetime | None = None,
    opening_now: OpeningState | None = None,
) -> SearchResults:
    """The result list: filtered, then searched (best match first); near a place without a
    search text: nearest first. Filters other than a place are answered in memory.
    ``opening_now``: `opening_state` at `now`, if the caller has it already."""
    resolved = _Resolved.of(filters, now, opening_now)
    services = filtered_services(filters, now=now, resolved=resolved)
    selected = _in_memory(filters, resolved)
    place = filters.place
    if selected is not None:
        sets, mask, distance2 = selected
        if filters.query:
            results = search_services(
                services,
                filters.query,
                passing=lambda postings, candidates: sets.passing(mask, postings, candidates),
            )
        else:
            order = sets.by_name(mask) if distance2 is None else sets.by_distance(mask, distance2)
            results = SearchResults(
                services.order_by("name"),
                rows=Service.objects.using(sets.using).all(),
                ranked=OrdinalIds(sets, order),
                by_name=True,
            )
        if place is None:
            return results
        # the page's services show their distance
        return results.map(lambda found: found.annotate(distance2=_nearest_place(place)))
    results = search_services(services, filters.query)
    if place is None:
        return results
    results = results.map(lambda found: found.annotate(distance2=_nearest_place(place)))
    if not filters.query:
        results = results.map(
            lambda found: found.order_by(F("distance2").asc(nulls_last=True), "name")
        )
    return results


# --- Facets -------------------------------------------------------------------------------------


@dataclass
class Facets:
    topics: dict[str, int]
    groups: dict[str, int]
    features: dict[str, int]
    districts: dict[str, int]
    kinds: dict[str, int]
    languages: dict[str, int]


def _area_parents() -> dict[int, int | None]:
    key = "directory-area-parents"
    parents = cache.get(key)
    if parents is None:
        parents = dict(Area.objects.values_list("pk", "parent_id"))
        cache.set(key, parents, CHOICES_CACHE_SECONDS)
    return parents


def _language_counts(ids: QuerySet[Any]) -> dict[str, int]:
    """How many of the services are offered in each language, directly or at a place where it
    is spoken (as `ServiceQuerySet.with_language` filters): a service counts once per language.
    One GROUP BY over both kinds of language rows (the ORM cannot aggregate over a UNION)."""
    # the same two column names in both halves of the union
    direct = (
        Language.objects.filter(service__in=ids)
        .annotate(facet_code=F("code"), facet_service=F("service_id"))
        .values_list("facet_code", "facet_service")
    )
    at_places = (
        Language.objects.filter(location__service_at_locations__service__in=ids)
        .annotate(facet_code=F("code"), facet_service=F("location__service_at_locations__service"))
        .values_list("facet_code", "facet_service")
    )
    direct_sql, direct_params = direct.query.sql_with_params()
    places_sql, places_params = at_places.query.sql_with_params()
    connection = connections[ids.db]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT LOWER(TRIM(facet_code)), COUNT(DISTINCT facet_service)"  # noqa: S608  # ORM SQL
            f" FROM ({direct_sql} UNION ALL {places_sql}) language_rows"
            " GROUP BY LOWER(TRIM(facet_code))",
            [*direct_params, *places_params],
        )
        return dict(cursor.fetchall())


def facet_counts(services: QuerySet[Service]) -> Facets:
    """How many of the services carry each topic, target group and feature, lie in each listed
    district (areas below it included), are offered in each language and are of each kind.
    A few GROUP BY queries over the filtered set; a service at several places in one district
    counts once per finest area."""
    ids = services.order_by().values("pk")
    term_counts: dict[str, dict[str, int]] = {
        Taxonomy.TOPICS: {},
        Taxonomy.TARGET_GROUPS: {},
        Taxonomy.FEATURES: {},
    }
    rows = (
        Attribute.objects.filter(service__in=ids, taxonomy_term__taxonomy__slug__in=term_counts)
        .values("taxonomy_term__taxonomy__slug", "taxonomy_term__code")
        .annotate(count=Count("service", distinct=True))
    )
    for row in rows:
        term_counts[row["taxonomy_term__taxonomy__slug"]][row["taxonomy_term__code"]] = row["count"]
    area_rows = (
        Address.objects.filter(
            address_type=Address.AddressType.PHYSICAL,
            area__isnull=False,
            location__service_at_locations__service__in=ids,
        )
        .values("area")
        .annotate(count=Count("location__service_at_locations__service", distinct=True))
    )
    listed = {code for _label, options in district_choices() for code, _name in options}
    codes = dict(Area.objects.current().filter(code__in=listed).values_list("pk", "code"))
    parents = _area_parents()
    districts: Counter[str] = Counter()
    for area_row in area_rows:
        area_id: int | None = area_row["area"]
        seen = set()
        while area_id is not None and area_id not in seen:
            seen.add(area_id)
            if area_id in codes:
                districts[codes[area_id]] += area_row["count"]
            area_id = parents.get(area_id)
    kinds = {
        row["kind"]: row["count"]
        for row in services.order_by().values("kind").annotate(count=Count("pk"))
    }
    return Facets(
        topics=term_counts[Taxonomy.TOPICS],
        groups=term_counts[Taxonomy.TARGET_GROUPS],
        features=term_counts[Taxonomy.FEATURES],
        districts=dict(districts),
        kinds=kinds,
        languages=_language_counts(ids),
    )


def distance_km(service: Service) -> float | None:
    distance2 = getattr(service, "distance2", None)
    if distance2 is None:
        return None
    return math.sqrt(distance2) * KM_PER_DEGREE
