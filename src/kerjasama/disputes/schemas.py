"""OpenAPI description of the early-warning contract (``POST /api/v1/disputes/risk``), derived from the pure
domain's vocabularies so the API, the CLI and the engine name the same kinds, sectors and fields."""

from __future__ import annotations

from typing import Any

from kerjasama.disputes.domain import EVENT_KINDS, INDICATORS, SECTORS
from kerjasama.rulebook.subjects import PLAN_TYPES, THIRD_PARTY_KINDS

_DATE = {"type": "string", "format": "date", "example": "2026-11-30"}

RISK_INPUT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["as_of", "agreement"],
    "additionalProperties": False,
    "properties": {
        "as_of": _DATE,
        "agreement": {
            "type": "object",
            "required": ["type", "parties", "start"],
            "additionalProperties": False,
            "properties": {
                "type": {"enum": list(PLAN_TYPES)},
                "parties": {"type": "array", "items": {"type": "string", "example": "32.73"}},
                "third_party": {
                    "type": "object",
                    "properties": {"kind": {"enum": list(THIRD_PARTY_KINDS)}, "name": {"type": "string"}},
                },
                "affairs": {"type": "array", "items": {"type": "string", "example": "1.03"}},
                "sector": {"enum": list(SECTORS)},
                "start": _DATE,
                "end": {**_DATE, "nullable": True},
                "budgeted_in_apbd": {"type": "boolean"},
                "review_every_years": {"type": "integer", "minimum": 1},
            },
        },
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["date", "kind"],
                "additionalProperties": False,
                "properties": {
                    "date": _DATE,
                    "kind": {"enum": list(EVENT_KINDS)},
                    "party": {
                        "type": "string",
                        "description": "one of agreement.parties (or third_party.name)",
                    },
                    "amount_idr": {"type": "number", "minimum": 0},
                    "days_late": {"type": "integer", "minimum": 0},
                    "rating": {"type": "integer", "minimum": 1, "maximum": 5, "description": "5 best"},
                    "note": {"type": "string"},
                },
            },
        },
    },
    "example": {
        "as_of": "2026-11-30",
        "agreement": {
            "type": "KSDD",
            "parties": ["32.73", "32.04"],
            "affairs": ["1.03"],
            "sector": "pelayanan_publik",
            "start": "2020-01-01",
            "end": "2030-12-31",
            "review_every_years": 2,
        },
        "events": [
            {
                "date": "2026-10-01",
                "kind": "payment_late",
                "party": "32.04",
                "days_late": 120,
                "amount_idr": 450000000,
            },
            {"date": "2026-07-15", "kind": "monev_missed", "party": "32.73"},
        ],
    },
}

RISK_OUTPUT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["score", "band", "label_id", "label_en", "indicators", "mitigations", "completeness"],
    "properties": {
        "score": {"type": "number", "minimum": 0, "maximum": 100},
        "band": {"type": "integer", "minimum": 1, "maximum": 5},
        "label_id": {"type": "string"},
        "label_en": {"type": "string"},
        "indicators": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "code": {"enum": list(INDICATORS)},
                    "band": {"type": "integer", "minimum": 1, "maximum": 5},
                    "weight": {"type": "number", "minimum": 0, "maximum": 1},
                    "message_id": {"type": "string"},
                    "message_en": {"type": "string"},
                    "evidence": {"type": "array", "items": {"type": "integer", "minimum": 0}},
                },
            },
        },
        "mitigations": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "code": {"type": "string"},
                    "message_id": {"type": "string"},
                    "message_en": {"type": "string"},
                },
            },
        },
        "completeness": {"type": "number", "minimum": 0, "maximum": 1},
    },
}
