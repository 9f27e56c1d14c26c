"""The Sozialatlas map: one indicator by level and day, as an SVG map, a legend, a sortable
table and downloads. Every choice is a GET parameter, so every view is an address to share."""

import datetime
import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from sozialraum.areas.geometry import Drawing, drawing
from sozialraum.areas.models import Area, AreaLevel
from sozialraum.areas.views import collation_key

from . import exports
from .classify import DEFAULT_CLASSES, ClassInterval, Method
from .forms import MapForm
from .maps import MapData, Row, available, explanation, map_data
from .models import Indicator, IndicatorValue, Interpretation, Topic
from .profiles import profile_url


def format_value(value: float | None, precision: int) -> str:
    if value is None:
        return ""
    return number_format(value, decimal_pos=precision, use_l10n=True, force_grouping=True)


def interval_label(interval: ClassInterval, precision: int) -> str:
    low = format_value(interval.lower, precision)
    high = format_value(interval.upper, precision)
    if interval.lower is None and interval.upper is None:
        return _("alle Werte")
    if interval.lower is None:
        return _("bis %(high)s") % {"high": high}
    if interval.upper is None:
        return _("über %(low)s") % {"low": low}
    if low == high:
        return low
    if interval.includes_lower:
        return _("%(low)s bis %(high)s") % {"low": low, "high": high}
    return _("über %(low)s bis %(high)s") % {"low": low, "high": high}


def std_dev_label(number: int) -> str:
    labels = [
        _("mehr als 2 Standardabweichungen unter dem Mittelwert"),
        _("1 bis 2 Standardabweichungen unter dem Mittelwert"),
        _("weniger als 1 Standardabweichung vom Mittelwert entfernt"),
        _("1 bis 2 Standardabweichungen über dem Mittelwert"),
        _("mehr als 2 Standardabweichungen über dem Mittelwert"),
    ]
    return labels[number - 1] if 0 < number <= len(labels) else ""


@dataclass
class MapRequest:
    """What the address asks for, after filling in defaults and leaving out what does not exist."""

    form: MapForm
    indicator: Indicator
    level: AreaLevel | None
    day: datetime.date | None
    method: str
    classes: int
    breaks: list[float]
    area_code: str
    sort: str
    notes: list[str] = field(default_factory=list)

    def query(self, **changes: Any) -> str:
        params: dict[str, Any] = {
            "indikator": self.indicator.key,
            "ebene": self.level.slug if self.level else "",
            "stichtag": self.day.isoformat() if self.day else "",
            "methode": self.method,
            "klassen": self.classes,
        }
        if self.method == Method.MANUAL:
            params["grenzen"] = self.form.data.get("grenzen", "")
        if self.area_code:
            params["gebiet"] = self.area_code
        if self.sort != "kennziffer":
            params["sortierung"] = self.sort
        params.update(changes)
        return urlencode({key: value for key, value in params.items() if value not in ("", None)})


def map_indicators(user) -> list[Indicator]:
    """The indicators the visitor may see that have figures (or compute from counts)."""
    order = {value: index for index, value in enumerate(Topic.values)}
    # Exists, not a join with DISTINCT: a large city has millions of values (bench/atlas.py)
    has_values = Exists(IndicatorValue.objects.filter(indicator=OuterRef("pk")))
    indicators = (
        Indicator.objects.visible_to(user)
        .filter(has_values | Q(numerator__isnull=False))
        .select_related("numerator", "denominator")
    )
    return sorted(indicators, key=lambda i: (order.get(i.topic, len(order)), str(i.name)))


