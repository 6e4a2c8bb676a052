"""The mapping engine reads the register (issue 10, item 7): an agreement in force between Kota Yogyakarta
and Kabupaten Sleman on waste removes that pair from the recommendations (``mapping.runner``)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kerjasama.agreements import selectors, services
from kerjasama.agreements.tests.conftest import WASTE, sign_both, signatories, to_kb_drafting
from kerjasama.core.actors import SYSTEM
from kerjasama.mapping import runner

pytestmark = pytest.mark.django_db


def _in_force(people: dict[str, Any], **overrides: Any) -> Any:
    agreement = to_kb_drafting(people, apbd_budgeted=True, burdens_public=False, **overrides)
    signatories(agreement, people)
    agreement = sign_both(agreement, people, services.sign_kb)
    agreement = services.start_pks_drafting(actor=people["yogya"], agreement=agreement)
    agreement = sign_both(agreement, people, services.sign_pks)
    assert agreement.stage == "pelaksanaan"
    return agreement


def _pairs() -> set[tuple[str, str, str]]:
    _report, recs = runner.run(actor=SYSTEM, regions={"34.71"}, store=False)
    return {(r.region, r.partner, r.affair) for r in recs}


def test_an_agreement_in_force_removes_the_recommendation(people: dict[str, Any]) -> None:
    assert ("34.71", "34.04", WASTE) in _pairs(), "the engine recommends the pair before any agreement"
    _in_force(people)
    entries = selectors.agreements_in_force({"34.71"})
    assert [(e.parties, e.affair_code, e.ends_year) for e in entries] == [
        (frozenset({"34.71", "34.04"}), WASTE, 2031)
    ]
    assert ("34.71", "34.04", WASTE) not in _pairs()


def test_an_agreement_ending_soon_becomes_an_extension(people: dict[str, Any]) -> None:
    _in_force(people, term_start=date(2024, 1, 1), term_end=date(2027, 6, 30), number="415.4/7/2024")
    _report, recs = runner.run(actor=SYSTEM, regions={"34.71"}, store=False)
    rec = next(r for r in recs if (r.partner, r.affair) == ("34.04", WASTE))
    assert rec.kind == "extension"
    assert any(
        reason.code == "existing_agreement" and "415.4/7/2024" in reason.text_id for reason in rec.reasons
    )


def test_agreements_not_in_force_are_not_read(people: dict[str, Any]) -> None:
    to_kb_drafting(people)
    assert selectors.agreements_in_force() == []


def test_reading_the_register_is_one_query(people: dict[str, Any], django_assert_num_queries: Any) -> None:
    _in_force(people)
    with django_assert_num_queries(1):
        runner.existing_agreements({"34.71"})


def test_an_agreement_ended_on_a_lawful_ground_leaves_the_register(people: dict[str, Any]) -> None:
    from kerjasama.core.errors import RuleRefusal

    agreement = _in_force(people)
    with pytest.raises(RuleRefusal) as refused:
        services.end_agreement(actor=people["yogya"], agreement=agreement, ground="pergantian_kepala_daerah")
    assert {f["rule"] for f in refused.value.findings} == {"R29"}  # PP 28/2018 Pasal 9(2)
    agreement = services.end_agreement(
        actor=people["yogya"], agreement=agreement, ground="kesepakatan_para_pihak"
    )
    assert agreement.stage == "berakhir" and agreement.termination_ground == "kesepakatan_para_pihak"
    assert selectors.agreements_in_force() == []
    assert ("34.71", "34.04", WASTE) in _pairs()
