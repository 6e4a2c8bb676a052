"""API v1 of the disputes: the early warning with the same contract as ``kerjasama risk`` (issue 12 item 6),
and the dispute cases (items 1-3).

The early warning: any authenticated user may call it (the API's token or session authentication;
rate-limited by the API's throttle, ``KERJASAMA_API_RATE_PER_MINUTE``): it only computes on what is posted,
reads and writes no record.

The cases are CONFIDENTIAL (``disputes.rules``): a case outside the caller's sight answers 404 exactly as a
missing one; a visible case the caller may not act on 403; a lost race 409; bad input 422 (``ErrorOut``).
"""

# No `from __future__ import annotations`: django-ninja builds the parameters from these annotations.
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router
from ninja.pagination import paginate

from kerjasama.agreements.api_support import READ_ERRORS, RecordId, write_route, writes_note
from kerjasama.agreements.selectors import visible_agreement
from kerjasama.core.pagination import LimitOffsetPagination, MappedPage
from kerjasama.disputes import services
from kerjasama.disputes.case_schemas import (
    CasePathOut,
    ClarificationIn,
    ClarificationOut,
    ConfirmIn,
    DecisionIn,
    DisputeAnswerIn,
    DisputeFulfilIn,
    DisputeIn,
    DisputeOut,
    DisputeReasonIn,
    EvaluationIn,
    ExtendIn,
    NoteIn,
    OrderOut,
    RoundIn,
    RoundOut,
    ScreenIn,
    SessionIn,
    TermsIn,
)
from kerjasama.disputes.conf import risk_config
from kerjasama.disputes.domain import CAVEAT_EN, assess_document
from kerjasama.disputes.models import (
    ClarificationRequest,
    DeliberationRound,
    Dispute,
    DisputeOrder,
    DisputeParty,
)
from kerjasama.disputes.schemas import RISK_INPUT_SCHEMA, RISK_OUTPUT_SCHEMA
from kerjasama.disputes.selectors import case_documents, visible_dispute, visible_disputes, visible_round
from kerjasama.disputes.sla import countdown

router = Router(tags=["disputes"])


@router.post(
    "/risk",
    summary="Early warning: score one agreement and its events",
    description=(
        "The same contract as `kerjasama risk`: 200 with `score` (0-100), `band` (1-5), `label_id`/`label_en`, "
        "the `indicators` that fired (each with its band, weight, a sentence in Indonesian and English and the "
        "indexes of the events behind it), `mitigations` and `completeness` (0-1, a separate score of how "
        'complete the data is); 422 with `{"error": {"code", "message"}}` for bad input (malformed JSON, an '
        "unknown event kind or field, an event party that is not a party of the agreement, a bad date). The "
        "indicators, weights and thresholds are the system's documented heuristics (KERJASAMA_RISK_* settings), "
        f"not law. {CAVEAT_EN} Nothing is stored."
    ),
    response={200: dict[str, Any]},
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": RISK_INPUT_SCHEMA}}},
        "responses": {
            200: {"description": "OK", "content": {"application/json": {"schema": RISK_OUTPUT_SCHEMA}}}
        },
    },
)
def risk(request: HttpRequest) -> dict[str, Any]:
    return assess_document(request.body, risk_config())


_WRITES = writes_note(changed="the case moved to another stage meanwhile (reload and retry)")


def _round_out(r: DeliberationRound) -> dict[str, Any]:
    return {
        "id": r.pk,
        "number": r.number,
        "meeting_date": r.meeting_date,
        "minutes": r.minutes,
        "issues": r.issues,
        "confirmed_parties": r.confirmed_parties,
        "recorded_at": r.recorded_at,
    }


