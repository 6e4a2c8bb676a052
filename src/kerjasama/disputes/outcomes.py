"""The outcome of a dispute feeds the agreement it arises from (issue 12 item 4).

A settlement (*kesepakatan perdamaian*, stage ``damai``) or a decision of the competent authority (UU 23/2014
Pasal 370: the Minister's decision is final, Pasal 370(4); a governor's decision is recorded with the law's
wording) can

* **amend** the agreement: an addendum through ``lifecycle.services.record_amendment`` (its document, what
  changes, effective-dated; the lifecycle's rules on terms and shares hold);
* **order an obligation** on a party: ``obligations.services.add_obligation`` (its schedule, occurrences and
  notices hold);
* **terminate** it: the lifecycle settlement checklist (``ensure_settlement``) with the ground of PP 28/2018
  Pasal 9(1) / 22 the outcome names, and, once every item is settled and a termination document is given,
  ``lifecycle.services.terminate_agreement``; until then the parties finish the checklist on the lifecycle page.

Each effect is a ``DisputeOutcome`` row linking the case and the created amendment / obligation / settlement.

Who applies (``disputes.apply_outcome``):

* a settlement: the cooperation unit of a party (the one that records it). The call goes to the lifecycle and
  obligations services AS THAT USER, so their own policy holds too (e.g. only the proposing side ends the
  cooperation, ``lifecycle.terminate``);
* a decision: the resolver (the governor's office of the resolver's province, or the ministry). The resolver is
  not a party of the agreement, so the lifecycle/obligations services are called as the system (``SYSTEM``)
  after this module checked the resolver's authority: the decision binds the parties (Pasal 370). Every other
  rule of those services (stage in force, terms, schedule, checklist) still holds, their history, audit and
  notices are written, and this module's own audit event ``dispute.outcome_applied`` names the resolver.
  [U: no regulation read says how a decision is entered into the agreement's record; flagged for review.]
"""

from __future__ import annotations

from datetime import date
from typing import Any

import rules
from django.db import transaction

from kerjasama.accounts.policy import can, require
from kerjasama.accounts.predicates import is_system_admin
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.core import audit
from kerjasama.core.actors import SYSTEM, Actor, user_or_none
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict, describe_action
from kerjasama.disputes.choices import DisputeStage
from kerjasama.disputes.models import TEXT_MAX_LENGTH, Dispute, DisputeOutcome, OutcomeKind
from kerjasama.disputes.rules import resolves_dispute, speaks_for_dispute_party
from kerjasama.disputes.services import _choice, _clean, bad_input, not_found

#: The stages at which an outcome may be applied: a settlement (``damai``) or a decision and after. The
#: decision stages are the next slice's; the list is adjusted when they land.
OUTCOME_STAGES = (
    DisputeStage.SETTLED,
    DisputeStage.DECISION,
    DisputeStage.IMPLEMENTATION,
    DisputeStage.CLOSED,
)


def outcome_allowed(dispute: Dispute) -> bool:
    """True when the case has an agreement and is settled or has a decision (``OUTCOME_STAGES``)."""
    return dispute.agreement_id is not None and dispute.stage in OUTCOME_STAGES


def is_settlement(dispute: Dispute) -> bool:
    return bool(dispute.stage == DisputeStage.SETTLED)


@rules.predicate
def applies_outcome(user: Any, dispute: Any) -> bool:
    """A party's cooperation unit for a settlement; the resolver for a decision."""
    if dispute is None or not outcome_allowed(dispute):
        return False
    if is_settlement(dispute):
        return bool(speaks_for_dispute_party(user, dispute))
    return bool(resolves_dispute(user, dispute))


rules.add_perm("disputes.apply_outcome", is_system_admin | applies_outcome)
describe_action(
    "disputes.apply_outcome",
    "menerapkan hasil perselisihan pada kerja sama (perdamaian: para pihak; keputusan: penyelesai)",
    "apply the dispute's outcome to the agreement (a settlement: the parties; a decision: the resolver)",
)


def _lifecycle_actor(actor: Actor, dispute: Dispute) -> Actor:
    """The actor the lifecycle/obligations services see: the party's own user for a settlement (their policy
    holds), the system for a resolver's decision (authority checked here, Pasal 370)."""
    return actor if is_settlement(dispute) else SYSTEM


