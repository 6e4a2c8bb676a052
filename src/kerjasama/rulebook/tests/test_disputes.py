"""The dispute resolver (REGULATIONS.md section 1.11, R22-R26) and the oversight helpers (R28, R30)."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kerjasama.rulebook import RulebookSettings, monitoring_authority, resolve_dispute, takeover_authority
from kerjasama.rulebook.tests.fixtures import REF, SETTINGS

AUTONOMOUS = sorted(c for c, r in REF.regions.items() if r.autonomous)


def test_it_sends_kabkota_of_one_province_to_the_governor_not_final() -> None:
    route = resolve_dispute(REF, ["32.73", "32.04"], "KSDD", SETTINGS)
    assert (route["authority"], route["region"], route["final"], route["flag_legal_review"]) == (
        "gubernur",
        "32",
        False,
        False,
    )
    assert [s["step"] for s in route["steps"]] == [
        "musyawarah",
        "gubernur",
        "menteri_bila_gubernur_tidak_dapat_menyelesaikan",
    ]
    assert route["steps"][-1]["final"] is True


def test_it_sends_any_province_dispute_to_the_minister_as_final() -> None:
    for parties in (["33", "34"], ["34", "34.71"], ["33", "34.04"]):
        route = resolve_dispute(REF, parties, "KSDD", SETTINGS)
        assert (route["authority"], route["region"], route["final"]) == ("menteri", None, True)
        assert "370(2)" in route["basis"]


def test_it_defaults_cross_province_kabkota_to_the_configured_authority_with_a_flag() -> None:
    route = resolve_dispute(REF, ["32.73", "33.74"], "KSDD", SETTINGS)
    assert (route["authority"], route["flag_legal_review"], route["final"]) == ("menteri", True, False)
    configured = resolve_dispute(
        REF, ["32.73", "33.74"], "KSDD", RulebookSettings(kabkota_cross_province_dispute_authority="gubernur")
    )
    assert (configured["authority"], configured["region"], configured["flag_legal_review"]) == (
        "gubernur",
        None,
        True,
    )


def test_it_sends_ksdpk_disputes_to_musyawarah_and_the_agreement() -> None:
    route = resolve_dispute(REF, ["34.71"], "KSDPK", SETTINGS)
    assert (route["authority"], route["region"], route["final"]) == ("perjanjian", None, False)
    assert [s["step"] for s in route["steps"]] == ["musyawarah_mufakat", "klausul_perjanjian"]
    assert "Pasal 21" in route["basis"]


def test_it_marks_the_ksdd_musyawarah_step_as_configured() -> None:
    optional = resolve_dispute(
        REF, ["32.73", "32.04"], "KSDD", RulebookSettings(require_ksdd_musyawarah_step=False)
    )
    assert optional["steps"][0]["required"] is False
    assert resolve_dispute(REF, ["32.73", "32.04"], "KSDD", SETTINGS)["steps"][0]["required"] is True


def test_it_routes_foreign_and_synergy_disputes_to_the_agreement() -> None:
    assert resolve_dispute(REF, ["34"], "KSDPL", SETTINGS)["steps"][0]["step"] == "negosiasi_konsultasi"
    synergy = resolve_dispute(REF, ["34"], "SINERGI", SETTINGS)
    assert (synergy["authority"], synergy["flag_legal_review"]) == ("perjanjian", True)


def test_it_refuses_bad_input_to_the_resolver() -> None:
    with pytest.raises(ValueError, match="unknown region"):
        resolve_dispute(REF, ["34.71", "34.99"], "KSDD", SETTINGS)
    with pytest.raises(ValueError, match="two distinct"):
        resolve_dispute(REF, ["34.71", "34.71"], "KSDD", SETTINGS)
    with pytest.raises(ValueError, match="unknown cooperation type"):
        resolve_dispute(REF, ["34.71", "34.04"], "MOU", SETTINGS)


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
        assert route["authority"] == "menteri" and route["final"] is True
    elif len(provinces) == 1:
        assert route["authority"] == "gubernur" and route["region"] in provinces and route["final"] is False
    else:
        assert route["flag_legal_review"] is True


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
