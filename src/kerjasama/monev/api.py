"""API v1: monitoring and evaluation (monev) of agreements in force: periods with each party's status, the
self-assessments, the TKKSD's and the governor's office's evaluations, and the caller's overdue items.

The same permissions as the pages (``monev.rules``): an agreement outside the caller's visibility answers 404
(``agreements.not_found``); a visible one the caller may not act on answers 403 (``permission_denied``). Bad
input is a 422 with a stable code (``monev.progress_invalid``, ``input.not_a_number``, ``monev.rating_invalid``
…); a second evaluation of the same period is a 409. Legal basis: PP 28/2018 Pasal 44(5) → PP 12/2017 Pasal 24;
UU 23/2014 Pasal 368. Period and due date are settings (``KERJASAMA_MONEV_*``) [U].
"""

# No `from __future__ import annotations`: django-ninja builds the parameters from these annotations.
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import P, PathEx, Router

from kerjasama.accounts.policy import require
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.agreements.schemas import ErrorOut
from kerjasama.agreements.selectors import visible_agreement
from kerjasama.core.errors import NotFound
from kerjasama.core.pagination import MAX_OFFSET
from kerjasama.monev import services
from kerjasama.monev.models import GovernorEvaluation, MonevPeriod, SelfAssessment, TkksdEvaluation
from kerjasama.monev.schemas import (
    AgreementMonevOut,
    GovernorEvaluationIn,
    GovernorEvaluationOut,
    MonevDeadlineOut,
    SelfAssessmentIn,
    SelfAssessmentOut,
    TkksdEvaluationIn,
    TkksdEvaluationOut,
)
from kerjasama.monev.selectors import agreement_monev, deadlines_for_user

router = Router(tags=["monev"])

