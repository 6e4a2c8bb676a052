"""Settings of the data-quality scores (``oversight.quality``); no regulation sets any of them [design choice].

Set as ``KERJASAMA_QUALITY_<NAME>`` environment variables (collected into ``settings.KERJASAMA_QUALITY``):

- ``WEIGHT_QA_C01`` … ``WEIGHT_QA_R04``: each rule's weight (defaults in ``quality.RULES``; 0 switches a rule
  off), e.g. ``KERJASAMA_QUALITY_WEIGHT_QA_T01=20``.
- ``REGION_AGREEMENTS_WEIGHT`` (default 40): the weight of the mean of a region's agreement scores in its own
  score, beside its duties.
- ``RATING_GAP`` (default 2): two parties' TKKSD ratings of one monev period this many steps apart on the
  rating scale (``KERJASAMA_MONEV_RATING_SCALE``) are "far apart" (QA-K04).
- ``REPORT_PERIODS`` (default 2): how many of the most recent reporting periods past their due date QA-R04
  counts (the reporting frequency and due date are themselves settings of ``reports`` [U], R30, R31).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from kerjasama.oversight.quality import REGION_AGREEMENTS_WEIGHT, RULES


@dataclass(frozen=True)
class QualitySettings:
    weights: dict[str, int]
    region_agreements_weight: int = REGION_AGREEMENTS_WEIGHT
    rating_gap: int = 2
    report_periods: int = 2


def _non_negative(name: str, value: Any) -> int:
    number = int(str(value))
    if number < 0:
        raise ValueError(f"KERJASAMA_QUALITY_{name.upper()}={value}: expected a whole number >= 0")
    return number


def from_mapping(values: Mapping[str, Any]) -> QualitySettings:
    """Settings from environment-style values (keys lower case, without the prefix); bad values raise."""
    weights = {code: rule.weight for code, rule in RULES.items()}
    for code in RULES:
        key = "weight_" + code.lower().replace("-", "_")
        if values.get(key) not in (None, ""):
            weights[code] = _non_negative(key, values[key])
    return QualitySettings(
        weights=weights,
        region_agreements_weight=_non_negative(
            "region_agreements_weight", values.get("region_agreements_weight") or REGION_AGREEMENTS_WEIGHT
        ),
        rating_gap=max(1, _non_negative("rating_gap", values.get("rating_gap") or 2)),
        report_periods=_non_negative("report_periods", values.get("report_periods") or 2),
    )


def quality_settings() -> QualitySettings:
    return from_mapping(getattr(settings, "KERJASAMA_QUALITY", {}) or {})
