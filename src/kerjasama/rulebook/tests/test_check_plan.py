"""The plan check contract: the must-pass examples and the output shape of ``check_plan``."""

from __future__ import annotations

import json
from typing import Any

from kerjasama.rulebook import PLAN_DEFAULTS, Plan, check_plan, evaluate_plan_request
from kerjasama.rulebook.tests.fixtures import REF


def _check(**payload: Any) -> dict[str, Any]:
    return check_plan(json.dumps(payload), REF)


def _rules(result: dict[str, Any], severity: str = "error") -> list[str]:
    return [f["rule"] for f in result["findings"] if f["severity"] == severity]


WAJIB_YOGYA_SLEMAN: dict[str, Any] = {
    "type": "KSDD",
    "category": "wajib",
    "parties": ["34.71", "34.04"],
    "affairs": ["1.03"],
    "justification": {"externality": True},
}


def test_it_accepts_a_mandatory_public_works_plan_between_yogyakarta_and_sleman() -> None:
    result = _check(**WAJIB_YOGYA_SLEMAN)
    assert result["valid"] is True
    assert _rules(result) == []
    assert result["category_allowed"] == {"wajib": True, "sukarela": True}
    assert result["dispute_resolver"]["authority"] == "gubernur"
    assert result["dispute_resolver"]["region"] == "34"


def test_it_returns_exactly_the_contract_keys() -> None:
    result = _check(**WAJIB_YOGYA_SLEMAN)
    assert set(result) == {
        "valid",
        "category_allowed",
        "requires_dprd_approval",
        "dispute_resolver",
        "findings",
    }
    assert set(result["dispute_resolver"]) == {"authority", "region", "basis"}
    for finding in result["findings"]:
        assert set(finding) == {"rule", "severity", "message_id", "message_en", "basis"}
        assert finding["severity"] in ("error", "warning", "info")
    json.dumps(result)  # JSON-ready


def test_it_rejects_a_mandatory_plan_between_regions_that_do_not_border() -> None:
    result = _check(
        type="KSDD",
        category="wajib",
        parties=["34.71", "33.74"],
        affairs=["1.03"],
        justification={"externality": True},
    )
    assert result["valid"] is False
    assert _rules(result) == ["R7"]
    assert result["category_allowed"] == {"wajib": False, "sukarela": True}


def test_it_accepts_the_same_regions_as_voluntary_cooperation() -> None:
    result = _check(
        type="KSDD",
        category="sukarela",
        parties=["34.71", "33.74"],
        affairs=["1.03"],
        justification={"externality": True},
    )
    assert result["valid"] is True
    assert _rules(result) == []


def test_it_rejects_a_supporting_element_as_object() -> None:
    result = _check(**{**WAJIB_YOGYA_SLEMAN, "affairs": ["4.01"]})
    assert result["valid"] is False
    (finding,) = [f for f in result["findings"] if f["severity"] == "error"]
    assert finding["rule"] == "R10"
    assert "not a concurrent affair" in finding["message_en"]
    assert "supporting element" in finding["message_en"]
    assert "bukan urusan pemerintahan konkuren" in finding["message_id"]


def test_it_requires_dprd_approval_when_not_budgeted_in_the_apbd() -> None:
    result = _check(**WAJIB_YOGYA_SLEMAN, burdens_public=False, budgeted_in_apbd=False)
    assert result["requires_dprd_approval"] is True
    assert "R13" in _rules(result, "info")


def test_it_needs_no_dprd_approval_when_budgeted_and_not_burdening() -> None:
    result = _check(**WAJIB_YOGYA_SLEMAN, burdens_public=False, budgeted_in_apbd=True)
    assert result["requires_dprd_approval"] is False
    assert "R13" not in _rules(result, "info")