_Id = PathEx[int, P(ge=1, le=MAX_OFFSET)]
_ERRORS: dict[int, Any] = {403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _assessment(s: SelfAssessment | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "id": s.pk,
        "party": s.party_id,
        "revision": s.revision,
        "status": s.status,
        "progress_percent": str(s.progress_percent),
        "budget_realised": str(s.budget_realised) if s.budget_realised is not None else None,
        "outputs": s.outputs,
        "problems": s.problems,
        "follow_up": s.follow_up,
        "submitted_at": s.submitted_at,
    }


def _tkksd(e: TkksdEvaluation | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {
        "id": e.pk,
        "party": e.party_id,
        "rating": e.rating,
        "notes": e.notes,
        "decision": e.decision_id,
        "meeting_ref": e.meeting_ref,
        "evaluated_at": e.evaluated_at,
    }


def _governor(g: GovernorEvaluation) -> dict[str, Any]:
    return {
        "id": g.pk,
        "province": g.province_id,
        "rating": g.rating,
        "notes": g.notes,
        "evaluated_at": g.evaluated_at,
    }


def _monev(user: Any, agreement: Agreement) -> dict[str, Any]:
    data = agreement_monev(agreement, user)
    return {
        "agreement": agreement.pk,
        "flags": [str(f) for f in data.flags],
        "periods": [
            {
                "id": row.period.pk,
                "sequence": row.period.sequence,
                "start": row.period.start,
                "end": row.period.end,
                "due": row.period.due,
                "parties": [
                    {
                        "party": p.party.pk,
                        "name": p.party.name,
                        "region": p.party.region_id,
                        "status": p.status,
                        "submitted": _assessment(p.submitted),
                        "draft": _assessment(p.draft),
                        "tkksd_evaluation": _tkksd(p.tkksd),
                    }
                    for p in row.parties
                ],
                "governor_evaluations": [_governor(g) for g in row.governor],
            }
            for row in data.periods
        ],
    }


def _period(user: Any, period_id: int) -> MonevPeriod:
    """The period of an agreement the caller sees (404 otherwise), its agreement with parties loaded."""
    found = MonevPeriod.objects.filter(pk=period_id).values_list("agreement_id", flat=True).first()
    if found is None:
        raise NotFound("monev.period_not_found", "Periode monev tidak ditemukan.", "Monev period not found.")
    agreement = visible_agreement(user, found)
    period = MonevPeriod.objects.get(pk=period_id)
    period.agreement = agreement
    return period


def _party(period: MonevPeriod, party_id: int) -> AgreementParty:
    party = next((p for p in period.agreement.parties.all() if p.pk == party_id), None)
    if party is None:
        raise NotFound(
            "agreements.party_not_found",
            "Pihak tersebut bukan pihak kerja sama ini.",
            "That party is not a party of this agreement.",
        )
    return party


@router.get(
    "/agreements/{agreement_id}",
    response={200: AgreementMonevOut, 403: ErrorOut, 404: ErrorOut},
    summary="An agreement's monev: periods, each party's status and self-assessment, evaluations, flags",
    description="Newest period first. `draft` is shown only to the party's own side. `flags`: `stagnant` (no "
    "recorded event for KERJASAMA_MONEV_STAGNATION_MONTHS months), `missed_twice` (a party overdue twice).",
)
def agreement_read(request: HttpRequest, agreement_id: _Id) -> dict[str, Any]:
    agreement = visible_agreement(request.user, agreement_id)
    require(request.user, "monev.view", agreement)
    return _monev(request.user, agreement)


@router.post(
    "/periods/{period_id}/self-assessments",
    response={201: SelfAssessmentOut, **_ERRORS},
    summary="Save (and optionally submit) a party's self-assessment for a period",
    description="Only the party's own side. The open draft is edited; after a submission a new revision is "
    "started (never an overwrite). Numbers as strings are read the Indonesian way (`45,5`, `1.250.000,50`).",
)
def self_assessment_save(
    request: HttpRequest, period_id: _Id, payload: SelfAssessmentIn
) -> tuple[int, dict[str, Any] | None]:
    period = _period(request.user, period_id)
    party = _party(period, payload.party)
    saved = services.save_self_assessment(
        actor=request.user,
        period=period,
        party=party,
        progress_percent=payload.progress_percent,
        budget_realised=payload.budget_realised,
        outputs=payload.outputs,
        problems=payload.problems,
        follow_up=payload.follow_up,
        submit=payload.submit,
    )
    return 201, _assessment(saved)


@router.post(
    "/self-assessments/{assessment_id}/submit",
    response={200: SelfAssessmentOut, **_ERRORS},
    summary="Submit a draft self-assessment (409 if it was already submitted)",
)
def self_assessment_submit(request: HttpRequest, assessment_id: _Id) -> tuple[int, dict[str, Any] | None]:
    found = SelfAssessment.objects.restrict(request.user, "view").filter(pk=assessment_id).first()
    if found is None:
        raise NotFound(
            "monev.assessment_not_found", "Evaluasi mandiri tidak ditemukan.", "Self-assessment not found."
        )
    return 200, _assessment(services.submit_self_assessment(actor=request.user, assessment=found))


@router.post(
    "/periods/{period_id}/tkksd-evaluations",
    response={201: TkksdEvaluationOut, **_ERRORS},
    summary="Record a party region's TKKSD evaluation of a period (rating, notes, decision or meeting ref)",
)
def tkksd_evaluation_record(
    request: HttpRequest, period_id: _Id, payload: TkksdEvaluationIn
) -> tuple[int, dict[str, Any] | None]:
    from kerjasama.tkksd.models import Decision

    period = _period(request.user, period_id)
    party = _party(period, payload.party)
    decision = None
    if payload.decision is not None:
        decision = Decision.objects.select_related("meeting").filter(pk=payload.decision).first()
        if decision is None:
            raise NotFound(
                "monev.decision_not_found", "Keputusan TKKSD tidak ditemukan.", "TKKSD decision not found."
            )
    saved = services.record_tkksd_evaluation(
        actor=request.user,
        period=period,
        party=party,
        rating=payload.rating,
        notes=payload.notes,
        decision=decision,
        meeting_ref=payload.meeting_ref,
    )
    return 201, _tkksd(saved)


@router.post(
    "/periods/{period_id}/governor-evaluations",
    response={201: GovernorEvaluationOut, **_ERRORS},
    summary="Record the governor's office's evaluation of a period (its own province)",
)
def governor_evaluation_record(
    request: HttpRequest, period_id: _Id, payload: GovernorEvaluationIn
) -> tuple[int, dict[str, Any]]:
    period = _period(request.user, period_id)
    saved = services.record_governor_evaluation(
        actor=request.user, period=period, rating=payload.rating, notes=payload.notes
    )
    return 201, _governor(saved)


@router.get(
    "/deadlines",
    response=list[MonevDeadlineOut],
    summary="The caller's monev deadlines: self-assessments not yet submitted (overdue first)",
    description="For the caller's own region (a province's officials: its kab/kota too) or organisation; "
    "Kemendagri sees all. `overdue_only=true` for the overdue items only.",
)
def deadlines(
    request: HttpRequest, overdue_only: bool = False, today: date | None = None
) -> list[dict[str, Any]]:
    items = deadlines_for_user(request.user, today or timezone.localdate(), overdue_only=overdue_only)
    return [
        {
            "agreement": d.agreement_id,
            "agreement_label": d.agreement_label,
            "period": d.period_id,
            "period_start": d.period_start,
            "period_end": d.period_end,
            "due": d.due,
            "party": d.party_id,
            "region": d.region_code,
            "organisation": d.organisation_id,
            "overdue": d.overdue,
        }
        for d in items
    ]
