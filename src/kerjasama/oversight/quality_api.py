"""API v1: the data-quality scores (issue 13 item 5) under ``/api/v1/oversight/quality/``.

The same permissions as the pages (``oversight.quality_rules``): a region's score within the caller's
jurisdiction (404 outside it), a province's ranking for its governor's office and Kemendagri (404 outside), the
national ranking for Kemendagri (403 for anyone else). The score describes the data; it hides nothing.
"""

# No `from __future__ import annotations`: django-ninja builds the parameters from these annotations.
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from kerjasama.accounts.policy import can, jurisdiction_of
from kerjasama.agreements.schemas import ErrorOut
from kerjasama.core.errors import NotFound, PermissionDenied
from kerjasama.oversight import quality_rules  # noqa: F401 - registers the permissions
from kerjasama.oversight.quality_data import (
    RankRow,
    province_ranking,
    ranked_rows,
    region_quality,
)
from kerjasama.oversight.quality_views import DESCRIBES_EN, DESCRIBES_ID, finding_row
from kerjasama.regions.choices import Level
from kerjasama.regions.models import Region

router = Router(tags=["oversight"])


class QualityFindingOut(Schema):
    code: str
    part: str
    fix_id: str
    fix_en: str
    basis: str
    satisfied_percent: int
    points_lost: float
    agreement_id: int | None
    agreement_title: str
    url: str


class AgreementScoreOut(Schema):
    id: int
    title: str
    score: float
    parts: dict[str, float | None]


class RegionQualityOut(Schema):
    code: str
    name: str
    score: float
    parts: dict[str, float | None]
    findings: list[QualityFindingOut]
    agreements: list[AgreementScoreOut]
    as_of: Any
    note: str


class RankOut(Schema):
    rank: int
    code: str
    name: str
    province_code: str
    score: float
    parts: dict[str, float | None]
    agreements: int
    findings: int


class ProvinceRankOut(Schema):
    rank: int
    code: str
    name: str
    score: float
    regions: int


class ProvinceRankingOut(Schema):
    code: str
    name: str
    regions: list[RankOut]
    as_of: Any
    note: str


class NationalRankingOut(Schema):
    provinces: list[ProvinceRankOut]
    as_of: Any
    note: str


def _not_found() -> NotFound:
    return NotFound("oversight.quality_not_found", "Daerah tidak ditemukan.", "The region was not found.")


def _region(request: HttpRequest, code: str, action: str, **filters: Any) -> Region:
    region = Region.objects.filter(code=code, is_autonomous=True, **filters).first()
    if region is None or not can(request.user, action, region):
        scope = jurisdiction_of(request.user)
        if region is not None and scope.covers_region(code) and not scope.third_party:
            raise PermissionDenied(action)
        raise _not_found()
    return region


def _rank(r: RankRow) -> dict[str, Any]:
    return {
        "rank": r.rank,
        "code": r.code,
        "name": r.name,
        "province_code": r.province_code,
        "score": r.score,
        "parts": r.parts,
        "agreements": r.agreements,
        "findings": r.findings,
    }


NOTE = f"{DESCRIBES_ID} / {DESCRIBES_EN}"


@router.get(
    "/quality/regions/{code}",
    response={200: RegionQualityOut, 403: ErrorOut, 404: ErrorOut},
    summary="A region's data-quality score, its parts and what to fix",
)
def region_score(request: HttpRequest, code: str) -> dict[str, Any]:
    region = _region(request, code, "oversight.view_quality_region")
    result = region_quality(region.code)
    if result is None:  # pragma: no cover - the region exists and is autonomous
        raise _not_found()
    return {
        "code": region.code,
        "name": region.name,
        "score": result.score.score,
        "parts": result.score.parts,
        "findings": [finding_row(f, region.code) for f in result.score.findings],
        "agreements": [
            {"id": s.facts.pk, "title": s.facts.title, "score": s.score.score, "parts": s.score.parts}
            for s in result.agreements
        ],
        "as_of": timezone.now(),
        "note": NOTE,
    }


@router.get(
    "/quality/provinces/{code}",
    response={200: ProvinceRankingOut, 403: ErrorOut, 404: ErrorOut},
    summary="The data-quality ranking of a province's regions",
)
def province_score(request: HttpRequest, code: str) -> dict[str, Any]:
    province = _region(request, code, "oversight.view_quality_province", level=Level.PROVINSI)
    rows, as_of = ranked_rows(province.code)
    return {
        "code": province.code,
        "name": province.name,
        "regions": [_rank(r) for r in rows],
        "as_of": as_of,
        "note": NOTE,
    }


@router.get(
    "/quality/national",
    response={200: NationalRankingOut, 403: ErrorOut},
    summary="The national data-quality ranking of provinces",
)
def national_score(request: HttpRequest) -> dict[str, Any]:
    if not can(request.user, "oversight.view_quality_national"):
        raise PermissionDenied("oversight.view_quality_national")
    rows, as_of = ranked_rows()
    return {
        "provinces": [vars(p) for p in province_ranking(rows)],
        "as_of": as_of,
        "note": NOTE,
    }
