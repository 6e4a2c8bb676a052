"""The plan-check contract shared by ``kerjasama check`` and ``POST /api/v1/rulebook/check``.

Status 0: valid; 1: a rule is violated; 2: bad input, with ``{"error": {"code", "message", ...}}``.
``message`` is the Indonesian sentence; ``message_id``/``message_en`` and ``field`` are kept beside it.
"""

from __future__ import annotations

from typing import Any

from kerjasama.compliance.selectors import reference_data, rulebook_settings
from kerjasama.rulebook import evaluate_plan_request


def error_body(code: str, message_id: str, message_en: str, field: str | None = None) -> dict[str, Any]:
    error: dict[str, Any] = {
        "code": code,
        "message": message_id,
        "message_id": message_id,
        "message_en": message_en,
    }
    if field:
        error["field"] = field
    return {"error": error}


def evaluate(raw: str | bytes | dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """Check a plan against the national reference data and the configured legal parameters."""
    status, body = evaluate_plan_request(raw, reference_data(), rulebook_settings())
    if status == 2:
        error = body["error"]
        message_id = str(error.get("message_id") or error.get("message", ""))
        return 2, error_body(
            str(error["code"]), message_id, str(error.get("message_en", message_id)), error.get("field")
        )
    return status, body
