"""Party-side actions on an agreement (issue 10, item 2): each party acts only for its own side; its TKKSD
reviews for its region (Permendagri 22/2020; R16, R21); its signatory is the head of region or the holder of
a *surat kuasa* (PP 28/2018 Pasal 2, 13, 23(1); R15). Re-exported by ``agreements.services``."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from kerjasama.agreements.choices import (
    PartyStatus,
    TkksdReview,
)
from kerjasama.agreements.models import (
    NAME_MAX_LENGTH,
    REF_MAX_LENGTH,
    Agreement,
    AgreementParty,
)
from kerjasama.agreements.workflow import (
    approve_party,
    bad_input,
    claim,
    clean_reason,
    clean_text,
    notify_parties,
    party_of,
    require_open,
    require_party,
    set_party_status,
)
from kerjasama.core import audit
from kerjasama.core.actors import Actor, user_or_none
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.transitions import transition
from kerjasama.core.versioning import claim_version
from kerjasama.tkksd.models import Decision

#: The subject type of an agreement in the TKKSD's decisions (``tkksd.subjects``).
AGREEMENT_SUBJECT = "agreements.agreement"


@transaction.atomic
def acknowledge(*, actor: Actor, agreement: Agreement, party: AgreementParty) -> AgreementParty:
    """The party confirms it has seen the record (its status stays *aware*; the time is kept)."""
    require_party(actor, party)
    fresh = claim(agreement)
    own = party_of(fresh, party)
    if own.acknowledged_at is None:
        claim_version(own, expected=own.version, code="agreements.party_conflict")
        own.acknowledged_at = timezone.now()
        own._history_user = user_or_none(actor)  # type: ignore[attr-defined]
        own.save(update_fields=["acknowledged_at"])
        audit.record(
            actor=actor, action=AuditAction.AGREEMENT_PARTY_ACKNOWLEDGED, obj=fresh, new={"party": own.code}
        )
    return own


@transaction.atomic
def start_review(*, actor: Actor, agreement: Agreement, party: AgreementParty) -> AgreementParty:
    """aware → reviewing: the party studies the proposal (its TKKSD reviews it, R16/R21)."""
    require_party(actor, party)
    fresh = claim(agreement)
    require_open(fresh)
    own = party_of(fresh, party)
    if own.status != PartyStatus.AWARE:
        raise bad_input(
            "party_status", "Pihak ini tidak berstatus mengetahui.", "This party is not in the aware state."
        )
    moved = set_party_status(own, actor=actor, target=PartyStatus.REVIEWING)
    notify_parties(fresh, "party_status", actor)
    return moved


@transaction.atomic
def approve_side(*, actor: Actor, agreement: Agreement, party: AgreementParty) -> AgreementParty:
    """aware/reviewing → approved: the party approves the proposal for its side (a region after its TKKSD's
    approval, Permendagri 22/2020; R16, R21)."""
    require_party(actor, party)
    fresh = claim(agreement)
    require_open(fresh)
    own = party_of(fresh, party)
    moved = approve_party(own, actor=actor)
    notify_parties(fresh, "party_status", actor)
    return moved


@transaction.atomic
def decline_side(*, actor: Actor, agreement: Agreement, party: AgreementParty, reason: str) -> AgreementParty:
    """The party declines for its own side with a reason (at the offer stage use :func:`decline_offer`)."""
    require_party(actor, party)
    reason = clean_reason(reason)
    fresh = claim(agreement)
    require_open(fresh)
    own = party_of(fresh, party)
    if own.status in (PartyStatus.SIGNED, PartyStatus.DECLINED):
        raise bad_input(
            "party_status",
            "Pihak ini sudah menandatangani atau menolak.",
            "This party has signed or declined.",
        )
    moved = set_party_status(
        own, actor=actor, target=PartyStatus.DECLINED, reason=reason, stamps={"reason": reason}
    )
    notify_parties(fresh, "party_status", actor, reason=reason)
    return moved


#: A TKKSD decision's outcome (``tkksd.choices.DecisionOutcome``) as the party's review.
REVIEW_OF_OUTCOME = {
    "approve": TkksdReview.APPROVED,
    "return": TkksdReview.RETURNED,
    "reject": TkksdReview.REJECTED,
}
#: How a party row names the TKKSD decision its review comes from.
DECISION_REF_PREFIX = "tkksd:"


def _decision_of(ref: str, *, agreement: Agreement, party: AgreementParty) -> Decision:
    """The TKKSD decision ``ref`` names (``tkksd:<id>`` or ``<id>``), which must be a decision on this agreement
    taken in a meeting of the party region's TKKSD (issue 10, item 4: the review is a decision in a meeting)."""
    raw = (ref or "").strip().removeprefix(DECISION_REF_PREFIX)
    decision = (
        Decision.objects.select_related("meeting").filter(pk=int(raw)).first() if raw.isdigit() else None
    )
    if (
        decision is None
        or decision.subject_type != AGREEMENT_SUBJECT
        or decision.subject_id != str(agreement.pk)
        or decision.meeting.region_id != party.region_id
    ):
        raise bad_input(
            "tkksd_decision_missing",
            "Kajian TKKSD dicatat sebagai keputusan dalam rapat TKKSD daerah pihak ini (halaman TKKSD daerah); "
            "keputusan yang dirujuk tidak ditemukan untuk kerja sama ini. (Permendagri 22/2020; R21)",
            "A TKKSD review is recorded as a decision in a meeting of this party region's TKKSD (the region's "
            "TKKSD page); the decision referred to was not found for this agreement. (Permendagri 22/2020; R21)",
            "decision_ref",
        )
    return decision


