"""API v1: the mapping of cooperable affairs (a region's map; recommendations with filters)."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from kerjasama.mapping.selectors import recommendation_dict, recommendations_query, region_mapping
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
    kind: str
    reasons: list[ReasonOut]
    findings: list[dict[str, Any]]
    authority_note: dict[str, Any] | None = None
    uses_example_data: bool


@router.get("/regions/{code}", summary="A region's map: profile, identifications and recommended partners")
def region_map(request: HttpRequest, code: str, affair: str = "", mandatory: bool = False) -> dict[str, Any]:
    region = get_object_or_404(Region.objects.restrict(request.user, "view"), code=code, is_autonomous=True)
    mapping = region_mapping(region, request.user, affair=affair, mandatory_only=mandatory)
    return {
        "region": {"code": region.code, "name": region.name, "kind": region.kind},
        "uses_example_data": mapping.uses_example_data,
        "completion": {"identified": mapping.completion, "affairs": 32},
        "profile": [
            {
                "indicator": p.indicator.code,
                "name": p.indicator.name_id,
                "unit": p.indicator.unit,
                "value": p.value,
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
                "is_example": i.is_example,
            }
            for i in mapping.identifications
        ],
        "recommendations": [
            recommendation_dict(r) for recs in mapping.recommendations.values() for r in recs
        ],
    }


@router.get(
    "/recommendations",
    response=list[RecommendationOut],
    summary="Recommendations, filtered by affair, province and category (wajib when mandatory=true)",
)
@paginate(LimitOffsetPagination, page_size=200)
def recommendations(
    request: HttpRequest, affair: str = "", province: str = "", mandatory: bool | None = None
) -> list[dict[str, Any]]:
    qs = recommendations_query(request.user, affair=affair, province=province, mandatory=mandatory)
    return [recommendation_dict(r) for r in qs]
