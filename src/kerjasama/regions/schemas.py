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


class RegionFunctionalAreaOut(Schema):
    """One functional area (kawasan fungsional) the region is a member of, with the membership's source."""

    code: str
    name: str
    kind: str
    legal_basis: str
    confidence: str
    source: str
    notes: str


class RegionDetailOut(RegionOut):
    neighbours: list[NeighbourOut]
    functional_areas: list[RegionFunctionalAreaOut]


class FunctionalAreaMemberOut(Schema):
    region_code: str
    region_name: str
    confidence: str
    source: str
    notes: str


class FunctionalAreaOut(Schema):
    code: str
    name: str
    kind: str
    legal_basis: str
    notes: str
    is_reference: bool
    weakest_confidence: str
    members: list[FunctionalAreaMemberOut]
