"""Which area a point lies in (an address's district), with shapely's spatial index.

The directory links every physical address to the finest area containing it; searches for a
district then take the district and every area below it (`ServiceQuerySet.in_area`).
"""

import datetime
from dataclasses import dataclass

import shapely
from django.utils import timezone
from shapely.geometry import Point, shape

from .models import Area


@dataclass(frozen=True)
class _Candidate:
    area_id: int
    rank: int
    geometry: shapely.Geometry


class AreaLocator:
    """Finds areas by point for many points at once (an import, a demo load).

    Builds the index of the areas valid on `day` once; `locate()` then costs microseconds.
    """

    def __init__(self, day: datetime.date | None = None) -> None:
        self.day = day or timezone.localdate()
        candidates = []
        for area_id, rank, geometry in Area.objects.valid_on(self.day).values_list(
            "pk", "level__rank", "geometry"
        ):
            try:
                geom = shape(geometry)
            except (ValueError, TypeError, KeyError, AttributeError):
                continue
            shapely.prepare(geom)
            candidates.append(_Candidate(area_id, rank, geom))
        self._candidates = candidates
        self._tree = shapely.STRtree([c.geometry for c in candidates])
        self._areas: dict[int, Area] = {}

    def locate_id(self, longitude: float, latitude: float) -> int | None:
        """The id of the finest area (highest level rank) containing the point, or None."""
        point = Point(longitude, latitude)
        best: _Candidate | None = None
        for index in self._tree.query(point):
            candidate = self._candidates[int(index)]
            if candidate.geometry.covers(point) and (best is None or candidate.rank > best.rank):
                best = candidate
        return best.area_id if best else None

    def locate(self, longitude: float, latitude: float) -> Area | None:
        area_id = self.locate_id(longitude, latitude)
        if area_id is None:
            return None
        if area_id not in self._areas:
            self._areas[area_id] = Area.objects.without_geometry().get(pk=area_id)
        return self._areas[area_id]


def area_containing(
    longitude: float, latitude: float, day: datetime.date | None = None
) -> Area | None:
    """The finest area containing the point on `day` (default today), for a single address."""
    return AreaLocator(day).locate(longitude, latitude)