def _fresh(dispute: Dispute) -> Dispute:
    found = Dispute.objects.select_for_update().filter(pk=dispute.pk).first()
    if found is None:
        raise not_found()
    return found


def _check_allowed(dispute: Dispute) -> Agreement:
    if dispute.agreement_id is None:
        raise bad_input(
            "no_agreement",
            "Perselisihan ini tidak berasal dari perjanjian tertulis: tidak ada kerja sama yang dapat diubah.",
            "This dispute does not arise from a written agreement: there is no agreement to change.",
        )
    if not outcome_allowed(dispute):
        raise Conflict(
            "disputes.outcome_not_allowed",
            "Hasil hanya dapat diterapkan setelah perdamaian atau keputusan.",
            "An outcome can only be applied after a settlement or a decision.",
        )
    agreement = Agreement.objects.prefetch_related("parties").get(pk=dispute.agreement_id)
    return agreement


def _origin(dispute: Dispute) -> str:
    return f"Perselisihan {dispute.number or '#' + str(dispute.pk)}: {dispute.title}"


@transaction.atomic
def apply_outcome(
    *,
    actor: Actor,
    dispute: Dispute,
    kind: str,
    note: str = "",
    # addendum
    title: str = "",
    signed_on: date | None = None,
    effective_from: date | None = None,
    changes: dict[str, Any] | None = None,
    number: str = "",
    document: Any = None,
    # obligation
    party: AgreementParty | None = None,
    obligation_kind: str = "",
    recurrence: str = "",
    first_due: date | None = None,
    last_due: date | None = None,
    amount: Any = None,
    # termination
    ground: str = "",
    document_number: str = "",
    document_date: date | None = None,
) -> DisputeOutcome:
    """Apply one effect of the case's settlement or decision to its agreement (issue 12 item 4).

    Policy ``disputes.apply_outcome``; the case row is locked and its stage re-read, so an outcome is never
    applied to a case that moved meanwhile (409 ``disputes.outcome_not_allowed``)."""
    kind = _choice("kind", kind, OutcomeKind.values)
    require(actor, "disputes.view", dispute)
    fresh = _fresh(dispute)
    agreement = _check_allowed(fresh)
    require(actor, "disputes.apply_outcome", fresh)
    note = _clean("note", note, required=False)
    by = _lifecycle_actor(actor, fresh)
    origin = _origin(fresh)
    row = DisputeOutcome(
        dispute=fresh, kind=kind, stage=fresh.stage, note=note, applied_by=user_or_none(actor)
    )
    if kind == OutcomeKind.ADDENDUM:
        from kerjasama.lifecycle.services import record_amendment

        if signed_on is None or effective_from is None:
            raise bad_input(
                "required",
                "Tanggal tanda tangan dan tanggal berlaku adendum wajib diisi.",
                "The addendum's signing date and effective date are required.",
                "signed_on" if signed_on is None else "effective_from",
            )
        row.amendment = record_amendment(
            actor=by,
            agreement=agreement,
            title=title,
            signed_on=signed_on,
            effective_from=effective_from,
            changes=changes or {},
            reason=f"{origin}. {note}".strip(),
            number=number,
            document=document,
        )
    elif kind == OutcomeKind.OBLIGATION:
        from kerjasama.obligations.services import add_obligation

        if party is None:
            raise bad_input(
                "required", "Pilih pihak yang dikenai kewajiban.", "Choose the obligated party.", "party"
            )
        row.obligation = add_obligation(
            actor=by,
            agreement=agreement,
            party=party,
            title=title,
            kind=obligation_kind,
            recurrence=recurrence,
            first_due=first_due,
            last_due=last_due,
            amount=amount,
            description=note,
            source_clause=origin,
        )
    else:
        row.settlement = _terminate(
            by=by,
            agreement=agreement,
            ground=ground,
            reason=f"{origin}. {note}".strip(),
            document_number=document_number,
            document_date=document_date,
        )
    row._history_user = user_or_none(actor)  # type: ignore[attr-defined]
    row.save()
    audit.record(
        actor=actor,
        action=AuditAction.DISPUTE_OUTCOME_APPLIED,
        obj=fresh,
        new={
            "outcome": row.pk,
            "kind": kind,
            "stage": fresh.stage,
            "agreement": agreement.pk,
            "amendment": row.amendment_id,
            "obligation": row.obligation_id,
            "settlement": row.settlement_id,
        },
        reason=note,
    )
    return row


