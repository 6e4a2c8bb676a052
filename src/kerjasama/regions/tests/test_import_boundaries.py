"""`import_boundaries`: compute and store adjacency; bad or partial input changes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kerjasama.core.actors import SYSTEM
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.models import AuditEvent
from kerjasama.regions.models import Adjacency, Region, RegionBoundary
from kerjasama.regions.selectors import neighbours_of
from kerjasama.regions.services import import_boundaries, read_adjacency_package

pytestmark = pytest.mark.django_db

SHARED = Path(__file__).resolve().parents[4].parent / "shared" / "data" / "boundaries"
STEP = 0.05  # degrees; squares this size touch their grid neighbours exactly


def grid_collection(codes: list[str], *, columns: int = 20) -> dict[str, Any]:
    """Every code as a square on a grid: neighbours are left/right/up/down (and corners touch)."""
    features = []
    for i, code in enumerate(codes):
        x, y = 100 + (i % columns) * STEP, -5 + (i // columns) * STEP
        ring = [[x, y], [x + STEP, y], [x + STEP, y + STEP], [x, y + STEP], [x, y]]
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code, "name": code},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def kabkota_codes() -> list[str]:
    return list(Region.objects.filter(level="kabkota").order_by("code").values_list("code", flat=True))


def snapshot() -> tuple[Any, ...]:
    return (
        sorted(
            Adjacency.objects.values_list("region_a_id", "region_b_id", "shared_border_km", "touch_exact")
        ),
        sorted(Region.objects.values_list("code", "centroid_lat", "centroid_lng")),
        RegionBoundary.objects.count(),
        AuditEvent.objects.count(),
    )


def write(tmp_path: Path, name: str, content: str | dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def test_it_replaces_adjacency_from_a_complete_file(tmp_path: Path, persona: Any) -> None:
    codes = kabkota_codes()
    path = write(tmp_path, "grid.geojson", grid_collection(codes))
    report = import_boundaries(actor=persona("ministry"), paths=[path], tolerance_m=0)
    # 514 squares in rows of 20: horizontal + vertical edges, corner touches have zero length but touch.
    assert report.kabkota_shapes == 514 and report.province_shapes == 0
    first, right, below = codes[0], codes[1], codes[20]
    assert {right, below} <= {n.code for n in neighbours_of(Region.objects.get(code=first))}
    assert RegionBoundary.objects.count() == 514
    assert Region.objects.get(code=first).centroid_lng == pytest.approx(100 + STEP / 2, abs=1e-5)
    event = AuditEvent.objects.get(action="regions.boundaries_imported")
    assert event.actor == persona("ministry") and event.new is not None and event.new["pairs"] == report.pairs


def test_it_exports_the_derived_table_in_the_shipped_format(tmp_path: Path) -> None:
    path = write(tmp_path, "grid.geojson", grid_collection(kabkota_codes()))
    out = tmp_path / "adjacency.json"
    report = import_boundaries(actor=SYSTEM, paths=[path], tolerance_m=0, export_to=out)
    data = json.loads(out.read_text())
    assert data["format"] == read_adjacency_package()["format"]
    assert "MIT" in data["attribution"] and len(data["pairs"]) == report.pairs
    assert len(data["centroids"]) == 514


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("bad.geojson", "{not json", "boundaries.malformed_json"),
        ("cut.geojson", "TRUNCATE", "boundaries.malformed_json"),
        ("list.geojson", "[1, 2]", "boundaries.not_feature_collection"),
        ("empty.geojson", {"type": "FeatureCollection", "features": []}, "boundaries.empty"),
        ("partial.geojson", "PARTIAL", "boundaries.incomplete"),
        ("unknown.geojson", "UNKNOWN", "boundaries.unknown_region"),
        ("twice.geojson", "TWICE", "boundaries.duplicate_code"),
    ],
)
def test_it_refuses_bad_input_and_leaves_the_database_exactly_as_before(
    tmp_path: Path, name: str, content: Any, code: str
) -> None:
    codes = kabkota_codes()
    full = grid_collection(codes)
    if content == "TRUNCATE":
        text = json.dumps(full)
        content = text[: len(text) // 2]
    elif content == "PARTIAL":
        content = grid_collection(codes[:-3])
    elif content == "UNKNOWN":
        content = grid_collection([*codes, "99.99"])
    elif content == "TWICE":
        content = grid_collection([*codes, codes[0]])
    path = write(tmp_path, name, content)
    before = snapshot()
    with pytest.raises(KerjasamaError) as err:
        import_boundaries(actor=SYSTEM, paths=[path])
    assert err.value.code == code
    assert err.value.message_id and err.value.message_en
    assert snapshot() == before


def test_it_refuses_a_duplicate_across_two_files(tmp_path: Path) -> None:
    codes = kabkota_codes()
    a = write(tmp_path, "a.geojson", grid_collection(codes))
    b = write(tmp_path, "b.geojson", grid_collection(codes[:1]))
    before = snapshot()
    with pytest.raises(KerjasamaError) as err:
        import_boundaries(actor=SYSTEM, paths=[a, b])
    assert err.value.code == "boundaries.duplicate_code"
    assert snapshot() == before


def test_it_refuses_a_missing_file_and_an_empty_directory(tmp_path: Path) -> None:
    with pytest.raises(KerjasamaError) as err:
        import_boundaries(actor=SYSTEM, paths=[tmp_path / "absent.geojson"])
    assert err.value.code == "boundaries.unreadable"
    with pytest.raises(KerjasamaError) as err:
        import_boundaries(actor=SYSTEM, paths=[tmp_path])
    assert err.value.code == "boundaries.no_files"


def test_it_refuses_a_user_without_the_right(tmp_path: Path, persona: Any) -> None:
    path = write(tmp_path, "grid.geojson", grid_collection(kabkota_codes()))
    with pytest.raises(KerjasamaError) as err:
        import_boundaries(actor=persona("kabkota"), paths=[path])
    assert err.value.code == "permission_denied"


@pytest.mark.skipif(
    not (SHARED / "kabkota.geojson").exists(), reason="../shared/data/boundaries is not beside the repo"
)
def test_it_reproduces_the_shipped_adjacency_from_the_real_boundaries() -> None:
    """The committed package data is what the importer derives from the MIT boundary files."""
    shipped = read_adjacency_package()
    report = import_boundaries(
        actor=SYSTEM,
        paths=[SHARED],
        tolerance_m=shipped["tolerance_m"],
        border_tolerance_m=shipped["border_tolerance_m"],
    )
    assert report.pairs == len(shipped["pairs"]) >= 976
    stored = sorted(
        [a, b, km, exact, gap]
        for a, b, km, exact, gap in Adjacency.objects.values_list(
            "region_a_id", "region_b_id", "shared_border_km", "touch_exact", "gap_m"
        )
    )
    assert stored == sorted(shipped["pairs"])
    assert {"34.02", "34.04"} <= {n.code for n in neighbours_of(Region.objects.get(code="34.71"))}
    assert RegionBoundary.objects.filter(region_id__in=["34", "34.71"]).count() == 2
