"""The weights, thresholds and switches of the early warning, passed into the pure engine as one object.

No regulation sets any of these: UU 23/2014 Pasal 363-369 and PP 28/2018 regulate cooperation and settle
disputes (UU 23/2014 Pasal 370; PP 28/2018 Pasal 8, 21) but name no warning signs. The indicators, their weights
and thresholds are the system's documented, configurable heuristics (issue 12 item 5; ARCHITECTURE.md house
rule 1: parameters the sources do not pin down are settings), set as ``KERJASAMA_RISK_<NAME>`` environment
variables (``kerjasama.disputes.conf``). A high score is not proof of a dispute.

How the score is made: an indicator that fires has a band 1-5 and a weight 0-1; it contributes
``p = weight * band / 5`` and the score is ``100 * (1 - prod(1 - p))`` (a "noisy or": every indicator can only
raise it, none can lower it, and the order of the indicators does not matter), rounded to 0.1. The score's band
comes from ``score_bands`` (the lower bounds of bands 2..5).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

#: Every indicator, in the order the output lists them, with its default weight (0-1).
DEFAULT_WEIGHTS: dict[str, float] = {
    "payment_late": 0.5,
    "obligation_overdue": 0.4,
    "monev": 0.35,
    "tariff_review_overdue": 0.35,
    "stagnation": 0.3,
    "expiry_unprepared": 0.4,
    "leadership_change": 0.2,
    "community": 0.35,
    "warning_letters": 0.45,
    "audit_findings": 0.25,
    "addendum_unapproved": 0.3,
    "earlier_dispute": 0.4,
    "regulation_change": 0.15,
    "not_budgeted": 0.2,
}
INDICATORS: tuple[str, ...] = tuple(DEFAULT_WEIGHTS)
#: A century: the longest window any month setting may span (keeps date arithmetic inside the calendar).
MAX_MONTHS = 1200


def _default_weights() -> dict[str, float]:
    return dict(DEFAULT_WEIGHTS)


@dataclass(frozen=True)
class RiskConfig:
    """Weights and thresholds; ``config_reference()`` documents each (docs/risk.md, .env.example)."""

    weights: dict[str, float] = field(default_factory=_default_weights)
    disabled: frozenset[str] = frozenset()
    score_bands: tuple[float, ...] = (20.0, 40.0, 60.0, 80.0)
    late_days: tuple[int, ...] = (30, 60, 90, 180)
    amount_high_idr: float = 1_000_000_000.0
    obligation_grace_days: int = 30
    lookback_months: int = 24
    monev_poor_rating: int = 2
    review_grace_months: int = 0
    stagnation_months: int = 12
    expiry_months: int = 9
    leadership_near_months: int = 12
    leadership_cycle_days: int = 90
    repeat_count: int = 3

    def __post_init__(self) -> None:
        unknown = sorted((set(self.weights) | set(self.disabled)) - set(INDICATORS))
        if unknown:
            raise ValueError(f"unknown risk indicators: {', '.join(unknown)}")
        for name, weight in self.weights.items():
            if not math.isfinite(weight) or not 0.0 <= weight <= 1.0:
                raise ValueError(f"risk weight {name} must lie in 0..1, not {weight!r}")
        for name, bounds, size in (("score_bands", self.score_bands, 4), ("late_days", self.late_days, 4)):
            if len(bounds) != size or list(bounds) != sorted(bounds) or len(set(bounds)) != size:
                raise ValueError(f"risk {name} must be {size} increasing numbers, not {bounds!r}")
        if not (self.score_bands[0] > 0 and self.score_bands[-1] <= 100):
            raise ValueError("risk score_bands must lie in 0..100")
        for name in ("obligation_grace_days", "review_grace_months", "amount_high_idr"):
            if getattr(self, name) < 0:
                raise ValueError(f"risk {name} must be >= 0")
        for name in ("lookback_months", "stagnation_months", "expiry_months", "leadership_near_months"):
            if not 1 <= getattr(self, name) <= MAX_MONTHS:
                raise ValueError(f"risk {name} must lie in 1..{MAX_MONTHS}")
        if self.review_grace_months > MAX_MONTHS or self.leadership_cycle_days > MAX_MONTHS * 31:
            raise ValueError(
                f"risk review_grace_months and leadership_cycle_days must stay within {MAX_MONTHS} months"
            )
        for name in ("leadership_cycle_days", "repeat_count"):
            if getattr(self, name) < 1:
                raise ValueError(f"risk {name} must be >= 1")
        if not 1 <= self.monev_poor_rating <= 4:
            raise ValueError("risk monev_poor_rating must lie in 1..4")

    def weight(self, indicator: str) -> float:
        """The weight in force: 0 for a switched-off indicator."""
        return 0.0 if indicator in self.disabled else self.weights.get(indicator, DEFAULT_WEIGHTS[indicator])

    def enabled(self, indicator: str) -> bool:
        return self.weight(indicator) > 0.0

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> RiskConfig:
        """Build from environment-style names and values (``weight_payment_late="0.5"``,
        ``disabled="stagnation,regulation_change"``, ``late_days="30,60,90,180"``). Unknown names and values
        that do not parse raise ``ValueError``, so a misspelt setting never passes silently."""
        weights = _default_weights()
        parsed: dict[str, Any] = {}
        for name, raw in values.items():
            try:
                if name.startswith("weight_"):
                    indicator = name.removeprefix("weight_")
                    if indicator not in weights:
                        raise ValueError("unknown indicator")
                    weights[indicator] = _float(raw)
                elif name in _COERCERS:
                    parsed[name] = _COERCERS[name](raw)
                else:
                    raise ValueError("unknown setting")
            except (TypeError, ValueError) as exc:
                raise ValueError(f"KERJASAMA_RISK_{name.upper()}: {exc}") from exc
        return replace(cls(), weights=weights, **parsed)

    def to_dict(self) -> dict[str, Any]:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values["disabled"] = sorted(self.disabled)
        values["score_bands"] = list(self.score_bands)
        values["late_days"] = list(self.late_days)
        return values


def _float(raw: Any) -> float:
    if isinstance(raw, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(raw, str):
        raw = raw.strip().replace(",", ".")
    return float(raw)


def _int(raw: Any) -> int:
    if isinstance(raw, bool):
        raise TypeError("a boolean is not a number")
    return int(raw.strip() if isinstance(raw, str) else raw)


def _items(raw: Any) -> list[str]:
    if isinstance(raw, str):
        return [item.strip() for item in raw.split(",") if item.strip()]
    return [str(item).strip() for item in raw]


_COERCERS: dict[str, Callable[[Any], Any]] = {
    "disabled": lambda raw: frozenset(_items(raw)),
    "score_bands": lambda raw: tuple(_float(item) for item in _items(raw)),
    "late_days": lambda raw: tuple(_int(item) for item in _items(raw)),
    "amount_high_idr": _float,
    "obligation_grace_days": _int,
    "lookback_months": _int,
    "monev_poor_rating": _int,
    "review_grace_months": _int,
    "stagnation_months": _int,
    "expiry_months": _int,
    "leadership_near_months": _int,
    "leadership_cycle_days": _int,
    "repeat_count": _int,
}

_DOCS: dict[str, str] = {
    "disabled": "Indicators switched off (comma-separated codes): they never fire and weigh 0.",
    "score_bands": "Lower bounds of the score's bands 2, 3, 4 and 5 (0-100); below the first: band 1.",
    "late_days": "Days late at which a late payment or an overdue obligation reaches bands 2, 3, 4 and 5 "
    "(below the first: band 1).",
    "amount_high_idr": "Rupiah (the amounts of the late payments in the window, of the overdue obligations, or "
    "of the audit findings in the window) that raise the indicator's band by one.",
    "repeat_count": "This many late payments in the window, or overdue obligations, raise the band by one.",
    "obligation_grace_days": "Days after an obligation_due date before an unfulfilled obligation counts as "
    "overdue.",
    "lookback_months": "Window (months before as_of) in which late payments, missed or poorly rated monev, "
    "protests, complaints, interruptions, audit findings, leadership and regulation changes count.",
    "monev_poor_rating": "A monev_submitted with a rating (1-5, 5 best) at or below this is poorly rated.",
    "review_grace_months": "Months after the tariff/fee review date (start or last review + "
    "review_every_years) before the review counts as overdue.",
    "stagnation_months": "Months without a sign of the cooperation being carried out (fulfilled obligation, "
    "payment received, monev submitted, review, addendum, extension, transition plan) before it is stagnant; "
    "the same default as KERJASAMA_MONEV_STAGNATION_MONTHS.",
    "expiry_months": "Months before the end date from which an agreement without extension_signed or "
    "transition_plan is flagged (bands 3, 4, 5 at this, two thirds and one third of it; 5 once ended).",
    "leadership_near_months": "A change of head of region this close to the end date weighs more (band 3).",
    "leadership_cycle_days": "... and so does one this close (days, either side) to an obligation_due or a "
    "payment_late (a payment cycle).",
}
for _indicator, _weight in DEFAULT_WEIGHTS.items():
    _DOCS[f"weight_{_indicator}"] = f"Weight (0-1) of the indicator {_indicator}; 0 switches it off."


def config_reference() -> list[dict[str, Any]]:
    """Every setting with its default and meaning, as ``KERJASAMA_RISK_<NAME>`` (docs, .env.example)."""
    defaults = RiskConfig().to_dict()
    rows = [
        {"name": f"weight_{name}", "default": weight, "doc": _DOCS[f"weight_{name}"]}
        for name, weight in DEFAULT_WEIGHTS.items()
    ]
    rows += [
        {"name": name, "default": defaults[name], "doc": _DOCS[name]}
        for name in _DOCS
        if not name.startswith("weight_")
    ]
    return rows