def resolve(request: HttpRequest) -> MapRequest:
    indicators = map_indicators(request.user)
    if not indicators:
        raise Http404(_("Es gibt noch keine Zahlen für eine Karte."))
    data = request.GET.copy()
    notes: list[str] = []
    by_key = {indicator.key: indicator for indicator in indicators}
    key = data.get("indikator")
    if key and key not in by_key:
        # Unknown, or restricted and the visitor may not see it: the same answer for both.
        raise Http404(_("Dieses Merkmal gibt es nicht."))
    indicator = by_key.get(key or "", indicators[0])
    data["indikator"] = indicator.key

    days_by_level = available(indicator)
    levels = list(AreaLevel.objects.filter(pk__in=days_by_level).order_by("rank", "slug"))
    level = next((lv for lv in levels if lv.slug == data.get("ebene")), None)
    if level is None and levels:
        level = levels[-1]  # the finest level: the most detailed map
        if data.get("ebene"):
            notes.append(
                _(
                    "Für dieses Merkmal gibt es keine Zahlen auf der gewünschten Ebene; "
                    "gezeigt wird „%(level)s“."
                )
                % {"level": level}
            )
    days = days_by_level.get(level.pk, []) if level else []
    day = next((d for d in days if d.isoformat() == data.get("stichtag")), None)
    if day is None and days:
        day = days[0]
        if data.get("stichtag"):
            notes.append(
                _("Für den gewünschten Stichtag gibt es keine Zahlen; gezeigt wird der %(day)s.")
                % {"day": date_format(day)}
            )
    data.setdefault("methode", Method.QUANTILES)
    data.setdefault("klassen", str(DEFAULT_CLASSES))
    data["ebene"] = level.slug if level else ""
    data["stichtag"] = day.isoformat() if day else ""

    form = MapForm(data, indicators=indicators, levels=levels, days=days)
    form.choice_field("indikator").choices = [
        (str(label), [(i.key, str(i)) for i in indicators if i.topic == value])
        for value, label in Topic.choices
        if any(i.topic == value for i in indicators)
    ]
    form.is_valid()
    cleaned = form.cleaned_data
    method = cleaned.get("methode") or Method.QUANTILES
    breaks = cleaned.get("breaks") or []
    if method == Method.MANUAL and not breaks:
        method = Method.QUANTILES
        notes.append(_("Ohne gültige eigene Grenzen teilt die Karte nach Quantilen ein."))
    return MapRequest(
        form=form,
        indicator=indicator,
        level=level,
        day=day,
        method=method,
        classes=cleaned.get("klassen") or DEFAULT_CLASSES,
        breaks=breaks,
        area_code=cleaned.get("gebiet") or "",
        sort=cleaned.get("sortierung") or "kennziffer",
        notes=notes,
    )


def load(request: HttpRequest) -> tuple[MapRequest, MapData | None]:
    wanted = resolve(request)
    if wanted.level is None or wanted.day is None:
        return wanted, None
    return wanted, map_data(
        indicator=wanted.indicator,
        level=wanted.level,
        date=wanted.day,
        method=wanted.method,
        k=wanted.classes,
        breaks=wanted.breaks,
    )


SORT_KEYS = {
    "kennziffer": lambda row: (row.area.code,),
    "name": lambda row: (collation_key(row.area.name), row.area.code),
    "wert": lambda row: (row.value, row.area.code),
    "klasse": lambda row: (row.interval.number, row.value, row.area.code),
    "rang": lambda row: (row.rank, row.area.code),
}


def sorted_rows(rows: list[Row], sort: str) -> list[Row]:
    """Sorted by the column; rows without a number always come last, by id."""
    key, descending = sort.lstrip("-"), sort.startswith("-")
    if key in ("kennziffer", "name"):
        return sorted(rows, key=SORT_KEYS[key], reverse=descending)
    with_value = sorted(
        (row for row in rows if row.value is not None), key=SORT_KEYS[key], reverse=descending
    )
    return with_value + sorted(
        (row for row in rows if row.value is None), key=SORT_KEYS["kennziffer"]
    )


def level_drawing(level: AreaLevel, day: datetime.date) -> tuple[Drawing, list[str]]:
    """The SVG paths of the level's areas valid on the day, by area code; cached."""
    areas = Area.objects.in_level(level).valid_on(day).order_by("code")
    digest = hashlib.sha256()
    for pk, modified in areas.values_list("pk", "modified"):
        digest.update(f"{pk}:{modified.isoformat()};".encode())
    key = f"atlas-drawing-{level.pk}-{digest.hexdigest()[:32]}"
    cached = cache.get(key)
    if cached is None:
        codes, geometries = [], []
        for code, geometry in areas.values_list("code", "geometry"):
            codes.append(code)
            geometries.append(geometry)
        cached = (drawing(geometries), codes)
        cache.set(key, cached, 60 * 60)
    return cached


