"""Stage tables: structure, guards, the no-skip property and deadlines in working days."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kerjasama.rulebook.rules.base import RuleContext
from kerjasama.rulebook.settings import RulebookSettings
from kerjasama.rulebook.stages import (
    TABLES,
    StageTable,
    available_actions,
    compute_deadline,
    deadline_rules,
    evaluate,
    table_for,
)
from kerjasama.rulebook.subjects import AgreementState, DocumentFact, ThirdParty
from kerjasama.rulebook.tests.builders import (
    agreement,
    ksdd_documents,
    ksdpk_agreement,
    sinergi_agreement,
    without,
)
from kerjasama.rulebook.tests.fixtures import CTX, REF


def _all_paths(table: StageTable) -> list[list[str]]:
    """Every path from the initial stage, ignoring guards and conditions (the tables are small DAGs)."""
    paths: list[list[str]] = []

    def walk(path: list[str]) -> None:
        assert len(path) <= len(table.stages), f"cycle in {table.kind}: {path}"
        out = table.outgoing(path[-1])
        if not out:
            paths.append(path)
        for t in out:
            walk([*path, t.target])

    walk([table.initial])
    return paths


@pytest.mark.parametrize("kind", list(TABLES))
def test_it_ends_every_path_in_a_terminal_state(kind: str) -> None:
    table = TABLES[kind]
    paths = _all_paths(table)
    assert paths
    assert all(path[-1] in table.terminal_ids() for path in paths)
    for stage in table.stages:
        assert bool(table.outgoing(stage.id)) != stage.terminal, stage.id


@given(st.sampled_from(list(TABLES)), st.lists(st.integers(min_value=0, max_value=99), max_size=20))
def test_it_reaches_a_terminal_state_on_any_random_walk(kind: str, choices: list[int]) -> None:
    table = TABLES[kind]
    stage = table.initial
    for step in range(len(table.stages)):
        if stage in table.terminal_ids():
            break
        out = table.outgoing(stage)
        stage = out[(choices[step] if step < len(choices) else 0) % len(out)].target
    assert stage in table.terminal_ids()


# Records are mostly present, so that many generated agreements can reach implementation and the no-skip
# property is exercised, not vacuously true.
_mostly_true = st.integers(min_value=0, max_value=9).map(lambda n: n > 0)
_OPTIONAL_DOCS = ("kajian_tkksd", "studi_kelayakan", "penawaran", "kb", "persetujuan_dprd", "pks")


def _build_state(kind: str, present: tuple[bool, ...], dprd: bool, tkksd: bool, term: bool) -> AgreementState:
    """An agreement at the start of its table holding the records flagged in ``present``."""
    base = agreement() if kind == "KSDD" else ksdpk_agreement()
    docs = [*ksdd_documents(with_dprd=True), DocumentFact("studi_kelayakan", on=date(2025, 1, 2))]
    kept = tuple(d for d in docs if present[_OPTIONAL_DOCS.index(d.kind)])
    if kind == "KSDPK":
        clauses = ksdpk_agreement().docs("pks")[0].clauses
        kept = tuple(replace(d, clauses=clauses) if d.kind == "pks" else d for d in kept)
    return replace(
        base,
        stage="persiapan",
        documents=kept,
        dprd_approval_required=dprd,
        tkksd_formed=tkksd,
        term_years=5.0 if term else None,
        termination_ground="tujuan_tercapai",
    )


_states = st.builds(
    _build_state,
    st.sampled_from(["KSDD", "KSDPK"]),
    st.tuples(*[_mostly_true] * len(_OPTIONAL_DOCS)),
    st.booleans(),
    _mostly_true,
    _mostly_true,
)
# The whole fact space is small (2 kinds x 2**6 record sets x 2**3 flags); it is also checked exhaustively.
_ALL_STATES = [
    _build_state(kind, present, dprd, tkksd, term)
    for kind in ("KSDD", "KSDPK")
    for present in product((True, False), repeat=len(_OPTIONAL_DOCS))
    for dprd, tkksd, term in product((True, False), repeat=3)
]


def _allowed_paths(state: AgreementState) -> list[list[str]]:
    """Every path the guards allow from ``state`` (depth-first; the tables are small DAGs)."""
    table = table_for(state.type)
    paths: list[list[str]] = []

    def walk(current: AgreementState, path: list[str]) -> None:
        assert len(path) <= len(table.stages)
        actions = available_actions(table, current, CTX)
        if not actions:
            paths.append(path)
        for action in actions:
            result = evaluate(table, current, action, CTX)
            assert result.allowed and result.target is not None
            walk(replace(current, stage=result.target), [*path, result.target])

    walk(state, [state.stage])
    return paths


def _assert_no_skipped_stage(state: AgreementState) -> None:
    table = table_for(state.type)
    required = table.required_ids(state)
    for path in _allowed_paths(state):
        if table.active not in path:
            continue
        assert set(required) <= set(path), (required, path)
        positions = [path.index(s) for s in required]
        assert positions == sorted(positions), (required, path)
        # Reaching implementation means the records the guards demand were there.
        assert state.signed("kb") and state.signed("pks") and state.tkksd_formed
        if state.dprd_approval_required:
            assert "menunggu_dprd" in path and state.has("persetujuan_dprd")
        if state.type == "KSDPK":
            assert state.has("studi_kelayakan")


@given(_states)
def test_it_never_skips_a_required_stage(state: AgreementState) -> None:
    _assert_no_skipped_stage(state)


def test_it_never_skips_a_required_stage_for_any_combination_of_records() -> None:
    reached = 0
    for state in _ALL_STATES:
        _assert_no_skipped_stage(state)
        reached += any(table_for(state.type).active in p for p in _allowed_paths(state))
    assert reached  # some combinations do reach implementation: the property is not vacuous


@given(st.sampled_from(["KSDD", "KSDPK"]), st.booleans())
def test_it_always_finishes_when_every_record_is_in_order(kind: str, dprd: bool) -> None:
    base = agreement(documents=ksdd_documents(with_dprd=True)) if kind == "KSDD" else ksdpk_agreement()
    if kind == "KSDPK":
        base = replace(
            base, documents=(*base.documents, DocumentFact("persetujuan_dprd", on=date(2025, 2, 20)))
        )
    state = replace(
        base, stage="persiapan", dprd_approval_required=dprd, termination_ground="tujuan_tercapai"
    )
    paths = _allowed_paths(state)
    table = table_for(kind)
    assert all(path[-1] in table.terminal_ids() for path in paths)
    assert any(path[-1] == "berakhir" for path in paths)


def test_it_blocks_the_pks_before_the_kb() -> None:
    state = replace(without(agreement(), "kb"), stage="penyusunan_pks")
    result = evaluate(TABLES["KSDD"], state, "tandatangani_pks", CTX)
    assert not result.allowed
    assert "R14" in {f.rule for f in result.findings if f.severity == "error"}


def test_it_blocks_the_pks_before_the_dprd_approval_when_required() -> None:
    state = replace(agreement(), stage="penyusunan_pks", dprd_approval_required=True)
    result = evaluate(TABLES["KSDD"], state, "tandatangani_pks", CTX)
    assert not result.allowed
    assert "R13" in {f.rule for f in result.findings}


def test_it_routes_through_the_dprd_when_approval_is_required() -> None:
    state = replace(agreement(), stage="kb_ditandatangani", dprd_approval_required=True)
    assert available_actions(TABLES["KSDD"], state, CTX) == ["ajukan_dprd", "batalkan"]
    skipped = evaluate(TABLES["KSDD"], state, "susun_pks", CTX)
    assert not skipped.allowed and skipped.findings[0].rule == "STAGE"
    waiting = replace(state, stage="menunggu_dprd")
    assert not evaluate(TABLES["KSDD"], waiting, "setujui_dprd", CTX).allowed
    approved = replace(waiting, documents=ksdd_documents(with_dprd=True))
    assert evaluate(TABLES["KSDD"], approved, "setujui_dprd", CTX).target == "penyusunan_pks"


def test_it_goes_straight_to_the_pks_when_no_approval_is_required() -> None:
    state = replace(agreement(), stage="kb_ditandatangani")
    assert available_actions(TABLES["KSDD"], state, CTX) == ["susun_pks", "batalkan"]


def test_it_keeps_a_ksdpk_in_preparation_without_a_feasibility_study() -> None:
    state = replace(without(ksdpk_agreement(), "studi_kelayakan"), stage="persiapan")
    result = evaluate(TABLES["KSDPK"], state, "kirim_penawaran", CTX)
    assert not result.allowed
    assert {f.rule for f in result.findings if f.severity == "error"} == {"R17"}
    assert evaluate(
        TABLES["KSDPK"], replace(ksdpk_agreement(), stage="persiapan"), "kirim_penawaran", CTX
    ).allowed


def test_it_requires_the_tkksd_review_before_the_offer() -> None:
    state = replace(without(agreement(), "kajian_tkksd"), stage="persiapan")
    result = evaluate(TABLES["KSDD"], state, "kirim_penawaran", CTX)
    assert not result.allowed and "R16" in {f.rule for f in result.findings}
    no_team = replace(agreement(), stage="persiapan", tkksd_formed=False)
    assert "R21" in {f.rule for f in evaluate(TABLES["KSDD"], no_team, "kirim_penawaran", CTX).findings}


def test_it_requires_an_nk_with_a_work_plan_for_synergy() -> None:
    ready = replace(sinergi_agreement(), stage="penyusunan_nk")
    assert evaluate(TABLES["SINERGI"], ready, "tandatangani_nk", CTX).allowed
    result = evaluate(TABLES["SINERGI"], without(ready, "rencana_kerja"), "tandatangani_nk", CTX)
    assert not result.allowed and result.findings[0].rule == "R18"
    relaxed = RuleContext(REF, RulebookSettings(sinergi_require_work_plan=False))
    assert evaluate(TABLES["SINERGI"], without(ready, "rencana_kerja"), "tandatangani_nk", relaxed).allowed


def test_it_ends_an_agreement_only_on_a_lawful_ground() -> None:
    active = agreement()
    assert not evaluate(TABLES["KSDD"], active, "akhiri", CTX).allowed
    wrong = replace(active, termination_ground="pergantian_kepala_daerah")
    assert not evaluate(TABLES["KSDD"], wrong, "akhiri", CTX).allowed
    lawful = replace(active, termination_ground="jangka_waktu_berakhir")
    assert evaluate(TABLES["KSDD"], lawful, "akhiri", CTX).target == "berakhir"


def test_it_orders_foreign_cooperation_as_pasal_29_to_33() -> None:
    table = table_for("KSDLL")
    path = [table.initial]
    state = AgreementState("KSDD", ("34",), stage=table.initial)
    while actions := [a for a in available_actions(table, state, CTX) if a not in ("batalkan", "tolak_dprd")]:
        state = replace(state, stage=evaluate(table, state, actions[0], CTX).target or "")
        path.append(state.stage)
    assert path == [
        "persiapan",
        "menunggu_dprd",
        "verifikasi_menteri",
        "pembahasan_naskah",
        "konfirmasi_kemlu",
        "siap_ditandatangani",
        "pelaksanaan",
        "berakhir",
    ]


def test_it_gives_no_deadline_for_an_unset_parameter() -> None:
    (rule,) = deadline_rules(TABLES["KSDD"], "penawaran")
    assert compute_deadline(rule, date(2025, 1, 10), RulebookSettings()) is None


def test_it_counts_a_configured_deadline_in_working_days() -> None:
    (rule,) = deadline_rules(TABLES["KSDD"], "penawaran")
    deadline = compute_deadline(rule, date(2025, 3, 26), RulebookSettings(offer_reply_days=5))
    assert deadline is not None
    # 27 Mar (Thu) 1; 28 Mar (Fri) 2; weekend; 31 Mar and 1 Apr Idul Fitri; 2, 3, 4 Apr -> 3, 4, 5.
    assert deadline.due == date(2025, 4, 4)
    with_leave = RulebookSettings(offer_reply_days=5, joint_leave_days=(date(2025, 4, 2), date(2025, 4, 3)))
    later = compute_deadline(rule, date(2025, 3, 26), with_leave)
    assert later is not None and later.due == date(2025, 4, 8)


def test_it_gives_the_foreign_dprd_its_verified_45_working_days() -> None:
    (rule,) = deadline_rules(table_for("KSDPL"), "menunggu_dprd")
    deadline = compute_deadline(rule, date(2025, 1, 6), RulebookSettings())
    assert deadline is not None and deadline.days == 45 and deadline.rule == "R20"
    assert deadline.due > date(2025, 3, 7)  # 45 weekdays would be 10 March; holidays push it later


def test_it_runs_the_kb_to_pks_clock_through_the_dprd_stage() -> None:
    names = {r.name for r in deadline_rules(TABLES["KSDD"], "menunggu_dprd")}
    assert names == {"kb_ke_pks", "keputusan_dprd"}


def test_it_answers_an_unavailable_action_with_a_stage_finding() -> None:
    result = evaluate(TABLES["KSDD"], agreement(stage="persiapan"), "tandatangani_pks", CTX)
    assert (result.allowed, result.target) == (False, None)
    assert result.findings[0].rule == "STAGE" and "kirim_penawaran" in result.findings[0].message_en


def test_it_builds_a_ksdpk_with_the_third_party_among_the_bound_parties() -> None:
    state = ksdpk_agreement(third_party=ThirdParty("koperasi", "KUD Makmur"))
    assert state.party_set() == frozenset({"34.71", "KUD Makmur"})
