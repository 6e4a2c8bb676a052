"""The simplified web-map boundaries (pure: no database) and the shipped static files they produced."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shapely.geometry import MultiPolygon, Polygon, shape

from kerjasama.regions.domain.boundaries import RegionShape, web_feature_collection

STATIC = Path(__file__).resolve().parents[1] / "static" / "regions" / "boundaries"


def _region(code: str, geometry: Any) -> RegionShape:
    return RegionShape(code=code, name=f"Wilayah {code}", level="kabkota", geometry=geometry, repaired=False)


def _decimals(value: Any) -> int:
    if isinstance(value, float):
        text = repr(value)
        return len(text.split(".")[1]) if "." in text else 0
    return max((_decimals(v) for v in value), default=0)


def test_it_rounds_drops_small_islands_but_never_a_whole_region() -> None:
    mainland = Polygon([(110.0, -7.0), (110.5, -7.0), (110.51234, -7.61234), (110.0, -7.5)])
    islet = Polygon([(111.0, -7.0), (111.001, -7.0), (111.001, -7.001)])
    tiny_region = Polygon([(112.0, -7.0), (112.002, -7.0), (112.002, -7.002), (112.0, -7.002)])
    out = web_feature_collection([_region("34.71", tiny_region), _region("34.04", MultiPolygon([mainland, islet]))])
    codes = [f["properties"]["code"] for f in out["features"]]
    assert codes == ["34.04", "34.71"]  # sorted, nothing lost
    sleman, tiny = out["features"]
    assert sleman["geometry"]["type"] == "Polygon"  # the islet went, the mainland stayed
    assert tiny["geometry"]["type"] == "Polygon" and shape(tiny["geometry"]).area > 0  # its only part kept
    assert _decimals([f["geometry"]["coordinates"] for f in out["features"]]) <= 3
    assert sleman["properties"]["province"] == "34"


def test_the_shipped_files_cover_every_province_and_kabkota_and_stay_small() -> None:
    provinces = json.loads((STATIC / "provinsi.json").read_text(encoding="utf-8"))
    kabkota = json.loads((STATIC / "kabkota.json").read_text(encoding="utf-8"))
    assert len(provinces["features"]) == 38 and len(kabkota["features"]) == 514
    assert "cahyadsn/wilayah_boundaries" in provinces["attribution"] and "MIT" in kabkota["attribution"]
    assert (STATIC / "LICENSE.cahyadsn-wilayah_boundaries.txt").is_file()
    total = sum(p.stat().st_size for p in STATIC.glob("*.json"))
    assert total < 3_000_000
    for feature in kabkota["features"][:50]:
        assert shape(feature["geometry"]).area > 0