@transaction.atomic
def record_tkksd_review(
    *,
    actor: Actor,
    agreement: Agreement,
    party: AgreementParty,
    decision_ref: str,
    outcome: str = "",
    reasons: str = "",
    reviewed_on: date | None = None,
) -> AgreementParty:
    """The party region's TKKSD reviews the proposal (Permendagri 22/2020; R16, R21): approve, return with
    reasons, or reject with reasons. The review is the decision its TKKSD took in a meeting (``tkksd`` app):
    ``decision_ref`` names it, and the outcome, reasons and date are the decision's (``outcome``, if given,
    must agree). Recording the decision on the TKKSD meeting page applies it here by itself
    (:func:`apply_tkksd_decision`); this service re-applies a recorded decision. A later review replaces an
    earlier one; the row history keeps every review."""
    require_party(actor, party, "agreements.review_for_party")
    decision = _decision_of(decision_ref, agreement=agreement, party=party)
    review = REVIEW_OF_OUTCOME[decision.outcome]
    if outcome and outcome != review:
        raise bad_input(
            "outcome_invalid",
            "Hasil kajian harus sama dengan keputusan TKKSD yang dirujuk.",
            "The review's outcome must be the referred TKKSD decision's.",
            "outcome",
        )
    return _apply_review(
        actor=actor,
        agreement=agreement,
        party=party,
        outcome=review,
        reasons=decision.reasons or reasons,
        decision_ref=f"{DECISION_REF_PREFIX}{decision.pk}",
        reviewed_on=reviewed_on or decision.meeting.meeting_date,
    )


def apply_tkksd_decision(decision: Decision, actor: Actor) -> None:
    """A TKKSD decision on an agreement, just recorded in a meeting of a party region's TKKSD, becomes that
    party's review (called by the ``tkksd`` app in the decision's transaction; its policy
    ``tkksd.record_meeting`` already allowed the actor to decide for the region)."""
    agreement = Agreement.objects.filter(pk=int(decision.subject_id)).first()
    party = agreement.parties.filter(region_id=decision.meeting.region_id).first() if agreement else None
    if agreement is None or party is None:
        return  # the tkksd app checked the subject's regions; nothing of this agreement to review
    _apply_review(
        actor=actor,
        agreement=agreement,
        party=party,
        outcome=REVIEW_OF_OUTCOME[decision.outcome],
        reasons=decision.reasons,
        decision_ref=f"{DECISION_REF_PREFIX}{decision.pk}",
        reviewed_on=decision.meeting.meeting_date,
    )


