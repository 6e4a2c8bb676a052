"""The dispute resolver (REGULATIONS.md section 1.11, R22-R26, R34) and the oversight helpers (R28, R30)."""

from __future__ import annotations

import random
from dataclasses import FrozenInstanceError

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kerjasama.rulebook import (
    DISPUTE_INPUT_ERROR_CODES,
    DisputeInputError,
    RulebookSettings,
    classify_dispute,
    monitoring_authority,
    resolve_dispute,
    takeover_authority,
)
from kerjasama.rulebook.rules.closing import R23, R24, R25, R26, R34
from kerjasama.rulebook.tests.fixtures import REF, SETTINGS

AUTONOMOUS = sorted(c for c, r in REF.regions.items() if r.autonomous)


def test_it_sends_kabkota_of_one_province_to_the_governor_not_final() -> None:
    route = resolve_dispute(REF, ["32.73", "32.04"], "KSDD", SETTINGS)
    assert (route.authority, route.region, route.final, route.flag_legal_review) == (
        "gubernur",
        "32",
        False,
        False,
    )
    assert [s.step for s in route.steps] == [
        "musyawarah",
        "gubernur",
        "menteri_bila_gubernur_tidak_dapat_menyelesaikan",
    ]
    assert route.steps[-1].final is True


def test_it_sends_any_province_dispute_to_the_minister_as_final() -> None:
    for parties in (["33", "34"], ["34", "34.71"], ["33", "34.04"]):
        route = resolve_dispute(REF, parties, "KSDD", SETTINGS)
        assert (route.authority, route.region, route.final) == ("menteri", None, True)
        assert "370(2)" in route.basis


def test_it_defaults_cross_province_kabkota_to_the_configured_authority_with_a_flag() -> None:
    route = resolve_dispute(REF, ["32.73", "33.74"], "KSDD", SETTINGS)
    assert (route.authority, route.flag_legal_review, route.final) == ("menteri", True, False)
    configured = resolve_dispute(
        REF, ["32.73", "33.74"], "KSDD", RulebookSettings(kabkota_cross_province_dispute_authority="gubernur")
    )
    assert (configured.authority, configured.region, configured.flag_legal_review) == (
        "gubernur",
        None,
        True,
    )


def test_it_sends_ksdpk_disputes_to_musyawarah_and_the_agreement() -> None:
    route = resolve_dispute(REF, ["34.71"], "KSDPK", SETTINGS)
    assert (route.authority, route.region, route.final) == ("perjanjian", None, False)
    assert [s.step for s in route.steps] == ["musyawarah_mufakat", "klausul_perjanjian"]
    assert "Pasal 21" in route.basis


def test_it_marks_the_ksdd_musyawarah_step_as_configured() -> None:
    optional = resolve_dispute(
        REF, ["32.73", "32.04"], "KSDD", RulebookSettings(require_ksdd_musyawarah_step=False)
    )
    assert optional.steps[0].required is False
    assert resolve_dispute(REF, ["32.73", "32.04"], "KSDD", SETTINGS).steps[0].required is True


def test_it_routes_foreign_disputes_to_negotiation_and_consultation() -> None:
    route = resolve_dispute(REF, ["34"], "KSDPL", SETTINGS)
    assert route.steps[0].step == "negosiasi_konsultasi"
    assert (route.authority, route.facilitation, route.notes) == ("perjanjian", False, ())


def test_it_escalates_a_synergy_dispute_to_the_ministers_facilitation_by_default() -> None:
    route = resolve_dispute(REF, ["34.71", "34"], "SINERGI", SETTINGS)
    assert (route.authority, route.region, route.final, route.flag_legal_review, route.facilitation) == (
        "menteri",
        None,
        False,
        True,
        True,
    )
    assert [(s.step, s.authority, s.required, s.final, s.facilitation) for s in route.steps] == [
        ("klausul_perjanjian", "perjanjian", True, False, False),
        ("fasilitasi_menteri", "menteri", False, False, True),
    ]
    assert route.basis == R34.basis == classify_dispute(REF, ["34"], "SINERGI").basis
    assert "Pasal 370" in route.basis and "Pasal 46" in route.basis
    assert "Pasal 46(4)" in route.steps[0].basis
    [note] = route.notes
    assert (note.rule, note.severity, note.basis) == ("R34", "info", "UU 23/2014 Pasal 396(2) huruf d, 397")
    assert "DPOD" in note.message_id and "Presiden" in note.message_id
    assert "does not decide cases" in note.message_en