def test_it_assumes_dprd_approval_when_the_budget_answers_are_omitted() -> None:
    result = _check(**WAJIB_YOGYA_SLEMAN)
    assert result["requires_dprd_approval"] is True
    (note,) = [f for f in result["findings"] if f["rule"] == "R13"]
    assert "assumed" in note["message_en"]


def test_it_requires_dprd_approval_when_the_plan_burdens_the_public() -> None:
    result = _check(**WAJIB_YOGYA_SLEMAN, burdens_public=True, budgeted_in_apbd=True)
    assert result["requires_dprd_approval"] is True


def test_it_routes_a_bandung_dispute_to_the_governor_of_jawa_barat() -> None:
    result = _check(
        type="KSDD",
        category="wajib",
        parties=["32.73", "32.04"],
        affairs=["1.03"],
        justification={"efficiency": True},
    )
    assert result["dispute_resolver"]["authority"] == "gubernur"
    assert result["dispute_resolver"]["region"] == "32"
    assert "370(1)" in result["dispute_resolver"]["basis"]


def test_it_routes_a_cross_province_kabkota_dispute_to_the_minister_with_a_review_flag() -> None:
    result = _check(type="KSDD", category="sukarela", parties=["32.73", "33.74"], affairs=["1.03"])
    assert result["dispute_resolver"]["authority"] == "menteri"
    assert result["dispute_resolver"]["region"] is None
    assert "R25" in _rules(result, "warning")
    assert result["valid"] is True


def test_it_names_the_holding_level_when_the_party_lacks_authority() -> None:
    result = _check(**{**WAJIB_YOGYA_SLEMAN, "affairs": ["3.29"]})
    assert result["valid"] is False
    messages = [f["message_id"] for f in result["findings"] if f["rule"] == "R11"]
    # One error for the level, naming both kab/kota parties and the holders.
    assert len(messages) == 1
    assert "34.04" in messages[0] and "34.71" in messages[0]
    assert "kewenangannya ada pada daerah provinsi dan Pemerintah Pusat" in messages[0]


def test_it_warns_and_never_passes_silently_when_the_matrix_lacks_the_affair() -> None:
    result = _check(**{**WAJIB_YOGYA_SLEMAN, "affairs": ["2.07"]})
    assert result["valid"] is True
    warnings = [f for f in result["findings"] if f["rule"] == "R11"]
    assert [f["severity"] for f in warnings] == ["warning"]
    assert "does not cover affair 2.07" in warnings[0]["message_en"]


def test_it_allows_province_with_a_kabkota_of_another_province_as_mandatory_with_a_warning() -> None:
    result = _check(
        type="KSDD",
        category="wajib",
        parties=["33", "34.04"],
        affairs=["1.03"],
        justification={"externality": True},
    )
    assert result["valid"] is True
    assert result["category_allowed"]["wajib"] is True
    assert "R8" in _rules(result, "warning")
    assert result["dispute_resolver"]["authority"] == "menteri"


def test_it_does_not_warn_about_the_fifth_pairing_when_the_setting_is_off() -> None:
    from kerjasama.rulebook import RulebookSettings

    payload = {
        "type": "KSDD",
        "category": "wajib",
        "parties": ["33", "34.04"],
        "affairs": ["1.03"],
        "justification": {"externality": True},
    }
    result = check_plan(payload, REF, RulebookSettings(follow_permendagri_four_pairings_warning=False))
    assert "R8" not in _rules(result, "warning")


def test_it_allows_neither_category_with_a_non_autonomous_dki_party() -> None:
    result = _check(type="KSDD", category="sukarela", parties=["31.71", "32.75"], affairs=["1.03"])
    assert result["valid"] is False
    assert _rules(result) == ["R3"]
    assert result["category_allowed"] == {"wajib": False, "sukarela": False}


def test_it_lets_the_dki_province_border_jawa_barat_through_its_administrative_cities() -> None:
    result = _check(
        type="KSDD",
        category="wajib",
        parties=["31", "32"],
        affairs=["1.03"],
        justification={"externality": True},
    )
    assert result["valid"] is True
    assert result["category_allowed"]["wajib"] is True


