"""The early-warning engine (issue 12 items 5 and 6): one agreement and its events in, an explained risk out.

Output: ``{"score": 0-100, "band": 1-5, "label_id", "label_en", "indicators": [{"code", "band", "weight",
"message_id", "message_en", "evidence": [event indexes]}], "mitigations": [{"code", "message_id",
"message_en"}], "completeness": 0-1}``.

No regulation defines a risk of dispute: UU 23/2014 Pasal 370 and PP 28/2018 Pasal 8 and 21 say who settles
a dispute once it exists. The indicators (``indicators.py``), their weights and thresholds (``config.py``)
are the system's documented, configurable heuristics. **A high score is not proof of a dispute**; it says
where to look first. Data completeness is its own score, shown beside the risk and never folded into it (a
missing amount must not make an agreement look safer or riskier).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kerjasama.disputes.domain.config import INDICATORS, RiskConfig
from kerjasama.disputes.domain.events import EventFact, RiskInput, parse_input
from kerjasama.disputes.domain.indicators import (
    INDICATOR_FUNCTIONS,
    IndicatorContext,
    IndicatorFact,
    add_months,
)

#: The labels of the five bands, Indonesian and English.
BAND_LABELS: dict[int, tuple[str, str]] = {
    1: ("rendah", "low"),
    2: ("sedang", "moderate"),
    3: ("cukup tinggi", "elevated"),
    4: ("tinggi", "high"),
    5: ("sangat tinggi", "very high"),
}
CAVEAT_ID = "Skor tinggi bukan bukti adanya perselisihan."
CAVEAT_EN = "A high score is not proof of a dispute."

_MONEY_KINDS = frozenset({"payment_late", "payment_received", "obligation_due"})
_PARTY_KINDS = frozenset(
    {"payment_late", "payment_received", "obligation_due", "obligation_fulfilled", "leadership_change"}
)


def score_band(score: float, config: RiskConfig) -> int:
    return 1 + sum(score >= bound for bound in config.score_bands)


def combine(findings: list[IndicatorFact], config: RiskConfig) -> float:
    """``100 * (1 - prod(1 - weight * band / 5))``, rounded to 0.1: a noisy or, which each firing indicator
    can only raise."""
    remaining = 1.0
    for finding in findings:
        remaining *= 1.0 - config.weight(finding.code) * finding.band / 5.0
    return round(100.0 * (1.0 - remaining), 1)


#: What completeness checks on the events: (kinds, attribute, words id, words en).
_EVENT_CHECKS: tuple[tuple[frozenset[str], str, str, str], ...] = (
    (
        _MONEY_KINDS,
        "amount_idr",
        "nilai rupiah pembayaran/kewajiban",
        "the rupiah amounts of payments/obligations",
    ),
    (frozenset({"payment_late"}), "days_late", "jumlah hari keterlambatan", "the days late"),
    (frozenset({"monev_submitted"}), "rating", "nilai monev", "the monev ratings"),
    (_PARTY_KINDS, "party", "pihak pada peristiwa", "the party of events"),
)


def completeness(data: RiskInput, by_kind: dict[str, list[EventFact]]) -> tuple[float, list[tuple[str, str]]]:
    """A 0-1 score of how much the assessment could rely on, and what is missing (Indonesian, English).

    Checks: an end date, at least one event up to ``as_of``, the sector, ``budgeted_in_apbd``; and the shares
    of money events with an amount, of late payments with ``days_late``, of submitted monev with a rating, of
    party-specific events that name the party (each only when such events exist)."""
    agreement = data.agreement
    checks: list[tuple[float, str, str]] = [
        (float(agreement.end is not None), "tanggal berakhir", "the end date"),
        (float(bool(by_kind)), "peristiwa yang tercatat", "recorded events"),
        (float(agreement.sector is not None), "sektor", "the sector"),
        (float(agreement.budgeted_in_apbd is not None), "status anggaran APBD", "the APBD budget status"),
    ]
    for kinds, attribute, words_id, words_en in _EVENT_CHECKS:
        relevant = [e for kind in kinds for e in by_kind.get(kind, ())]
        if relevant:
            share = sum(getattr(e, attribute) is not None for e in relevant) / len(relevant)
            checks.append((share, words_id, words_en))
    missing = [(words_id, words_en) for value, words_id, words_en in checks if value < 1.0]
    return round(sum(value for value, _, _ in checks) / len(checks), 2), missing


def assess(data: RiskInput, config: RiskConfig | None = None) -> dict[str, Any]:
    """The assessment of one agreement as of ``data.as_of`` (events after it are ignored)."""
    config = config or RiskConfig()
    as_of = data.as_of
    by_kind: dict[str, list[EventFact]] = {}
    for event in data.events:
        if event.date <= as_of:
            by_kind.setdefault(event.kind, []).append(event)
    ctx = IndicatorContext(data.agreement, as_of, by_kind, config, add_months(as_of, -config.lookback_months))
    findings = [
        finding
        for code in INDICATORS
        if config.enabled(code)
        for finding in [INDICATOR_FUNCTIONS[code](ctx)]
        if finding is not None
    ]
    score = combine(findings, config)  # in the catalogue's order, so that equal findings give equal floats
    findings.sort(key=lambda f: -config.weight(f.code) * f.band)  # stable: ties keep the catalogue order
    band = score_band(score, config)
    ratio, missing = completeness(data, by_kind)
    mitigations = [
        {"code": f.code, "message_id": f.mitigation_id, "message_en": f.mitigation_en} for f in findings
    ]
    if missing:
        mitigations.append(
            {
                "code": "data_completeness",
                "message_id": "Lengkapi data agar penilaian lebih dapat diandalkan: "
                + ", ".join(m[0] for m in missing)
                + ".",
                "message_en": "Complete the data so that the assessment is more reliable: "
                + ", ".join(m[1] for m in missing)
                + ".",
            }
        )
    return {
        "score": score,
        "band": band,
        "label_id": BAND_LABELS[band][0],
        "label_en": BAND_LABELS[band][1],
        "indicators": [
            {
                "code": f.code,
                "band": f.band,
                "weight": config.weight(f.code),
                "message_id": f.message_id,
                "message_en": f.message_en,
                "evidence": list(f.evidence),
            }
            for f in findings
        ],
        "mitigations": mitigations,
        "completeness": ratio,
    }


def assess_document(
    raw: str | bytes | bytearray | Mapping[str, Any], config: RiskConfig | None = None
) -> dict[str, Any]:
    """Parse (raising ``RiskInputError`` on bad input) and assess: what the CLI and the API call."""
    return assess(parse_input(raw), config)