def _case_out(d: Dispute, *, rounds: bool = True) -> dict[str, Any]:
    plain = [
        "number",
        "title",
        "kind",
        "sector",
        "causes",
        "claims",
        "initiated_by",
        "registered_at",
        "stage",
        "proposed_resolver",
        "proposed_basis",
        "legal_review",
        "flags",
        "resolver",
        "resolver_basis",
        "screening_outcome",
        "screening_reason",
        "referred_to",
        "deliberation_deadline",
        "closing_reason",
    ]
    out: dict[str, Any] = {name: getattr(d, name) for name in plain}
    out |= {
        "id": d.pk,
        "agreement": d.agreement_id,
        "proposed_region": d.proposed_region_id,
        "resolver_region": d.resolver_region_id,
        "parties": [
            {
                "id": p.pk,
                "role": p.role,
                "region": p.region_id,
                "organisation": p.organisation_id,
                "name": p.name,
                "took_part": p.took_part,
            }
            for p in d.parties.all()
        ],
        "rounds": [_round_out(r) for r in d.rounds.all()] if rounds else [],
    }
    return out


def _order_out(o: DisputeOrder, today: Any) -> dict[str, Any]:
    return {
        "id": o.pk,
        "party": o.party_id,
        "action": o.action,
        "due_date": o.due_date,
        "status": o.effective_status(today),
        "fulfilment_note": o.fulfilment_note,
        "fulfilled_on": o.fulfilled_on,
        "evidence": o.evidence_id,
        "confirmed_at": o.confirmed_at,
        "obligation": o.obligation_id,
    }


def _clarification_out(c: ClarificationRequest) -> dict[str, Any]:
    return {
        "id": c.pk,
        "party": c.party_id,
        "question": c.question,
        "due_date": c.due_date,
        "answer": c.answer,
        "answered_at": c.answered_at,
    }


def _reloaded(request: HttpRequest, dispute_id: int) -> dict[str, Any]:
    case = visible_dispute(request.user, dispute_id)
    out = _case_out(case)
    out["documents"] = [
        {"id": d.pk, "title": d.title, "kind": d.kind} for d in case_documents(request.user, case)
    ]
    today = timezone.localdate()
    for name in (
        "facilitation_deadline",
        "evaluation",
        "decision_deadline",
        "decision_number",
        "decision_date",
        "decision_text",
        "decision_final",
        "decision_basis",
        "forum",
    ):
        out[name] = getattr(case, name)
    out["decision_document"] = case.decision_document_id
    sla = countdown(case, today)
    out["step_due"] = sla.due if sla else None
    out["days_left"] = sla.days if sla else None
    out["sessions"] = [
        {
            "id": s.pk,
            "number": s.number,
            "session_date": s.session_date,
            "attendees": s.attendees,
            "summary": s.summary,
        }
        for s in case.sessions.all()
    ]
    out["clarifications"] = [_clarification_out(c) for c in case.clarifications.all()]
    out["orders"] = [_order_out(o, today) for o in case.orders.all()]
    return out


@router.get(
    "/cases",
    response=list[DisputeOut],
    summary="The dispute cases the caller may see (confidential: parties, resolver, ministry)",
    description="Newest first, paginated (limit, offset). Rounds are given by the detail route.",
)
@paginate(LimitOffsetPagination, page_size=50)
def cases_list(request: HttpRequest) -> Any:
    return MappedPage(visible_disputes(request.user), lambda d: _case_out(d, rounds=False))


@router.get(
    "/cases/{dispute_id}",
    response={200: CasePathOut, **READ_ERRORS},
    summary="One dispute case with its parties, resolver, flags, rounds, facilitation, decision, orders, SLA",
)
def case_detail(request: HttpRequest, dispute_id: RecordId) -> dict[str, Any]:
    return _reloaded(request, dispute_id)


