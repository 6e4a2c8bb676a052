"""Data-quality scores (issue 13 item 5): how complete, timely and consistent the recorded data of an agreement
and of a region are, as a score from 0 to 100 with its parts and the list of what to fix.

The score describes the data; it hides nothing: it never filters or withholds a record, it only says which
recorded facts are missing, late or contradictory, each with the legal basis (or the reason) that makes the
fact expected. Pure functions over plain rows (no database access): ``quality_data`` reads the rows in bulk.

Each rule yields a *fraction satisfied* in [0, 1], or ``None`` when it does not apply to the record (e.g. DPRD
approval of an agreement that needs none). The score is the weighted mean of the applicable fractions times 100
(100 when no rule applies: there is nothing to describe). Applicability depends only on what the record is
(type, stage, whether the law requires the fact), never on the fact a rule checks, so recording a missing fact
or correcting a contradiction never lowers the score (tested with hypothesis in ``tests/test_quality_rules``).
Weights are settings (``KERJASAMA_QUALITY_WEIGHT_<CODE>``, ``quality_conf``); no regulation sets them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

#: The three parts of an agreement's score.
COMPLETENESS, TIMELINESS, CONSISTENCY, DUTIES = "completeness", "timeliness", "consistency", "duties"

#: Stages in which the cooperation has been signed (in force or ended): the PKS/NK and its term must exist.
SIGNED_STAGES = frozenset({"pelaksanaan", "berakhir"})
#: Stages after the KB was signed (KSDD/KSDPK: PP 28/2018 Pasal 6(1), 19(1)).
AFTER_KB = frozenset({"kb_ditandatangani", "menunggu_dprd", "penyusunan_pks", "pelaksanaan", "berakhir"})
#: Stages after the DPRD decided (PKS drafting onwards; R13).
AFTER_DPRD = frozenset({"penyusunan_pks", "pelaksanaan", "berakhir"})
#: Stages after the proposal was reviewed by each region's TKKSD (the offer and beyond; R16, R21).
AFTER_REVIEW = frozenset(
    {
        "penawaran",
        "penyusunan_kb",
        "kb_ditandatangani",
        "menunggu_dprd",
        "penyusunan_pks",
        "pelaksanaan",
        "berakhir",
    }
)


@dataclass(frozen=True)
class QualityRule:
    """A documented rule: its code, part, default weight, what to fix (Indonesian, English) and why."""

    code: str
    part: str
    weight: int
    fix_id: str
    fix_en: str
    basis: str
    #: Where the fix is made: ``agreement``, ``obligations``, ``monev``, ``mapping``, ``tkksd``, ``reports``.
    place: str


RULES: dict[str, QualityRule] = {
    r.code: r
    for r in (
        QualityRule(
            "QA-C01",
            COMPLETENESS,
            10,
            "Catat nomor, tanggal mulai dan tanggal berakhir kerja sama.",
            "Record the agreement's number, start date and end date.",
            "PP 28/2018 Pasal 7(2)(c), 19(2)(b): every PKS states its term (R19)",
            "agreement",
        ),
        QualityRule(
            "QA-C02",
            COMPLETENESS,
            15,
            "Unggah atau catat PKS (atau Nota Kesepakatan) yang telah ditandatangani.",
            "Upload or record the signed PKS (or Nota Kesepakatan).",
            "PP 28/2018 Pasal 6(1), 19(1), 46 (R14, R18): the signed agreement is the cooperation",
            "agreement",
        ),
        QualityRule(
            "QA-C03",
            COMPLETENESS,
            10,
            "Catat Kesepakatan Bersama (KB) yang telah ditandatangani.",
            "Record the signed Kesepakatan Bersama (KB).",
            "PP 28/2018 Pasal 6(1)(c), 19(1) (R14): the KB precedes the PKS",
            "agreement",
        ),
        QualityRule(
            "QA-C04",
            COMPLETENESS,
            10,
            "Catat persetujuan DPRD setiap daerah pihak.",
            "Record each party region's DPRD approval.",
            "PP 28/2018 Pasal 6(2), 19(1); UU 23/2014 Pasal 154(1)(i) (R13)",
            "agreement",
        ),
        QualityRule(
            "QA-C05",
            COMPLETENESS,
            8,
            "Catat hasil kajian TKKSD setiap daerah pihak.",
            "Record each party region's TKKSD review.",
            "Permendagri 22/2020 (R16, R21) [S]: the TKKSD reviews before the offer and the PKS",
            "agreement",
        ),
        QualityRule(
            "QA-C06",
            COMPLETENESS,
            5,
            "Lengkapi penandatangan (nama dan jabatan) setiap pihak.",
            "Complete each party's signatory (name and title).",
            "PP 28/2018 Pasal 2, 13, 23(1) (R15): who signed for each party",
            "agreement",
        ),
        QualityRule(
            "QA-C07",
            COMPLETENESS,
            5,
            "Catat urusan pemerintahan yang menjadi objek kerja sama.",
            "Record the government affairs the cooperation is about.",
            "UU 23/2014 Pasal 363; PP 28/2018 Pasal 4 (R10)",
            "agreement",
        ),
        QualityRule(
            "QA-C08",
            COMPLETENESS,
            8,
            "Lampirkan studi kelayakan kerja sama dengan pihak ketiga.",
            "Attach the feasibility study of the cooperation with the third party.",
            "UU 23/2014 Pasal 366(3); PP 28/2018 Pasal 17-18 (R17)",
            "agreement",
        ),
        QualityRule(
            "QA-T01",
            TIMELINESS,
            10,
            "Kirim penilaian mandiri monev setiap pihak sebelum batas waktunya.",
            "Submit each party's monev self-assessment by its due date.",
            "PP 28/2018 Pasal 43-44 (R30); due date KERJASAMA_MONEV_DUE_DAYS [U]",
            "monev",
        ),
        QualityRule(
            "QA-T02",
            TIMELINESS,
            10,
            "Catat pemenuhan (atau pembebasan) kewajiban yang telah jatuh tempo.",
            "Record the fulfilment (or waiver) of each obligation past its due date.",
            "UU 23/2014 Pasal 366(2); PP 28/2018 Pasal 19(2) (R27): the parties' rights and obligations",
            "obligations",
        ),
        QualityRule(
            "QA-K01",
            CONSISTENCY,
            8,
            "Periksa tanggal: penandatanganan ≤ mulai ≤ berakhir.",
            "Check the dates: signature ≤ start ≤ end.",
            "A term starts once signed and ends after it starts (R19) [design choice]",
            "agreement",
        ),
        QualityRule(
            "QA-K02",
            CONSISTENCY,
            5,
            "Sesuaikan jadwal kewajiban dengan jangka waktu kerja sama.",
            "Bring the obligations' schedule within the agreement's term.",
            "Obligations follow the PKS and its term (PP 28/2018 Pasal 19(2)) [design choice]",
            "obligations",
        ),
        QualityRule(
            "QA-K03",
            CONSISTENCY,
            8,
            "Selesaikan pemenuhan kewajiban yang disanggah atau belum dikonfirmasi pihak lain.",
            "Settle fulfilments the other party disputed or has not confirmed.",
            "Both parties' views of the shared record should agree (issue 13 item 5) [design choice]",
            "obligations",
        ),
        QualityRule(
            "QA-K04",
            CONSISTENCY,
            5,
            "Tinjau penilaian TKKSD para pihak yang sangat berbeda untuk periode yang sama.",
            "Review the parties' TKKSD ratings that are far apart for the same period.",
            "PP 28/2018 Pasal 43-44 (R30): one cooperation, one evaluation [design choice]",
            "monev",
        ),
        QualityRule(
            "QA-R01",
            DUTIES,
            10,
            "Laporkan pemetaan urusan yang dapat dikerjasamakan kepada TKKSD.",
            "Report the mapping of cooperable affairs to the TKKSD.",
            "Permendagri 22/2020 Pasal 5 (R21): mapping of cooperable affairs",
            "mapping",
        ),
        QualityRule(
            "QA-R02",
            DUTIES,
            10,
            "Selesaikan verifikasi pemetaan oleh TKKSD.",
            "Have the TKKSD verify the mapping.",
            "Permendagri 22/2020 Pasal 5 (R21) [S]: the TKKSD verifies the mapping",
            "mapping",
        ),
        QualityRule(
            "QA-R03",
            DUTIES,
            10,
            "Tetapkan atau perbarui SK TKKSD yang berlaku.",
            "Issue or renew the TKKSD decree in force.",
            "Permendagri 22/2020 (R21): each region forms a TKKSD by decree",
            "tkksd",
        ),
        QualityRule(
            "QA-R04",
            DUTIES,
            10,
            "Kirim laporan kerja sama periodik sebelum batas waktunya.",
            "Submit the periodic cooperation reports by their due date.",
            "PP 28/2018 Pasal 44(5) jo. PP 12/2017 Pasal 24 (R30); due date KERJASAMA_REPORT_DUE_DAYS [U]",
            "reports",
        ),
    )
}

AGREEMENT_RULES = tuple(code for code in RULES if not code.startswith("QA-R"))
REGION_RULES = tuple(code for code in RULES if code.startswith("QA-R"))
#: Default weight of the mean of a region's agreement scores in its own score.
REGION_AGREEMENTS_WEIGHT = 40


# --- the rows a rule reads -------------------------------------------------------------------------------


@dataclass
class PartyFacts:
    party_id: int
    region_code: str | None
    signatory_name: str = ""
    signatory_title: str = ""
    tkksd_approved: bool = False
    dprd_approved: bool = False
    signed_on: date | None = None  # the PKS (or NK) signature day of this party


@dataclass
class QualityAgreementFacts:
    """What the rules read of one agreement (``quality_data.agreement_facts`` fills it in bulk)."""

    pk: int
    title: str
    type: str
    stage: str
    dprd_required: bool = False
    number: str = ""
    term_start: date | None = None
    term_end: date | None = None
    has_signed_agreement: bool = False  # a signed PKS or NK recorded or uploaded
    has_signed_kb: bool = False
    has_feasibility_study: bool = False  # KSDPK: the studi kelayakan recorded or attached (R17)
    n_affairs: int = 0
    parties: list[PartyFacts] = field(default_factory=list)
    #: Self-assessments expected (periods past due × parties) and those submitted by the due date.
    monev_expected: int = 0
    monev_on_time: int = 0
    #: Obligation occurrences past their due date, and those with a recorded outcome.
    dues_past: int = 0
    dues_recorded: int = 0
    #: Obligations, and those whose schedule lies within the term.
    obligations: int = 0
    obligations_in_term: int = 0
    #: Fulfilments recorded, and those the other party confirmed without a dispute.
    fulfilments: int = 0
    fulfilments_agreed: int = 0
    #: Periods with TKKSD ratings of two or more parties, and those whose ratings are close.
    rated_periods: int = 0
    rated_periods_close: int = 0


@dataclass
class RegionFacts:
    """A region's own duties (``quality_data.region_facts``)."""

    code: str
    name: str
    province_code: str
    mapping_reported: bool = False
    mapping_verified: bool = False
    decree_in_force: bool = False
    reports_expected: int = 0
    reports_on_time: int = 0


