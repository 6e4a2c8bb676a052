"""Bad plan input raises ``PlanInputError`` with a stable code; every code is exercised here."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kerjasama.rulebook import PLAN_INPUT_ERROR_CODES, PlanInputError, parse_plan
from kerjasama.rulebook.tests.fixtures import REF

OK: dict[str, Any] = {"type": "KSDD", "category": "wajib", "parties": ["34.71", "34.04"], "affairs": ["1.03"]}
KSDPK: dict[str, Any] = {
    "type": "KSDPK",
    "parties": ["34.71"],
    "third_party": {"kind": "bumd", "name": "PDAM"},
}

# (code, field, raw input)
BAD: list[tuple[str, str | None, Any]] = [
    ("input.malformed_json", None, '{"type": "KSDD",'),
    ("input.malformed_json", None, '{"type": "KSDD", "parties": ["34.71", "34.04"], "term_years": NaN}'),
    ("input.malformed_json", None, b"\xff\xfe"),
    ("input.not_an_object", None, "[1, 2]"),
    ("input.not_an_object", None, '"KSDD"'),
    ("input.unknown_field", "afairs", {**OK, "afairs": ["1.03"]}),
    ("input.unknown_field", "justification.externalities", {**OK, "justification": {"externalities": True}}),
    (
        "input.unknown_field",
        "third_party.npwp",
        {**KSDPK, "third_party": {"kind": "bumd", "name": "X", "npwp": "1"}},
    ),
    ("input.missing_field", "type", {"parties": ["34.71", "34.04"]}),
    ("input.missing_field", "parties", {"type": "KSDD"}),
    ("input.missing_field", "third_party.name", {**KSDPK, "third_party": {"kind": "bumd"}}),
    ("input.wrong_type", "type", {**OK, "type": 1}),
    ("input.wrong_type", "parties", {**OK, "parties": "34.71,34.04"}),
    ("input.wrong_type", "parties", {**OK, "parties": [3471, 3404]}),
    ("input.wrong_type", "affairs", {**OK, "affairs": "1.03"}),
    ("input.wrong_type", "category", {**OK, "category": True}),
    ("input.wrong_type", "justification", {**OK, "justification": [True]}),
    ("input.wrong_type", "justification.externality", {**OK, "justification": {"externality": "yes"}}),
    ("input.wrong_type", "burdens_public", {**OK, "burdens_public": "no"}),
    ("input.wrong_type", "budgeted_in_apbd", {**OK, "budgeted_in_apbd": 0}),
    ("input.wrong_type", "term_years", {**OK, "term_years": "5"}),
    ("input.wrong_type", "term_years", {**OK, "term_years": True}),
    ("input.wrong_type", "third_party", {**KSDPK, "third_party": "PDAM"}),
    ("input.wrong_type", "third_party.name", {**KSDPK, "third_party": {"kind": "bumd", "name": 7}}),
    ("input.wrong_type", "feasibility_study", {**KSDPK, "feasibility_study": "ya"}),
    ("input.unknown_plan_type", "type", {**OK, "type": "KSDPL"}),
    ("input.unknown_plan_type", "type", {**OK, "type": "ksdd"}),
    ("input.invalid_value", "category", {**OK, "category": "mandatory"}),
    (
        "input.invalid_value",
        "third_party.kind",
        {**KSDPK, "third_party": {"kind": "kementerian", "name": "X"}},
    ),
    ("input.invalid_value", "third_party.name", {**KSDPK, "third_party": {"kind": "bumd", "name": "  "}}),
    ("input.out_of_range", "term_years", {**OK, "term_years": 0}),
    ("input.out_of_range", "term_years", {**OK, "term_years": -2.5}),
    ("input.out_of_range", "term_years", {**OK, "term_years": 1_000_000_000}),
    ("input.out_of_range", "term_years", {**OK, "term_years": 10**400}),
    ("input.out_of_range", "term_years", {**OK, "term_years": 50.01}),
    ("input.unknown_sub_affair", "sub_affairs", {**OK, "sub_affairs": ["3.28.99"]}),
    ("input.unknown_sub_affair", "sub_affairs", {**OK, "sub_affairs": ["Pengelolaan Hutan"]}),
    ("input.duplicate_sub_affair", "sub_affairs", {**OK, "sub_affairs": ["3.28.02", "3.28.02"]}),
    ("input.wrong_type", "sub_affairs", {**OK, "sub_affairs": "3.28.02"}),
    ("input.field_not_applicable", "category", {**KSDPK, "category": "sukarela"}),
    ("input.field_not_applicable", "third_party", {**OK, "third_party": {"kind": "bumd", "name": "X"}}),
    ("input.field_not_applicable", "feasibility_study", {**OK, "feasibility_study": True}),
    ("input.malformed_region_code", "parties", {**OK, "parties": ["3471", "34.04"]}),
    ("input.malformed_region_code", "parties", {**OK, "parties": ["34.71.01", "34.04"]}),
    ("input.malformed_region_code", "parties", {**OK, "parties": [" 34.71", "34.04"]}),
    ("input.unknown_region", "parties", {**OK, "parties": ["34.71", "34.99"]}),
    ("input.unknown_region", "parties", {**OK, "parties": ["99", "34.04"]}),
    ("input.duplicate_party", "parties", {**OK, "parties": ["34.71", "34.71"]}),
    ("input.duplicate_party", "parties", {**OK, "parties": ["34.71", "34.04", "34.71"]}),
    ("input.wrong_party_count", "parties", {**OK, "parties": ["34.71"]}),
    ("input.wrong_party_count", "parties", {**KSDPK, "parties": ["34.71", "34.04"]}),
    ("input.wrong_party_count", "parties", {"type": "SINERGI", "parties": []}),
    ("input.missing_third_party", "third_party", {"type": "KSDPK", "parties": ["34.71"]}),
    ("input.malformed_affair_code", "affairs", {**OK, "affairs": ["1.3"]}),
    ("input.malformed_affair_code", "affairs", {**OK, "affairs": ["urusan PU"]}),
    ("input.malformed_affair_code", "affairs", {**OK, "affairs": ["1.03.01"]}),
    ("input.duplicate_affair", "affairs", {**OK, "affairs": ["1.03", "2.15", "1.03"]}),
]


@pytest.mark.parametrize(("code", "field", "raw"), BAD, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(BAD)])
def test_it_rejects_bad_input_with_a_stable_code(code: str, field: str | None, raw: Any) -> None:
    data = raw if isinstance(raw, str | bytes) else json.dumps(raw)
    with pytest.raises(PlanInputError) as caught:
        parse_plan(data, REF)
    error = caught.value
    assert (error.code, error.field) == (code, field)
    assert error.message_id and error.message_en
    assert error.to_dict() == {
        "code": code,
        "message_id": error.message_id,
        "message_en": error.message_en,
        "field": field,
    }


def test_it_exercises_every_documented_error_code() -> None:
    assert {code for code, _, _ in BAD} == set(PLAN_INPUT_ERROR_CODES)


def test_it_accepts_an_affair_code_of_the_right_shape_that_is_not_concurrent() -> None:
    plan = parse_plan({**OK, "affairs": ["4.01", "1.99"]}, REF)
    assert plan.affairs == ("4.01", "1.99")


def test_it_reads_null_as_omitted() -> None:
    plan = parse_plan(
        {**OK, "category": None, "term_years": None, "affairs": None, "burdens_public": None}, REF
    )
    assert (plan.category, plan.term_years, plan.affairs, plan.burdens_public) == (None, None, (), None)


def test_it_accepts_a_non_autonomous_region_as_input_and_leaves_it_to_rule_r3() -> None:
    plan = parse_plan({**OK, "parties": ["31.71", "32.75"]}, REF)
    assert plan.parties == ("31.71", "32.75")


def test_it_applies_the_documented_defaults() -> None:
    plan = parse_plan(
        {"type": "KSDPK", "parties": ["34.71"], "third_party": {"kind": "koperasi", "name": " KUD "}}, REF
    )
    assert plan.feasibility_study is False
    assert plan.third_party is not None and plan.third_party.name == "KUD"
    assert (plan.externality, plan.efficiency) == (False, False)
    assert plan.term_years is None


def test_it_accepts_bytes_and_integer_terms() -> None:
    plan = parse_plan(json.dumps({**OK, "term_years": 5}).encode(), REF)
    assert plan.term_years == 5.0
