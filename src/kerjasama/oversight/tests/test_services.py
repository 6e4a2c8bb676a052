"""Publication consent: a decision per party, published only while every party consents, withdrawal
unpublishes, withheld parts need a UU 14/2008 Pasal 17 reason, each decision audited with history."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kerjasama.agreements.publication import publication_states as hook_states
from kerjasama.core.errors import KerjasamaError, PermissionDenied
from kerjasama.core.models import AuditEvent
from kerjasama.oversight.choices import PublicationState
from kerjasama.oversight.models import PublicationConsent
from kerjasama.oversight.selectors import publication_overview, published_agreements, state_of
from kerjasama.oversight.services import record_publication_consent
from kerjasama.oversight.tests.conftest import SLEMAN, YOGYA, consent_all, party_of

pytestmark = pytest.mark.django_db


def decide(persona: Any, name: str, agreement: Any, code: str, decision: str, **withheld: str) -> Any:
    return record_publication_consent(
        actor=persona(name),
        agreement=agreement,
        party=party_of(agreement, code),
        decision=decision,
        withheld=withheld,
    )


def test_it_is_not_published_until_every_party_consents(persona: Any, waste: Any) -> None:
    assert publication_overview(waste).state == PublicationState.NOT_PUBLISHED
    decide(persona, "kabkota", waste, YOGYA, "consent")
    assert publication_overview(waste).state == PublicationState.PARTIAL
    assert hook_states([waste.pk]) == {waste.pk: "partial"}
    assert not published_agreements().filter(pk=waste.pk).exists()
    decide(persona, "neighbour", waste, SLEMAN, "consent")
    assert publication_overview(waste).state == PublicationState.PUBLISHED
    assert hook_states([waste.pk]) == {waste.pk: "published"}
    assert published_agreements().filter(pk=waste.pk).exists()


def test_it_unpublishes_when_a_party_withdraws_its_consent(persona: Any, waste: Any) -> None:
    consent_all(persona, waste)
    decide(persona, "neighbour", waste, SLEMAN, "refuse")
    assert publication_overview(waste).state == PublicationState.PARTIAL
    assert not published_agreements().filter(pk=waste.pk).exists()
    assert PublicationConsent.objects.filter(agreement=waste).count() == 2
    assert PublicationConsent.history.filter(agreement_id=waste.pk).count() == 3


def test_it_records_each_decision_in_the_audit_trail(persona: Any, waste: Any) -> None:
    decide(persona, "kabkota", waste, YOGYA, "consent", value="17b")
    event = AuditEvent.objects.filter(action="oversight.publication_consent_recorded").latest("id")
    assert event.new["decision"] == "consent"
    assert event.new["withheld"] == [{"item": "value", "reason": "17b"}]


def test_it_refuses_a_withheld_part_without_a_pasal_17_reason(persona: Any, waste: Any) -> None:
    with pytest.raises(KerjasamaError) as exc:
        decide(persona, "kabkota", waste, YOGYA, "consent", value="because")
    assert exc.value.code == "oversight.reason_required"
    assert not PublicationConsent.objects.exists()


def test_it_refuses_a_decision_for_another_partys_side(persona: Any, waste: Any) -> None:
    with pytest.raises(PermissionDenied):
        decide(persona, "kabkota", waste, SLEMAN, "consent")
    assert not PublicationConsent.objects.exists()


@given(
    parties=st.integers(min_value=0, max_value=6),
    consents=st.integers(min_value=0, max_value=6),
    stage=st.sampled_from(["persiapan", "penyusunan_pks", "pelaksanaan", "berakhir", "dibatalkan"]),
)
@settings(max_examples=80, deadline=None)
def test_it_publishes_exactly_when_all_parties_consent_in_a_public_stage(
    parties: int, consents: int, stage: str
) -> None:
    consents = min(consents, parties)
    state = state_of(parties, consents, stage)
    everyone = parties > 0 and consents == parties
    assert (state == PublicationState.PUBLISHED) == (everyone and stage in ("pelaksanaan", "berakhir"))
    assert (state == PublicationState.CONSENTED) == (everyone and stage not in ("pelaksanaan", "berakhir"))
    assert (state == PublicationState.NOT_PUBLISHED) == (consents == 0)


def test_a_consented_draft_waits_for_force_before_it_is_public(persona: Any, waste: Any) -> None:
    """Consent may be given while the PKS is drafted; the register shows the agreement once it is in force."""
    waste.stage = "penyusunan_pks"
    waste.save()  # the stored state follows every save of the agreement (publication_store)
    consent_all(persona, waste)
    assert publication_overview(waste).state == PublicationState.CONSENTED
    assert hook_states([waste.pk]) == {waste.pk: "consented"}
    assert not published_agreements().filter(pk=waste.pk).exists()
    waste.stage = "pelaksanaan"
    waste.save()
    assert publication_overview(waste).state == PublicationState.PUBLISHED
    assert published_agreements().filter(pk=waste.pk).exists()
    waste.stage = "dibatalkan"
    waste.save()
    assert not published_agreements().filter(pk=waste.pk).exists()