# --- results ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class QualityFinding:
    """A rule that is not fully satisfied: its code, fraction satisfied and how many points it costs."""

    code: str
    satisfied: float
    lost: float
    agreement_id: int | None = None
    agreement_title: str = ""

    @property
    def rule(self) -> QualityRule:
        return RULES[self.code]


@dataclass
class Score:
    """A score 0-100, its parts (each 0-100, ``None`` when no rule of that part applies) and what to fix."""

    score: float
    parts: dict[str, float | None]
    findings: list[QualityFinding]


def _ratio(done: int, expected: int) -> float | None:
    if expected <= 0:
        return None
    return max(0.0, min(1.0, done / expected))


def agreement_fractions(a: QualityAgreementFacts) -> dict[str, float | None]:
    """Each agreement rule's fraction satisfied (``None``: the rule does not apply to this agreement)."""
    signed = a.stage in SIGNED_STAGES
    regions = [p for p in a.parties if p.region_code]
    out: dict[str, float | None] = {}
    if signed:
        recorded = sum(1 for v in (a.number, a.term_start, a.term_end) if v)
        out["QA-C01"] = recorded / 3
        out["QA-C02"] = 1.0 if a.has_signed_agreement else 0.0
    else:
        out["QA-C01"] = out["QA-C02"] = None
    out["QA-C03"] = (1.0 if a.has_signed_kb else 0.0) if a.type != "SINERGI" and a.stage in AFTER_KB else None
    if a.dprd_required and a.stage in AFTER_DPRD and regions:
        out["QA-C04"] = sum(p.dprd_approved for p in regions) / len(regions)
    else:
        out["QA-C04"] = None
    if a.type != "SINERGI" and a.stage in AFTER_REVIEW and regions:
        out["QA-C05"] = sum(p.tkksd_approved for p in regions) / len(regions)
    else:
        out["QA-C05"] = None
    if signed and a.parties:
        complete = sum(1 for p in a.parties if p.signatory_name.strip() and p.signatory_title.strip())
        out["QA-C06"] = complete / len(a.parties)
    else:
        out["QA-C06"] = None
    out["QA-C07"] = 1.0 if a.n_affairs > 0 else 0.0
    out["QA-C08"] = (
        (1.0 if a.has_feasibility_study else 0.0) if a.type == "KSDPK" and a.stage in AFTER_REVIEW else None
    )
    out["QA-T01"] = _ratio(a.monev_on_time, a.monev_expected)
    out["QA-T02"] = _ratio(a.dues_recorded, a.dues_past)
    out["QA-K01"] = dates_in_order(a) if signed else None
    out["QA-K02"] = _ratio(a.obligations_in_term, a.obligations)
    out["QA-K03"] = _ratio(a.fulfilments_agreed, a.fulfilments)
    out["QA-K04"] = _ratio(a.rated_periods_close, a.rated_periods)
    return out