def _terminate(
    *,
    by: Actor,
    agreement: Agreement,
    ground: str,
    reason: str,
    document_number: str,
    document_date: date | None,
) -> Any:
    """Open (or reuse) the agreement's settlement with the ground; end the cooperation now if the checklist is
    complete and the termination document is given (``terminate_agreement``: PP 28/2018 Pasal 9(1), 22)."""
    from kerjasama.agreements.choices import AgreementStage
    from kerjasama.agreements.workflow import claim
    from kerjasama.lifecycle.services import ensure_settlement, pending_items, terminate_agreement
    from kerjasama.rulebook.rules.closing import termination_grounds

    require(by, "lifecycle.settle", agreement)
    grounds = termination_grounds(agreement.type)
    ground = _choice("ground", ground, grounds)
    locked = claim(agreement)
    if locked.stage != AgreementStage.PELAKSANAAN:
        raise bad_input(
            "agreement_not_in_force",
            "Kerja sama ini tidak sedang berlaku: tidak dapat diakhiri.",
            "This agreement is not in force: it cannot be terminated.",
        )
    settlement, _created = ensure_settlement(actor=by, agreement=locked, ground=ground)
    if settlement.ground != ground:
        settlement.ground = ground
        settlement._history_user = user_or_none(by)  # type: ignore[attr-defined]
        settlement.save(update_fields=["ground"])
    document_number = _clean("document_number", document_number, limit=100, required=False)
    settlement = type(settlement).objects.prefetch_related("items").get(pk=settlement.pk)
    if document_number and not pending_items(settlement):
        terminate_agreement(
            actor=by,
            agreement=locked,
            ground=ground,
            reason=reason[:TEXT_MAX_LENGTH],
            document_number=document_number,
            document_date=document_date,
        )
    return settlement


def visible_outcomes(user: Any, dispute: Dispute) -> list[DisputeOutcome]:
    """The case's outcomes (the case is already visible to ``user``), oldest first."""
    return list(
        DisputeOutcome.objects.restrict(user, "view")
        .filter(dispute_id=dispute.pk)
        .select_related("amendment", "obligation", "settlement", "applied_by")
        .distinct()
        .order_by("applied_at", "id")
    )


def related_disputes(user: Any, agreement: Any) -> list[Dispute]:
    """The disputes arising from ``agreement`` that ``user`` may see (confidential: ``CaseRestriction``); an
    uninvolved viewer of a visible agreement learns nothing of a case it may not see."""
    return list(
        Dispute.objects.restrict(user, "view")
        .filter(agreement_id=agreement.pk)
        .distinct()
        .order_by("-registered_at", "-id")
    )


def origin_map(user: Any, agreement_id: int) -> dict[tuple[str, int], list[Dispute]]:
    """For one agreement, in ONE query: ``{("amendment", id) | ("settlement", id): [visible cases]}``."""
    found: dict[tuple[str, int], list[Dispute]] = {}
    rows = (
        DisputeOutcome.objects.restrict(user, "view")
        .filter(dispute__agreement_id=agreement_id)
        .select_related("dispute")
        .distinct()
        .order_by("dispute_id", "id")
    )
    for o in rows:
        for key in (("amendment", o.amendment_id), ("settlement", o.settlement_id)):
            if key[1] is not None:
                cases = found.setdefault((key[0], key[1]), [])
                if all(d.pk != o.dispute_id for d in cases):
                    cases.append(o.dispute)
    return found


def origin_of(user: Any, *, amendment: Any = None, settlement: Any = None) -> list[Dispute]:
    """The visible cases an amendment or a settlement arises from ("arising from dispute #N")."""
    if amendment is not None:
        return origin_map(user, amendment.agreement_id).get(("amendment", amendment.pk), [])
    if settlement is not None:
        return origin_map(user, settlement.agreement_id).get(("settlement", settlement.pk), [])
    return []


def may_apply(user: Any, dispute: Dispute) -> bool:
    return bool(can(user, "disputes.apply_outcome", dispute))