def direction_text(indicator: Indicator, method: str) -> str:
    if method == Method.STD_DEV:
        if indicator.interpretation == Interpretation.NEUTRAL:
            return _("Lila: unter dem Mittelwert, Orange: über dem Mittelwert.")
        return _("Rot: ungünstiger als der Durchschnitt, Blau: günstiger.")
    if indicator.interpretation == Interpretation.HIGHER_IS_WORSE:
        return _("Je dunkler, desto höher und ungünstiger der Wert.")
    if indicator.interpretation == Interpretation.HIGHER_IS_BETTER:
        return _("Je dunkler, desto niedriger und ungünstiger der Wert.")
    return _("Je dunkler, desto höher der Wert (keine Wertung).")


def map_page(request: HttpRequest) -> HttpResponse:
    wanted, data = load(request)
    context: dict[str, Any] = {"wanted": wanted, "form": wanted.form, "data": data}
    if data is not None:
        precision = data.indicator.precision
        rows = sorted_rows(data.rows, wanted.sort)
        for row in data.rows:
            row.text = format_value(row.value, precision)  # type: ignore[attr-defined]
            row.select_url = "?" + wanted.query(gebiet=row.area.code) + "#auswahl"  # type: ignore[attr-defined]
        legend = [
            {
                "interval": interval,
                "label": interval_label(interval, precision),
                "meaning": std_dev_label(interval.number)
                if data.classification.method == Method.STD_DEV
                else "",
            }
            for interval in data.classification.intervals
        ]
        unshown = [
            {
                "status": status,
                "symbol": next(row.symbol for row in data.rows if row.status == status),
                "explanation": explanation(status),
                "count": sum(1 for row in data.rows if row.status == status),
            }
            for status in data.statuses
        ]
        picture, codes = level_drawing(data.level, data.date)
        row_of = {row.area.code: row for row in data.rows}
        shapes = [
            {"code": code, "path": path, "row": row_of.get(code)}
            for code, path in zip(codes, picture.paths, strict=True)
        ]
        selected = row_of.get(wanted.area_code)
        columns = []
        for key, label, numeric in [
            ("kennziffer", _("Kennziffer"), False),
            ("name", _("Gebiet"), False),
            ("wert", _("Wert"), True),
            ("klasse", _("Klasse"), True),
            ("rang", _("Rang"), True),
        ]:
            active = wanted.sort.lstrip("-") == key
            descending = wanted.sort.startswith("-")
            next_sort = f"-{key}" if active and not descending else key
            columns.append(
                {
                    "label": label,
                    "numeric": numeric,
                    "url": "?" + wanted.query(sortierung=next_sort) + "#tabelle",
                    "sorted": ("descending" if descending else "ascending") if active else None,
                    "next_descending": next_sort.startswith("-"),
                }
            )
        downloads = [
            (
                fmt,
                reverse("atlas:map_download", kwargs={"fmt": fmt})
                + "?"
                + wanted.query(sortierung="", gebiet=""),
            )
            for fmt in exports.FORMATS
        ]
        context.update(
            {
                "rows": rows,
                "legend": legend,
                "unshown": unshown,
                "drawing": picture,
                "shapes": shapes,
                "selected": selected,
                "selected_profile_url": profile_url(selected.area) if selected else "",
                "columns": columns,
                "downloads": downloads,
                "direction": direction_text(data.indicator, data.classification.method),
                "map_tiles": settings.MAP_TILES_URL,
                "map_attribution": settings.MAP_TILES_ATTRIBUTION,
                "geojson_url": reverse(
                    "areas:level_geojson", kwargs={"level_slug": data.level.slug}
                )
                + "?"
                + urlencode({"stichtag": data.date.isoformat()}),
                "map_values": {
                    row.area.code: [
                        row.interval.number if row.interval else 0,
                        row.text or row.symbol,  # type: ignore[attr-defined]
                        row.rank,
                    ]
                    for row in data.rows
                },
                "map_colours": [interval.colour for interval in data.classification.intervals],
                "day_urls": [
                    (day, "?" + wanted.query(stichtag=day.isoformat()))
                    for day in available(data.indicator).get(data.level.pk, [])
                ],
            }
        )
    return render(request, "atlas/map.html", context)


def map_download(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in exports.FORMATS:
        raise Http404
    _wanted, data = load(request)
    if data is None:
        raise Http404(_("Für dieses Merkmal gibt es keine Zahlen."))
    return exports.respond(data, fmt)
