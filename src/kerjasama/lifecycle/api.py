"""API v1: the lifecycle of an agreement in force (issue 11, items 3 and 4): its amendments (*adendum*) and
the terms in force on a date, its lineage and the extension (a new agreement, R19), the settlement checklist
and the termination on a PP 28/2018 ground (Pasal 9(1), 22; R29).

The same permissions as the services and pages: an agreement outside the caller's visibility answers 404
(``agreements.not_found``); a visible one the caller may not act on answers 403; a lost race 409; bad input 422.
"""

# No `from __future__ import annotations`: django-ninja builds the parameters from these annotations.
from datetime import date
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Router

from kerjasama.agreements.api_support import (
    READ_ERRORS,
    RecordId,
    seen_agreement,
    visible_file,
    write_route,
    writes_note,
)
from kerjasama.agreements.models import Agreement
from kerjasama.agreements.selectors import visible_agreement
from kerjasama.core.errors import NotFound
from kerjasama.lifecycle import selectors, services
from kerjasama.lifecycle.choices import RESOLVED
from kerjasama.lifecycle.conf import item_info
from kerjasama.lifecycle.models import Amendment, SettlementItem
from kerjasama.lifecycle.schemas import (
    AmendmentIn,
    AmendmentOut,
    AmendmentsOut,
    ExtensionIn,
    ExtensionOut,
    LineageOut,
    SettlementItemIn,
    SettlementOut,
    TerminationIn,
    TermsOut,
)
from kerjasama.rulebook.rules.closing import termination_grounds

router = Router(tags=["lifecycle"])

_WRITES = writes_note(changed="the record changed meanwhile")


def _user_label(user: Any) -> str | None:
    return user.get_username() if user is not None else None


def _amendment(a: Amendment) -> dict[str, Any]:
    return {
        "id": a.pk,
        "sequence": a.sequence,
        "number": a.number,
        "title": a.title,
        "signed_on": a.signed_on,
        "effective_from": a.effective_from,
        "changes": a.changes,
        "reason": a.reason,
        "document": a.document_id,
        "recorded_by": _user_label(a.recorded_by),
        "recorded_at": a.recorded_at,
    }


def _link(agreement: Agreement | None, kind: str) -> dict[str, Any] | None:
    if agreement is None:
        return None
    return {"id": agreement.pk, "title": agreement.title, "stage": agreement.stage, "kind": kind}


def _lineage(user: Any, agreement: Agreement) -> dict[str, Any]:
    found = selectors.lineage(agreement, user)
    return {
        "agreement": agreement.pk,
        "predecessor": _link(found.predecessor, found.predecessor_kind),
        "successor": _link(found.successor, found.successor_kind),
    }


def _item(i: SettlementItem) -> dict[str, Any]:
    info = item_info(i.key)
    return {
        "id": i.pk,
        "key": i.key,
        "label_id": info.label_id,
        "label_en": info.label_en,
        "basis": info.basis,
        "status": i.status,
        "note": i.note,
        "version": i.version,
        "updated_by": _user_label(i.updated_by),
        "updated_at": i.updated_at,
    }


def _settlement(agreement: Agreement) -> dict[str, Any]:
    found = selectors.settlement_of(agreement)
    items = list(found.items.all()) if found is not None else []
    return {
        "agreement": agreement.pk,
        "stage": agreement.stage,
        "started": found is not None,
        "ground": found.ground if found else "",
        "document_number": found.document_number if found else "",
        "document_date": found.document_date if found else None,
        "document": found.document_id if found else None,
        "termination_grounds": list(termination_grounds(agreement.type)),
        "complete": found is not None and all(i.status in RESOLVED for i in items),
        "items": [_item(i) for i in items],
    }


@router.get(
    "/agreements/{agreement_id}/amendments",
    response={200: AmendmentsOut, **READ_ERRORS},
    summary="The amendments (adendum) of an agreement, in order, with its lineage",
)
def amendments(request: HttpRequest, agreement_id: RecordId) -> dict[str, Any]:
    agreement = visible_agreement(request.user, agreement_id)
    return {
        "agreement": agreement.pk,
        "stage": agreement.stage,
        "amendments": [_amendment(a) for a in selectors.amendments_of(agreement)],
        "lineage": _lineage(request.user, agreement),
    }


@router.get(
    "/agreements/{agreement_id}/terms",
    response={200: TermsOut, **READ_ERRORS},
    summary="The terms in force on a date (the signed terms overlaid by the amendments effective by then)",
    description="`on` defaults to today. The term end is never amended (an extension is a new agreement, R19).",
)
def terms(request: HttpRequest, agreement_id: RecordId, on: date | None = None) -> dict[str, Any]:
    agreement = visible_agreement(request.user, agreement_id)
    when = on or timezone.localdate()
    return {"on": when, **selectors.terms_as_of(agreement, when)}


