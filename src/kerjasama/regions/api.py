"""API v1: regions (list with filters, detail with neighbours)."""

from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from kerjasama.regions.domain import codes
from kerjasama.regions.models import Region
from kerjasama.regions.schemas import RegionDetailOut, RegionOut
from kerjasama.regions.selectors import neighbours_of, search_regions

router = Router(tags=["regions"])


class RegionFilters(Schema):
    q: str = ""
    level: Literal["provinsi", "kabkota"] | None = None
    province: str | None = None
    kind: Literal["provinsi", "kabupaten", "kota"] | None = None
    autonomous_only: bool = False


def region_out(region: Region) -> dict[str, Any]:
    return {
        "code": region.code,
        "name": region.name,
        "level": region.level,
        "kind": region.kind,
        "province_code": region.province_id,
        "autonomous": region.is_autonomous,
        "centroid": [region.centroid_lat, region.centroid_lng] if region.centroid_lat is not None else None,
    }


@router.get("", response=list[RegionOut], summary="List regions")
@paginate(LimitOffsetPagination, page_size=100)
def list_regions(request: HttpRequest, filters: Query[RegionFilters]) -> list[dict[str, Any]]:
    qs = search_regions(
        user=request.user,
        query=filters.q,
        level=filters.level or "",
        province=filters.province or "",
        kind=filters.kind or "",
        autonomous_only=filters.autonomous_only,
    )
    return [region_out(r) for r in qs]


@router.get("/{code}", response=RegionDetailOut, summary="One region with its neighbours")
def region_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    region = get_object_or_404(Region.objects.visible_to(request.user), code=codes.normalise(code))
    return {**region_out(region), "neighbours": [n.as_dict() for n in neighbours_of(region)]}
