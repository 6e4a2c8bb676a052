"""Invariants of the rulebook's view of a record (``agreements.state``), over generated parties."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from kerjasama.agreements.models import AgreementParty
from kerjasama.agreements.state import signatory_role, signature_facts

CODES = ("34.71", "34.04", "34.02", "34.03", "34.01")
SIGNED = datetime(2026, 6, 1, tzinfo=UTC)


@st.composite
def parties(draw: st.DrawFn) -> list[AgreementParty]:
    codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=5, unique=True))
    out = []
    for code in codes:
        out.append(
            AgreementParty(
                region_id=code,
                status=draw(st.sampled_from(["aware", "approved", "declined"])),
                kb_signed_at=SIGNED if draw(st.booleans()) else None,
                signatory_name=draw(st.sampled_from(["", "Bupati"])),
                power_of_attorney_holder=draw(st.sampled_from(["", "Sekda"])),
                power_of_attorney_number=draw(st.sampled_from(["", "SK/1"])),
            )
        )
    return out


@given(parties())
def test_a_kb_is_signed_exactly_when_every_party_still_in_it_signed(members: list[AgreementParty]) -> None:
    facts = signature_facts("kb", members)
    active = [p for p in members if p.status != "declined"]
    if active and all(p.kb_signed_at for p in active):
        assert len(facts) == len(active) and all(f.signed and f.kind == "kb" for f in facts)
    else:
        assert facts == ()


@given(parties())
def test_assuming_every_signature_gives_one_fact_per_party(members: list[AgreementParty]) -> None:
    facts = signature_facts("pks", members, assume_signed=True, clauses=frozenset({"sanksi"}))
    active = [p for p in members if p.status != "declined"]
    assert len(facts) == len(active)
    for fact, party in zip(facts, active, strict=True):
        role, kuasa = signatory_role(party)
        assert (fact.signatory_role, fact.surat_kuasa) == (role, kuasa)
        assert fact.clauses == frozenset({"sanksi"})
        # A surat kuasa counts only with both its holder and its letter number (R15).
        assert kuasa == bool(party.power_of_attorney_holder and party.power_of_attorney_number)
