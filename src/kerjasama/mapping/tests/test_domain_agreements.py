"""Existing agreements: a recommendation never duplicates one; one ending soon becomes an extension."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kerjasama.mapping.domain import ExistingAgreement, RecommendationFact, recommend
from kerjasama.mapping.tests.test_domain_fixtures import WEIGHTS, build_inputs


def _rec(agreements: tuple[ExistingAgreement, ...], partner: str = "34.02") -> RecommendationFact | None:
    recs = recommend(build_inputs(agreements=agreements), WEIGHTS, regions=["34.71"], affairs=["2.11"])
    return next((r for r in recs if r.partner == partner), None)


def test_it_does_not_duplicate_an_agreement_still_running() -> None:
    assert _rec((ExistingAgreement(frozenset({"34.71", "34.02"}), "2.11", 2030),)) is None
    assert _rec((ExistingAgreement(frozenset({"34.71", "34.02"}), "2.11", None),)) is None


def test_it_still_recommends_the_pair_on_other_affairs() -> None:
    inputs = build_inputs(agreements=(ExistingAgreement(frozenset({"34.71", "34.02"}), "2.11", 2030),))
    recs = recommend(inputs, WEIGHTS, regions=["34.71"], affairs=["1.03"])
    assert any(r.partner == "34.02" for r in recs)


@pytest.mark.parametrize("ends", [2024, 2025, 2026])
def test_it_turns_an_agreement_ending_within_the_window_into_an_extension(ends: int) -> None:
    rec = _rec((ExistingAgreement(frozenset({"34.71", "34.02"}), "2.11", ends, label="PKS 12/2021"),))
    assert rec is not None
    assert rec.kind == "extension" and rec.category == "wajib"
    reason = rec.reason("existing_agreement")
    assert reason is not None and reason.weight == 0.0
    assert f"berakhir {ends}" in reason.text_id and "PKS 12/2021" in reason.text_id


def test_it_treats_an_agreement_that_ended_long_ago_as_a_new_recommendation() -> None:
    rec = _rec((ExistingAgreement(frozenset({"34.71", "34.02"}), "2.11", 2019),))
    assert rec is not None and rec.kind == "new"
    reason = rec.reason("existing_agreement")
    assert reason is not None and "telah berakhir 2019" in reason.text_id


def test_it_reads_every_pair_of_a_multilateral_agreement_and_the_latest_end() -> None:
    agreements = (
        ExistingAgreement(frozenset({"34.71", "34.02", "34.04"}), "2.11", 2025),
        ExistingAgreement(frozenset({"34.71", "34.04"}), "2.11", 2031),
    )
    assert _rec(agreements, "34.04") is None  # the later agreement still runs
    rec = _rec(agreements, "34.02")
    assert rec is not None and rec.kind == "extension"


def test_it_honours_the_extension_window_weight() -> None:
    agreements = (ExistingAgreement(frozenset({"34.71", "34.02"}), "2.11", 2027),)
    inputs = build_inputs(agreements=agreements)
    assert not any(
        r.partner == "34.02" for r in recommend(inputs, WEIGHTS, regions=["34.71"], affairs=["2.11"])
    )
    wide = replace(WEIGHTS, extension_window_years=2)
    recs = recommend(inputs, wide, regions=["34.71"], affairs=["2.11"])
    assert [r.kind for r in recs if r.partner == "34.02"] == ["extension"]
