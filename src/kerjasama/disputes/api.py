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
from ninja import Router
from ninja.pagination import paginate

from kerjasama.agreements.api_support import READ_ERRORS, RecordId, write_route, writes_note
from kerjasama.agreements.selectors import visible_agreement
from kerjasama.core.pagination import LimitOffsetPagination
from kerjasama.disputes import services
from kerjasama.disputes.case_schemas import (
    ConfirmIn,
    DisputeIn,
    DisputeOut,
    DisputeReasonIn,
    RoundIn,
    RoundOut,
    ScreenIn,
    TermsIn,
)
from kerjasama.disputes.conf import risk_config
from kerjasama.disputes.domain import CAVEAT_EN, assess_document
from kerjasama.disputes.models import DeliberationRound, Dispute, DisputeParty
from kerjasama.disputes.schemas import RISK_INPUT_SCHEMA, RISK_OUTPUT_SCHEMA
from kerjasama.disputes.selectors import case_documents, visible_dispute, visible_disputes, visible_round

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


def _reloaded(request: HttpRequest, dispute_id: int) -> dict[str, Any]:
    case = visible_dispute(request.user, dispute_id)
    out = _case_out(case)
    out["documents"] = [
        {"id": d.pk, "title": d.title, "kind": d.kind} for d in case_documents(request.user, case)
    ]
    return out


@router.get(
    "/cases",
    response=list[DisputeOut],
    summary="The dispute cases the caller may see (confidential: parties, resolver, ministry)",
    description="Newest first, paginated (limit, offset). Rounds are given by the detail route.",
)
@paginate(LimitOffsetPagination, page_size=50)
def cases_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_case_out(d, rounds=False) for d in visible_disputes(request.user)]


@router.get(
    "/cases/{dispute_id}",
    response={200: DisputeOut, **READ_ERRORS},
    summary="One dispute case with its parties, proposed and confirmed resolver, flags and rounds",
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


# The outcome of a case feeds its agreement (issue 12 item 4): ``disputes/outcome_api.py``.
from kerjasama.disputes.outcome_api import router as _outcome_router  # noqa: E402

router.add_router("", _outcome_router)
