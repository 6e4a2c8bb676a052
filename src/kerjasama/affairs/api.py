"""API v1: affairs (list, detail with the authority matrix)."""

from __future__ import annotations

from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Router

from kerjasama.affairs.schemas import AffairDetailOut, AffairOut
from kerjasama.affairs.selectors import AffairAuthority, affair_with_authority, affairs_with_authority

router = Router(tags=["affairs"])


def affair_out(item: AffairAuthority) -> dict[str, Any]:
    a = item.affair
    return {
        "code": a.code,
        "name_id": a.name_id,
        "name_en": a.name_en,
        "category": a.category,
        "covered_by_matrix": item.covered,
        # held / not_held / unknown per level; "unknown" means the matrix does not cover the affair yet.
        "authority": item.statuses,
    }


@router.get("", response=list[AffairOut], summary="The 32 concurrent affairs")
def list_affairs(
    request: HttpRequest,
    category: Literal["wajib_pelayanan_dasar", "wajib_non_pelayanan_dasar", "pilihan"] | None = None,
) -> list[dict[str, Any]]:
    return [affair_out(item) for item in affairs_with_authority(request.user, category=category or "")]


@router.get("/{code}", response=AffairDetailOut, summary="One affair with its authority matrix")
def affair_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    item = affair_with_authority(request.user, code)
    if item is None:
        raise Http404
    return {
        **affair_out(item),
        "entries": [
            {
                "sub_affair": e.sub_affair,
                "pusat": e.pusat,
                "provinsi": e.provinsi,
                "kabkota": e.kabkota,
                "notes": e.notes,
                "confidence": e.confidence,
                "source": e.source,
            }
            for e in item.entries
        ],
    }
