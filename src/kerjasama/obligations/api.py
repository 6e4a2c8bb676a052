"""API v1: the obligations (*hak dan kewajiban*) of an agreement in force and the steps on their occurrences.

The same permissions as the pages (``obligations.rules``): whoever may view the agreement reads its
obligations (404 otherwise); any party adds one; only the obligated party records a fulfilment; only the other
parties confirm, dispute or waive. Errors: 403 refused, 404 not visible, 409 changed meanwhile, 422 bad input.
"""

# No `from __future__ import annotations`: django-ninja builds the parameters from these annotations.
from typing import Any

from django.http import HttpRequest
from ninja import Router

from kerjasama.agreements.api_support import RecordId, write_route, writes_note
from kerjasama.agreements.models import Agreement
from kerjasama.core.errors import NotFound
from kerjasama.obligations import services
from kerjasama.obligations.models import Obligation, ObligationDue
from kerjasama.obligations.schemas import (
    AnswerIn,
    ConfirmationOut,
    DueOut,
    FulfilIn,
    ObligationIn,
    ObligationOut,
    WaiveIn,
)
from kerjasama.obligations.selectors import agreement_obligations

router = Router(tags=["obligations"])

_WRITES = writes_note(changed="the occurrence changed meanwhile (reload and retry)")


def _agreement_not_found() -> NotFound:
    return NotFound(
        "obligations.agreement_not_found", "Kerja sama tidak ditemukan.", "The agreement was not found."
    )


def _agreement(request: HttpRequest, agreement_id: int) -> Agreement:
    found = (
        Agreement.objects.restrict(request.user, "view")
        .prefetch_related("parties__region", "parties__organisation")
        .filter(pk=agreement_id)
        .first()
    )
    if found is None:
        raise _agreement_not_found()
    return found


def _due(request: HttpRequest, due_id: int) -> ObligationDue:
    due = ObligationDue.objects.restrict(request.user, "view").filter(pk=due_id).first()
    if due is None:
        raise services.not_found()
    return due


def _confirmation(c: Any) -> dict[str, Any]:
    return {
        "id": c.pk,
        "party": c.party_id,
        "party_name": c.party.name,
        "outcome": c.outcome,
        "note": c.note,
        "recorded_at": c.recorded_at,
    }


def _due_out(d: ObligationDue) -> dict[str, Any]:
    return {
        "id": d.pk,
        "due_date": d.due_date,
        "status": d.status,
        "fulfilled_on": d.fulfilled_on,
        "fulfilment_note": d.fulfilment_note,
        "evidence_document": d.evidence_id,
        "waived_reason": d.waived_reason,
        "escalation_level": max((e.level for e in d.escalations.all()), default=None),
        "confirmations": [_confirmation(c) for c in d.confirmations.all()],
    }


def _obligation_out(o: Obligation) -> dict[str, Any]:
    return {
        "id": o.pk,
        "agreement": o.agreement_id,
        "party": o.party_id,
        "party_name": o.party.name,
        "title": o.title,
        "description": o.description,
        "owner_unit": o.owner_unit,
        "kind": o.kind,
        "amount": o.amount,
        "recurrence": o.recurrence,
        "first_due": o.first_due,
        "last_due": o.effective_last_due,
        "source_clause": o.source_clause,
        "version": o.version,
        "is_example": o.is_example,
        "dues": [_due_out(d) for d in o.dues.all()],
    }


def _one(request: HttpRequest, agreement_id: int, obligation_id: int) -> dict[str, Any]:
    for o in agreement_obligations(request.user, agreement_id):
        if o.pk == obligation_id:
            return _obligation_out(o)
    raise services.not_found()


@router.get(
    "/agreements/{agreement_id}",
    response=list[ObligationOut],
    summary="The obligations (hak dan kewajiban) of one agreement, with their occurrences",
    description=(
        "Each party's obligations under the PKS with every occurrence (*jatuh tempo*) generated within the "
        "horizon, its status (pending, fulfilled, late, waived), the escalation step taken, and the other "
        "parties' confirmations or disputes (each answer a row of its own). 404 outside the caller's visibility."
    ),
)
def obligations_list(request: HttpRequest, agreement_id: RecordId) -> list[dict[str, Any]]:
    agreement = _agreement(request, agreement_id)
    return [_obligation_out(o) for o in agreement_obligations(request.user, agreement.pk)]


