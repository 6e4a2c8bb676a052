"""API v1: the rulebook (plan check with the same contract as ``kerjasama check``, and the rule catalogue)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router

from kerjasama.compliance.contract import evaluate
from kerjasama.compliance.selectors import rulebook_settings
from kerjasama.rulebook import catalogue, settings_reference

router = Router(tags=["rulebook"])

PLAN_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["type", "parties"],
    "properties": {
        "type": {"enum": ["KSDD", "KSDPK", "SINERGI"]},
        "category": {"enum": ["wajib", "sukarela"], "description": "KSDD only"},
        "parties": {"type": "array", "items": {"type": "string", "example": "34.71"}},
        "third_party": {
            "type": "object",
            "properties": {
                "kind": {
                    "enum": [
                        "badan_usaha",
                        "bumn",
                        "bumd",
                        "koperasi",
                        "ormas",
                        "perguruan_tinggi",
                        "perseorangan",
                        "lainnya",
                    ]
                },
                "name": {"type": "string"},
            },
        },
        "affairs": {"type": "array", "items": {"type": "string", "example": "1.03"}},
        "justification": {
            "type": "object",
            "properties": {"externality": {"type": "boolean"}, "efficiency": {"type": "boolean"}},
        },
        "burdens_public": {"type": "boolean"},
        "budgeted_in_apbd": {"type": "boolean"},
        "feasibility_study": {"type": "boolean"},
        "term_years": {"type": "number"},
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
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": PLAN_SCHEMA}}}
    },
)
def check(request: HttpRequest) -> HttpResponse:
    from kerjasama.api.api import api

    status, body = evaluate(request.body)
    return api.create_response(request, body, status=422 if status == 2 else 200)


@router.get("/rules", summary="The rule catalogue with citations, confidence and current parameter values")
def rules(request: HttpRequest) -> dict[str, Any]:
    current = rulebook_settings()
    return {"rules": catalogue(current), "settings": settings_reference(), "values": current.to_dict()}
