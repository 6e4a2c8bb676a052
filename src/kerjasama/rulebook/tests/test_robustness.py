"""House rule 1 and 6: a rule never raises for a legal violation, and bad input only ever raises
``PlanInputError`` with a documented code."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kerjasama.rulebook import (
    PLAN_INPUT_ERROR_CODES,
    AgreementState,
    DisputeCase,
    DocumentFact,
    PlanInputError,
    TakeoverCase,
    check_plan,
    run,
)
from kerjasama.rulebook.stages import available_actions, table_for
from kerjasama.rulebook.subjects import CATEGORIES, KSDD_TERMINATION_GROUNDS, PLAN_TYPES
from kerjasama.rulebook.tests.fixtures import CTX, REF

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
codes = st.sampled_from([*REF.regions, "34.99", "3471", "", "1.03"])
affair_codes = st.sampled_from(["1.03", "2.07", "3.29", "4.01", "9.99", "1.3", "x"])
plan_like = st.fixed_dictionaries(
    {},
    optional={
        "type": st.sampled_from([*PLAN_TYPES, "ksdd"]) | json_values,
        "category": st.sampled_from(CATEGORIES) | json_values,
        "parties": st.lists(codes, max_size=4) | json_values,
        "third_party": st.fixed_dictionaries(
            {"kind": st.sampled_from(["bumd", "ormas", "x"]), "name": st.text()}
        )
        | json_values,
        "affairs": st.lists(affair_codes, max_size=3) | json_values,
        "justification": st.fixed_dictionaries(
            {}, optional={"externality": st.booleans(), "efficiency": st.booleans()}
        )
        | json_values,
        "burdens_public": st.booleans() | json_values,
        "budgeted_in_apbd": st.booleans() | json_values,
        "feasibility_study": st.booleans() | json_values,
        "term_years": st.floats(allow_nan=False) | st.integers() | json_values,
    },
)


def _outcome(payload: Any) -> None:
    try:
        result = check_plan(payload, REF)
    except PlanInputError as exc:
        assert exc.code in PLAN_INPUT_ERROR_CODES
        return
    assert result["valid"] == all(f["severity"] != "error" for f in result["findings"])


@given(json_values)
def test_it_answers_any_json_value_with_a_result_or_an_input_error(value: Any) -> None:
    _outcome(json.dumps(value))


@given(plan_like)
def test_it_answers_any_plan_shaped_object_with_a_result_or_an_input_error(payload: dict[str, Any]) -> None:
    _outcome(payload)


@given(st.text(max_size=40) | st.binary(max_size=40))
def test_it_answers_any_text_with_a_result_or_an_input_error(text: str | bytes) -> None:
    _outcome(text)


def test_it_rejects_absurd_numbers_and_nesting_as_input_errors() -> None:
    base = '{"type": "KSDD", "parties": ["34.71", "34.04"], "term_years": %s}'
    for raw in (base % ("9" * 400), base % "1e999", "[" * 100_000 + "]" * 100_000):
        _outcome(raw)


documents = st.builds(
    DocumentFact,
    kind=st.sampled_from(
        ["kajian_tkksd", "studi_kelayakan", "penawaran", "kb", "persetujuan_dprd", "pks", "nk"]
    ),
    signed=st.booleans(),
    signatory_role=st.sampled_from([None, "kepala_daerah", "pejabat_dikuasakan", "kepala_opd"]),
    surat_kuasa=st.booleans(),
    parties=st.frozensets(codes, max_size=3),
    on=st.none() | st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    issuer=st.none() | codes,
)


@given(
    st.sampled_from(PLAN_TYPES),
    st.lists(codes, max_size=4),
    st.sampled_from([None, *CATEGORIES]),
    st.lists(documents, max_size=6),
    st.booleans(),
    st.sampled_from([None, "pergantian_kepala_daerah", "wanprestasi", *KSDD_TERMINATION_GROUNDS]),
    st.sampled_from(["persiapan", "penawaran", "pelaksanaan", "berakhir", "penyusunan_pks"]),
)
def test_it_never_raises_on_any_agreement_record(
    kind: str,
    parties: list[str],
    category: Any,
    docs: list[DocumentFact],
    dprd: bool,
    ground: str | None,
    stage: str,
) -> None:
    state = AgreementState(
        type=kind,  # type: ignore[arg-type]
        parties=tuple(parties),
        stage=stage,
        category=category,
        documents=tuple(docs),
        dprd_approval_required=dprd,
        termination_ground=ground,
        secretariat_recorded=True,
    )
    for finding in run(state, CTX):
        assert finding.severity in ("error", "warning", "info")
    table = table_for(kind)
    if stage in {s.id for s in table.stages}:
        available_actions(table, state, CTX)


@given(
    st.sampled_from(["KSDD", "KSDPK", "KSDPL", "SINERGI"]),
    st.lists(codes, max_size=3),
    st.lists(
        st.sampled_from(["musyawarah", "gubernur", "menteri", "klausul_perjanjian", "negosiasi_konsultasi"])
    ),
    st.booleans(),
)
def test_it_never_raises_on_any_dispute_or_takeover_record(
    kind: str, parties: list[str], steps: list[str], flag: bool
) -> None:
    run(DisputeCase(kind, tuple(parties), tuple(steps), governor_unable=flag, decision_final=flag), CTX)  # type: ignore[arg-type]
    run(TakeoverCase(tuple(parties), "gwpp" if flag else "pusat", cost_basis="dau_dbh"), CTX)