def dates_in_order(a: QualityAgreementFacts) -> float:
    """1 when every recorded signature ≤ start ≤ end; each pair out of order costs its share. A missing date
    is not an inconsistency (QA-C01 counts it)."""
    checks: list[bool] = []
    if a.term_start and a.term_end:
        checks.append(a.term_start <= a.term_end)
    for p in a.parties:
        if p.signed_on and a.term_start:
            checks.append(p.signed_on <= a.term_start)
        elif p.signed_on and a.term_end:
            checks.append(p.signed_on <= a.term_end)
    if not checks:
        return 1.0
    return sum(checks) / len(checks)


def region_fractions(r: RegionFacts) -> dict[str, float | None]:
    return {
        "QA-R01": 1.0 if r.mapping_reported else 0.0,
        "QA-R02": 1.0 if r.mapping_verified else 0.0,
        "QA-R03": 1.0 if r.decree_in_force else 0.0,
        "QA-R04": _ratio(r.reports_on_time, r.reports_expected),
    }


def _combine(
    fractions: Mapping[str, float | None],
    weights: Mapping[str, int],
    agreement: QualityAgreementFacts | None = None,
) -> Score:
    total = sum(weights[c] for c, f in fractions.items() if f is not None and weights[c] > 0)
    parts: dict[str, float | None] = {}
    for part in (COMPLETENESS, TIMELINESS, CONSISTENCY, DUTIES):
        codes = [
            c for c, f in fractions.items() if f is not None and RULES[c].part == part and weights[c] > 0
        ]
        if codes:
            w = sum(weights[c] for c in codes)
            parts[part] = round(100 * sum(weights[c] * (fractions[c] or 0.0) for c in codes) / w, 1)
    if total == 0:
        return Score(100.0, parts, [])
    earned = sum(weights[c] * f for c, f in fractions.items() if f is not None and weights[c] > 0)
    findings = [
        QualityFinding(
            c,
            round(f, 3),
            round(100 * weights[c] * (1 - f) / total, 1),
            agreement.pk if agreement else None,
            agreement.title if agreement else "",
        )
        for c, f in fractions.items()
        if f is not None and f < 1 and weights[c] > 0
    ]
    findings.sort(key=lambda x: (-x.lost, x.code))
    return Score(round(100 * earned / total, 1), parts, findings)


