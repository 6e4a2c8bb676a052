"""API v1: regions (list with filters, detail with neighbours and functional areas), functional areas."""

from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from kerjasama.core.pagination import LimitOffsetPagination
from kerjasama.regions.choices import FunctionalAreaKind
from kerjasama.regions.domain import codes
from kerjasama.regions.models import Region
from kerjasama.regions.schemas import FunctionalAreaOut, RegionDetailOut, RegionOut
from kerjasama.regions.selectors import (
    all_functional_areas,
    functional_areas_of,
    neighbours_of,
    search_regions,
)

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
@paginate(LimitOffsetPagination, page_size=100, max_limit=1000)  # all 552 regions fit in one page
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


class FunctionalAreaFilters(Schema):
    kind: FunctionalAreaKind | None = None
    region: str | None = None


# Declared before ``/{code}``, which would otherwise capture "functional-areas".
@router.get(
    "/functional-areas",
    response=list[FunctionalAreaOut],
    summary="Functional areas (kawasan fungsional) with their members, sources and confidence",
)
def list_functional_areas(
    request: HttpRequest, filters: Query[FunctionalAreaFilters]
) -> list[dict[str, Any]]:
    # Functional areas are public reference facts, like the regions themselves.
    areas = all_functional_areas(
        kind=filters.kind or "", region_code=codes.normalise(filters.region) if filters.region else ""
    )
    return [a.as_dict() for a in areas]


@router.get(
    "/{code}", response=RegionDetailOut, summary="One region with its neighbours and functional areas"
)
def region_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    region = get_object_or_404(Region.objects.restrict(request.user, "view"), code=codes.normalise(code))
    return {
        **region_out(region),
        "neighbours": [n.as_dict() for n in neighbours_of(region)],
        "functional_areas": [m.as_dict() for m in functional_areas_of(region)],
    }
