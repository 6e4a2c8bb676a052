"""The disputes app's pure core (no Django): the early-warning engine behind ``kerjasama risk`` and
``POST /api/v1/disputes/risk``. A high score is not proof of a dispute."""

from kerjasama.disputes.domain.config import DEFAULT_WEIGHTS, INDICATORS, RiskConfig, config_reference
from kerjasama.disputes.domain.events import (
    EVENT_KINDS,
    RISK_INPUT_ERROR_CODES,
    SECTORS,
    RiskInput,
    RiskInputError,
    parse_input,
)
from kerjasama.disputes.domain.risk import BAND_LABELS, CAVEAT_EN, CAVEAT_ID, assess, assess_document

__all__ = [
    "BAND_LABELS",
    "CAVEAT_EN",
    "CAVEAT_ID",
    "DEFAULT_WEIGHTS",
    "EVENT_KINDS",
    "INDICATORS",
    "RISK_INPUT_ERROR_CODES",
    "SECTORS",
    "RiskConfig",
    "RiskInput",
    "RiskInputError",
    "assess",
    "assess_document",
    "config_reference",
    "parse_input",
]
