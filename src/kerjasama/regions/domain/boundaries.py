"""Boundary polygons in, adjacency facts out (pure: no Django, no database).

Why this module exists
----------------------
Kerja sama antar daerah is mostly between *neighbouring* regions, so the system needs to know which
kabupaten/kota share a border. The only openly licensed polygons we have (cahyadsn/wilayah_boundaries, see
``/work/shared/data/boundaries/README.md``) are *simplified*, and each region was simplified on its own.
Two consequences drive the design:

* Simplification leaves self-intersections, so geometries are repaired with ``shapely.make_valid``
  (keeping only the polygonal parts) and snapped to a 1e-5 degree grid (about 1 m) so that equal vertices
  compare equal.
* Neighbours no longer share their border exactly: there are slivers (thin gaps and overlaps) along borders
  that used to coincide. Adjacency therefore uses a distance *tolerance* (default 100 m) and reports, per
  pair, whether the polygons touch without it (``touch_exact``) and how wide the gap is otherwise (``gap_m``).

Distances are computed in degrees (EPSG:4326) and converted to km/m with a local equirectangular
approximation. Indonesia lies between about 11 deg S and 6 deg N, where that approximation is good to well
under 1 %, which is plenty for "approximate shared border length".
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry

from kerjasama.core.errors import ErrorDetail, KerjasamaError

__all__ = [
    "DEFAULT_BORDER_TOLERANCE_M",
    "GRID_SIZE_DEG",
    "KM_PER_DEG_LAT",
    "KM_PER_DEG_LON_EQUATOR",
    "METRES_PER_DEG",
    "NeighbourPair",
    "RegionShape",
    "border_method",
    "centroids",
    "compute_adjacency",
    "parse_geojson",
    "simplified_geojson",
]

Level = Literal["provinsi", "kabkota"]

#: Snapping grid in degrees (about 1.1 m); the same precision the upstream derivation used.
GRID_SIZE_DEG = 1e-5
#: Metres per degree used to turn a tolerance in metres into degrees (equator, longitude).
METRES_PER_DEG = 111_320.0
#: Local equirectangular scale factors: km per degree of longitude at the equator and per degree of latitude.
KM_PER_DEG_LON_EQUATOR = 111.32
KM_PER_DEG_LAT = 110.57

_PROVINCE_CODE = re.compile(r"^\d{2}$")
_KABKOTA_CODE = re.compile(r"^\d{2}\.\d{2}$")
_CODE_KEYS = ("code", "kode", "kode_wilayah")
_NAME_KEYS = ("name", "nama")
_POLYGONAL_TYPES = ("Polygon", "MultiPolygon")
# Errors that shapely raises for coordinate arrays of the wrong shape (too few points, wrong nesting, ...).
_SHAPE_ERRORS = (ValueError, TypeError, IndexError, KeyError, AttributeError, shapely.errors.GEOSException)


@dataclass(frozen=True)
class RegionShape:
    """One region's boundary, valid and snapped to the 1e-5 degree grid.

    ``level`` is inferred from the code format (``"34"`` is a provinsi, ``"34.71"`` a kabupaten/kota), not
    taken from the file, so a mislabelled ``level`` property cannot put a province into the kab/kota graph.
    ``repaired`` is True when the input geometry was invalid and ``make_valid`` changed it; callers may want
    to show that as a data-quality note.
    """

    code: str
    name: str
    level: Level
    geometry: BaseGeometry
    repaired: bool


@dataclass(frozen=True)
class NeighbourPair:
    """Two kabupaten/kota that are within the tolerance of each other (``code_a < code_b``).

    ``shared_border_km`` is approximate (see :func:`compute_adjacency`); a value well under 1 km usually means
    a corner touch (e.g. four regions meeting at the Merapi summit) or a simplification artefact rather than
    a real common border.
    """

    code_a: str
    code_b: str
    shared_border_km: float
    touch_exact: bool
    gap_m: float


# --------------------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------------------


def parse_geojson(raw: bytes | str, *, source: str = "<input>") -> list[RegionShape]:
    """Parse a GeoJSON FeatureCollection of region boundaries into valid, snapped shapes.

    Each feature needs a region code in ``properties.code`` (aliases ``kode``, ``kode_wilayah``) in the dotted
    Kemendagri form (``"34"`` or ``"34.71"``), a name in ``properties.name`` (alias ``nama``) and a Polygon or
    MultiPolygon geometry in GeoJSON lon/lat order. Invalid geometries are repaired with ``make_valid``
    (non-polygonal leftovers such as dangling lines are dropped) and everything is snapped to
    :data:`GRID_SIZE_DEG` with ``shapely.set_precision``.

    All-or-nothing: every problem in every feature is collected first and then raised as one
    :class:`KerjasamaError`, so an operator can fix a file in one pass. Codes:

    * ``boundaries.malformed_json``: not JSON, e.g. a truncated download;
    * ``boundaries.not_feature_collection``: JSON, but not a FeatureCollection with a ``features`` list;
    * ``boundaries.empty``: no input or no features;
    * ``boundaries.bad_feature``: one or more features are unusable (details name each one, as
      ``feature #N (code)`` with N counted from 1); duplicate codes found at the same time are listed too;
    * ``boundaries.duplicate_code``: every feature is fine on its own, but some codes occur more than once.

    Shapes are returned sorted by code so that the output does not depend on feature order.
    """
    data = _load_json(raw, source)
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        found = data.get("type") if isinstance(data, dict) else type(data).__name__
        raise KerjasamaError(
            code="boundaries.not_feature_collection",
            message_id=(f"{source}: isi berkas harus GeoJSON FeatureCollection, bukan {found!r}."),
            message_en=f"{source}: the file must hold a GeoJSON FeatureCollection, not {found!r}.",
        )
    features = data.get("features")
    if not isinstance(features, list):
        raise KerjasamaError(
            code="boundaries.not_feature_collection",
            message_id=f"{source}: FeatureCollection tidak memiliki daftar 'features'.",
            message_en=f"{source}: the FeatureCollection has no 'features' list.",
        )
    if not features:
        raise _empty_error(source)

    shapes: list[RegionShape] = []
    problems: list[ErrorDetail] = []
    locations_by_code: dict[str, list[str]] = defaultdict(list)
    for index, feature in enumerate(features, start=1):
        parsed, feature_problems, code = _parse_feature(index, feature)
        problems.extend(feature_problems)
        if code is not None:
            locations_by_code[code].append(_location(index, code))
        if parsed is not None:
            shapes.append(parsed)

    duplicates = _duplicate_details(locations_by_code)
    if problems:
        count = len({p.location for p in problems})
        raise KerjasamaError(
            code="boundaries.bad_feature",
            message_id=f"{source}: {count} fitur tidak dapat dipakai; tidak ada yang diimpor.",
            message_en=f"{source}: {count} feature(s) cannot be used; nothing was imported.",
            details=problems + duplicates,
        )
    if duplicates:
        raise _duplicate_error(source, duplicates)
    shapes.sort(key=lambda s: s.code)
    return shapes


def _load_json(raw: bytes | str, source: str) -> Any:
    """Decode JSON, mapping every decoding failure (bad bytes, truncation, junk) to one stable error code."""
    text_is_blank = raw.strip() == b"" if isinstance(raw, bytes) else raw.strip() == ""
    if text_is_blank:
        raise _empty_error(source)
    if isinstance(raw, str):
        raw = raw.lstrip("\ufeff")  # a BOM left by Windows editors is not an error worth failing on
    try:
        return json.loads(raw)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise KerjasamaError(
            code="boundaries.malformed_json",
            message_id=(f"{source}: berkas bukan JSON yang sah (mungkin terpotong atau rusak): {exc}."),
            message_en=f"{source}: the file is not valid JSON (it may be truncated or corrupted): {exc}.",
        ) from exc


def _parse_feature(index: int, feature: object) -> tuple[RegionShape | None, list[ErrorDetail], str | None]:
    """Check one feature: the shape (or None), every problem found in it, and its code if well-formed."""
    problems: list[ErrorDetail] = []
    if not isinstance(feature, dict):
        loc = _location(index, None)
        problems.append(
            ErrorDetail(loc, "Fitur harus berupa objek JSON.", "A feature must be a JSON object.")
        )
        return None, problems, None

    properties = feature.get("properties")
    geometry = feature.get("geometry")
    has_properties = isinstance(properties, dict)
    if not isinstance(properties, dict):
        properties = {}
        problems.append(
            ErrorDetail(
                _location(index, None),
                "Fitur tidak memiliki 'properties'.",
                "The feature has no 'properties'.",
            )
        )

    raw_code = _first_present(properties, _CODE_KEYS)
    code: str | None = None
    loc = _location(index, None)
    if raw_code is None:
        if has_properties:  # without properties that one problem is reported already
            problems.append(
                ErrorDetail(
                    loc,
                    "Kode wilayah tidak ada (properti 'code', 'kode' atau 'kode_wilayah').",
                    "The region code is missing (property 'code', 'kode' or 'kode_wilayah').",
                )
            )
    else:
        text = raw_code.strip() if isinstance(raw_code, str) else None
        if text is not None and (_PROVINCE_CODE.match(text) or _KABKOTA_CODE.match(text)):
            code = text
            loc = _location(index, code)
        else:
            loc = _location(index, str(raw_code)[:20])
            shown = repr(raw_code)[:40]
            problems.append(
                ErrorDetail(
                    loc,
                    f"Format kode wilayah {shown} salah; harus teks seperti '34' atau '34.71'.",
                    f"Region code {shown} has the wrong format; it must be text like '34' or '34.71'.",
                )
            )
    # Earlier problems were recorded before the code was known; relabel them with the final location.
    problems = [ErrorDetail(loc, p.message_id, p.message_en) for p in problems]

    raw_name = _first_present(properties, _NAME_KEYS)
    name = raw_name.strip() if isinstance(raw_name, str) else ""
    if has_properties and not name:
        problems.append(
            ErrorDetail(
                loc,
                "Nama wilayah tidak ada (properti 'name' atau 'nama').",
                "The region name is missing (property 'name' or 'nama').",
            )
        )

    geometry_result = _parse_geometry(geometry, loc)
    if isinstance(geometry_result, ErrorDetail):
        problems.append(geometry_result)
        return None, problems, code
    if problems or code is None:  # code is None only together with a problem; the check is for mypy
        return None, problems, code
    geom, repaired = geometry_result
    level: Level = "provinsi" if _PROVINCE_CODE.match(code) else "kabkota"
    return RegionShape(code=code, name=name, level=level, geometry=geom, repaired=repaired), [], code


def _parse_geometry(geometry: object, loc: str) -> tuple[BaseGeometry, bool] | ErrorDetail:
    """Turn a GeoJSON geometry into a valid snapped (Multi)Polygon, or describe why it cannot be used."""
    if not isinstance(geometry, dict):
        return ErrorDetail(loc, "Fitur tidak memiliki geometri.", "The feature has no geometry.")
    geom_type = geometry.get("type")
    if geom_type not in _POLYGONAL_TYPES:
        return ErrorDetail(
            loc,
            f"Geometri harus Polygon atau MultiPolygon, bukan {geom_type!r}.",
            f"The geometry must be a Polygon or MultiPolygon, not {geom_type!r}.",
        )
    try:
        geom = shapely.force_2d(shape(geometry))
    except _SHAPE_ERRORS as exc:
        return ErrorDetail(
            loc,
            f"Koordinat {geom_type} tidak dapat dibaca: {exc}.",
            f"The {geom_type} coordinates cannot be read: {exc}.",
        )
    coords = shapely.get_coordinates(geom)
    if coords.size:
        lon, lat = coords[:, 0], coords[:, 1]
        in_range = np.isfinite(coords).all() and (np.abs(lon) <= 180).all() and (np.abs(lat) <= 90).all()
        if not in_range:
            return ErrorDetail(
                loc,
                "Koordinat di luar jangkauan (bujur -180..180, lintang -90..90); "
                "GeoJSON memakai urutan [bujur, lintang].",
                "Coordinates out of range (longitude -180..180, latitude -90..90); "
                "GeoJSON uses [longitude, latitude] order.",
            )

    repaired = False
    if not geom.is_empty and not geom.is_valid:
        geom = _polygonal_part(shapely.make_valid(geom))
        repaired = True
    geom = _snap_to_grid(geom)
    if not geom.is_empty and not geom.is_valid:  # snapping can, rarely, create a new self-touch
        geom = _snap_to_grid(_polygonal_part(shapely.make_valid(geom)))
        repaired = True
    if geom.is_empty:
        return ErrorDetail(
            loc,
            "Geometri kosong (setelah perbaikan dan pembulatan ke 1e-5 derajat).",
            "The geometry is empty (after repair and snapping to 1e-5 degrees).",
        )
    return geom, repaired


def _snap_to_grid(geom: BaseGeometry) -> BaseGeometry:
    """Snap to :data:`GRID_SIZE_DEG`, keep the polygonal part, and drop the attached precision model.

    ``set_precision`` leaves a fixed precision model on the geometry, and GEOS then snaps the *results* of
    later operations to that grid too (a centroid would lose its sixth decimal, overlay results would be
    rounded). A WKB round trip keeps the snapped coordinates but returns an ordinary floating geometry.
    """
    snapped = _polygonal_part(shapely.set_precision(geom, GRID_SIZE_DEG))
    return shapely.from_wkb(shapely.to_wkb(snapped))


def _polygonal_part(geom: BaseGeometry) -> BaseGeometry:
    """Keep only the areal part of a geometry: ``make_valid`` may return lines and points beside polygons."""
    if isinstance(geom, Polygon | MultiPolygon):
        return geom
    polygons = [
        part
        for part in shapely.get_parts(geom)
        if isinstance(part, Polygon | MultiPolygon) and not part.is_empty
    ]
    if not polygons:
        return Polygon()
    if len(polygons) == 1:
        return polygons[0]
    merged = shapely.union_all(polygons)
    return merged if isinstance(merged, Polygon | MultiPolygon) else _polygonal_part(merged)


def _first_present(properties: dict[str, Any], keys: Sequence[str]) -> Any:
    for key in keys:
        value = properties.get(key)
        if value is not None:
            return value
    return None


def _location(index: int, code: str | None) -> str:
    return f"feature #{index} ({code})" if code else f"feature #{index}"


def _duplicate_details(locations_by_code: dict[str, list[str]]) -> list[ErrorDetail]:
    details: list[ErrorDetail] = []
    for code in sorted(locations_by_code):
        locations = locations_by_code[code]
        if len(locations) < 2:
            continue
        joined = ", ".join(locations)
        for location in locations:
            details.append(
                ErrorDetail(
                    location,
                    f"Kode {code} muncul lebih dari sekali ({joined}).",
                    f"Code {code} occurs more than once ({joined}).",
                )
            )
    return details


def _duplicate_error(source: str, details: list[ErrorDetail]) -> KerjasamaError:
    return KerjasamaError(
        code="boundaries.duplicate_code",
        message_id=f"{source}: ada kode wilayah yang muncul lebih dari sekali; tidak ada yang diimpor.",
        message_en=f"{source}: some region codes occur more than once; nothing was imported.",
        details=details,
    )


def _empty_error(source: str) -> KerjasamaError:
    return KerjasamaError(
        code="boundaries.empty",
        message_id=f"{source}: berkas tidak berisi satu pun fitur wilayah.",
        message_en=f"{source}: the file contains no region features.",
    )


def _ensure_unique(shapes: Sequence[RegionShape], source: str) -> None:
    """Refuse ambiguous input: two shapes with one code would make the results depend on order."""
    locations: dict[str, list[str]] = defaultdict(list)
    for index, region in enumerate(shapes, start=1):
        locations[region.code].append(f"shape #{index} ({region.code})")
    duplicates = _duplicate_details(locations)
    if duplicates:
        raise _duplicate_error(source, duplicates)


# --------------------------------------------------------------------------------------------------------
# Adjacency
# --------------------------------------------------------------------------------------------------------


#: Default width of the band in which a boundary counts as shared (``KERJASAMA_BORDER_TOLERANCE_M``).
DEFAULT_BORDER_TOLERANCE_M = 1500.0

#: How ``shared_border_km`` is measured, as reported by ``kerjasama neighbours --json`` and the docs.
BORDER_METHOD_ID = (
    "Panjang batas bersama = panjang garis batas wilayah A yang berada dalam pita toleransi {band:g} m dari "
    "wilayah B, dirata-ratakan dengan arah sebaliknya (B terhadap A); di ujung batas yang bertemu di satu "
    "titik (pertemuan tiga wilayah) bagian yang berbelok menjauh dipotong. Tetangga ditentukan terpisah: "
    "poligon berjarak paling jauh {tol:g} m."
)
BORDER_METHOD_EN = (
    "Shared border = length of region A's boundary lying within a {band:g} m tolerance band of region B, "
    "averaged with the same measure from B to A; where the border ends at a point of contact (a tripoint) the "
    "stretch that turns away inside the band is trimmed. Neighbours are decided separately: polygons at most "
    "{tol:g} m apart."
)


def border_method(*, tolerance_m: float, border_tolerance_m: float) -> dict[str, Any]:
    """The measuring method in words and numbers (for ``neighbours --json`` and the shipped data)."""
    return {
        "name": "boundary-within-band",
        "adjacency_tolerance_m": tolerance_m,
        "border_tolerance_m": border_tolerance_m,
        "description_id": BORDER_METHOD_ID.format(band=border_tolerance_m, tol=tolerance_m),
        "description_en": BORDER_METHOD_EN.format(band=border_tolerance_m, tol=tolerance_m),
    }


def compute_adjacency(
    shapes: Sequence[RegionShape],
    *,
    tolerance_m: float = 100.0,
    border_tolerance_m: float | None = None,
) -> list[NeighbourPair]:
    """Find the kabupaten/kota pairs whose polygons are at most ``tolerance_m`` apart.

    Only ``level == "kabkota"`` shapes are paired (province adjacency follows from the kab/kota graph and
    mixing levels would pair every region with its own province). Candidates come from a ``shapely.STRtree``
    ``dwithin`` query, so the cost grows with the number of real neighbours, not with n squared.

    Per pair:

    * ``touch_exact``: the polygons intersect with no tolerance at all;
    * ``gap_m``: 0.0 when exact, else the length of the shortest line between them (metres, 1 decimal);
    * ``shared_border_km``: the mean of the A-to-B and B-to-A measurements, where A-to-B is the length of
      A's boundary lying within the *border band* of B (``A.boundary & B.buffer(band)``, ``band`` =
      ``border_tolerance_m``, default :data:`DEFAULT_BORDER_TOLERANCE_M`, never less than ``tolerance_m``).

    Why two tolerances (issue 9, section 6): the upstream polygons were simplified one region at a time, so
    a real border often shows as two lines hundreds of metres apart (Kota Yogyakarta and Kabupaten Sleman
    are 0.3-1.5 km apart along most of their border; measured within 100 m the border read 1.1 km against
    well over 10 km on the ground). *Whether* two regions border is decided by the narrow ``tolerance_m``
    (so a wide band never makes non-neighbours neighbours); *how long* the border is, by the wide band,
    which bridges the slivers. Measured in a band, A's boundary also counts for the stretch where it turns
    away from B at a point of contact (a tripoint or a corner touch: up to ``band`` per end, so a pure
    corner touch would read kilometres). At every open end of a measured piece whose nearest approach to B
    within the first 1.5 x ``band`` is a real contact (closer than a tenth of the band), the part before
    the boundary first comes within that distance is trimmed, so a corner touch reads about 0 and a common
    edge its own length. An end that runs out inside a wide sliver (no contact near it) is kept: the band
    exists to count it.

    The tolerance is converted to degrees as ``tolerance_m / 111_320`` (the distance test happens in
    degrees); lengths are converted with a local equirectangular scale at the pair's latitude
    (``cos(lat) x 111.32`` km per degree of longitude, 110.57 km per degree of latitude).

    Returns pairs sorted by ``(code_a, code_b)``; raises ``boundaries.duplicate_code`` if a code repeats.
    """
    if not math.isfinite(tolerance_m) or tolerance_m < 0:
        raise ValueError(f"tolerance_m must be a finite number >= 0, got {tolerance_m!r}")
    band_m = DEFAULT_BORDER_TOLERANCE_M if border_tolerance_m is None else border_tolerance_m
    if not math.isfinite(band_m) or band_m < 0:
        raise ValueError(f"border_tolerance_m must be a finite number >= 0, got {band_m!r}")
    band_m = max(band_m, tolerance_m)
    _ensure_unique(shapes, "compute_adjacency")
    regions = sorted((s for s in shapes if s.level == "kabkota"), key=lambda s: s.code)
    if len(regions) < 2:
        return []
    tol_deg = tolerance_m / METRES_PER_DEG
    band_deg = band_m / METRES_PER_DEG
    geoms = np.array([r.geometry for r in regions], dtype=object)

    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="dwithin", distance=tol_deg)
    keep = left < right  # each unordered pair once, no self pairs; codes are sorted so code_a < code_b
    left, right = left[keep], right[keep]
    if left.size == 0:
        return []

    exact = shapely.intersects(geoms[left], geoms[right])
    gaps_deg = np.where(exact, 0.0, shapely.distance(geoms[left], geoms[right]))
    # Each region's own band: never more than a quarter of its size (sqrt of its area), so that the band
    # bridges slivers along a border but never reaches across a small kota to its other sides.
    involved = np.unique(np.concatenate([left, right]))
    own_band = np.full(len(geoms), band_deg)
    lat_scale = np.cos(np.radians(shapely.get_y(shapely.centroid(geoms[involved]))))
    size_deg = np.sqrt(shapely.area(geoms[involved]) * lat_scale)  # side of a square of equal area
    own_band[involved] = np.maximum(np.minimum(band_deg, _BAND_SIZE_FRACTION * size_deg), tol_deg)
    # Only buffer the shapes that have a neighbour; buffering is the most expensive step.
    buffers = np.empty(len(geoms), dtype=object)
    buffers[involved] = shapely.buffer(geoms[involved], own_band[involved], quad_segs=4)
    boundaries = np.empty(len(geoms), dtype=object)
    boundaries[involved] = shapely.boundary(geoms[involved])

    pairs: list[NeighbourPair] = []
    for k in range(left.size):
        i, j = int(left[k]), int(right[k])
        a, b = geoms[i], geoms[j]
        pair_band = float(min(own_band[i], own_band[j]))
        buffer_a = buffers[i] if own_band[i] == pair_band else shapely.buffer(a, pair_band, quad_segs=4)
        buffer_b = buffers[j] if own_band[j] == pair_band else shapely.buffer(b, pair_band, quad_segs=4)
        lines_a = _line_parts(shapely.intersection(boundaries[i], buffer_b))  # A's boundary near B
        lines_b = _line_parts(shapely.intersection(boundaries[j], buffer_a))  # B's boundary near A
        lat0 = _pair_latitude(lines_a + lines_b, a, b)
        gap_deg = float(gaps_deg[k])
        shared_km = (
            _border_length_km(lines_a, b, pair_band, gap_deg, lat0)
            + _border_length_km(lines_b, a, pair_band, gap_deg, lat0)
        ) / 2
        gap_m = 0.0 if exact[k] else round(_length_km(shapely.shortest_line(a, b), lat0) * 1000.0, 1)
        pairs.append(
            NeighbourPair(
                code_a=regions[left[k]].code,
                code_b=regions[right[k]].code,
                shared_border_km=round(shared_km, 3),
                touch_exact=bool(exact[k]),
                gap_m=gap_m,
            )
        )
    pairs.sort(key=lambda p: (p.code_a, p.code_b))
    return pairs


def _line_parts(geom: BaseGeometry) -> list[BaseGeometry]:
    """Connected linear pieces of an intersection result (points from tangent contacts are dropped).

    ``line_merge`` glues the pieces that ``intersection`` splits at ring start vertices, so each returned
    piece is one stretch of border with two real ends (or a closed ring with none).
    """
    lines = [part for part in shapely.get_parts(geom) if part.geom_type in ("LineString", "MultiLineString")]
    if not lines:
        return []
    merged = shapely.line_merge(shapely.multilinestrings(list(shapely.get_parts(lines))))
    return [part for part in shapely.get_parts(merged) if not part.is_empty]


def _pair_latitude(lines: list[BaseGeometry], a: BaseGeometry, b: BaseGeometry) -> float:
    """Latitude at which to scale lengths: the middle of the near-border lines, else of the closest points."""
    if lines:
        _, min_y, _, max_y = shapely.total_bounds(lines)
    else:
        _, min_y, _, max_y = shapely.shortest_line(a, b).bounds
    return float((min_y + max_y) / 2)


def _length_km(geom: BaseGeometry, lat0: float) -> float:
    """Length in km under a local equirectangular projection centred on latitude ``lat0``."""
    scale = np.array([math.cos(math.radians(lat0)) * KM_PER_DEG_LON_EQUATOR, KM_PER_DEG_LAT])
    return float(shapely.transform(geom, lambda xy: xy * scale).length)


def _border_length_km(
    lines: list[BaseGeometry], other: BaseGeometry, band_deg: float, gap_deg: float, lat0: float
) -> float:
    """Length of one region's boundary pieces inside ``other``'s band, less the turn-away at contact ends.

    For each open end of each piece, the distance to ``other`` is sampled along the first 1.5 x ``band`` of
    the piece. If the nearest sampled approach is a contact (within a tenth of the band of the pair's gap,
    ``gap_deg``, 0 when the polygons touch), the end is a
    tripoint or corner where the boundary turns away from ``other``: the stretch up to the first sample within
    a fiftieth of the band of that nearest approach is trimmed. Otherwise the end runs out in a sliver and is
    kept. An end that is not on the band's edge (a piece split where a boundary touches itself) is kept.
    """
    contact = gap_deg + 0.1 * band_deg
    total = 0.0
    for line in lines:
        length_deg = line.length
        if length_deg <= 0:
            continue
        removed = 0.0
        if band_deg > 0 and not line.is_closed:
            steps = np.linspace(0.0, min(length_deg, 1.5 * band_deg), _TRIM_SAMPLES)
            for along in (steps, length_deg - steps):
                distances = shapely.distance(other, shapely.line_interpolate_point(line, along))
                if distances[0] < 0.9 * band_deg:
                    continue
                nearest = float(distances.min())
                if nearest > contact:
                    continue
                removed += float(steps[int(np.argmax(distances <= nearest + band_deg / 50))])
        kept = max(length_deg - removed, 0.0) / length_deg
        total += _length_km(line, lat0) * kept
    return total


#: A region's band is at most this fraction of its size (square root of its area).
_BAND_SIZE_FRACTION = 0.25

#: Samples per piece end when looking for the turn-away stretch (one every 2.5 % of 1.5 x band).
_TRIM_SAMPLES = 61


# --------------------------------------------------------------------------------------------------------
# Map helpers
# --------------------------------------------------------------------------------------------------------


def centroids(shapes: Sequence[RegionShape]) -> dict[str, tuple[float, float]]:
    """Map code to the ``(lat, lng)`` of the polygon centroid, rounded to 6 decimals (about 0.1 m).

    The centroid is computed in lon/lat degrees, which is fine this close to the equator. For a crescent or
    an archipelago it can fall outside the region (in the sea); it is a label/zoom anchor, not a point-in-
    region guarantee. Keys follow code order. Raises ``boundaries.duplicate_code`` if a code repeats.
    """
    _ensure_unique(shapes, "centroids")
    result: dict[str, tuple[float, float]] = {}
    for region in sorted(shapes, key=lambda s: s.code):
        point = region.geometry.centroid
        result[region.code] = (round(point.y, 6), round(point.x, 6))
    return result


def simplified_geojson(shape_: RegionShape, *, tolerance_deg: float = 0.002) -> dict[str, Any]:
    """A lighter GeoJSON geometry (``{"type", "coordinates"}``) for web maps, still valid.

    Topology-preserving Douglas-Peucker on this one region (about 200 m at the default tolerance), then
    snapping to 1e-5 degrees and rounding coordinates to 5 decimals. Neighbours are simplified independently,
    so on a map their borders may show hairline slivers; that is acceptable for display, which is why
    adjacency is always computed from the full geometry and never from this output. If simplification or
    snapping would leave an invalid or empty geometry, the full (already valid) geometry is used instead.
    """
    if not math.isfinite(tolerance_deg) or tolerance_deg < 0:
        raise ValueError(f"tolerance_deg must be a finite number >= 0, got {tolerance_deg!r}")
    original = shape_.geometry
    simple = shapely.simplify(original, tolerance_deg, preserve_topology=True)
    simple = _snap_to_grid(simple)
    if not simple.is_empty and not simple.is_valid:
        simple = _snap_to_grid(_polygonal_part(shapely.make_valid(simple)))
    if simple.is_empty or not simple.is_valid:
        simple = original
    geo = mapping(simple)
    return {"type": geo["type"], "coordinates": _round_coordinates(geo["coordinates"])}


def _round_coordinates(value: Any) -> Any:
    """Nested tuples of floats to nested lists rounded to 5 decimals (JSON-friendly, no float noise)."""
    if isinstance(value, list | tuple):
        if value and isinstance(value[0], float | int):
            return [round(float(c), 5) for c in value]
        return [_round_coordinates(v) for v in value]
    return value


#: Web map defaults: about 1.1 km of simplification and 3 decimals (about 110 m) of precision are enough to
#: recognise a region on a national or provincial map and keep every shipped file around a megabyte.
WEB_TOLERANCE_DEG = 0.01
WEB_DECIMALS = 3
#: Islands smaller than this (square degrees, about 6 km²) are left out of the web map, except a region's
#: largest part, which is always kept (so no region disappears, e.g. Kepulauan Seribu).
WEB_MIN_PART_AREA = 0.0005


def web_feature_collection(
    shapes: Sequence[RegionShape],
    *,
    tolerance_deg: float = WEB_TOLERANCE_DEG,
    decimals: int = WEB_DECIMALS,
    min_part_area: float = WEB_MIN_PART_AREA,
) -> dict[str, Any]:
    """A strongly simplified FeatureCollection for display only (choropleths, partner maps), sorted by code.

    Each region is simplified on its own (topology-preserving Douglas-Peucker), its small islands dropped
    (its largest part kept) and coordinates rounded to ``decimals``. Neighbours may then show slivers or small
    overlaps along their borders: acceptable on a map, never used to measure anything (adjacency and border
    lengths come from the full geometry, :func:`compute_adjacency`). Properties: ``code``, ``name``,
    ``province`` (the province code; a province's own code for a province).
    """
    if not math.isfinite(tolerance_deg) or tolerance_deg < 0:
        raise ValueError(f"tolerance_deg must be a finite number >= 0, got {tolerance_deg!r}")
    features = []
    for shape_ in sorted(shapes, key=lambda s: s.code):
        parts = list(getattr(shape_.geometry, "geoms", [shape_.geometry]))
        largest = max(parts, key=lambda p: p.area)
        kept = [p for p in parts if p is largest or p.area >= min_part_area]
        simple = shapely.simplify(MultiPolygon(kept) if len(kept) > 1 else kept[0], tolerance_deg,
                                  preserve_topology=True)
        if simple.is_empty:
            simple = largest
        geo = mapping(simple)
        features.append(
            {
                "type": "Feature",
                "properties": {"code": shape_.code, "name": shape_.name, "province": shape_.code.split(".")[0]},
                "geometry": {"type": geo["type"], "coordinates": _round_to(geo["coordinates"], decimals)},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _round_to(value: Any, decimals: int) -> Any:
    """Nested coordinates rounded to ``decimals``, dropping points a rounding made equal to the previous one."""
    if isinstance(value, list | tuple):
        if value and isinstance(value[0], float | int):
            return [round(float(c), decimals) for c in value]
        if value and isinstance(value[0], list | tuple) and value[0] and isinstance(value[0][0], float | int):
            ring: list[list[float]] = []
            for point in value:
                rounded = [round(float(c), decimals) for c in point]
                if not ring or rounded != ring[-1]:
                    ring.append(rounded)
            if len(ring) < 4:  # a ring collapsed by the rounding: keep it closed and drawable
                ring = [[round(float(c), decimals) for c in p] for p in value]
            return ring
        return [_round_to(v, decimals) for v in value]
    return value