@write_route(
    router,
    "/cases",
    DisputeOut,
    summary="Register a dispute case (a party, the governor's office for its kab/kota, or the ministry)",
    description=(
        "The system proposes the competent resolver from the rulebook (UU 23/2014 Pasal 91(3)(c), 92, 370; "
        "PP 28/2018 Pasal 8, 21) with its basis, and flags what may not be a KSD dispute."
    ),
    note=_WRITES,
    status=201,
)
def case_register(request: HttpRequest, payload: DisputeIn) -> tuple[int, dict[str, Any]]:
    agreement = visible_agreement(request.user, payload.agreement) if payload.agreement else None
    dispute = services.register_dispute(
        actor=request.user,
        title=payload.title,
        kind=payload.kind,
        sector=payload.sector,
        causes=payload.causes,
        claims=payload.claims,
        parties=[
            services.PartyInput(p.role, region_code=p.region, organisation_id=p.organisation)
            for p in payload.parties
        ],
        agreement=agreement,
    )
    return 201, _reloaded(request, dispute.pk)


@write_route(
    router,
    "/cases/{dispute_id}/screen",
    DisputeOut,
    summary="Screen a case (the resolver): accept, correcting the resolver with a reason, or bukan_wewenang",
    note=_WRITES,
)
def case_screen(request: HttpRequest, dispute_id: RecordId, payload: ScreenIn) -> dict[str, Any]:
    services.screen_dispute(
        actor=request.user,
        dispute=visible_dispute(request.user, dispute_id),
        outcome=payload.outcome,
        reason=payload.reason,
        resolver=payload.resolver,
        resolver_region=payload.resolver_region,
        referred_to=payload.referred_to,
    )
    return _reloaded(request, dispute_id)


@write_route(
    router,
    "/cases/{dispute_id}/rounds",
    RoundOut,
    summary="Record a deliberation round (bounded: KERJASAMA_DISPUTE_MAX_ROUNDS, _DELIBERATION_DAYS)",
    note=_WRITES,
    status=201,
)
def case_round(request: HttpRequest, dispute_id: RecordId, payload: RoundIn) -> tuple[int, dict[str, Any]]:
    row = services.record_round(
        actor=request.user,
        dispute=visible_dispute(request.user, dispute_id),
        meeting_date=payload.meeting_date,
        minutes=payload.minutes,
        issues=payload.issues,
    )
    return 201, _round_out(row)


@write_route(
    router,
    "/rounds/{round_id}/confirm",
    RoundOut,
    summary="Confirm a round's issue list for one party (each party for itself)",
    note=_WRITES,
)
def round_confirm(request: HttpRequest, round_id: RecordId, payload: ConfirmIn) -> dict[str, Any]:
    row = visible_round(request.user, round_id)
    party = row.dispute.parties.filter(pk=payload.party).first()
    if party is None:
        raise services.bad_input(
            "party_not_of_dispute",
            "Pihak itu bukan pihak perselisihan ini.",
            "Not a party of this dispute.",
            "party",
        )
    return _round_out(services.confirm_issues(actor=request.user, round=row, party=party))


@write_route(
    router,
    "/cases/{dispute_id}/fail",
    DisputeOut,
    summary="Declare the deliberation failed: the case goes to facilitation",
    note=_WRITES,
)
def case_fail(request: HttpRequest, dispute_id: RecordId, payload: DisputeReasonIn) -> dict[str, Any]:
    services.fail_deliberation(
        actor=request.user, dispute=visible_dispute(request.user, dispute_id), reason=payload.reason
    )
    return _reloaded(request, dispute_id)


@write_route(
    router,
    "/cases/{dispute_id}/settle",
    DisputeOut,
    summary="Record a settlement (kesepakatan perdamaian) at any open stage",
    note=_WRITES,
)
def case_settle(request: HttpRequest, dispute_id: RecordId, payload: TermsIn) -> dict[str, Any]:
    services.settle(
        actor=request.user, dispute=visible_dispute(request.user, dispute_id), terms=payload.terms
    )
    return _reloaded(request, dispute_id)


@write_route(
    router,
    "/cases/{dispute_id}/withdraw",
    DisputeOut,
    summary="Withdraw a case at any open stage (the claimant or the resolver)",
    note=_WRITES,
)
def case_withdraw(request: HttpRequest, dispute_id: RecordId, payload: DisputeReasonIn) -> dict[str, Any]:
    services.withdraw(
        actor=request.user, dispute=visible_dispute(request.user, dispute_id), reason=payload.reason
    )
    return _reloaded(request, dispute_id)


