"""The whole KSDD path through the services with two regions' own users (issue 10, acceptance 1)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kerjasama.agreements import selectors, services
from kerjasama.agreements.models import DprdApproval
from kerjasama.agreements.tests.conftest import (
    party,
    propose_waste,
    review,
    sign_both,
    signatories,
    to_kb_drafting,
)
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import KerjasamaError, RuleRefusal
from kerjasama.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_it_walks_yogyakarta_and_sleman_from_proposal_to_pelaksanaan(people: dict[str, Any]) -> None:
    agreement = to_kb_drafting(people)
    assert agreement.stage == "penyusunan_kb"
    assert agreement.dprd_approval_required  # not budgeted in the APBD: PP 28/2018 Pasal 6(2)
    signatories(agreement, people)
    agreement = services.sign_kb(actor=people["yogya"], agreement=agreement, party=party(agreement, "34.71"))
    assert agreement.stage == "penyusunan_kb", "the KB is signed only when both sides signed"
    agreement = services.sign_kb(actor=people["sleman"], agreement=agreement, party=party(agreement, "34.04"))
    assert agreement.stage == "kb_ditandatangani"

    services.request_dprd_approval(
        actor=people["yogya"], agreement=agreement, party=party(agreement, "34.71"), letter_number="170/01",
        requested_on=date(2026, 8, 1),
    )
    agreement = selectors.visible_agreement(people["yogya"], agreement.pk)
    assert agreement.stage == "menunggu_dprd"
    with pytest.raises(RuleRefusal) as refused:
        services.sign_pks(actor=people["yogya"], agreement=agreement, party=party(agreement, "34.71"))
    rules = {f["rule"] for f in refused.value.findings}
    assert "R13" in rules and refused.value.http_status == 422
    r13 = next(f for f in refused.value.findings if f["rule"] == "R13")
    assert "PP 28/2018 Pasal 6(1) huruf e" in r13["basis"]

    services.request_dprd_approval(
        actor=people["sleman"], agreement=agreement, party=party(agreement, "34.04"), letter_number="170/02",
        requested_on=date(2026, 8, 1),
    )
    for code, actor in (("34.71", people["yogya"]), ("34.04", people["sleman"])):
        approval = DprdApproval.objects.get(agreement=agreement, region_id=code)
        agreement = services.record_dprd_decision(
            actor=actor,
            approval=approval,
            outcome="approved",
            decision_number=f"DPRD/{code}/7",
            decision_date=date(2026, 9, 1),
        )
    assert agreement.stage == "penyusunan_pks"
    agreement = sign_both(agreement, people, services.sign_pks)
    assert agreement.stage == "pelaksanaan"
    assert {p.status for p in agreement.parties.all()} == {"signed"}
    # Each party saw the same record throughout.
    seen = [selectors.agreement_detail(people[who], agreement.pk) for who in ("yogya", "sleman")]
    assert seen[0].agreement.pk == seen[1].agreement.pk and seen[0].agreement.stage == seen[1].agreement.stage
    stages = [e.stage for e in seen[0].timeline]
    assert stages == [
        "persiapan",
        "penawaran",
        "penyusunan_kb",
        "kb_ditandatangani",
        "menunggu_dprd",
        "penyusunan_pks",
        "pelaksanaan",
    ]
    assert (
        AuditEvent.objects.filter(
            action=AuditAction.AGREEMENT_STAGE_CHANGED, object_id=str(agreement.pk)
        ).count()
        == 6
    )


def test_it_refuses_the_offer_before_the_tkksd_review(people: dict[str, Any]) -> None:
    agreement = propose_waste(people)
    with pytest.raises(RuleRefusal) as refused:
        services.send_offer(actor=people["yogya"], agreement=agreement, letter_number="415.4/001")
    assert {f["rule"] for f in refused.value.findings} >= {"R21"}
    agreement.refresh_from_db()
    assert agreement.stage == "persiapan" and not agreement.recorded_documents.exists()


def test_it_goes_to_pks_drafting_without_dprd_when_budgeted(people: dict[str, Any]) -> None:
    agreement = to_kb_drafting(people, apbd_budgeted=True, burdens_public=False)
    assert not agreement.dprd_approval_required
    signatories(agreement, people)
    agreement = sign_both(agreement, people, services.sign_kb)
    agreement = services.start_pks_drafting(actor=people["yogya"], agreement=agreement)
    assert agreement.stage == "penyusunan_pks"
    agreement = sign_both(agreement, people, services.sign_pks)
    assert agreement.stage == "pelaksanaan"


def test_it_refuses_signing_without_a_recorded_signatory(people: dict[str, Any]) -> None:
    agreement = to_kb_drafting(people)
    with pytest.raises(RuleRefusal) as refused:
        services.sign_kb(actor=people["yogya"], agreement=agreement, party=party(agreement, "34.71"))
    assert "R15" in {f["rule"] for f in refused.value.findings}
    assert party(agreement, "34.71").kb_signed_at is None


def test_a_kb_signed_by_a_delegate_is_refused_but_a_pks_may_be(people: dict[str, Any]) -> None:
    agreement = to_kb_drafting(people, apbd_budgeted=True, burdens_public=False)
    signatories(agreement, people)
    services.record_signatory(
        actor=people["yogya"],
        agreement=agreement,
        party=party(agreement, "34.71"),
        signatory_name="Sekretaris Daerah",
        power_of_attorney_holder="Sekretaris Daerah",
        power_of_attorney_number="SK/180/2027",
        power_of_attorney_date=date(2026, 7, 1),
    )
    with pytest.raises(RuleRefusal) as refused:
        services.sign_kb(actor=people["yogya"], agreement=agreement, party=party(agreement, "34.71"))
    assert "R15" in {f["rule"] for f in refused.value.findings}


def test_a_declined_offer_cancels_the_proposal(people: dict[str, Any]) -> None:
    agreement = propose_waste(people)
    review(agreement, "34.71", people["tkksd_yogya"])
    agreement = services.send_offer(actor=people["yogya"], agreement=agreement, letter_number="415.4/001")
    agreement = services.decline_offer(
        actor=people["sleman"],
        agreement=agreement,
        party=party(agreement, "34.04"),
        reason="Belum menjadi prioritas RPJMD.",
    )
    assert agreement.stage == "dibatalkan" and party(agreement, "34.04").status == "declined"


def test_a_dprd_rejection_ends_the_agreement(people: dict[str, Any]) -> None:
    agreement = to_kb_drafting(people)
    signatories(agreement, people)
    agreement = sign_both(agreement, people, services.sign_kb)
    approval = services.request_dprd_approval(
        actor=people["sleman"], agreement=agreement, party=party(agreement, "34.04"), letter_number="170/02",
        requested_on=date(2026, 8, 1),
    )
    agreement = services.record_dprd_decision(
        actor=people["sleman"],
        approval=approval,
        outcome="rejected",
        decision_number="DPRD/9",
        decision_date=date(2026, 9, 1),
    )
    assert agreement.stage == "dibatalkan" and "DPRD" in agreement.cancel_reason


def test_a_partner_accepts_only_after_its_tkksd_approved(people: dict[str, Any]) -> None:
    agreement = propose_waste(people)
    review(agreement, "34.71", people["tkksd_yogya"])
    agreement = services.send_offer(actor=people["yogya"], agreement=agreement, letter_number="415.4/001")
    with pytest.raises(RuleRefusal) as refused:
        services.accept_offer(actor=people["sleman"], agreement=agreement, party=party(agreement, "34.04"))
    assert {f["rule"] for f in refused.value.findings} == {"R21"}


def test_a_dprd_decision_is_neither_in_the_future_nor_before_its_request(people: dict[str, Any]) -> None:
    from datetime import timedelta

    from django.utils import timezone

    agreement = to_kb_drafting(people)
    signatories(agreement, people)
    agreement = sign_both(agreement, people, services.sign_kb)
    today = timezone.localdate()
    with pytest.raises(KerjasamaError) as future_request:
        services.request_dprd_approval(
            actor=people["sleman"],
            agreement=agreement,
            party=party(agreement, "34.04"),
            letter_number="170/02",
            requested_on=today + timedelta(days=1),
        )
    assert future_request.value.code == "agreements.request_date_future"
    approval = services.request_dprd_approval(
        actor=people["sleman"],
        agreement=agreement,
        party=party(agreement, "34.04"),
        letter_number="170/02",
        requested_on=today - timedelta(days=10),
    )
    for when, code in (
        (today + timedelta(days=1), "agreements.decision_date_future"),
        (today - timedelta(days=11), "agreements.decision_date_before_request"),
    ):
        with pytest.raises(KerjasamaError) as refused:
            services.record_dprd_decision(
                actor=people["sleman"],
                approval=approval,
                outcome="approved",
                decision_number="DPRD/34.04/1",
                decision_date=when,
            )
        assert refused.value.code == code and refused.value.http_status == 422
    approval.refresh_from_db()
    assert approval.outcome == "pending" and approval.decision_date is None
