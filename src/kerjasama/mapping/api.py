"""API v1: the mapping of cooperable affairs (a region's map; recommendations with filters)."""

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import P, QueryEx, Router, Schema

from kerjasama.core.numbers import format_number
from kerjasama.core.pagination import MAX_LIMIT as PAGE_MAX_LIMIT
from kerjasama.core.pagination import MAX_OFFSET
from kerjasama.mapping import services
from kerjasama.mapping.selectors import (
    recommendation_count,
    recommendation_dict,
    recommendations_query,
    region_mapping,
)
from kerjasama.regions.models import Region

router = Router(tags=["mapping"])


class ReasonOut(Schema):
    code: str
    weight: float
    text: str
    text_en: str


class RecommendationOut(Schema):
    region: str
    partner: str
    partners: list[str]
    affair: str
    score: float
    category: str
    mandatory_eligible: bool
    externality: dict[str, Any] | None = None
    kind: str
    reasons: list[ReasonOut]
    findings: list[dict[str, Any]]
    authority_note: dict[str, Any] | None = None
    uses_example_data: bool
    computed_at: str | None = None


@router.get("/regions/{code}", summary="A region's map: profile, identifications and recommended partners")
def region_map(request: HttpRequest, code: str, affair: str = "", mandatory: bool = False) -> dict[str, Any]:
    region = get_object_or_404(Region.objects.restrict(request.user, "view"), code=code, is_autonomous=True)
    mapping = region_mapping(region, request.user, affair=affair, mandatory_only=mandatory)
    return {
        "region": {"code": region.code, "name": region.name, "kind": region.kind},
        "uses_example_data": mapping.uses_example_data,
        # "dihitung pada": when the region was last computed (``ComputedRegion``; oldest = newest for one region).
        "computed_at": {
            "oldest": _iso(mapping.freshness.get("oldest")),
            "newest": _iso(mapping.freshness.get("newest")),
        },
        "completion": {"identified": mapping.completion, "affairs": 32},
        "profile": [
            {
                "indicator": p.indicator.code,
                "name": p.indicator.name_id,
                "unit": p.indicator.unit,
                "value": p.value,
                "value_text": None if p.value is None else format_number(p.value),
                "year": p.year,
                "source": p.source,
                "is_example": p.is_example,
            }
            for p in mapping.profile
        ],
        "identifications": [
            {
                "affair": i.affair_id,
                "status": i.status,
                "needs": i.needs,
                "offers": i.offers,
                "externalities": i.externalities,
                "programmes": i.programmes,
                # the chosen sub-affairs of the UU 23/2014 Lampiran (``/api/v1/affairs/sub-affairs`` ids)
                "sub_affairs": [
                    {"id": code, "name": name} for code, name in mapping.sub_affairs.get(i.affair_id, [])
                ],
                "is_example": i.is_example,
            }
            for i in mapping.identifications
        ],
        "recommendations": [
            recommendation_dict(r) for recs in mapping.recommendations.values() for r in recs
        ],
    }


class ProfileValueIn(Schema):
    indicator: str
    year: int
    # A JSON number, or the text an official typed ("0,8", "1.234,5": read by ``core.numbers``).
    value: float | str
    source: str


class ProfileValueOut(Schema):
    region: str
    indicator: str
    year: int
    value: float
    value_text: str
    source: str


@router.post(
    "/regions/{code}/profile",
    response=ProfileValueOut,
    summary="Set one yearly indicator value of a region's profile (the region's own editors)",
    description=(
        "`value` is a JSON number or a text in Indonesian notation (`\"0,8\"`, `\"1.234,5\"`; `\"1.234\"` is "
        "refused as ambiguous with `input.ambiguous_number`). The value must lie in the indicator's plausible "
        "range (422 `mapping.bad_value`, the message states the range in words); `source` is required, at "
        "most 300 characters. The same checks as the page and the XLSX import."
    ),
)
def set_profile_value(request: HttpRequest, code: str, payload: ProfileValueIn) -> dict[str, Any]:
    region = get_object_or_404(Region.objects.restrict(request.user, "view"), code=code, is_autonomous=True)
    row = services.set_indicator_value(
        actor=request.user,
        region=region,
        indicator_code=payload.indicator,
        year=payload.year,
        value=payload.value,
        source=payload.source,
    )
    return {
        "region": region.code,
        "indicator": row.indicator_id,
        "year": row.year,
        "value": row.value,
        "value_text": format_number(row.value),
        "source": row.source,
    }
def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


#: The largest page of recommendations; a larger ``limit`` is answered with this many.
MAX_LIMIT = PAGE_MAX_LIMIT
DEFAULT_LIMIT = 100


class RecommendationPage(Schema):
    items: list[RecommendationOut]
    count: int
    limit: int
    offset: int
    next: str | None = None
    previous: str | None = None


def _page_url(request: HttpRequest, offset: int, limit: int) -> str:
    query = {k: v for k, v in request.GET.items() if k not in {"offset", "limit"}}
    return request.build_absolute_uri(
        f"{request.path}?{urlencode({**query, 'limit': limit, 'offset': offset})}"
    )


@router.get(
    "/recommendations",
    response=RecommendationPage,
    summary="Recommendations, filtered by affair, province and category (wajib when mandatory=true)",
    description=(
        f"One page of at most `limit` recommendations (default {DEFAULT_LIMIT}; a larger limit than "
        f"{MAX_LIMIT} is answered with {MAX_LIMIT}) from `offset`, with the total `count` and the URLs of "
        "the `next` and `previous` pages. The page is read from the database, never the whole list."
    ),
)
def recommendations(
    request: HttpRequest,
    affair: str = "",
    province: str = "",
    mandatory: bool | None = None,
    limit: QueryEx[int, P(ge=1)] = DEFAULT_LIMIT,
    offset: QueryEx[int, P(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    qs = recommendations_query(request.user, affair=affair, province=province, mandatory=mandatory)
    limit = min(limit, MAX_LIMIT)
    # Counted from the stored summary where the user sees whole provinces (``recommendation_count``).
    count = recommendation_count(request.user, affair=affair, province=province, mandatory=mandatory)
    items = [recommendation_dict(r) for r in qs[offset : offset + limit]]
    return {
        "items": items,
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": _page_url(request, offset + limit, limit) if offset + limit < count else None,
        "previous": _page_url(request, max(0, offset - limit), limit) if offset > 0 else None,
    }
