"""The data-quality rules (``oversight.quality``): each rule on its own, and the invariants (hypothesis): a score
lies in 0..100, and fixing what a finding names never lowers the score."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kerjasama.oversight import quality
from kerjasama.oversight.quality import PartyFacts, QualityAgreementFacts, RegionFacts
from kerjasama.oversight.quality_conf import from_mapping

WEIGHTS = {code: rule.weight for code, rule in quality.RULES.items()}


def perfect(**changes: Any) -> QualityAgreementFacts:
    """A KSDD in force with every expected fact recorded, consistent and on time."""
    facts = QualityAgreementFacts(
        pk=1,
        title="Sampah regional",
        type="KSDD",
        stage="pelaksanaan",
        dprd_required=True,
        number="PKS/1/2025",
        term_start=date(2025, 3, 1),
        term_end=date(2030, 2, 28),
        has_signed_agreement=True,
        has_signed_kb=True,
        n_affairs=1,
        parties=[
            PartyFacts(1, "34.71", "Wali Kota", "Wali Kota Yogyakarta", True, True, date(2025, 2, 20)),
            PartyFacts(2, "34.04", "Bupati", "Bupati Sleman", True, True, date(2025, 2, 21)),
        ],
        monev_expected=4,
        monev_on_time=4,
        dues_past=6,
        dues_recorded=6,
        obligations=2,
        obligations_in_term=2,
        fulfilments=5,
        fulfilments_agreed=5,
        rated_periods=2,
        rated_periods_close=2,
    )
    return dataclasses.replace(facts, **changes)


def codes(facts: QualityAgreementFacts) -> set[str]:
    return {f.code for f in quality.score_agreement(facts, WEIGHTS).findings}


def test_it_gives_a_complete_consistent_timely_agreement_100_and_nothing_to_fix() -> None:
    score = quality.score_agreement(perfect(), WEIGHTS)
    assert score.score == 100
    assert score.findings == []
    assert score.parts == {"completeness": 100, "timeliness": 100, "consistency": 100}


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"number": "", "term_end": None}, "QA-C01"),
        ({"has_signed_agreement": False}, "QA-C02"),
        ({"has_signed_kb": False}, "QA-C03"),
        ({"n_affairs": 0}, "QA-C07"),
        ({"monev_on_time": 1}, "QA-T01"),
        ({"dues_recorded": 2}, "QA-T02"),
        ({"term_start": date(2025, 2, 1)}, "QA-K01"),
        ({"obligations_in_term": 1}, "QA-K02"),
        ({"fulfilments_agreed": 3}, "QA-K03"),
        ({"rated_periods_close": 1}, "QA-K04"),
    ],
)
def test_it_names_each_rule_that_is_not_satisfied(changes: dict[str, Any], code: str) -> None:
    facts = perfect(**changes)
    assert codes(facts) == {code}
    assert quality.score_agreement(facts, WEIGHTS).score < 100


def test_it_asks_for_each_region_partys_dprd_approval_and_tkksd_review_and_signatory() -> None:
    facts = perfect()
    facts.parties[1].dprd_approved = False
    facts.parties[1].tkksd_approved = False
    facts.parties[0].signatory_title = ""
    findings = {f.code: f for f in quality.score_agreement(facts, WEIGHTS).findings}
    assert set(findings) == {"QA-C04", "QA-C05", "QA-C06"}
    assert findings["QA-C04"].satisfied == 0.5


def test_it_asks_a_ksdpk_for_its_feasibility_study_and_nobody_else() -> None:
    assert codes(perfect(type="KSDPK")) == {"QA-C08"}
    assert codes(perfect(type="KSDPK", has_feasibility_study=True)) == set()
    assert quality.agreement_fractions(perfect(type="KSDPK", stage="persiapan"))["QA-C08"] is None


def test_it_asks_for_no_dprd_approval_where_the_law_requires_none() -> None:
    facts = perfect(dprd_required=False)
    for party in facts.parties:
        party.dprd_approved = False
    assert "QA-C04" not in codes(facts)
    assert quality.agreement_fractions(facts)["QA-C04"] is None


def test_it_asks_a_synergy_for_no_kb_and_no_tkksd_review() -> None:
    facts = perfect(type="SINERGI", has_signed_kb=False)
    for party in facts.parties:
        party.tkksd_approved = False
    assert codes(facts) == set()


def test_a_proposal_in_preparation_needs_no_signed_pks_or_term_yet() -> None:
    facts = perfect(
        stage="persiapan", has_signed_agreement=False, has_signed_kb=False, number="", term_end=None
    )
    for party in facts.parties:
        party.tkksd_approved = False
        party.signed_on = None
    assert codes(facts) == set()


def test_a_missing_date_is_incomplete_not_inconsistent() -> None:
    facts = perfect(term_start=None)
    assert codes(facts) == {"QA-C01"}


def test_a_weight_of_zero_switches_a_rule_off_and_the_setting_is_read() -> None:
    conf = from_mapping({"weight_qa_c02": "0", "rating_gap": "3"})
    assert conf.weights["QA-C02"] == 0 and conf.rating_gap == 3
    assert quality.score_agreement(perfect(has_signed_agreement=False), conf.weights).score == 100
    with pytest.raises(ValueError, match="KERJASAMA_QUALITY_WEIGHT_QA_C01"):
        from_mapping({"weight_qa_c01": "-1"})


def test_the_region_score_weighs_its_duties_and_its_agreements() -> None:
    region = RegionFacts("34.71", "Kota Yogyakarta", "34", True, True, True, 2, 2)
    assert quality.score_region(region, [], WEIGHTS).score == 100
    half = quality.Score(50.0, {"completeness": 50.0}, [])
    score = quality.score_region(region, [half], WEIGHTS, agreements_weight=40)
    # duties 40 points of 40 earned, agreements 20 of 40: 60 of 80.
    assert score.score == 75.0
    assert score.parts["agreements"] == 50.0
    # An unmet duty costs its share of the whole region score: 10 of 80 weight points.
    no_decree = dataclasses.replace(region, decree_in_force=False)
    [finding] = quality.score_region(no_decree, [quality.Score(100.0, {}, [])], WEIGHTS).findings
    assert finding.code == "QA-R03" and finding.lost == 12.5
    assert quality.score_region(no_decree, [quality.Score(100.0, {}, [])], WEIGHTS).score == 87.5
    lazy = RegionFacts("34.71", "Kota Yogyakarta", "34", reports_expected=2)
    assert {f.code for f in quality.score_region(lazy, [], WEIGHTS).findings} == {
        "QA-R01",
        "QA-R02",
        "QA-R03",
        "QA-R04",
    }
    assert quality.score_region(lazy, [], WEIGHTS).score == 0


# --- invariants -------------------------------------------------------------------------------------------

DAY = st.dates(min_value=date(2020, 1, 1), max_value=date(2032, 12, 31))


@st.composite
def parties(draw: Any) -> PartyFacts:
    return PartyFacts(
        party_id=draw(st.integers(1, 10_000)),
        region_code=draw(st.sampled_from(["34.71", "34.04", "34", None])),
        signatory_name=draw(st.sampled_from(["", "Bupati"])),
        signatory_title=draw(st.sampled_from(["", "Bupati Sleman"])),
        tkksd_approved=draw(st.booleans()),
        dprd_approved=draw(st.booleans()),
        signed_on=draw(st.none() | DAY),
    )


@st.composite
def agreements(draw: Any) -> QualityAgreementFacts:
    def pair() -> tuple[int, int]:
        total = draw(st.integers(0, 12))
        return total, draw(st.integers(0, total))

    start = draw(st.none() | DAY)
    end = draw(st.none() | DAY)
    if start and end and end < start:
        start, end = end, start
    monev, dues, obligations, fulfilments, rated = pair(), pair(), pair(), pair(), pair()
    return QualityAgreementFacts(
        pk=1,
        title="x",
        type=draw(st.sampled_from(["KSDD", "KSDPK", "SINERGI"])),
        stage=draw(st.sampled_from(["persiapan", "penawaran", "kb_ditandatangani", "penyusunan_pks",
                                    "pelaksanaan", "berakhir"])),
        dprd_required=draw(st.booleans()),
        number=draw(st.sampled_from(["", "PKS/1"])),
        term_start=start,
        term_end=end,
        has_signed_agreement=draw(st.booleans()),
        has_signed_kb=draw(st.booleans()),
        has_feasibility_study=draw(st.booleans()),
        n_affairs=draw(st.integers(0, 3)),
        parties=draw(st.lists(parties(), max_size=4)),
        monev_expected=monev[0], monev_on_time=monev[1],
        dues_past=dues[0], dues_recorded=dues[1],
        obligations=obligations[0], obligations_in_term=obligations[1],
        fulfilments=fulfilments[0], fulfilments_agreed=fulfilments[1],
        rated_periods=rated[0], rated_periods_close=rated[1],
    )  # fmt: skip


def fix(facts: QualityAgreementFacts, code: str) -> QualityAgreementFacts:
    """What an official does about a finding: record the missing fact, correct the contradiction."""
    a = dataclasses.replace(facts, parties=[dataclasses.replace(p) for p in facts.parties])
    if code == "QA-C01":
        a.number = a.number or "PKS/1"
        signed = [p.signed_on for p in a.parties if p.signed_on]
        a.term_start = a.term_start or (max(signed) if signed else date(2025, 1, 1))
        a.term_end = a.term_end or a.term_start + timedelta(days=365 * 5)
        if a.term_end < a.term_start:  # pragma: no cover - the strategy keeps the term in order
            a.term_end = a.term_start
    elif code == "QA-C02":
        a.has_signed_agreement = True
    elif code == "QA-C03":
        a.has_signed_kb = True
    elif code == "QA-C04":
        for p in a.parties:
            p.dprd_approved = True
    elif code == "QA-C05":
        for p in a.parties:
            p.tkksd_approved = True
    elif code == "QA-C06":
        for p in a.parties:
            p.signatory_name, p.signatory_title = "Kepala Daerah", "Kepala Daerah"
    elif code == "QA-C08":
        a.has_feasibility_study = True
    elif code == "QA-C07":
        a.n_affairs = 1
    elif code == "QA-T01":
        a.monev_on_time = a.monev_expected
    elif code == "QA-T02":
        a.dues_recorded = a.dues_past
    elif code == "QA-K01":
        for p in a.parties:
            p.signed_on = (
                None if p.signed_on is None else min(p.signed_on, a.term_start or a.term_end or p.signed_on)
            )
    elif code == "QA-K02":
        a.obligations_in_term = a.obligations
    elif code == "QA-K03":
        a.fulfilments_agreed = a.fulfilments
    elif code == "QA-K04":
        a.rated_periods_close = a.rated_periods
    return a


@settings(max_examples=300, deadline=None)
@given(agreements(), st.sampled_from(quality.AGREEMENT_RULES))
def test_a_score_lies_in_0_to_100_and_a_fix_never_lowers_it(facts: QualityAgreementFacts, code: str) -> None:
    before = quality.score_agreement(facts, WEIGHTS)
    assert 0 <= before.score <= 100
    assert all(v is None or 0 <= v <= 100 for v in before.parts.values())
    assert all(f.lost >= 0 for f in before.findings)
    after = quality.score_agreement(fix(facts, code), WEIGHTS)
    assert 0 <= after.score <= 100
    assert after.score >= before.score
    assert code not in {f.code for f in after.findings}


@settings(max_examples=100, deadline=None)
@given(
    st.booleans(), st.booleans(), st.booleans(), st.integers(0, 4), st.data(),
    st.lists(st.floats(0, 100), max_size=5),
)  # fmt: skip
def test_a_region_score_lies_in_0_to_100_and_its_own_fix_never_lowers_it(
    reported: bool, verified: bool, decree: bool, expected: int, data: Any, agreement_scores: list[float]
) -> None:
    region = RegionFacts("34.71", "Kota Yogyakarta", "34", reported, verified, decree, expected,
                         data.draw(st.integers(0, expected)))  # fmt: skip
    scores = [quality.Score(s, {}, []) for s in agreement_scores]
    before = quality.score_region(region, scores, WEIGHTS)
    assert 0 <= before.score <= 100
    fixed = dataclasses.replace(
        region, mapping_reported=True, mapping_verified=True, decree_in_force=True,
        reports_on_time=region.reports_expected,
    )  # fmt: skip
    after = quality.score_region(fixed, scores, WEIGHTS)
    assert after.score >= before.score
    assert not [f for f in after.findings if f.code.startswith("QA-R")]
