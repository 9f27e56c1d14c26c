"""Drawings of several areas in one frame (the Sozialatlas' server-rendered map)."""

import itertools

from sozialraum.areas.geometry import drawing

from .factories import square


def test_areas_share_one_frame_fitted_to_all_of_them():
    west, east = square(13.30, 52.50, 0.01), square(13.31, 52.50, 0.01)

    picture = drawing([west, east], size=200)

    assert len(picture.paths) == 2
    assert picture.width == 200  # twice as wide as high, so the width takes the frame
    assert picture.height < picture.width
    assert picture.view_box == f"0 0 {picture.width} {picture.height}"
    # the west square starts at the left margin, the east one in the middle
    assert picture.paths[0].startswith("M2 ")
    assert picture.paths[1].startswith("M10")


def test_coordinates_are_whole_pixels_without_repeats():
    picture = drawing([square(13.3, 52.5, 0.01)], size=100)

    numbers = picture.paths[0].strip("MZ").split()
    assert all(number.isdigit() for number in numbers)
    points = list(zip(numbers[::2], numbers[1::2], strict=True))
    assert all(a != b for a, b in itertools.pairwise(points))


def test_no_areas_no_paths():
    assert drawing([]).paths == []