@write_route(
    router,
    "/parties/{party_id}/absent",
    DisputeOut,
    summary="Record that a party does not take part (the resolver); the path proceeds without it",
    note=_WRITES,
)
def party_absent(request: HttpRequest, party_id: RecordId, payload: DisputeReasonIn) -> dict[str, Any]:
    party = (
        DisputeParty.objects.restrict(request.user, "view")
        .select_related("dispute")
        .filter(pk=party_id)
        .first()
    )
    if party is None:
        raise services.not_found()
    services.record_absence(actor=request.user, party=party, reason=payload.reason)
    return _reloaded(request, party.dispute_id)


# -- facilitation, decision, implementation, closure, extensions (issue 12 item 3) -----------------------------


def _case(request: HttpRequest, dispute_id: int) -> Dispute:
    return visible_dispute(request.user, dispute_id)


@write_route(
    router,
    "/cases/{dispute_id}/sessions",
    CasePathOut,
    summary="Record a facilitation session (the resolver): date, attendees per party, summary",
    note=_WRITES,
    status=201,
)
def case_session(
    request: HttpRequest, dispute_id: RecordId, payload: SessionIn
) -> tuple[int, dict[str, Any]]:
    services.record_session(
        actor=request.user,
        dispute=_case(request, dispute_id),
        session_date=payload.session_date,
        summary=payload.summary,
        attendees={a.party: a.names for a in payload.attendees},
    )
    return 201, _reloaded(request, dispute_id)


@write_route(
    router,
    "/cases/{dispute_id}/clarifications",
    ClarificationOut,
    summary="Ask a party for clarification by a due date (the resolver, in facilitation)",
    note=_WRITES,
    status=201,
)
def case_clarification(
    request: HttpRequest, dispute_id: RecordId, payload: ClarificationIn
) -> tuple[int, dict[str, Any]]:
    case = _case(request, dispute_id)
    party = case.parties.filter(pk=payload.party).first()
    if party is None:
        raise services.bad_input(
            "party_not_of_dispute",
            "Pihak itu bukan pihak perselisihan ini.",
            "Not a party of this dispute.",
            "party",
        )
    row = services.request_clarification(
        actor=request.user, dispute=case, party=party, question=payload.question, due_date=payload.due_date
    )
    return 201, _clarification_out(row)


@write_route(
    router,
    "/clarifications/{clarification_id}/answer",
    ClarificationOut,
    summary="Answer a clarification request (the party asked)",
    note=_WRITES,
)
def clarification_answer(
    request: HttpRequest, clarification_id: RecordId, payload: DisputeAnswerIn
) -> dict[str, Any]:
    row = (
        ClarificationRequest.objects.restrict(request.user, "view")
        .select_related("dispute", "party")
        .filter(pk=clarification_id)
        .first()
    )
    if row is None:
        raise services.not_found()
    return _clarification_out(
        services.answer_clarification(actor=request.user, clarification=row, answer=payload.answer)
    )


@write_route(
    router,
    "/cases/{dispute_id}/evaluation",
    CasePathOut,
    summary="Record the resolver's neutral evaluation (in facilitation)",
    note=_WRITES,
)
def case_evaluation(request: HttpRequest, dispute_id: RecordId, payload: EvaluationIn) -> dict[str, Any]:
    services.record_evaluation(
        actor=request.user, dispute=_case(request, dispute_id), evaluation=payload.evaluation
    )
    return _reloaded(request, dispute_id)


@write_route(
    router,
    "/cases/{dispute_id}/end-facilitation",
    CasePathOut,
    summary="End facilitation without agreement: the resolver moves to its decision (KERJASAMA_DISPUTE_DECISION_DAYS)",
    note=_WRITES,
)
def case_end_facilitation(
    request: HttpRequest, dispute_id: RecordId, payload: DisputeReasonIn
) -> dict[str, Any]:
    services.end_facilitation(actor=request.user, dispute=_case(request, dispute_id), reason=payload.reason)
    return _reloaded(request, dispute_id)