@write_route(
    router,
    "/agreements/{agreement_id}/amendments",
    AmendmentOut,
    summary="Record an amendment (adendum) of an agreement in force",
    description="A party's official records the changed terms and their effective date; never the term end (R19).",
    note=_WRITES,
    status=201,
)
def amendment_create(
    request: HttpRequest, agreement_id: RecordId, payload: AmendmentIn
) -> tuple[int, dict[str, Any]]:
    agreement = visible_agreement(request.user, agreement_id)
    created = services.record_amendment(
        actor=request.user,
        agreement=agreement,
        title=payload.title,
        number=payload.number,
        signed_on=payload.signed_on,
        effective_from=payload.effective_from,
        changes=payload.changes,
        reason=payload.reason,
        document=visible_file(request, payload.document),
    )
    return 201, _amendment(Amendment.objects.select_related("recorded_by").get(pk=created.pk))


@router.get(
    "/agreements/{agreement_id}/lineage",
    response={200: LineageOut, **READ_ERRORS},
    summary="The predecessor and successor (extension or renewal) of an agreement the caller may see",
)
def lineage(request: HttpRequest, agreement_id: RecordId) -> dict[str, Any]:
    return _lineage(request.user, visible_agreement(request.user, agreement_id))


@write_route(
    router,
    "/agreements/{agreement_id}/extension",
    ExtensionOut,
    summary="Propose the extension or renewal: a NEW agreement in persiapan through the full procedure (R19)",
    description="Pre-filled from the old agreement's parties and its terms in force today; linked as its successor "
    "(one per predecessor: 409 lifecycle.successor_exists). The old end date is never edited.",
    note=_WRITES,
    status=201,
)
def extension(
    request: HttpRequest, agreement_id: RecordId, payload: ExtensionIn
) -> tuple[int, dict[str, Any]]:
    agreement = visible_agreement(request.user, agreement_id)
    successor = services.propose_extension(
        actor=request.user, agreement=agreement, kind=payload.kind, title=payload.title
    )
    return 201, {
        "predecessor": agreement.pk,
        "successor": successor.pk,
        "kind": str(payload.kind),
        "successor_stage": successor.stage,
        "successor_url": reverse("api:agreement_detail", kwargs={"agreement_id": successor.pk}),
    }


@router.get(
    "/agreements/{agreement_id}/settlement",
    response={200: SettlementOut, **READ_ERRORS},
    summary="The settlement checklist of the agreement's end and the lawful grounds (PP 28/2018 Pasal 9, 22)",
)
def settlement(request: HttpRequest, agreement_id: RecordId) -> dict[str, Any]:
    return _settlement(visible_agreement(request.user, agreement_id))


@write_route(
    router,
    "/agreements/{agreement_id}/settlement",
    SettlementOut,
    summary="Start the settlement (the configured checklist); a second call changes nothing",
    description="While the agreement is in force or after it ended.",
    note=_WRITES,
)
def settlement_open(request: HttpRequest, agreement_id: RecordId) -> dict[str, Any]:
    agreement = visible_agreement(request.user, agreement_id)
    services.open_settlement(actor=request.user, agreement=agreement)
    return _settlement(agreement)


@write_route(
    router,
    "/agreements/{agreement_id}/settlement/items/{item_id}",
    SettlementOut,
    summary="Mark one settlement item settled, not applicable (with a note) or pending",
    note=_WRITES,
    method="patch",
)
def settlement_item(
    request: HttpRequest, agreement_id: RecordId, item_id: RecordId, payload: SettlementItemIn
) -> dict[str, Any]:
    agreement = visible_agreement(request.user, agreement_id)
    item = (
        SettlementItem.objects.filter(pk=item_id, settlement__agreement_id=agreement.pk)
        .select_related("settlement")
        .first()
    )
    if item is None:
        raise NotFound(
            "lifecycle.item_not_found",
            "Butir penyelesaian tidak ditemukan.",
            "The settlement item does not exist.",
        )
    services.update_settlement_item(
        actor=request.user,
        item=item,
        status=payload.status,
        note=payload.note,
        expected_version=payload.expected_version,
    )
    return _settlement(agreement)


@write_route(
    router,
    "/agreements/{agreement_id}/termination",
    SettlementOut,
    summary="End the cooperation in force on a PP 28/2018 ground once the settlement is complete",
    description="Pasal 9(1) for a KSDD, Pasal 22 for a KSDPK (R29); through the agreements' `akhiri` transition "
    "(the proposing side; 409 agreements.stage_conflict if the stage changed).",
    note=_WRITES,
)
def termination(request: HttpRequest, agreement_id: RecordId, payload: TerminationIn) -> dict[str, Any]:
    agreement = seen_agreement(request, agreement_id, payload.expected_stage)
    services.terminate_agreement(
        actor=request.user,
        agreement=agreement,
        ground=payload.ground,
        ended_on=payload.ended_on,
        reason=payload.reason,
        document_number=payload.document_number,
        document_date=payload.document_date,
        document=visible_file(request, payload.document),
    )
    return _settlement(visible_agreement(request.user, agreement_id))