def test_it_follows_the_configured_synergy_dispute_authority() -> None:
    configured = RulebookSettings(synergy_dispute_authority="perjanjian")
    route = resolve_dispute(REF, ["34"], "SINERGI", configured)
    assert (route.authority, route.facilitation, route.flag_legal_review) == ("perjanjian", False, True)
    assert [s.step for s in route.steps] == ["klausul_perjanjian"]
    assert [n.rule for n in route.notes] == ["R34"]  # the DPOD channel exists whatever the target
    assert RulebookSettings.from_mapping({"synergy_dispute_authority": "perjanjian"}) == configured
    with pytest.raises(ValueError):
        RulebookSettings(synergy_dispute_authority="presiden")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("parties", "type", "code", "field"),
    [
        (["34.71", "34.99"], "KSDD", "input.unknown_region", "parties"),
        (["34.71", "34.71"], "KSDD", "input.duplicate_party", "parties"),
        (["34.71", "347"], "KSDD", "input.malformed_region_code", "parties"),
        (["34.71"], "KSDD", "input.wrong_party_count", "parties"),
        (["34.71", "34.04"], "KSDPK", "input.wrong_party_count", "parties"),
        ([], "SINERGI", "input.wrong_party_count", "parties"),
        (["34.71", "34.04"], "MOU", "input.unknown_dispute_type", "type"),
    ],
)
def test_it_refuses_bad_input_to_the_resolver_with_a_stable_code(
    parties: list[str], type: str, code: str, field: str
) -> None:
    with pytest.raises(DisputeInputError) as caught:
        resolve_dispute(REF, parties, type, SETTINGS)
    assert (caught.value.code, caught.value.field) == (code, field)
    assert code in DISPUTE_INPUT_ERROR_CODES
    assert caught.value.message_id and caught.value.message_en
    assert isinstance(caught.value, ValueError)  # bad input, never a legal finding


def test_it_classifies_the_parties_once_for_the_resolver_and_the_rules() -> None:
    same = classify_dispute(REF, ["32.73", "32.04"], "KSDD")
    assert (same.ksdd_shape, same.province, same.parties) == ("satu_provinsi", "32", ("32.04", "32.73"))
    assert classify_dispute(REF, ["34.71", "34"], "KSDD").ksdd_shape == "provinsi"
    cross = classify_dispute(REF, ["33.74", "32.73"], "KSDD")
    assert (cross.ksdd_shape, cross.province) == ("beda_provinsi", None)
    assert classify_dispute(REF, ["34.71"], "KSDPK").ksdd_shape is None
    # The resolver and the rule that checks a record cite the same basis.
    rules_by_shape = {"satu_provinsi": R23, "provinsi": R24, "beda_provinsi": R25}
    for parties in (["32.73", "32.04"], ["34.71", "34"], ["33.74", "32.73"]):
        case = classify_dispute(REF, parties, "KSDD")
        assert case.ksdd_shape is not None
        assert resolve_dispute(REF, parties, "KSDD", SETTINGS).basis == case.basis
        assert rules_by_shape[case.ksdd_shape].basis == case.basis
    assert R26.basis == resolve_dispute(REF, ["34.71"], "KSDPK", SETTINGS).basis


