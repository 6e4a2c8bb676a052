"""Every rule R1-R34 has a case it passes and a case it fails (REGULATIONS.md section 5).

"Passes" means the rule reports no error and no warning for the subject; "fails" means it reports at least
one finding of the expected severity. Each case is built from a lawful baseline bent in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pytest

from kerjasama.rulebook.facts import RegionFact
from kerjasama.rulebook.findings import Severity
from kerjasama.rulebook.reference import ReferenceData
from kerjasama.rulebook.rules import RULES, run_rule
from kerjasama.rulebook.rules.base import RuleContext
from kerjasama.rulebook.settings import RulebookSettings
from kerjasama.rulebook.subjects import (
    DisputeCase,
    DocumentFact,
    ForeignCooperationState,
    ForeignStep,
    TakeoverCase,
    ThirdParty,
)
from kerjasama.rulebook.tests.builders import (
    agreement,
    ksdd_documents,
    ksdpk_agreement,
    plan,
    sinergi_agreement,
    with_doc,
    without,
)
from kerjasama.rulebook.tests.fixtures import ADJACENCY, AFFAIRS, CTX, REF, REGIONS


@dataclass(frozen=True)
class Case:
    passing: Any
    failing: Any
    severity: Severity = "error"
    ctx: RuleContext = CTX


def _national_ref() -> ReferenceData:
    """38 provinces, 416 kabupaten and 98 kota with well-formed codes (the counts of R2)."""
    regions: list[RegionFact] = []
    provinces = [f"{n:02d}" for n in range(11, 49)]
    for p in provinces:
        regions.append(RegionFact(p, f"Provinsi {p}", "provinsi", "provinsi", p))
    kab = [(p, k) for p in provinces for k in range(1, 12)][:416]
    kota = [(p, k) for p in provinces for k in range(71, 74)][:98]
    regions += [RegionFact(f"{p}.{k:02d}", f"Kab {p}.{k:02d}", "kabkota", "kabupaten", p) for p, k in kab]
    regions += [RegionFact(f"{p}.{k:02d}", f"Kota {p}.{k:02d}", "kabkota", "kota", p) for p, k in kota]
    return ReferenceData(regions, (), AFFAIRS)


def _misfiled_ref() -> ReferenceData:
    """Kota Yogyakarta registered under Jawa Tengah: its code says DI Yogyakarta (R5)."""
    regions = [replace(r, province_code="33") if r.code == "34.71" else r for r in REGIONS]
    return ReferenceData(regions, ADJACENCY, AFFAIRS)


D = date
FOREIGN_IN_ORDER = ForeignCooperationState(
    (
        ForeignStep("permohonan_dprd", D(2025, 1, 6)),
        ForeignStep("persetujuan_dprd", D(2025, 2, 10)),
        ForeignStep("verifikasi_menteri", D(2025, 3, 3)),
        ForeignStep("persetujuan_naskah", D(2025, 4, 7)),
        ForeignStep("konfirmasi_kemlu", D(2025, 5, 5)),
        ForeignStep("penandatanganan", D(2025, 6, 2)),
    )
)
FOREIGN_SIGNED_EARLY = ForeignCooperationState(
    (
        ForeignStep("permohonan_dprd"),
        ForeignStep("persetujuan_dprd"),
        ForeignStep("verifikasi_menteri"),
        ForeignStep("penandatanganan"),
    )
)
TAKEOVER_OK = TakeoverCase(
    ("32.73", "32.04"),
    taken_over_by="gwpp",
    gwpp_region="32",
    pembinaan_done=True,
    evaluation_done=True,
    minister_approval=True,
    cost_basis="apbd",
)

CASES: dict[str, Case] = {
    "R1": Case(plan(), plan(parties=("34.71", "34.99"))),
    "R2": Case(_national_ref(), REF),
    "R3": Case(plan(), plan(parties=("31.71", "32.75"), category="sukarela")),
    "R4": Case(agreement(), agreement(parties=("34.71", "34.71"))),
    "R5": Case(REF, _misfiled_ref()),
    "R6": Case(agreement(), agreement(category=None)),
    "R7": Case(plan(), plan(parties=("34.71", "33.74"))),
    "R8": Case(plan(), plan(parties=("33", "34.04")), "warning"),
    "R9": Case(plan(), plan(externality=False, efficiency=False)),
    "R10": Case(plan(), plan(affairs=("4.01",))),
    "R11": Case(plan(), plan(affairs=("3.29",))),
    "R12": Case(agreement(), agreement(lawful_object_attested=False)),
    "R13": Case(
        agreement(dprd_approval_required=True, documents=ksdd_documents(with_dprd=True)),
        agreement(dprd_approval_required=True),
    ),
    "R14": Case(agreement(), without(agreement(), "kb")),
    "R15": Case(agreement(), with_doc(agreement(), "kb", signatory_role="kepala_opd")),
    "R16": Case(agreement(), with_doc(agreement(), "penawaran", signatory_role="kepala_opd")),
    "R17": Case(
        plan(
            type="KSDPK",
            parties=("34.71",),
            category=None,
            feasibility_study=True,
            third_party=ThirdParty("bumd", "PDAM Tirtamarta"),
        ),
        plan(
            type="KSDPK",
            parties=("34.71",),
            category=None,
            feasibility_study=False,
            third_party=ThirdParty("bumd", "PDAM Tirtamarta"),
        ),
    ),
    "R18": Case(sinergi_agreement(), without(sinergi_agreement(), "rencana_kerja")),
    "R19": Case(agreement(), agreement(term_years=None)),
    "R20": Case(FOREIGN_IN_ORDER, FOREIGN_SIGNED_EARLY),
    "R21": Case(agreement(), agreement(tkksd_formed=False)),
    "R22": Case(
        DisputeCase("KSDPK", ("34.71",), ("musyawarah", "klausul_perjanjian")),
        DisputeCase("KSDPK", ("34.71",), ("klausul_perjanjian",)),
    ),
    "R23": Case(
        DisputeCase("KSDD", ("32.73", "32.04"), ("musyawarah", "gubernur"), decision_region="32"),
        DisputeCase("KSDD", ("32.73", "32.04"), ("musyawarah", "menteri")),
    ),
    "R24": Case(
        DisputeCase("KSDD", ("34", "33"), ("musyawarah", "menteri"), decision_final=True),
        DisputeCase("KSDD", ("34", "33"), ("musyawarah", "gubernur")),
    ),
    "R25": Case(
        DisputeCase("KSDD", ("32.73", "32.04"), ("musyawarah",)),
        DisputeCase("KSDD", ("33.08", "34.04"), ("musyawarah",)),
        "warning",
    ),
    "R26": Case(
        DisputeCase("KSDPK", ("34.71",), ("musyawarah", "klausul_perjanjian")),
        DisputeCase("KSDPK", ("34.71",), ("musyawarah", "gubernur")),
    ),
    "R27": Case(
        ksdpk_agreement(),
        with_doc(ksdpk_agreement(), "pks", clauses=frozenset({"hak_kewajiban", "jangka_waktu"})),
    ),
    "R28": Case(TAKEOVER_OK, replace(TAKEOVER_OK, taken_over_by="pusat", minister_approval=False)),
    "R29": Case(
        agreement(stage="berakhir", termination_ground="tujuan_tercapai"),
        agreement(stage="berakhir", termination_ground="pergantian_kepala_daerah"),
    ),
    "R30": Case(agreement(), agreement(parties=("33.08", "34.04")), "warning"),
    "R31": Case(RulebookSettings(), RulebookSettings(foreign_dprd_days=30), "warning"),
    "R32": Case(agreement(), agreement(in_development_plan=False)),
    "R33": Case(
        agreement(secretariat_recorded=True, continuous=True, parties=("34.71", "34.04", "34.02")),
        agreement(secretariat_recorded=True, continuous=True, category="sukarela"),
    ),
    "R34": Case(
        DisputeCase("KSDD", ("32.73", "32.04"), ("musyawarah", "gubernur"), decision_region="32"),
        DisputeCase("SINERGI", ("34",), ("klausul_perjanjian", "menteri"), decision_final=True),
    ),
}


def test_it_has_a_pass_and_fail_case_for_every_rule() -> None:
    assert sorted(CASES, key=lambda r: int(r[1:])) == [r.id for r in RULES]
    assert [r.id for r in RULES] == [f"R{n}" for n in range(1, 35)]


@pytest.mark.parametrize("rule_id", list(CASES))
def test_it_passes_the_lawful_case(rule_id: str) -> None:
    case = CASES[rule_id]
    findings = run_rule(rule_id, case.passing, case.ctx)
    assert [f for f in findings if f.severity in ("error", "warning")] == []


@pytest.mark.parametrize("rule_id", list(CASES))
def test_it_fails_the_unlawful_case(rule_id: str) -> None:
    case = CASES[rule_id]
    findings = run_rule(rule_id, case.failing, case.ctx)
    assert any(f.severity == case.severity for f in findings), findings
    assert all(f.rule == rule_id and f.message_id and f.message_en and f.basis for f in findings)


def test_it_reports_a_change_of_head_of_region_as_no_ground() -> None:
    findings = run_rule("R29", CASES["R29"].failing, CTX)
    assert "Pasal 9(2)" in findings[0].basis


def test_it_accepts_a_pks_on_the_day_after_the_kb_but_not_before() -> None:
    early = with_doc(agreement(), "pks", on=date(2025, 1, 31))
    assert any("before the KB" in f.message_en for f in run_rule("R14", early, CTX))


def test_it_rejects_a_pks_between_other_parties_than_the_kb() -> None:
    state = with_doc(agreement(), "kb", parties=frozenset({"34.71", "34.02"}))
    assert [f.severity for f in run_rule("R14", state, CTX)] == ["error"]


def test_it_requires_a_surat_kuasa_for_a_delegated_pks_signatory() -> None:
    state = with_doc(agreement(), "pks", surat_kuasa=False)
    assert [f.severity for f in run_rule("R15", state, CTX)] == ["error"]


def test_it_lets_a_delegated_official_sign_a_kb_only_when_configured() -> None:
    state = with_doc(agreement(), "kb", signatory_role="pejabat_dikuasakan", surat_kuasa=True)
    assert run_rule("R15", state, CTX)
    relaxed = RuleContext(REF, RulebookSettings(kb_signatory_head_only=False))
    assert run_rule("R15", state, relaxed) == []


def test_it_requires_the_tkksd_review_before_the_offer() -> None:
    late_review = with_doc(agreement(), "kajian_tkksd", on=date(2025, 1, 13))
    messages = [f.message_en for f in run_rule("R16", late_review, CTX)]
    assert any("TKKSD review" in m for m in messages)
    off = RuleContext(REF, RulebookSettings(require_tkksd_review=False))
    assert run_rule("R16", late_review, off) == []


def test_it_warns_about_a_missing_copy_recipient_of_the_offer() -> None:
    state = with_doc(agreement(), "penawaran", copies_to=frozenset({"menteri_dalam_negeri"}))
    findings = run_rule("R16", state, CTX)
    assert [f.severity for f in findings] == ["warning"]
    assert "gubernur:34" in findings[0].message_en


def test_it_requires_the_pasal_18_criteria_for_a_third_party_initiative() -> None:
    state = ksdpk_agreement(third_party_initiated=True)
    assert any("Pasal 18" in f.message_en for f in run_rule("R17", state, CTX))
    complete = ksdpk_agreement(
        third_party_initiated=True,
        initiative_criteria=frozenset(
            {"terintegrasi_rencana_induk", "layak_ekonomi_finansial", "kemampuan_keuangan_pemrakarsa"}
        ),
    )
    assert run_rule("R17", complete, CTX) == []


def test_it_requires_a_study_before_a_ksdpk_leaves_preparation() -> None:
    state = without(ksdpk_agreement(), "studi_kelayakan")
    assert [f.severity for f in run_rule("R17", state, CTX)] == ["error"]


def test_it_warns_when_a_synergy_uses_a_pks() -> None:
    state = replace(
        sinergi_agreement(),
        documents=(
            *sinergi_agreement().documents,
            DocumentFact("pks", signed=True, signatory_role="kepala_daerah"),
        ),
    )
    assert [f.severity for f in run_rule("R18", state, CTX)] == ["warning"]


def test_it_applies_the_local_term_cap_only_when_configured() -> None:
    long_term = agreement(term_years=10.0)
    assert run_rule("R19", long_term, CTX) == []
    warn = RuleContext(REF, RulebookSettings(max_pks_term_years=5, max_pks_term_mode="warn"))
    error = RuleContext(REF, RulebookSettings(max_pks_term_years=5, max_pks_term_mode="error"))
    assert [f.severity for f in run_rule("R19", long_term, warn)] == ["warning"]
    assert [f.severity for f in run_rule("R19", long_term, error)] == ["error"]
    assert run_rule("R19", agreement(term_years=5.0), error) == []


def test_it_warns_when_the_dprd_takes_longer_than_45_working_days_for_foreign_cooperation() -> None:
    late = ForeignCooperationState(
        (ForeignStep("permohonan_dprd", D(2025, 1, 6)), ForeignStep("persetujuan_dprd", D(2025, 4, 30)))
    )
    findings = run_rule("R20", late, CTX)
    assert [f.severity for f in findings] == ["warning"]


def test_it_lets_the_minister_take_over_a_same_province_dispute_the_governor_could_not_settle() -> None:
    case = DisputeCase(
        "KSDD", ("32.73", "32.04"), ("musyawarah", "gubernur", "menteri"), governor_unable=True
    )
    assert run_rule("R23", case, CTX) == []


def test_it_refuses_to_mark_the_governors_decision_final() -> None:
    case = DisputeCase("KSDD", ("32.73", "32.04"), ("musyawarah", "gubernur"), decision_final=True)
    assert any("final" in f.message_en for f in run_rule("R23", case, CTX))


def test_it_requires_musyawarah_before_a_ksdd_escalation_only_when_configured() -> None:
    case = DisputeCase("KSDD", ("32.73", "32.04"), ("gubernur",))
    assert [f.severity for f in run_rule("R22", case, CTX)] == ["error"]
    off = RuleContext(REF, RulebookSettings(require_ksdd_musyawarah_step=False))
    assert run_rule("R22", case, off) == []


def test_it_requires_negotiation_first_in_a_foreign_dispute() -> None:
    assert run_rule("R22", DisputeCase("KSDPL", ("34",), ("negosiasi_konsultasi",)), CTX) == []
    assert run_rule("R22", DisputeCase("KSDPL", ("34",), ("menteri",)), CTX)


def test_it_needs_the_ministers_approval_for_a_governor_takeover() -> None:
    case = replace(TAKEOVER_OK, minister_approval=False)
    assert any("Minister's approval" in f.message_en for f in run_rule("R28", case, CTX))


def test_it_charges_a_takeover_to_the_apbd_not_dau_dbh() -> None:
    case = replace(TAKEOVER_OK, cost_basis="dau_dbh")
    assert any("APBD" in f.message_en for f in run_rule("R28", case, CTX))


def test_it_flags_a_cross_province_takeover_for_legal_review() -> None:
    case = TakeoverCase(("33.08", "34.04"), "pusat", None, True, True, False, "apbd")
    assert [f.severity for f in run_rule("R28", case, CTX)] == ["warning"]


def test_it_accepts_the_ksdpk_only_termination_grounds_only_for_ksdpk() -> None:
    bankrupt = {"stage": "berakhir", "termination_ground": "pihak_ketiga_pailit"}
    assert run_rule("R29", ksdpk_agreement(**bankrupt), CTX) == []
    assert run_rule("R29", agreement(**bankrupt), CTX)


def test_it_requires_a_ground_for_an_ended_agreement() -> None:
    assert run_rule("R29", agreement(stage="berakhir"), CTX)


def test_it_accepts_a_lawful_exception_to_the_development_plan() -> None:
    state = agreement(in_development_plan=False, development_plan_exception="darurat")
    assert [f.severity for f in run_rule("R32", state, CTX)] == ["info"]


def test_it_warns_when_the_development_plan_link_is_unrecorded() -> None:
    assert [f.severity for f in run_rule("R32", agreement(in_development_plan=None), CTX)] == ["warning"]


def test_it_rejects_a_secretariat_for_a_short_simple_cooperation() -> None:
    state = agreement(secretariat_recorded=True, continuous=True, term_years=3.0)
    message = run_rule("R33", state, CTX)[0].message_en
    assert "low complexity" in message and "term under 5 years" in message


def test_it_reports_configured_unverified_deadlines_as_local_policy() -> None:
    findings = run_rule("R31", RulebookSettings(offer_reply_days=14), CTX)
    assert [f.severity for f in findings] == ["info"]
    assert "offer_reply_days" in findings[0].message_en


def test_it_checks_the_ksdd_pks_clause_list_with_the_configured_severity() -> None:
    state = with_doc(agreement(), "pks", clauses=frozenset({"objek"}))
    assert [f.severity for f in run_rule("R27", state, CTX)] == ["warning"]
    strict = RuleContext(REF, RulebookSettings(ksdd_pks_clauses_severity="error"))
    assert [f.severity for f in run_rule("R27", state, strict)] == ["error"]
    off = RuleContext(REF, RulebookSettings(ksdd_pks_clauses_severity="off"))
    assert run_rule("R27", state, off) == []


def test_it_checks_region_code_shapes_in_the_reference_data() -> None:
    bad = [*REGIONS, RegionFact("34.70", "Kota Fiktif", "kabkota", "kota", "34")]
    ref = ReferenceData(bad, ADJACENCY, AFFAIRS)
    findings = run_rule("R1", ref, CTX)
    assert [f.severity for f in findings] == ["error"] and "34.70" in findings[0].message_en


def test_it_flags_every_synergy_dispute_with_the_configured_target_and_the_dpod_note() -> None:
    case = DisputeCase("SINERGI", ("34",), ("klausul_perjanjian", "menteri"))
    findings = run_rule("R34", case, CTX)
    assert [f.severity for f in findings] == ["warning", "info"]
    assert "facilitation" in findings[0].message_en and "legal review" in findings[0].message_en
    assert "DPOD" in findings[1].message_en and findings[1].basis == "UU 23/2014 Pasal 396(2) huruf d, 397"
    agreement_only = RuleContext(REF, RulebookSettings(synergy_dispute_authority="perjanjian"))
    assert "dokumen kesepakatan" in run_rule("R34", case, agreement_only)[0].message_en


def test_it_explains_the_synergy_dispute_path_on_a_plan_without_blocking_it() -> None:
    findings = run_rule("R34", plan(type="SINERGI", parties=("34",), category=None), CTX)
    assert [f.severity for f in findings] == ["info", "info"]
    assert run_rule("R34", plan(), CTX) == []
