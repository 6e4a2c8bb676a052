"""Two users acting on the same stage at once: one wins, the other gets a 409 and nothing of theirs is
written (house rule 5; issue 10 acceptance), on SQLite and on PostgreSQL (DB=postgres)."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.agreements import services
from kerjasama.agreements.models import Agreement
from kerjasama.agreements.tests.conftest import party, propose_waste, review
from kerjasama.core.errors import Conflict, KerjasamaError


@pytest.mark.django_db
def test_the_second_of_two_actions_on_the_same_stage_gets_a_conflict(people: dict[str, Any]) -> None:
    agreement = propose_waste(people)
    review(agreement, "34.71", people["tkksd_yogya"])
    seen_by_a = Agreement.objects.get(pk=agreement.pk)
    seen_by_b = Agreement.objects.get(pk=agreement.pk)
    services.send_offer(actor=people["yogya"], agreement=seen_by_a, letter_number="415.4/001")
    with pytest.raises(Conflict) as err:
        services.cancel_agreement(actor=people["yogya"], agreement=seen_by_b, reason="Batal")
    assert err.value.code == "agreements.stage_conflict" and err.value.http_status == 409
    assert "Penawaran" in err.value.message_id or "Offer" in err.value.message_en
    stored = Agreement.objects.get(pk=agreement.pk)
    assert stored.stage == "penawaran" and stored.cancel_reason == ""


@pytest.mark.django_db
def test_the_same_party_signing_twice_gets_one_signature(people: dict[str, Any]) -> None:
    from kerjasama.agreements.tests.conftest import signatories, to_kb_drafting

    agreement = to_kb_drafting(people)
    signatories(agreement, people)
    services.sign_kb(actor=people["yogya"], agreement=agreement, party=party(agreement, "34.71"))
    with pytest.raises(KerjasamaError) as err:
        services.sign_kb(actor=people["yogya"], agreement=agreement, party=party(agreement, "34.71"))
    assert err.value.code == "agreements.already_signed"