def test_it_returns_a_frozen_route_that_serialises_to_the_json_shape() -> None:
    route = resolve_dispute(REF, ["32.73", "32.04"], "KSDD", SETTINGS)
    with pytest.raises(FrozenInstanceError):
        route.authority = "menteri"  # type: ignore[misc]
    body = route.to_dict()
    assert set(body) == {
        "authority",
        "region",
        "basis",
        "final",
        "steps",
        "flag_legal_review",
        "facilitation",
        "notes",
    }
    assert (body["facilitation"], body["notes"]) == (False, [])
    assert body["steps"][1] == {
        "step": "gubernur",
        "authority": "gubernur",
        "region": "32",
        "required": True,
        "final": False,
        "facilitation": False,
        "basis": "UU 23/2014 Pasal 370(1)",
    }
    synergy = resolve_dispute(REF, ["34"], "SINERGI", SETTINGS).to_dict()
    assert synergy["facilitation"] is True and synergy["steps"][-1]["facilitation"] is True
    assert synergy["notes"][0]["rule"] == "R34" and set(synergy["notes"][0]) == {
        "rule",
        "severity",
        "message_id",
        "message_en",
        "basis",
    }


@given(
    st.lists(st.sampled_from(AUTONOMOUS), min_size=2, max_size=5, unique=True),
    st.randoms(use_true_random=False),
)
def test_it_resolves_the_same_way_whatever_the_order_of_parties(
    parties: list[str], rnd: random.Random
) -> None:
    shuffled = list(parties)
    rnd.shuffle(shuffled)
    assert resolve_dispute(REF, parties, "KSDD", SETTINGS) == resolve_dispute(REF, shuffled, "KSDD", SETTINGS)


@given(st.lists(st.sampled_from(AUTONOMOUS), min_size=2, max_size=5, unique=True))
def test_it_gives_the_minister_every_dispute_with_a_province(parties: list[str]) -> None:
    route = resolve_dispute(REF, parties, "KSDD", SETTINGS)
    has_province = any(REF.regions[p].level == "provinsi" for p in parties)
    provinces = {REF.regions[p].province_code for p in parties}
    if has_province:
        assert route.authority == "menteri" and route.final is True
    elif len(provinces) == 1:
        assert route.authority == "gubernur" and route.region in provinces and route.final is False
    else:
        assert route.flag_legal_review is True


def test_it_assigns_the_monitor_per_pasal_368() -> None:
    assert monitoring_authority(REF, ["34.71", "34.04"], "KSDD", SETTINGS)["authority"] == "gubernur"
    assert monitoring_authority(REF, ["34.71", "34.04"], "KSDD", SETTINGS)["region"] == "34"
    assert monitoring_authority(REF, ["34", "33"], "KSDD", SETTINGS)["authority"] == "menteri"
    gap = monitoring_authority(REF, ["33.08", "34.04"], "KSDD", SETTINGS)
    assert (gap["authority"], gap["flag_legal_review"]) == (None, True)
    assert monitoring_authority(REF, ["34.71"], "KSDPK", SETTINGS)["reporting_line"] == [
        "gubernur",
        "menteri",
    ]


def test_it_assigns_the_takeover_per_pasal_364() -> None:
    assert takeover_authority(REF, ["32.73", "32.04"], SETTINGS)["authority"] == "gwpp"
    assert takeover_authority(REF, ["32.73", "32.04"], SETTINGS)["region"] == "32"
    assert takeover_authority(REF, ["33", "34"], SETTINGS)["authority"] == "pusat"
    assert takeover_authority(REF, ["34", "34.71"], SETTINGS)["authority"] == "pusat"
    cross = takeover_authority(REF, ["33.08", "34.04"], SETTINGS)
    assert (cross["authority"], cross["flag_legal_review"]) == ("pusat", True)
    gwpp = takeover_authority(
        REF, ["33.08", "34.04"], RulebookSettings(takeover_cross_province_kabkota="gwpp")
    )
    assert gwpp["authority"] == "gwpp"
    with pytest.raises(ValueError):
        takeover_authority(REF, ["34.71"], SETTINGS)
