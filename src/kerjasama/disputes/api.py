"""API v1: the early warning with the same contract as ``kerjasama risk`` (issue 12 item 6).

Any authenticated user may call it (the API's token or session authentication; rate-limited by the API's
throttle, ``KERJASAMA_API_RATE_PER_MINUTE``): it only computes on what is posted, reads and writes no record.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from kerjasama.disputes.conf import risk_config
from kerjasama.disputes.domain import CAVEAT_EN, assess_document
from kerjasama.disputes.schemas import RISK_INPUT_SCHEMA, RISK_OUTPUT_SCHEMA

router = Router(tags=["disputes"])


@router.post(
    "/risk",
    summary="Early warning: score one agreement and its events",
    description=(
        "The same contract as `kerjasama risk`: 200 with `score` (0-100), `band` (1-5), `label_id`/`label_en`, "
        "the `indicators` that fired (each with its band, weight, a sentence in Indonesian and English and the "
        "indexes of the events behind it), `mitigations` and `completeness` (0-1, a separate score of how "
        'complete the data is); 422 with `{"error": {"code", "message"}}` for bad input (malformed JSON, an '
        "unknown event kind or field, an event party that is not a party of the agreement, a bad date). The "
        "indicators, weights and thresholds are the system's documented heuristics (KERJASAMA_RISK_* settings), "
        f"not law. {CAVEAT_EN} Nothing is stored."
    ),
    response={200: dict[str, Any]},
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": RISK_INPUT_SCHEMA}}},
        "responses": {
            200: {"description": "OK", "content": {"application/json": {"schema": RISK_OUTPUT_SCHEMA}}}
        },
    },
)
def risk(request: HttpRequest) -> dict[str, Any]:
    return assess_document(request.body, risk_config())
