"""API v1: affairs (list, detail with the authority matrix)."""

from __future__ import annotations

from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Router
from ninja.pagination import paginate

from kerjasama.affairs.schemas import AffairDetailOut, AffairOut, SubAffairOut
from kerjasama.affairs.selectors import (
    AffairAuthority,
    affair_with_authority,
    affairs_with_authority,
    sub_affair_out,
    sub_affairs,
)
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.pagination import LimitOffsetPagination
from kerjasama.rulebook.facts import AFFAIR_CODE_RE

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
        # why the matrix does not cover the affair yet ("" when it does, or when no reason is recorded)
        "not_covered_reason": item.not_covered_reason,
        "not_covered_reason_en": "" if item.covered else a.not_covered_en,
    }


@router.get("", response=list[AffairOut], summary="The 32 concurrent affairs")
def list_affairs(
    request: HttpRequest,
    category: Literal["wajib_pelayanan_dasar", "wajib_non_pelayanan_dasar", "pilihan"] | None = None,
) -> list[dict[str, Any]]:
    return [affair_out(item) for item in affairs_with_authority(request.user, category=category or "")]


def unknown_affair(code: str) -> KerjasamaError:
    shown = code if len(code) <= 12 else code[:12] + "…"
    return KerjasamaError(
        "affairs.unknown_affair",
        f"Urusan {shown!r} tidak dikenal; gunakan kode seperti 3.28 (1.01-3.32).",
        f"Unknown affair {shown!r}; use a code such as 3.28 (1.01-3.32).",
    )


@router.get(
    "/sub-affairs",
    response=list[SubAffairOut],
    summary="The sub-affairs of the authority matrix with their stable identifiers",
    description=(
        "Every sub-affair (sub urusan) of the UU 23/2014 Lampiran matrix: `id` (e.g. `3.28.02`, for the "
        "`sub_affairs` of a plan check), its affair, its name and what each level holds. `?affair=3.28` lists "
        "one affair's; an unknown affair is a 422."
    ),
)
@paginate(LimitOffsetPagination, page_size=200, max_limit=500)
def list_sub_affairs(request: HttpRequest, affair: str | None = None) -> list[dict[str, Any]]:
    if affair and (
        AFFAIR_CODE_RE.fullmatch(affair) is None or affair_with_authority(request.user, affair) is None
    ):
        raise unknown_affair(affair)
    return [sub_affair_out(e) for e in sub_affairs(request.user, affair=affair or "")]


@router.get("/{code}", response=AffairDetailOut, summary="One affair with its authority matrix")
def affair_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    item = affair_with_authority(request.user, code)
    if item is None:
        raise Http404
    return {
        **affair_out(item),
        "entries": [
            {
                "id": e.code,
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
