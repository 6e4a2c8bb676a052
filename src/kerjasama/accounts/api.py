"""API v1: who am I."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from kerjasama.accounts.policy import jurisdiction_of
from kerjasama.accounts.schemas import MeOut

router = Router(tags=["accounts"])


@router.get("/me", response=MeOut, summary="The authenticated user, organisation and jurisdiction")
def me(request: HttpRequest) -> dict[str, Any]:
    user: Any = request.user
    org = user.organisation
    scope = jurisdiction_of(user)
    return {
        "username": user.username,
        "full_name": user.full_name,
        "role": user.role,
        "organisation": (
            {"id": org.pk, "name": org.name, "kind": org.kind, "region_code": org.region_id} if org else None
        ),
        "jurisdiction": {
            "national": scope.national,
            "province_code": scope.province_code,
            "region_code": scope.region_code,
        },
        "is_demo": user.is_demo,
    }