def _apply_review(
    *,
    actor: Actor,
    agreement: Agreement,
    party: AgreementParty,
    outcome: str,
    reasons: str,
    decision_ref: str,
    reviewed_on: date,
) -> AgreementParty:
    reasons = clean_reason(reasons, required=outcome != TkksdReview.APPROVED)
    decision_ref = clean_text("decision_ref", decision_ref)[:REF_MAX_LENGTH]
    fresh = claim(agreement)
    require_open(fresh)
    own = party_of(fresh, party)
    if own.region_id is None:
        raise bad_input(
            "not_a_region",
            "Kajian TKKSD hanya untuk pihak daerah.",
            "A TKKSD review concerns region parties.",
        )
    stamps = {
        "tkksd_review_reasons": reasons,
        "tkksd_decision_ref": decision_ref,
        "tkksd_reviewed_on": reviewed_on,
    }
    if own.tkksd_review == outcome:
        claim_version(own, expected=own.version, code="agreements.party_conflict")
        for name, value in stamps.items():
            setattr(own, name, value)
        own._history_user = user_or_none(actor)  # type: ignore[attr-defined]
        own.save()
        audit.record(
            actor=actor,
            action=AuditAction.AGREEMENT_TKKSD_REVIEWED,
            obj=own,
            new={"tkksd_review": outcome, "decision": decision_ref},
            reason=reasons,
        )
    else:
        own = transition(
            own,
            actor=actor,
            action=AuditAction.AGREEMENT_TKKSD_REVIEWED,
            expected=own.tkksd_review,
            target=outcome,
            conflict_code="agreements.party_conflict",
            field="tkksd_review",
            stamps=stamps,
            reason=reasons,
        )
    notify_parties(fresh, "tkksd_reviewed", actor, reason=reasons)
    return own


@transaction.atomic
def record_signatory(
    *,
    actor: Actor,
    agreement: Agreement,
    party: AgreementParty,
    signatory_name: str,
    signatory_title: str = "",
    power_of_attorney_holder: str = "",
    power_of_attorney_number: str = "",
    power_of_attorney_date: date | None = None,
    expected_version: int | None = None,
) -> AgreementParty:
    """Who signs for ``party``: its head of region, or an official holding the head of region's *surat kuasa*
    (holder, letter number, date; PP 28/2018 Pasal 2, 13, 23(1); R15). Not after the party signed the PKS/NK."""
    require_party(actor, party)
    fresh = claim(agreement)
    require_open(fresh)
    own = party_of(fresh, party)
    if own.status == PartyStatus.SIGNED:
        raise bad_input("already_signed", "Pihak ini sudah menandatangani.", "This party has already signed.")
    values = {
        "signatory_name": clean_text("signatory_name", signatory_name)[:NAME_MAX_LENGTH],
        "signatory_title": clean_text("signatory_title", signatory_title)[:NAME_MAX_LENGTH],
        "power_of_attorney_holder": clean_text("power_of_attorney_holder", power_of_attorney_holder)[
            :NAME_MAX_LENGTH
        ],
        "power_of_attorney_number": clean_text("number", power_of_attorney_number),
        "power_of_attorney_date": power_of_attorney_date,
    }
    if not values["signatory_name"]:
        raise bad_input(
            "signatory_required",
            "Nama penandatangan wajib diisi.",
            "The signatory's name is required.",
            "signatory_name",
        )
    if bool(values["power_of_attorney_holder"]) != bool(values["power_of_attorney_number"]):
        raise bad_input(
            "power_of_attorney_incomplete",
            "Surat kuasa dicatat dengan nama pemegang dan nomor suratnya.",
            "A power of attorney is recorded with its holder and its letter number.",
            "power_of_attorney_number",
        )
    claim_version(
        own,
        expected=expected_version if expected_version is not None else own.version,
        code="agreements.party_conflict",
    )
    old = {k: str(getattr(own, k) or "") for k in values}
    for name, value in values.items():
        setattr(own, name, value)
    own._history_user = user_or_none(actor)  # type: ignore[attr-defined]
    own.save()
    audit.record(
        actor=actor,
        action=AuditAction.AGREEMENT_SIGNATORY_RECORDED,
        obj=own,
        old=old,
        new={k: str(v or "") for k, v in values.items()},
    )
    return own
