"""API v1 of a dispute's outcomes (issue 12 item 4): ``GET /api/v1/disputes/cases/{id}/outcomes`` lists them,
``POST`` applies one (an addendum, an obligation or a termination of the agreement the case arises from).

Confidential as the case: a case outside the caller's sight answers 404; a visible case the caller may not
apply an outcome to 403; a case neither settled nor decided 409 ``disputes.outcome_not_allowed``; a case
without an agreement 422 ``disputes.no_agreement``; the lifecycle's and obligations' own errors pass through
(``lifecycle.*``, ``obligations.*``).
"""

# No `from __future__ import annotations`: django-ninja builds the parameters from these annotations.
from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from kerjasama.agreements.api_support import READ_ERRORS, RecordId, visible_file, write_route, writes_note
from kerjasama.agreements.models import AgreementParty
from kerjasama.disputes import outcomes
from kerjasama.disputes.models import DisputeOutcome
from kerjasama.disputes.selectors import visible_dispute
from kerjasama.disputes.services import bad_input

router = Router(tags=["disputes"])


class OutcomeIn(Schema):
    kind: str = Field(description="adendum, kewajiban (an obligation) or pengakhiran (termination)")
    note: str = ""
    title: str = Field("", description="the addendum's or the obligation's title")
    signed_on: date | None = None
    effective_from: date | None = None
    changes: dict[str, Any] = Field(default_factory=dict, description="the addendum's changed terms")
    number: str = Field("", description="the addendum's document number")
    document: int | None = Field(None, description="a document of the agreement (the signed addendum)")
    party: int | None = Field(None, description="the obligated party (an agreement party's id)")
    obligation_kind: str = ""
    recurrence: str = ""
    first_due: date | None = None
    last_due: date | None = None
    amount: str | None = None
    ground: str = Field("", description="the termination ground (PP 28/2018 Pasal 9(1), 22)")
    document_number: str = Field("", description="the termination document; ends it if the checklist is done")
    document_date: date | None = None


class OutcomeOut(Schema):
    id: int
    dispute: int
    kind: str
    stage: str
    note: str
    amendment: int | None
    obligation: int | None
    settlement: int | None
    agreement: int | None
    applied_at: datetime


def _out(o: DisputeOutcome, agreement_id: int | None) -> dict[str, Any]:
    return {
        "id": o.pk,
        "dispute": o.dispute_id,
        "kind": o.kind,
        "stage": o.stage,
        "note": o.note,
        "amendment": o.amendment_id,
        "obligation": o.obligation_id,
        "settlement": o.settlement_id,
        "agreement": agreement_id,
        "applied_at": o.applied_at,
    }


@router.get(
    "/cases/{dispute_id}/outcomes",
    response={200: list[OutcomeOut], **READ_ERRORS},
    summary="A case's outcomes applied to its agreement (addenda, obligations, termination)",
)
def outcome_list(request: HttpRequest, dispute_id: RecordId) -> list[dict[str, Any]]:
    case = visible_dispute(request.user, dispute_id)
    return [_out(o, case.agreement_id) for o in outcomes.visible_outcomes(request.user, case)]


def _party(case: Any, party_id: int | None) -> AgreementParty | None:
    if party_id is None:
        return None
    found = AgreementParty.objects.filter(pk=party_id, agreement_id=case.agreement_id).first()
    if found is None:
        raise bad_input(
            "party_invalid",
            "Pihak itu bukan pihak kerja sama perselisihan ini.",
            "That party is not a party of this dispute's agreement.",
            "party",
        )
    return found


@write_route(
    router,
    "/cases/{dispute_id}/outcomes",
    OutcomeOut,
    summary="Apply a settlement's or decision's outcome to the agreement (issue 12 item 4)",
    description=(
        "A settlement (stage damai): a party's cooperation unit, through the lifecycle/obligations services as "
        "that user. A decision (keputusan, pelaksanaan, selesai): the resolver. "
    ),
    note=writes_note(changed="the case moved to another stage meanwhile (reload and retry)"),
    status=201,
)
def outcome_apply(
    request: HttpRequest, dispute_id: RecordId, payload: OutcomeIn
) -> tuple[int, dict[str, Any]]:
    case = visible_dispute(request.user, dispute_id)
    row = outcomes.apply_outcome(
        actor=request.user,
        dispute=case,
        kind=payload.kind,
        note=payload.note,
        title=payload.title,
        signed_on=payload.signed_on,
        effective_from=payload.effective_from,
        changes=payload.changes,
        number=payload.number,
        document=visible_file(request, payload.document),
        party=_party(case, payload.party),
        obligation_kind=payload.obligation_kind,
        recurrence=payload.recurrence,
        first_due=payload.first_due,
        last_due=payload.last_due,
        amount=payload.amount,
        ground=payload.ground,
        document_number=payload.document_number,
        document_date=payload.document_date,
    )
    return 201, _out(row, case.agreement_id)
