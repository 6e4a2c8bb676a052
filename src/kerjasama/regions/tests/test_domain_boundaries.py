"""Tests for the pure boundary/adjacency module (no database, no Django).

Run with ``pytest -p no:django`` while the Django settings are in flux; nothing here needs them.
"""

from __future__ import annotations

import csv
import json
import math
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import shapely
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, shape

from kerjasama.core.errors import KerjasamaError
from kerjasama.regions.domain.boundaries import (
    KM_PER_DEG_LAT,
    KM_PER_DEG_LON_EQUATOR,
    METRES_PER_DEG,
    NeighbourPair,
    centroids,
    compute_adjacency,
    parse_geojson,
    simplified_geojson,
)

DATA_DIR = Path("/work/shared/data/boundaries")

# Grid geometry near Yogyakarta, in units of 1e-5 degree so that every vertex is already on the snap grid.
UNIT = 1e-5
BASE_X = 11_030_000  # 110.30 E
BASE_Y = -780_000  # 7.80 S
CELL = 1_000  # 0.01 degree, about 1.1 km
GAP_50M = 45  # 0.00045 degree of longitude at 7.8 S is about 49.6 m
LAT_YOGYA = -7.795


def square(x0: int, y0: int, size: int = CELL) -> dict[str, Any]:
    """A GeoJSON Polygon for a square whose corners are given in 1e-5 degree units."""
    x1, y1 = x0 + size, y0 + size
    ring = [[x0 * UNIT, y0 * UNIT], [x1 * UNIT, y0 * UNIT], [x1 * UNIT, y1 * UNIT], [x0 * UNIT, y1 * UNIT]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


def feature(code: Any, geometry: Any, name: Any = "Wilayah Uji", **extra: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": {"code": code, "name": name, **extra}, "geometry": geometry}


def collection(*features: Any) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def km_per_deg_lon(lat: float) -> float:
    return math.cos(math.radians(lat)) * KM_PER_DEG_LON_EQUATOR


# A 3 x 2 grid. Column 2 is shifted east by about 50 m, and 34.99 is an island far out at sea.
#   row 1:  34.11 | 34.12 |~50 m~| 34.13
#   row 0:  34.01 | 34.02 |~50 m~| 34.03
GRID_COLUMNS_X = [BASE_X, BASE_X + CELL, BASE_X + 2 * CELL + GAP_50M]
GRID_ROWS_Y = [BASE_Y, BASE_Y + CELL]


def grid_collection() -> str:
    features = [
        feature(f"34.{10 * row + column + 1:02d}", square(x, y))
        for row, y in enumerate(GRID_ROWS_Y)
        for column, x in enumerate(GRID_COLUMNS_X)
    ]
    features.append(feature("34.99", square(BASE_X + 100_000, BASE_Y)))  # one degree east
    return collection(*features)


@pytest.fixture(scope="module")
def grid_pairs() -> dict[tuple[str, str], NeighbourPair]:
    pairs = compute_adjacency(parse_geojson(grid_collection()), tolerance_m=100.0)
    return {(p.code_a, p.code_b): p for p in pairs}


def error_of(raw: str | bytes) -> KerjasamaError:
    with pytest.raises(KerjasamaError) as caught:
        parse_geojson(raw, source="uji.geojson")
    error = caught.value
    assert error.message_id and error.message_en and error.message_id != error.message_en
    for detail in error.details:
        assert detail.location and detail.message_id and detail.message_en
        assert detail.message_id != detail.message_en
    return error


# --------------------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------------------


def test_it_parses_codes_names_and_infers_the_level_from_the_code_format() -> None:
    raw = collection(
        {
            "type": "Feature",
            "properties": {"kode": "34.71", "nama": " Kota Yogyakarta "},
            "geometry": square(BASE_X, BASE_Y),
        },
        {
            "type": "Feature",
            "properties": {"kode_wilayah": "34", "name": "DIY", "level": "kabkota"},
            "geometry": square(BASE_X, BASE_Y + 5 * CELL),
        },
    )
    shapes = parse_geojson(raw)
    assert [(s.code, s.name, s.level) for s in shapes] == [
        ("34", "DIY", "provinsi"),  # the level property is ignored; the code decides
        ("34.71", "Kota Yogyakarta", "kabkota"),
    ]
    assert all(s.geometry.is_valid and not s.repaired for s in shapes)


def test_it_returns_shapes_sorted_by_code_whatever_the_feature_order() -> None:
    raw = collection(
        feature("34.02", square(BASE_X, BASE_Y)), feature("34.01", square(BASE_X + CELL, BASE_Y))
    )
    assert [s.code for s in parse_geojson(raw)] == ["34.01", "34.02"]
    assert [s.code for s in parse_geojson(raw.encode("utf-8"))] == ["34.01", "34.02"]


def test_it_snaps_coordinates_to_the_1e5_degree_grid() -> None:
    ring = [[110.300004, -7.8], [110.310003, -7.8], [110.31, -7.790004], [110.3, -7.79], [110.300004, -7.8]]
    (region,) = parse_geojson(collection(feature("34.71", {"type": "Polygon", "coordinates": [ring]})))
    coords = shapely.get_coordinates(region.geometry)
    assert (abs(coords * 1e5 - (coords * 1e5).round()) < 1e-6).all()
    assert {round(x, 5) for x in coords[:, 0]} == {110.3, 110.31}


def test_it_repairs_a_self_intersecting_bow_tie() -> None:
    x, y, s = BASE_X * UNIT, BASE_Y * UNIT, CELL * UNIT
    bow_tie = {"type": "Polygon", "coordinates": [[[x, y], [x + s, y + s], [x + s, y], [x, y + s], [x, y]]]}
    assert not shape(bow_tie).is_valid
    (region,) = parse_geojson(collection(feature("34.71", bow_tie)))
    assert region.repaired is True
    assert region.geometry.is_valid
    assert region.geometry.geom_type == "MultiPolygon"
    assert len(region.geometry.geoms) == 2  # the two triangles of the bow tie
    assert region.geometry.area == pytest.approx(s * s / 2, rel=1e-3)


def test_it_keeps_only_the_polygonal_part_when_repair_leaves_a_dangling_spike() -> None:
    x, y, s = BASE_X * UNIT, BASE_Y * UNIT, CELL * UNIT
    # A square with a zero-width spike sticking out of its right edge: make_valid returns polygon + line.
    ring = [
        [x, y],
        [x + s, y],
        [x + s, y + s / 2],
        [x + 2 * s, y + s / 2],
        [x + s, y + s / 2],
        [x + s, y + s],
        [x, y + s],
        [x, y],
    ]
    assert (
        shapely.make_valid(shape({"type": "Polygon", "coordinates": [ring]})).geom_type
        == "GeometryCollection"
    )
    (region,) = parse_geojson(collection(feature("34.71", {"type": "Polygon", "coordinates": [ring]})))
    assert region.repaired is True
    assert region.geometry.geom_type == "Polygon"
    assert region.geometry.area == pytest.approx(s * s, rel=1e-6)


# --------------------------------------------------------------------------------------------------------
# Errors: one test per code, every message in both languages (checked in ``error_of``)
# --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", ["this is not json", b"\xff\xfe\x00garbage", '{"type": "FeatureCollection", ']
)
def test_it_reports_malformed_json(raw: str | bytes) -> None:
    error = error_of(raw)
    assert error.code == "boundaries.malformed_json"
    assert "uji.geojson" in error.message_en


def test_it_reports_a_truncated_file_as_malformed_json() -> None:
    raw = grid_collection()
    json.loads(raw)  # the whole file is valid JSON ...
    error = error_of(raw[: len(raw) // 2])  # ... half of it is not
    assert error.code == "boundaries.malformed_json"
    assert "terpotong" in error.message_id and "truncated" in error.message_en


@pytest.mark.parametrize(
    "payload",
    [
        [],
        {"type": "Feature", "properties": {"code": "34.71"}, "geometry": square(BASE_X, BASE_Y)},
        {"type": "FeatureCollection"},
        {"type": "FeatureCollection", "features": {"0": {}}},
        "FeatureCollection",
    ],
)
def test_it_reports_input_that_is_not_a_feature_collection(payload: object) -> None:
    assert error_of(json.dumps(payload)).code == "boundaries.not_feature_collection"


@pytest.mark.parametrize("raw", ['{"type": "FeatureCollection", "features": []}', "", "  \n", b""])
def test_it_reports_an_empty_file_or_collection(raw: str | bytes) -> None:
    assert error_of(raw).code == "boundaries.empty"


GOOD = square(BASE_X, BASE_Y)
X, Y = BASE_X * UNIT, BASE_Y * UNIT


@pytest.mark.parametrize(
    ("bad", "location", "expected_en"),
    [
        ({"type": "Feature", "geometry": GOOD}, "feature #2", "no 'properties'"),
        (
            {"type": "Feature", "properties": {"code": "34.72", "name": "X"}},
            "feature #2 (34.72)",
            "no geometry",
        ),
        (feature(None, GOOD), "feature #2", "code is missing"),
        (feature("3472", GOOD), "feature #2 (3472)", "wrong format"),
        (feature("34.7", GOOD), "feature #2 (34.7)", "wrong format"),
        (feature(34.72, GOOD), "feature #2 (34.72)", "wrong format"),
        (feature("34.72", GOOD, name=""), "feature #2 (34.72)", "name is missing"),
        (feature("34.72", {"type": "Point", "coordinates": [X, Y]}), "feature #2 (34.72)", "not 'Point'"),
        (
            feature("34.72", {"type": "Polygon", "coordinates": [[[X, Y], [X, Y]]]}),
            "feature #2 (34.72)",
            "cannot be read",
        ),
        # lat/lng order (the upstream SQL order) instead of GeoJSON lon/lat: latitude 110 is impossible
        (
            feature(
                "34.72", {"type": "Polygon", "coordinates": [[[Y, X], [Y + 0.01, X], [Y, X + 0.01], [Y, X]]]}
            ),
            "feature #2 (34.72)",
            "out of range",
        ),
        # a polygon with no area: repair leaves only a line, so nothing polygonal remains
        (
            feature(
                "34.72",
                {
                    "type": "Polygon",
                    "coordinates": [[[X, Y], [X + 0.01, Y + 0.01], [X + 0.02, Y + 0.02], [X, Y]]],
                },
            ),
            "feature #2 (34.72)",
            "empty",
        ),
        (feature("34.72", {"type": "Polygon", "coordinates": []}), "feature #2 (34.72)", "empty"),
    ],
)
def test_it_reports_each_kind_of_bad_feature(bad: dict[str, Any], location: str, expected_en: str) -> None:
    error = error_of(collection(feature("34.71", GOOD), bad))
    assert error.code == "boundaries.bad_feature"
    assert [d.location for d in error.details] == [location]
    assert expected_en in error.details[0].message_en


def test_it_reports_empty_properties_as_missing_code_and_name() -> None:
    error = error_of(collection({"type": "Feature", "properties": {}, "geometry": GOOD}))
    assert error.code == "boundaries.bad_feature"
    assert [(d.location, d.message_en.split(" (")[0]) for d in error.details] == [
        ("feature #1", "The region code is missing"),
        ("feature #1", "The region name is missing"),
    ]


def test_it_reports_every_bad_row_not_just_the_first() -> None:
    raw = collection(
        feature("34.01", square(BASE_X, BASE_Y)),
        feature("34.1", square(BASE_X + CELL, BASE_Y)),
        feature("34.03", square(BASE_X + 2 * CELL, BASE_Y)),
        feature("34.04", {"type": "LineString", "coordinates": [[X, Y], [X + 1, Y]]}),
        feature("34.05", square(BASE_X + 4 * CELL, BASE_Y)),
    )
    error = error_of(raw)
    assert error.code == "boundaries.bad_feature"
    assert [d.location for d in error.details] == ["feature #2 (34.1)", "feature #4 (34.04)"]
    assert "2 feature(s)" in error.message_en and "2 fitur" in error.message_id


def test_it_reports_all_problems_of_one_row_and_duplicates_found_alongside() -> None:
    raw = collection(
        feature("34.01", square(BASE_X, BASE_Y)),
        {
            "type": "Feature",
            "properties": {"code": "34.02"},
            "geometry": {"type": "Point", "coordinates": [X, Y]},
        },
        feature("34.01", square(BASE_X + CELL, BASE_Y)),
    )
    error = error_of(raw)
    assert error.code == "boundaries.bad_feature"
    messages = [(d.location, d.message_en) for d in error.details]
    assert [loc for loc, _ in messages] == [
        "feature #2 (34.02)",
        "feature #2 (34.02)",
        "feature #1 (34.01)",
        "feature #3 (34.01)",
    ]
    assert "name is missing" in messages[0][1] and "not 'Point'" in messages[1][1]
    assert "more than once" in messages[2][1]


def test_it_reports_duplicate_codes_with_every_location() -> None:
    raw = collection(
        feature("34.71", square(BASE_X, BASE_Y)),
        feature("34.02", square(BASE_X + CELL, BASE_Y)),
        feature("34.71", square(BASE_X + 2 * CELL, BASE_Y)),
    )
    error = error_of(raw)
    assert error.code == "boundaries.duplicate_code"
    assert [d.location for d in error.details] == ["feature #1 (34.71)", "feature #3 (34.71)"]
    assert "34.71" in error.details[0].message_id


# --------------------------------------------------------------------------------------------------------
# Adjacency on the synthetic grid
# --------------------------------------------------------------------------------------------------------


def test_it_finds_exact_edge_and_corner_touches(grid_pairs: dict[tuple[str, str], NeighbourPair]) -> None:
    exact = {key for key, pair in grid_pairs.items() if pair.touch_exact}
    assert exact == {
        ("34.01", "34.02"),
        ("34.11", "34.12"),  # east-west edges
        ("34.01", "34.11"),
        ("34.02", "34.12"),
        ("34.03", "34.13"),  # north-south edges
        ("34.01", "34.12"),
        ("34.02", "34.11"),  # corners only
    }
    assert all(grid_pairs[key].gap_m == 0.0 for key in exact)


def test_it_flags_pairs_within_tolerance_as_not_exact_with_their_gap(
    grid_pairs: dict[tuple[str, str], NeighbourPair],
) -> None:
    loose = {key for key, pair in grid_pairs.items() if not pair.touch_exact}
    assert loose == {("34.02", "34.03"), ("34.12", "34.13"), ("34.02", "34.13"), ("34.03", "34.12")}
    expected_gap_m = GAP_50M * UNIT * km_per_deg_lon(LAT_YOGYA) * 1000  # about 49.6 m
    for key in loose:
        assert grid_pairs[key].gap_m == pytest.approx(expected_gap_m, abs=0.5)


def test_it_measures_a_known_edge_within_two_percent(
    grid_pairs: dict[tuple[str, str], NeighbourPair],
) -> None:
    north_south_edge_km = CELL * UNIT * KM_PER_DEG_LAT  # 0.01 degree of latitude, about 1.106 km
    east_west_edge_km = CELL * UNIT * km_per_deg_lon(LAT_YOGYA)  # about 1.103 km
    assert grid_pairs[("34.01", "34.02")].shared_border_km == pytest.approx(north_south_edge_km, rel=0.02)
    assert grid_pairs[("34.02", "34.03")].shared_border_km == pytest.approx(north_south_edge_km, rel=0.02)
    assert grid_pairs[("34.01", "34.11")].shared_border_km == pytest.approx(east_west_edge_km, rel=0.02)


def test_it_gives_corner_touches_almost_no_shared_length(
    grid_pairs: dict[tuple[str, str], NeighbourPair],
) -> None:
    for key in [("34.01", "34.12"), ("34.02", "34.11"), ("34.02", "34.13"), ("34.03", "34.12")]:
        assert grid_pairs[key].shared_border_km < 0.05, key  # a real border here is 1.1 km


def test_it_leaves_the_island_without_neighbours(grid_pairs: dict[tuple[str, str], NeighbourPair]) -> None:
    assert not [key for key in grid_pairs if "34.99" in key]


def test_it_returns_ordered_unique_pairs_without_self_pairs() -> None:
    pairs = compute_adjacency(parse_geojson(grid_collection()))
    keys = [(p.code_a, p.code_b) for p in pairs]
    assert keys == sorted(keys)
    assert len(keys) == len(set(keys)) == 11
    assert all(a < b for a, b in keys)


def test_it_depends_on_the_tolerance() -> None:
    shapes = parse_geojson(grid_collection())
    assert len(compute_adjacency(shapes, tolerance_m=0)) == 7  # exact touches only
    assert len(compute_adjacency(shapes, tolerance_m=40)) == 7  # the 50 m gap is too wide
    assert len(compute_adjacency(shapes, tolerance_m=60)) == 11
    with pytest.raises(ValueError, match="tolerance_m"):
        compute_adjacency(shapes, tolerance_m=-1)


def test_it_pairs_only_kabkota_shapes() -> None:
    shapes = parse_geojson(
        collection(
            feature("34", square(BASE_X, BASE_Y, size=3 * CELL)),  # the province covers both regions
            feature("34.01", square(BASE_X, BASE_Y)),
            feature("34.02", square(BASE_X + CELL, BASE_Y)),
        )
    )
    assert [(p.code_a, p.code_b) for p in compute_adjacency(shapes)] == [("34.01", "34.02")]


def test_it_refuses_duplicate_codes_when_computing() -> None:
    (region,) = parse_geojson(collection(feature("34.01", square(BASE_X, BASE_Y))))
    with pytest.raises(KerjasamaError) as caught:
        compute_adjacency([region, region])
    assert caught.value.code == "boundaries.duplicate_code"


# --------------------------------------------------------------------------------------------------------
# Property test: random grids with random gaps
# --------------------------------------------------------------------------------------------------------

gap_units = st.one_of(st.just(0), st.integers(min_value=1, max_value=200))  # 0 .. about 220 m


@settings(max_examples=60, deadline=None)
@given(
    column_gaps=st.lists(gap_units, min_size=0, max_size=3),
    row_gaps=st.lists(gap_units, min_size=0, max_size=2),
    tolerance_m=st.integers(min_value=0, max_value=250),
    data=st.data(),
)
def test_it_pairs_exactly_the_cells_whose_gap_is_within_tolerance(
    column_gaps: list[int], row_gaps: list[int], tolerance_m: int, data: st.DataObject
) -> None:
    xs = [BASE_X + i * CELL + sum(column_gaps[:i]) for i in range(len(column_gaps) + 1)]
    ys = [BASE_Y + j * CELL + sum(row_gaps[:j]) for j in range(len(row_gaps) + 1)]
    cells = [(i, j) for j in range(len(ys)) for i in range(len(xs))]
    tol_units = tolerance_m / METRES_PER_DEG / UNIT

    expected: dict[tuple[int, int], bool] = {}  # cell-index pair -> touches exactly
    for m, (i1, j1) in enumerate(cells):
        for n, (i2, j2) in enumerate(cells):
            if m >= n or abs(i1 - i2) > 1 or abs(j1 - j2) > 1:
                continue  # cells two steps apart are a whole cell (1.1 km) apart
            dx = column_gaps[min(i1, i2)] if i1 != i2 else 0
            dy = row_gaps[min(j1, j2)] if j1 != j2 else 0
            distance = math.hypot(dx, dy)
            assume(abs(distance - tol_units) > 1e-4)  # stay clear of floating-point ties
            if distance <= tol_units:
                expected[(m, n)] = distance == 0

    def run(codes: Sequence[str]) -> dict[tuple[int, int], tuple[bool, float, float]]:
        features = [feature(codes[k], square(xs[i], ys[j])) for k, (i, j) in enumerate(cells)]
        order = data.draw(st.permutations(features))  # feature order must not matter
        index = {code: k for k, code in enumerate(codes)}
        result: dict[tuple[int, int], tuple[bool, float, float]] = {}
        for pair in compute_adjacency(parse_geojson(collection(*order)), tolerance_m=tolerance_m):
            assert pair.code_a < pair.code_b
            key = tuple(sorted((index[pair.code_a], index[pair.code_b])))
            assert key not in result
            result[(key[0], key[1])] = (pair.touch_exact, pair.shared_border_km, pair.gap_m)
        return result

    forward = run([f"34.{k + 1:02d}" for k in range(len(cells))])
    backward = run([f"34.{len(cells) - k:02d}" for k in range(len(cells))])  # every pair's A and B swap
    assert {key: exact for key, (exact, _, _) in forward.items()} == expected
    assert backward == forward  # the measurement is symmetric, not just the pair set
    for exact, _shared, gap_m in forward.values():
        assert (gap_m == 0.0) == exact
        assert gap_m <= tolerance_m * 1.01


# --------------------------------------------------------------------------------------------------------
# Map helpers
# --------------------------------------------------------------------------------------------------------


def test_it_gives_centroids_as_lat_lng_rounded_to_six_decimals() -> None:
    triangle = [[X, Y], [X + 0.01, Y], [X, Y + 0.01], [X, Y]]  # centroid one third of the way in
    shapes = parse_geojson(collection(feature("34.71", {"type": "Polygon", "coordinates": [triangle]})))
    lat, lng = centroids(shapes)["34.71"]
    assert (lat, lng) == (round(Y + 0.01 / 3, 6), round(X + 0.01 / 3, 6))
    assert round(lat, 5) != lat  # the sixth decimal is kept
    assert lat < 0 < lng  # latitude first: Yogyakarta is south of the equator, east of Greenwich


def test_it_simplifies_for_web_maps_and_stays_valid() -> None:
    circle = Point(110.37, -7.8).buffer(0.05, quad_segs=500)  # 2,000 vertices, about 5.5 km radius
    (region,) = parse_geojson(collection(feature("34.71", shapely.geometry.mapping(circle))))
    simple = simplified_geojson(region)
    geometry = shape(simple)
    assert simple["type"] == "Polygon" and geometry.is_valid
    assert shapely.get_num_coordinates(geometry) < shapely.get_num_coordinates(region.geometry) / 10
    assert shapely.hausdorff_distance(geometry, region.geometry) <= 0.002 + 2e-5  # within the tolerance
    assert all(round(c, 5) == c for c in shapely.get_coordinates(geometry).ravel())
    json.dumps(simple)  # plain lists and floats


def test_it_keeps_repaired_multipolygons_valid_when_simplified() -> None:
    x, y, s = X, Y, 0.1
    bow_tie = {"type": "Polygon", "coordinates": [[[x, y], [x + s, y + s], [x + s, y], [x, y + s], [x, y]]]}
    (region,) = parse_geojson(collection(feature("34.71", bow_tie)))
    simple = simplified_geojson(region, tolerance_deg=0.01)
    assert simple["type"] == "MultiPolygon"
    assert shape(simple).is_valid


# --------------------------------------------------------------------------------------------------------
# The real file
# --------------------------------------------------------------------------------------------------------


def test_it_reproduces_the_upstream_adjacency_on_the_real_file() -> None:
    source = DATA_DIR / "kabkota.geojson"
    if not source.exists():
        pytest.skip(f"{source} is not available on this machine")
    raw = source.read_bytes()
    started = time.perf_counter()
    shapes = parse_geojson(raw, source=str(source))
    parsed = time.perf_counter()
    pairs = compute_adjacency(shapes, tolerance_m=100.0)
    finished = time.perf_counter()
    exact_count = sum(p.touch_exact for p in pairs)
    print(
        f"\nkabkota.geojson: parse {parsed - started:.2f} s, adjacency {finished - parsed:.2f} s; "
        f"{len(shapes)} shapes, {len(pairs)} pairs "
        f"({exact_count} exact, {len(pairs) - exact_count} within tolerance only)"
    )

    assert len(shapes) == 514
    assert all(s.level == "kabkota" and s.geometry.is_valid for s in shapes)
    assert len(pairs) >= 976
    neighbours: dict[str, set[str]] = {s.code: set() for s in shapes}
    for pair in pairs:
        neighbours[pair.code_a].add(pair.code_b)
        neighbours[pair.code_b].add(pair.code_a)
    assert {"34.04", "34.02"} <= neighbours["34.71"]
    assert neighbours["11.09"] == set()  # Simeulue is an island

    with (DATA_DIR / "adjacency_kabkota_detail.csv").open(encoding="utf-8") as handle:
        upstream_exact = {
            (row["code_a"], row["code_b"]) for row in csv.DictReader(handle) if row["touch_exact"] == "1"
        }
    with (DATA_DIR / "adjacency_kabkota.csv").open(encoding="utf-8") as handle:
        upstream_pairs = {(row["code_a"], row["code_b"]) for row in csv.DictReader(handle)}
    assert upstream_exact and upstream_exact <= upstream_pairs
    found_exact = {(p.code_a, p.code_b) for p in pairs if p.touch_exact}
    assert sorted(upstream_exact - found_exact) == []


def test_it_gives_the_same_answer_twice_for_the_same_input() -> None:
    shapes = parse_geojson(grid_collection())
    again = parse_geojson(grid_collection())
    assert compute_adjacency(shapes) == compute_adjacency(again)
    assert [(s.code, s.geometry.wkb) for s in shapes] == [(s.code, s.geometry.wkb) for s in again]
