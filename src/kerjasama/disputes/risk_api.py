"""API v1 of the stored early warning (``/api/v1/disputes/early-warning/...``; issue 12 items 5 and 9): the
assessments of the agreements in force the caller may see (riskiest first), one agreement's assessment with the
events behind each indicator, the regions' aggregates, the thresholds in force, and the risk event log (read and
record).

Scoped like the agreement (``Agreement.objects.restrict``): an agreement outside the caller's sight answers 404
exactly as a missing one; recording an event the caller may not record 403; bad input 422 (``ErrorOut``).
A high score is not proof of a dispute.
"""

# No `from __future__ import annotations`: django-ninja builds the parameters from these annotations.
from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from kerjasama.agreements.api_support import READ_ERRORS, RecordId, visible_file, write_route, writes_note
from kerjasama.agreements.models import AgreementParty
from kerjasama.agreements.selectors import visible_agreement
from kerjasama.core.pagination import LimitOffsetPagination, MappedPage
from kerjasama.disputes import early_warning
from kerjasama.disputes.conf import risk_config
from kerjasama.disputes.domain import BAND_LABELS, CAVEAT_EN, CAVEAT_ID
from kerjasama.disputes.models import TEXT_MAX_LENGTH, RiskAssessment, RiskEvent, RiskEventKind

router = Router(tags=["disputes"])


class RiskEventIn(Schema):
    kind: str = Field(description=f"one of {', '.join(RiskEventKind.values)}")
    date: date
    party: int | None = Field(None, description="the id of a party of the agreement (None: the agreement)")
    amount: str | None = Field(None, max_length=30, description="rupiah, e.g. 125000000")
    note: str = Field("", max_length=TEXT_MAX_LENGTH)
    document: int | None = Field(None, description="an evidence document attached to the agreement")


def _assessment_out(a: RiskAssessment, *, evidence: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "agreement": a.agreement_id,
        "score": a.score,
        "band": a.band,
        "label_id": a.label_id,
        "label_en": a.label_en,
        "indicators": a.indicators,
        "mitigations": a.mitigations,
        "completeness": a.completeness,
        "as_of": a.as_of,
        "computed_at": a.computed_at,
        "caveat_id": CAVEAT_ID,
        "caveat_en": CAVEAT_EN,
    }
    if evidence:
        out["evidence_events"] = a.evidence_events
    return out


def _event_out(e: RiskEvent) -> dict[str, Any]:
    return {
        "id": e.pk,
        "agreement": e.agreement_id,
        "kind": e.kind,
        "date": e.date,
        "party": e.party_id,
        "amount": str(e.amount) if e.amount is not None else None,
        "note": e.note,
        "document": e.document_id,
        "recorded_at": e.recorded_at,
    }


@router.get(
    "/agreements",
    response=list[dict[str, Any]],
    summary="Stored risk of the agreements in force the caller may see, riskiest first",
    description=f"Paginated (limit, offset); each with its band, label, score, indicators, completeness. {CAVEAT_EN}",
)
@paginate(LimitOffsetPagination, page_size=50)
def risk_agreements(request: HttpRequest) -> Any:
    return MappedPage(early_warning.visible_assessments(request.user), _assessment_out)


@router.get(
    "/agreements/{agreement_id}",
    response={200: dict[str, Any], **READ_ERRORS},
    summary="One agreement's stored risk with the events behind each indicator",
    description=f"404 outside the caller's sight, or when the agreement is not assessed (not in force). {CAVEAT_EN}",
)
def risk_agreement(request: HttpRequest, agreement_id: RecordId) -> dict[str, Any]:
    agreement = visible_agreement(request.user, agreement_id)
    found = RiskAssessment.objects.filter(agreement=agreement).first()
    if found is None:
        raise early_warning.not_found()
    return _assessment_out(found, evidence=True)


@router.get(
    "/regions",
    response=list[dict[str, Any]],
    summary="Risk per region the caller may see: agreements, highest band, mean score, agreements per band",
)
@paginate(LimitOffsetPagination, page_size=100)
def risk_regions(request: HttpRequest) -> Any:
    return MappedPage(early_warning.visible_regions(request.user), _region_out)


def _region_out(r: Any) -> dict[str, Any]:
    return {
        "region": r.region_id,
        "name": r.region.name,
        "agreements": r.agreements,
        "max_band": r.max_band,
        "mean_score": r.mean_score,
        "band_counts": r.band_counts,
        "computed_at": r.computed_at,
    }


@router.get(
    "/thresholds",
    response=dict[str, Any],
    summary="The weights, bands, thresholds and switched-off indicators in force (KERJASAMA_RISK_* settings)",
)
def risk_thresholds(request: HttpRequest) -> dict[str, Any]:
    config = risk_config()
    values = config.to_dict()
    values["weights_in_force"] = {code: config.weight(code) for code in config.weights}
    values["band_labels"] = {str(b): {"id": i, "en": e} for b, (i, e) in BAND_LABELS.items()}
    values["tariff_review_every_years"] = early_warning.review_every_years()
    values["caveat_id"], values["caveat_en"] = CAVEAT_ID, CAVEAT_EN
    return values


@router.get(
    "/agreements/{agreement_id}/events",
    response={200: list[dict[str, Any]], **READ_ERRORS},
    summary="The risk event log of an agreement, newest first",
)
def risk_events(request: HttpRequest, agreement_id: RecordId) -> list[dict[str, Any]]:
    agreement = visible_agreement(request.user, agreement_id)
    return [_event_out(e) for e in early_warning.risk_events_of(request.user, agreement)]


@write_route(
    router,
    "/agreements/{agreement_id}/events",
    dict[str, Any],
    summary="Record a risk event (a party's cooperation unit, the governor's office, the ministry)",
    description="The agreement's risk is recomputed after commit.",
    note=writes_note(),
    status=201,
)
def risk_event_record(
    request: HttpRequest, agreement_id: RecordId, payload: RiskEventIn
) -> tuple[int, dict[str, Any]]:
    agreement = visible_agreement(request.user, agreement_id)
    party = None
    if payload.party is not None:
        party = AgreementParty.objects.filter(pk=payload.party).first()
        if party is None or party.agreement_id != agreement.pk:
            raise early_warning.bad_input(
                "risk_party_invalid",
                "Pihak bukan pihak kerja sama ini.",
                "The party is not a party of this agreement.",
                "party",
            )
    event = early_warning.record_risk_event(
        actor=request.user,
        agreement=agreement,
        kind=payload.kind,
        date=payload.date,
        party=party,
        amount=payload.amount,
        note=payload.note,
        document=visible_file(request, payload.document),
    )
    return 201, _event_out(event)
