"""API v1: the rulebook (plan check with the same contract as ``kerjasama check``, and the rule catalogue)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from kerjasama.compliance.contract import evaluate
from kerjasama.compliance.selectors import rulebook_settings
from kerjasama.rulebook import catalogue, settings_reference
from kerjasama.rulebook.subjects import CATEGORIES, PLAN_TYPES, THIRD_PARTY_KINDS

router = Router(tags=["rulebook"])

PLAN_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "parties"],
    "properties": {
        "type": {"enum": list(PLAN_TYPES)},
        "category": {"enum": list(CATEGORIES), "description": "KSDD only"},
        "parties": {"type": "array", "items": {"type": "string", "example": "34.71"}},
        "third_party": {
            "type": "object",
            "properties": {
                "kind": {"enum": list(THIRD_PARTY_KINDS)},
                "name": {"type": "string"},
            },
        },
        "affairs": {"type": "array", "items": {"type": "string", "example": "1.03"}},
        "sub_affairs": {
            "type": "array",
            "items": {"type": "string", "example": "3.28.02"},
            "description": "Sub-affair identifiers of the authority matrix (GET /api/v1/affairs/sub-affairs); "
            "R11 then judges authority per sub-affair",
        },
        "justification": {
            "type": "object",
            "properties": {"externality": {"type": "boolean"}, "efficiency": {"type": "boolean"}},
        },
        "burdens_public": {"type": "boolean"},
        "budgeted_in_apbd": {"type": "boolean"},
        "feasibility_study": {"type": "boolean"},
        "term_years": {
            "type": "number",
            "description": "0 < term_years <= KERJASAMA_RULEBOOK_TERM_YEARS_INPUT_MAX (default 50)",
        },
    },
    "example": {
        "type": "KSDD",
        "category": "wajib",
        "parties": ["34.71", "34.04"],
        "affairs": ["1.03"],
        "justification": {"externality": True},
    },
}


@router.post(
    "/check",
    summary="Check a cooperation plan",
    description=(
        "The same contract as `kerjasama check`: 200 with `valid`, `category_allowed`, `requires_dprd_approval`, "
        '`dispute_resolver` and `findings` (valid or not); 422 with `{"error": {"code", "message"}}` '
        "for bad input."
    ),
    response={200: dict[str, Any], 422: dict[str, Any]},
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": PLAN_SCHEMA}}}
    },
)
def check(request: HttpRequest) -> Status[dict[str, Any]]:
    status, body = evaluate(request.body)
    return Status(422 if status == 2 else 200, body)


@router.get("/rules", summary="The rule catalogue with citations, confidence and current parameter values")
def rules(request: HttpRequest) -> dict[str, Any]:
    current = rulebook_settings()
    return {"rules": catalogue(current), "settings": settings_reference(), "values": current.to_dict()}