def score_agreement(a: QualityAgreementFacts, weights: Mapping[str, int]) -> Score:
    """The agreement's score (0-100) with its completeness, timeliness and consistency parts."""
    return _combine(agreement_fractions(a), weights, a)


def score_region(
    r: RegionFacts,
    agreement_scores: Sequence[Score],
    weights: Mapping[str, int],
    agreements_weight: int = REGION_AGREEMENTS_WEIGHT,
) -> Score:
    """The region's score: the weighted mean of its own duties (QA-R01..R04) and of the mean score of the
    agreements it is party to (weight ``agreements_weight``; not counted when it has none). Its findings are its
    own, then its agreements' (largest loss first)."""
    own = _combine(region_fractions(r), weights)
    fractions = region_fractions(r)
    w_total = sum(weights[c] for c, f in fractions.items() if f is not None and weights[c] > 0)
    earned = sum(weights[c] * f for c, f in fractions.items() if f is not None and weights[c] > 0)
    parts = dict(own.parts)
    findings = list(own.findings)
    if agreement_scores and agreements_weight > 0:
        mean = sum(s.score for s in agreement_scores) / len(agreement_scores)
        parts["agreements"] = round(mean, 1)
        w_total += agreements_weight
        earned += agreements_weight * mean / 100
        for part in (COMPLETENESS, TIMELINESS, CONSISTENCY):
            values = [s.parts[part] for s in agreement_scores if s.parts.get(part) is not None]
            parts[part] = round(sum(v for v in values if v is not None) / len(values), 1) if values else None
        findings += sorted(
            (f for s in agreement_scores for f in s.findings), key=lambda x: (-x.lost, x.agreement_id or 0)
        )
    if w_total == 0:
        return Score(100.0, parts, findings)
    # The region's own findings cost points of the region's score (its duties and its agreements together).
    findings = [
        dataclasses.replace(f, lost=round(100 * weights[f.code] * (1 - f.satisfied) / w_total, 1))
        if f.agreement_id is None
        else f
        for f in findings
    ]
    return Score(round(100 * earned / w_total, 1), parts, findings)