@write_route(
    router,
    "/cases/{dispute_id}/decision",
    CasePathOut,
    summary="Record the decision and its orders (the resolver; for a KSDPK clause case the forum's outcome)",
    description=(
        "The Minister's decision is recorded as final (UU 23/2014 Pasal 370(4)); a governor's decision with the "
        "law's wording, not called final (Pasal 370(1), 91(3)(c)). A case settled by the agreement's clause "
        "(PP 28/2018 Pasal 21) needs `forum`. Each order becomes a one-off obligation on the agreement in force. "
        "The decision's PDF is uploaded on the case page (or attached through the documents API)."
    ),
    note=_WRITES,
)
def case_decision(request: HttpRequest, dispute_id: RecordId, payload: DecisionIn) -> dict[str, Any]:
    services.record_decision(
        actor=request.user,
        dispute=_case(request, dispute_id),
        number=payload.number,
        decision_date=payload.decision_date,
        text=payload.text,
        forum=payload.forum,
        orders=[services.OrderInput(o.party, o.action, o.due_date) for o in payload.orders],
    )
    return _reloaded(request, dispute_id)


def _visible_order(request: HttpRequest, order_id: int) -> DisputeOrder:
    row = (
        DisputeOrder.objects.restrict(request.user, "view")
        .select_related("dispute", "party")
        .filter(pk=order_id)
        .first()
    )
    if row is None:
        raise services.not_found()
    return row


@write_route(
    router,
    "/orders/{order_id}/fulfil",
    OrderOut,
    summary="Record the fulfilment of an order (the ordered party); its mirrored obligation is marked too",
    note=_WRITES,
)
def order_fulfil(request: HttpRequest, order_id: RecordId, payload: DisputeFulfilIn) -> dict[str, Any]:
    row = services.fulfil_order(
        actor=request.user,
        order=_visible_order(request, order_id),
        note=payload.note,
        fulfilled_on=payload.fulfilled_on,
    )
    return _order_out(row, timezone.localdate())


@write_route(
    router,
    "/orders/{order_id}/confirm",
    OrderOut,
    summary="Confirm an order's fulfilment (the resolver)",
    note=_WRITES,
)
def order_confirm(request: HttpRequest, order_id: RecordId, payload: NoteIn) -> dict[str, Any]:
    row = services.confirm_order(
        actor=request.user, order=_visible_order(request, order_id), note=payload.note
    )
    return _order_out(row, timezone.localdate())


@write_route(
    router,
    "/cases/{dispute_id}/close",
    CasePathOut,
    summary="Close the case once every order is fulfilled and confirmed (the resolver)",
    note=_WRITES,
)
def case_close(request: HttpRequest, dispute_id: RecordId, payload: NoteIn) -> dict[str, Any]:
    services.close_case(actor=request.user, dispute=_case(request, dispute_id), note=payload.note)
    return _reloaded(request, dispute_id)


@write_route(
    router,
    "/cases/{dispute_id}/extend",
    CasePathOut,
    summary="Extend the open step's due date, or an order's, with a reason (the resolver)",
    note=_WRITES,
)
def case_extend(request: HttpRequest, dispute_id: RecordId, payload: ExtendIn) -> dict[str, Any]:
    case = _case(request, dispute_id)
    order = case.orders.filter(pk=payload.order).first() if payload.order else None
    services.extend_deadline(
        actor=request.user,
        dispute=case,
        step=payload.step,
        new_due=payload.new_due,
        reason=payload.reason,
        order=order,
    )
    return _reloaded(request, dispute_id)


# The outcome of a case feeds its agreement (issue 12 item 4): ``disputes/outcome_api.py``.
from kerjasama.disputes.outcome_api import router as _outcome_router  # noqa: E402

router.add_router("", _outcome_router)