@write_route(
    router,
    "/agreements/{agreement_id}",
    ObligationOut,
    summary="Record an obligation of a party (the agreement in pelaksanaan)",
    description=(
        "An official of any party records a party's obligation; its occurrences are generated for the horizon "
        "(KERJASAMA_OBLIGATION_HORIZON_MONTHS, default 24), never past the last date (default the agreement's "
        'term end). `amount` takes a number or Indonesian text ("1.250.000,50").'
    ),
    note=_WRITES,
    status=201,
)
def obligation_create(
    request: HttpRequest, agreement_id: RecordId, payload: ObligationIn
) -> tuple[int, dict[str, Any]]:
    agreement = _agreement(request, agreement_id)
    party = next((p for p in agreement.parties.all() if p.pk == payload.party), None)
    if party is None:
        raise services.bad_input(
            "party_not_of_agreement",
            "Pihak itu bukan pihak kerja sama ini.",
            "That party is not a party of this agreement.",
            "party",
        )
    obligation = services.add_obligation(
        actor=request.user,
        agreement=agreement,
        party=party,
        title=payload.title,
        kind=payload.kind,
        recurrence=payload.recurrence,
        first_due=payload.first_due,
        last_due=payload.last_due,
        amount=payload.amount,
        description=payload.description,
        owner_unit=payload.owner_unit,
        source_clause=payload.source_clause,
    )
    return 201, _one(request, agreement.pk, obligation.pk)


@write_route(
    router,
    "/dues/{due_id}/fulfil",
    DueOut,
    summary="Record the fulfilment of an occurrence (only the obligated party)",
    description="Pending or late → fulfilled, with the date, a note and optionally the evidence document.",
    note=_WRITES,
)
def due_fulfil(request: HttpRequest, due_id: RecordId, payload: FulfilIn) -> dict[str, Any]:
    due = _due(request, due_id)
    evidence = None
    if payload.evidence_document is not None:
        from kerjasama.documents.models import Document

        evidence = (
            Document.objects.restrict(request.user, "view").filter(pk=payload.evidence_document).first()
        )
        if evidence is None:
            raise services.bad_input(
                "evidence_not_attached",
                "Berkas bukti itu tidak dilampirkan pada kewajiban ini.",
                "That evidence file is not attached to this obligation.",
                "evidence_document",
            )
    services.record_fulfilment(
        actor=request.user, due=due, fulfilled_on=payload.fulfilled_on, note=payload.note, evidence=evidence
    )
    return _due_out(
        ObligationDue.objects.prefetch_related(
            "confirmations__party__region", "confirmations__party__organisation", "escalations"
        ).get(pk=due.pk)
    )


@write_route(
    router,
    "/dues/{due_id}/confirmation",
    ConfirmationOut,
    summary="Confirm or dispute a fulfilment (only the other parties); each answer is a new row",
    description="`outcome` confirmed or disputed; a dispute needs a `note`. 409 unless the occurrence is fulfilled.",
    note=_WRITES,
    status=201,
)
def due_answer(request: HttpRequest, due_id: RecordId, payload: AnswerIn) -> tuple[int, dict[str, Any]]:
    due = _due(request, due_id)
    party = None
    if payload.party is not None:
        from kerjasama.agreements.models import AgreementParty

        party = AgreementParty.objects.filter(pk=payload.party).first()
        if party is None:
            raise services.bad_input("not_a_counterparty", "Pihak tidak dikenal.", "Unknown party.", "party")
    row = services.answer_fulfilment(
        actor=request.user, due=due, outcome=payload.outcome, note=payload.note, party=party
    )
    return 201, _confirmation(row)


@write_route(
    router,
    "/dues/{due_id}/waive",
    DueOut,
    summary="Waive an occurrence with a reason (only the party it is owed to)",
    description="Pending or late → waived. A claim is released by its creditor (see obligations.rules).",
    note=_WRITES,
)
def due_waive(request: HttpRequest, due_id: RecordId, payload: WaiveIn) -> dict[str, Any]:
    due = _due(request, due_id)
    services.waive_due(actor=request.user, due=due, reason=payload.reason)
    return _due_out(
        ObligationDue.objects.prefetch_related(
            "confirmations__party__region", "confirmations__party__organisation", "escalations"
        ).get(pk=due.pk)
    )
