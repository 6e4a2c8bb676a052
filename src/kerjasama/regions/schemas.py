"""API shapes of the regions app."""

from __future__ import annotations

from ninja import Schema


class RegionOut(Schema):
    code: str
    name: str
    level: str
    kind: str
    province_code: str | None
    autonomous: bool
    centroid: list[float] | None


class NeighbourOut(Schema):
    code: str
    name: str
    kind: str
    province_code: str
    shared_border_km: float | None
    touch_exact: bool | None
    gap_m: float | None
    override: dict[str, str] | None = None
    kabkota_pairs: int | None = None


class RegionDetailOut(RegionOut):
    neighbours: list[NeighbourOut]