def test_it_reports_wajib_rules_only_for_wajib_and_warns_when_no_category_is_chosen() -> None:
    result = _check(type="KSDD", parties=["34.71", "33.74"], affairs=["1.03"])
    assert result["valid"] is True
    assert "R6" in _rules(result, "warning")
    assert "R7" not in _rules(result)
    assert result["category_allowed"] == {"wajib": False, "sukarela": True}


def test_it_requires_a_justification_for_mandatory_cooperation() -> None:
    result = _check(type="KSDD", category="wajib", parties=["34.71", "34.04"], affairs=["1.03"])
    assert _rules(result) == ["R9"]


def test_it_checks_a_ksdpk_plan_and_routes_its_disputes_to_the_agreement() -> None:
    payload = {
        "type": "KSDPK",
        "parties": ["34.71"],
        "third_party": {"kind": "bumd", "name": "PDAM Tirtamarta"},
        "affairs": ["1.03"],
        "feasibility_study": True,
        "term_years": 10,
    }
    result = _check(**payload)
    assert result["valid"] is True
    assert result["dispute_resolver"] == {
        "authority": "perjanjian",
        "region": None,
        "basis": result["dispute_resolver"]["basis"],
    }
    assert "Pasal 21" in result["dispute_resolver"]["basis"]
    assert result["category_allowed"] == {"wajib": False, "sukarela": False}
    missing_study = _check(**{**payload, "feasibility_study": False})
    assert _rules(missing_study) == ["R17"]


def test_it_checks_a_synergy_plan_without_dprd_approval() -> None:
    result = _check(type="SINERGI", parties=["34"], affairs=["2.15"], budgeted_in_apbd=False)
    assert result["valid"] is True
    assert result["requires_dprd_approval"] is False
    assert "R18" in _rules(result, "info")


def test_it_warns_when_the_term_is_missing_and_errors_above_a_configured_cap() -> None:
    from kerjasama.rulebook import RulebookSettings

    assert "R19" in _rules(_check(**WAJIB_YOGYA_SLEMAN), "warning")
    capped = RulebookSettings(max_pks_term_years=5, max_pks_term_mode="error")
    result = check_plan({**WAJIB_YOGYA_SLEMAN, "term_years": 6}, REF, capped)
    assert _rules(result) == ["R19"]


def test_it_notes_when_a_secretariat_could_be_formed() -> None:
    payload = {**WAJIB_YOGYA_SLEMAN, "parties": ["34.71", "34.04", "34.02"], "term_years": 5}
    assert "R33" in _rules(_check(**payload), "info")
    assert "R33" not in _rules(_check(**{**payload, "term_years": 4}), "info")


def test_it_accepts_a_plan_object_and_a_mapping_alike() -> None:
    as_object = check_plan(
        Plan("KSDD", ("34.71", "34.04"), "wajib", affairs=("1.03",), externality=True), REF
    )
    assert as_object == check_plan(WAJIB_YOGYA_SLEMAN, REF)


def test_it_maps_outcomes_to_exit_codes() -> None:
    assert evaluate_plan_request(json.dumps(WAJIB_YOGYA_SLEMAN), REF)[0] == 0
    assert evaluate_plan_request({**WAJIB_YOGYA_SLEMAN, "affairs": ["4.01"]}, REF)[0] == 1
    code, body = evaluate_plan_request("{", REF)
    assert code == 2
    assert body["error"]["code"] == "input.malformed_json"


def test_it_documents_every_field_and_default() -> None:
    for field in (
        "type",
        "category",
        "parties",
        "third_party",
        "affairs",
        "justification",
        "burdens_public",
        "budgeted_in_apbd",
        "feasibility_study",
        "term_years",
    ):
        assert field in PLAN_DEFAULTS
