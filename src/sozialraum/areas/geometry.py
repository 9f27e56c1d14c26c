"""Outlines for the web: simplified GeoJSON and server-rendered SVG paths, made with shapely."""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry

# About 5 m in Berlin: invisible at city-map scale, shrinks the outlines to a fraction.
WEB_TOLERANCE = 0.00005
WEB_DECIMALS = 6  # about 10 cm, as RFC 7946 suggests


def simplified_geojson(geometry: dict[str, Any], tolerance: float = WEB_TOLERANCE) -> Any:
    """The geometry simplified and rounded for maps in the browser, as a GeoJSON object."""
    geom = shape(geometry).simplify(tolerance, preserve_topology=True)
    geom = shapely.transform(geom, lambda coords: np.round(coords, WEB_DECIMALS))
    return mapping(geom)


@dataclass
class Outline:
    """SVG path data of an area and, inside it, of its children, in one coordinate frame."""

    width: int
    height: int
    area: str
    children: list[str] = field(default_factory=list)

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def outline(
    geometry: dict[str, Any], children: Sequence[dict[str, Any]] = (), size: int = 600
) -> Outline:
    """Project the area onto a `size`-pixel frame (north up) and simplify to about a pixel.

    Longitude is scaled by the cosine of the latitude, which is true to shape for a city.
    """
    geom = shape(geometry)
    west, south, east, north = geom.bounds
    x_factor = math.cos(math.radians((south + north) / 2))
    extent = max((east - west) * x_factor, north - south) or 1e-9
    scale = (size - 4) / extent  # 2 pixels margin for the stroke
    width = math.ceil((east - west) * x_factor * scale) + 4
    height = math.ceil((north - south) * scale) + 4
    tolerance = extent / size

    def path(shape_geometry: BaseGeometry) -> str:
        simple = shape_geometry.simplify(tolerance, preserve_topology=True)
        polygons = getattr(simple, "geoms", [simple])
        parts = []
        for polygon in polygons:
            if not isinstance(polygon, Polygon) or polygon.is_empty:
                continue
            for ring in [polygon.exterior, *polygon.interiors]:
                coords = np.asarray(ring.coords)
                xs = (coords[:, 0] - west) * x_factor * scale + 2
                ys = (north - coords[:, 1]) * scale + 2
                points = " ".join(f"{x:.1f} {y:.1f}" for x, y in zip(xs, ys, strict=True))
                parts.append(f"M{points}Z")
        return "".join(parts)

    return Outline(
        width=width,
        height=height,
        area=path(geom),
        children=[path(shape(child)) for child in children],
    )


@dataclass
class Drawing:
    """SVG path data of several areas in one frame fitted to all of them (a choropleth map)."""

    width: int
    height: int
    paths: list[str]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def drawing(geometries: Sequence[dict[str, Any]], size: int = 640) -> Drawing:
    """Project all geometries onto one `size`-pixel frame (north up), about a pixel precise.

    Paths are rounded to whole pixels: a map of 447 planning areas stays small enough to send
    inside the page, for readers without JavaScript and for print.
    """
    shapes = [shape(geometry) for geometry in geometries]
    if not shapes:
        return Drawing(width=size, height=size // 2, paths=[])
    bounds = np.array([geom.bounds for geom in shapes])
    west, south = bounds[:, 0].min(), bounds[:, 1].min()
    east, north = bounds[:, 2].max(), bounds[:, 3].max()
    x_factor = math.cos(math.radians((south + north) / 2))
    extent = max((east - west) * x_factor, north - south) or 1e-9
    scale = (size - 4) / extent
    tolerance = extent / size

    def path(geom: BaseGeometry) -> str:
        simple = geom.simplify(tolerance, preserve_topology=True)
        parts = []
        for polygon in getattr(simple, "geoms", [simple]):
            if not isinstance(polygon, Polygon) or polygon.is_empty:
                continue
            for ring in [polygon.exterior, *polygon.interiors]:
                coords = np.asarray(ring.coords)
                xs = np.rint((coords[:, 0] - west) * x_factor * scale + 2).astype(int)
                ys = np.rint((north - coords[:, 1]) * scale + 2).astype(int)
                points = [(x, y) for x, y in zip(xs, ys, strict=True)]
                # whole pixels make neighbours repeat: drop them
                kept = [point for i, point in enumerate(points) if i == 0 or point != points[i - 1]]
                if len(kept) < 3:
                    continue
                parts.append("M" + " ".join(f"{x} {y}" for x, y in kept) + "Z")
        return "".join(parts)

    return Drawing(
        width=math.ceil((east - west) * x_factor * scale) + 4,
        height=math.ceil((north - south) * scale) + 4,
        paths=[path(geom) for geom in shapes],
    )
