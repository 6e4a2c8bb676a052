"""API v1: agreements (*kerja sama daerah*): the list with its filters and counts, one record as every party sees
it, its audit trail, and one write route per service (issue 10, items 8 and 9).

The same permissions as the services and pages (``agreements.rules``): a record outside the caller's
visibility answers 404 exactly as if it did not exist (``agreements.not_found``); a visible record the caller
may not act on answers 403 (``permission_denied``). Stage routes take ``expected_stage`` (the stage the caller
saw: another stage now is a 409 ``agreements.stage_conflict`` and nothing is written); party routes take the
party's ``expected_version`` (409 ``agreements.party_conflict``); the proposal edit takes the record's
``expected_version`` (409 ``agreements.stale_version``). A rulebook refusal is a 422
``agreements.rule_refused`` whose ``findings`` carry the rule id, the Indonesian and English messages and the
legal basis (PP 28/2018, Permendagri 22/2020, UU 23/2014). Every write answers with the updated record.
"""

# No `from __future__ import annotations`: django-ninja builds the parameters from these annotations.
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from ninja import File, Form, P, QueryEx, Router, UploadedFile

from kerjasama.accounts.models import Organisation
from kerjasama.accounts.policy import require
from kerjasama.agreements import services
from kerjasama.agreements.api_support import RecordId, seen_agreement, visible_file, write_route, writes_note
from kerjasama.agreements.choices import AgreementStage
from kerjasama.agreements.forms import UPLOAD_KINDS
from kerjasama.agreements.models import Agreement, AgreementDocument, AgreementParty, DprdApproval
from kerjasama.agreements.notices import detail_url
from kerjasama.agreements.publication import PUBLISHED, publication_states
from kerjasama.agreements.schemas import (
    AgreementDetailOut,
    AgreementPage,
    DeclineOfferIn,
    DocumentIn,
    DprdDecisionIn,
    DprdRequestIn,
    HistoryPage,
    OfferIn,
    PartnerSelectionIn,
    PartyReasonIn,
    PartyStageIn,
    PartyVersionIn,
    ProposeIn,
    ReasonIn,
    SignatoryIn,
    SignIn,
    StageIn,
    TkksdReviewIn,
    UpdateIn,
)
from kerjasama.agreements.selectors import (
    AgreementFilters,
    agreement_detail,
    agreement_list,
    visible_agreement,
)
from kerjasama.agreements.workflow import bad_input
from kerjasama.core.errors import Conflict, NotFound
from kerjasama.core.models import AuditEvent
from kerjasama.core.pagination import MAX_OFFSET
from kerjasama.core.transitions import choice_labels, conflict_error
from kerjasama.documents.models import Document
from kerjasama.documents.selectors import signatures_for
from kerjasama.regions.models import Region

router = Router(tags=["agreements"])

DEFAULT_LIMIT = 50
#: The largest page of agreements (the list selector reads one page, never the whole register).
MAX_LIMIT = 200
HISTORY_MAX_LIMIT = 500
#: A partner filter: a Kemendagri region code (``34.04``) or ``org:<id>`` (an id a database column holds).
PARTNER_PATTERN = r"^(org:[0-9]{1,9}|[0-9][0-9.]{0,19})?$"

_STAGE_LABELS = choice_labels(Agreement, "stage")
_WRITES = writes_note(bad="bad input or a rulebook refusal with its findings")


# --- answers ---------------------------------------------------------------------------------------------


def _party(p: AgreementParty) -> dict[str, Any]:
    return {
        "id": p.pk,
        "code": p.code,
        "region": p.region_id,
        "organisation": p.organisation_id,
        "name": p.name,
        "role": p.role,
        "status": p.status,
        "status_label": str(p.get_status_display()),
        "reason": p.reason,
        "acknowledged_at": p.acknowledged_at,
        "signatory_name": p.signatory_name,
        "signatory_title": p.signatory_title,
        "power_of_attorney_holder": p.power_of_attorney_holder,
        "power_of_attorney_number": p.power_of_attorney_number,
        "power_of_attorney_date": p.power_of_attorney_date,
        "tkksd_review": p.tkksd_review,
        "tkksd_review_reasons": p.tkksd_review_reasons,
        "tkksd_decision_ref": p.tkksd_decision_ref,
        "tkksd_reviewed_on": p.tkksd_reviewed_on,
        "kb_signed_at": p.kb_signed_at,
        "pks_signed_at": p.pks_signed_at,
        "nk_signed_at": p.nk_signed_at,
        "version": p.version,
    }


def _summary(a: Agreement, publication: str) -> dict[str, Any]:
    """The list form of an agreement; ``publication`` is its state in the public register
    (``agreements.publication``, one query for a whole page)."""
    return {
        "id": a.pk,
        "number": a.number,
        "title": a.title,
        "type": a.type,
        "type_label": str(a.get_type_display()),
        "category": a.category,
        "stage": a.stage,
        "stage_label": str(a.get_stage_display()),
        "lead_region": a.lead_region_id,
        "parties": [_party(p) for p in a.parties.all()],
        "affairs": sorted(af.code for af in a.affairs.all()),
        "term_start": a.term_start,
        "term_end": a.term_end,
        "dprd_approval_required": a.dprd_approval_required,
        "is_example": a.is_example,
        "published": publication == PUBLISHED,
        "publication": publication,
        "created_at": a.created_at,
        "version": a.version,
        "url": detail_url(a),
    }


def _recorded(d: AgreementDocument) -> dict[str, Any]:
    return {
        "id": d.pk,
        "kind": d.kind,
        "kind_label": str(d.get_kind_display()),
        "number": d.number,
        "dated": d.dated,
        "signed": d.signed,
        "signatory_role": d.signatory_role,
        "issuer": d.issuer_id,
        "copies_to": list(d.copies_to or []),
        "document": d.document_id,
    }


def _dprd(a: DprdApproval) -> dict[str, Any]:
    return {
        "id": a.pk,
        "region": a.region_id,
        "requested_on": a.requested_on,
        "request_letter_number": a.request_letter_number,
        "decision_number": a.decision_number,
        "decision_date": a.decision_date,
        "outcome": a.outcome,
        "notes": a.notes,
    }


def _detail(user: Any, pk: int) -> dict[str, Any]:
    """The record as every party sees it, with the documents' signature status (``signatures_for``: one
    query for all files) and the actions the caller may take now."""
    detail = agreement_detail(user, pk)
    a = detail.agreement
    ids = [f.pk for f in detail.files]
    signatures = signatures_for(user, ids)
    # The documents block scopes files by their region's jurisdiction: a partner lists the proposer's file on
    # the shared record but may not open it nor read its signature checks (``readable`` says so, rather than
    # showing such a file as unsigned).
    readable = set(Document.objects.restrict(user, "view").filter(pk__in=ids).values_list("pk", flat=True))
    files = []
    for f in detail.files:
        summary = signatures[f.pk]
        files.append(
            {
                "id": f.pk,
                "kind": f.kind,
                "title": f.title,
                "created_at": f.created_at,
                "api_url": reverse("api:document_detail", kwargs={"document_id": f.pk}),
                "readable": f.pk in readable,
                "signature_status": summary.status,
                "signed_version": summary.version_number,
                "signatures": [
                    {
                        "signer_name": c.signer_name,
                        "issuer": c.issuer,
                        "signing_time": c.signing_time,
                        "status": c.status,
                        "status_label": str(c.get_status_display()),
                        "modified_after_signing": c.modified_after_signing,
                    }
                    for c in summary.checks
                ],
            }
        )
    return {
        **_summary(a, publication_states([a.pk])[a.pk]),
        "category_label": str(a.get_category_display()) if a.category else "",
        "object": a.object,
        "scope": a.scope,
        "justification_externality": a.justification_externality,
        "justification_efficiency": a.justification_efficiency,
        "legal_basis": a.legal_basis,
        "sub_affairs": list(a.sub_affairs or []),
        "pks_clauses": list(a.pks_clauses or []),
        "notice_date": a.notice_date,
        "apbd_budgeted": a.apbd_budgeted,
        "burdens_public": a.burdens_public,
        "value": a.value,
        "origin_kind": a.origin_kind,
        "origin_ref": a.origin_ref,
        "cancel_reason": a.cancel_reason,
        "termination_ground": a.termination_ground,
        "ended_on": a.ended_on,
        "recorded_documents": [_recorded(d) for d in detail.recorded_documents],
        "files": files,
        "dprd_approvals": [_dprd(d) for d in detail.dprd_approvals],
        "ksdpk_kind": a.ksdpk_kind,
        "partner_selection_method": a.partner_selection_method,
        "partner_selection_ref": a.partner_selection_ref,
        "partner_selection_date": a.partner_selection_date,
        "third_party_initiated": a.third_party_initiated,
        "initiative_criteria": list(a.initiative_criteria or []),
        "clocks": [
            {
                "name": c.name,
                "label": c.label_id,
                "label_en": c.label_en,
                "parameter": c.parameter,
                "working_days": c.days,
                "start": c.start,
                "due": c.due,
                "status": c.status,
                "rule": c.rule,
                "basis": c.basis,
                "region": c.region,
            }
            for c in detail.clocks
        ],
        "timeline": [
            {
                "stage": t.stage,
                "stage_label": str(AgreementStage(t.stage).label)
                if t.stage in AgreementStage.values
                else t.stage,
                "at": t.at,
                "by": t.by,
                "reason": t.reason,
            }
            for t in detail.timeline
        ],
        "actions": detail.actions,
    }


def _page_url(request: HttpRequest, offset: int, limit: int) -> str:
    query = {k: v for k, v in request.GET.items() if k not in {"offset", "limit"}}
    return request.build_absolute_uri(
        f"{request.path}?{urlencode({**query, 'limit': limit, 'offset': offset})}"
    )


# --- read routes ---------------------------------------------------------------------------------------


@router.get(
    "",
    response=AgreementPage,
    summary="Agreements (kerja sama daerah) I may see, filtered, newest first, with counts by stage and type",
    description=(
        "Filters as the list page: `type` (KSDD, KSDPK, SINERGI), `category` (wajib/sukarela), `stage` "
        "(*tahap*), `affair` (*urusan*, e.g. 2.11), `partner` (a region code such as 34.04, or `org:<id>`), "
        "`province` (a party region in that province), `expiring_within_days` (in force, *pelaksanaan*, ending "
        "within N days), `my_turn` (my side has a step to take now). One page of at most `limit` "
        f"(default {DEFAULT_LIMIT}, capped at {MAX_LIMIT}) from `offset`, with the total `count`, counts "
        "`by_stage` and `by_type` over the whole filtered list, and the `next`/`previous` page URLs. "
        "The number of queries does not grow with the register."
    ),
)
def agreement_index(
    request: HttpRequest,
    type: str = "",
    category: str = "",
    stage: str = "",
    affair: str = "",
    partner: QueryEx[str, P(pattern=PARTNER_PATTERN)] = "",
    province: str = "",
    expiring_within_days: QueryEx[int | None, P(ge=0, le=36500)] = None,
    my_turn: bool = False,
    limit: QueryEx[int, P(ge=1)] = DEFAULT_LIMIT,
    offset: QueryEx[int, P(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    limit = min(limit, MAX_LIMIT)
    filters = AgreementFilters(
        type=type or None,
        category=category or None,
        stage=stage or None,
        affair=affair or None,
        partner=partner or None,
        province=province or None,
        expiring_within_days=expiring_within_days,
        my_turn=my_turn,
    )
    found = agreement_list(request.user, filters, limit=limit, offset=offset)
    states = publication_states([a.pk for a in found.agreements])
    return {
        "items": [_summary(a, states[a.pk]) for a in found.agreements],
        "count": found.total,
        "by_stage": found.by_stage,
        "by_type": found.by_type,
        "limit": limit,
        "offset": offset,
        "next": _page_url(request, offset + limit, limit) if offset + limit < found.total else None,
        "previous": _page_url(request, max(0, offset - limit), limit) if offset > 0 else None,
    }


@router.get(
    "/{agreement_id}",
    response=AgreementDetailOut,
    url_name="agreement_detail",
    summary="One agreement as every party sees it: parties with their own status, documents, DPRD, timeline",
    description=(
        "The record (*kerja sama*), its parties (*pihak*) each with its own status, signatory and TKKSD "
        "review, its affairs and sub-affairs, the documents the rulebook reads and the attached files with "
        "the status of their electronic signatures (sah / tidak sah / tidak dapat diverifikasi), the DPRD "
        "requests and decisions (*persetujuan DPRD*), the stage timeline, and the `actions` the caller may "
        "take now (policy and the rulebook). 404 outside the caller's visibility."
    ),
)
def agreement_read(request: HttpRequest, agreement_id: RecordId) -> dict[str, Any]:
    return _detail(request.user, agreement_id)


@router.get(
    "/{agreement_id}/history",
    response=HistoryPage,
    summary="The audit trail (jejak audit) of one agreement, its parties and its DPRD records, newest first",
    description=(
        "Everyone who may see the agreement reads its whole trail (one record seen identically by every "
        f"party); `limit` at most {HISTORY_MAX_LIMIT}."
    ),
)
def agreement_history(
    request: HttpRequest,
    agreement_id: RecordId,
    limit: QueryEx[int, P(ge=1)] = 100,
    offset: QueryEx[int, P(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    agreement = visible_agreement(request.user, agreement_id)
    limit = min(limit, HISTORY_MAX_LIMIT)
    parties = [str(p.pk) for p in agreement.parties.all()]
    approvals = [str(d.pk) for d in agreement.dprd_approvals.all()]
    events = AuditEvent.objects.filter(
        Q(object_type="agreements.agreement", object_id=str(agreement.pk))
        | Q(object_type="agreements.agreementparty", object_id__in=parties)
        | Q(object_type="agreements.dprdapproval", object_id__in=approvals)
    ).order_by("-occurred_at", "-id")
    count = events.count()
    return {
        "items": [
            {
                "id": e.pk,
                "occurred_at": e.occurred_at,
                "actor": e.actor_label,
                "action": e.action,
                "object_type": e.object_type,
                "object_id": e.object_id,
                "object_label": e.object_label,
                "old": e.old,
                "new": e.new,
                "reason": e.reason,
            }
            for e in events[offset : offset + limit]
        ],
        "count": count,
        "limit": limit,
        "offset": offset,
    }


# --- helpers of the write routes -----------------------------------------------------------------------


def _region(code: str, field: str) -> Region:
    found = Region.objects.filter(code=code).first()
    if found is None:
        raise bad_input(
            "unknown_region", f"Kode daerah tidak dikenal: {code}.", f"Unknown region code: {code}.", field
        )
    return found


def _party_of(agreement: Agreement, party_id: int) -> AgreementParty:
    found = next((p for p in agreement.parties.all() if p.pk == party_id), None)
    if found is None:
        raise NotFound(
            "agreements.party_not_found",
            "Pihak tersebut bukan pihak kerja sama ini.",
            "That party is not a party of this agreement.",
        )
    return found


def _party_step(
    request: HttpRequest,
    agreement_id: int,
    party_id: int,
    expected_version: int | None,
    step: Callable[..., Any],
    *,
    permission: str = "agreements.act_for_party",
    **kwargs: Any,
) -> tuple[int, dict[str, Any]]:
    """A party's own step: policy first (403), then, under the agreement's row lock, the party's version the
    caller read (409), then the service."""
    agreement = visible_agreement(request.user, agreement_id)
    party = _party_of(agreement, party_id)
    require(request.user, permission, party)
    with transaction.atomic():
        if expected_version is not None:
            list(Agreement.objects.select_for_update().filter(pk=agreement.pk).values_list("pk"))
            current = AgreementParty.objects.filter(pk=party.pk).values_list("version", flat=True).first()
            if current != expected_version:
                raise Conflict(
                    "agreements.party_conflict",
                    f"Pihak {party.name} telah diubah orang lain (versi {current}, bukan {expected_version}). "
                    "Tidak ada yang diubah; muat ulang lalu periksa kembali.",
                    f"Party {party.name} was changed by someone else (version {current}, not "
                    f"{expected_version}). Nothing was changed; reload and check again.",
                )
        step(actor=request.user, agreement=agreement, party=party, **kwargs)
    return 200, _detail(request.user, agreement.pk)


# --- write routes: the proposal ------------------------------------------------------------------------


@write_route(
    router,
    "",
    AgreementDetailOut,
    summary="Propose an agreement (usulkan kerja sama): a new record in persiapan",
    description=(
        "The proposing region's cooperation operator proposes a KSDD (with partner regions), a KSDPK (with one "
        "third party, `partner_organisations`) or a synergy (*sinergi*, with a ministry or agency). The "
        "rulebook checks parties, category, pairing and object first (R1, R3, R4, R6-R11) and says whether "
        "DPRD approval is required (R13, PP 28/2018 Pasal 6(2))."
    ),
    note=_WRITES,
    status=201,
)
def agreement_propose(request: HttpRequest, payload: ProposeIn) -> tuple[int, dict[str, Any]]:
    lead = _region(payload.lead_region, "lead_region")
    partners = [_region(code, "partner_regions") for code in payload.partner_regions]
    wanted = sorted(set(payload.partner_organisations))
    organisations = list(Organisation.objects.filter(pk__in=wanted).order_by("pk"))
    if len(organisations) != len(wanted):
        raise bad_input(
            "unknown_organisation",
            "Organisasi mitra tidak dikenal.",
            "Unknown partner organisation.",
            "partner_organisations",
        )
    agreement = services.propose_agreement(
        actor=request.user,
        lead_region=lead,
        partner_regions=partners,
        partner_organisations=organisations,
        type=payload.type,
        title=payload.title,
        category=payload.category or "",
        affairs=payload.affairs,
        sub_affairs=payload.sub_affairs,
        object=payload.object,
        scope=payload.scope,
        justification_externality=payload.justification_externality,
        justification_efficiency=payload.justification_efficiency,
        legal_basis=payload.legal_basis,
        term_start=payload.term_start,
        term_end=payload.term_end,
        notice_date=payload.notice_date,
        apbd_budgeted=payload.apbd_budgeted,
        burdens_public=payload.burdens_public,
        value=payload.value,
        origin_kind=payload.origin_kind,
        origin_ref=payload.origin_ref,
        number=payload.number,
    )
    return 201, _detail(request.user, agreement.pk)


#: What an explicit ``null`` means for the text and list fields of ``PATCH`` (dates, booleans and the value
#: keep ``None``: not stated).
_CLEARED_AS: dict[str, Callable[[], Any]] = {
    **dict.fromkeys(
        (
            "title",
            "object",
            "scope",
            "category",
            "justification_externality",
            "justification_efficiency",
            "legal_basis",
            "number",
        ),
        str,
    ),
    **dict.fromkeys(("affairs", "sub_affairs", "pks_clauses"), list),
}


@write_route(
    router,
    "/{agreement_id}",
    AgreementDetailOut,
    summary="Change the proposal while it is drafted (persiapan, penyusunan KB/PKS/NK)",
    description=(
        "Only the fields sent change; `expected_version` is the record's `version` the caller read (409 "
        "`agreements.stale_version` if someone saved in between). The rulebook re-checks the proposal; a "
        "change of financing recomputes the DPRD requirement (PP 28/2018 Pasal 6(2))."
    ),
    note=_WRITES,
    method="patch",
)
def agreement_update(
    request: HttpRequest, agreement_id: RecordId, payload: UpdateIn
) -> tuple[int, dict[str, Any]]:
    agreement = visible_agreement(request.user, agreement_id)
    changes = payload.dict(exclude_unset=True)
    expected = changes.pop("expected_version")
    for name, value in list(changes.items()):
        if value is None and name in _CLEARED_AS:
            changes[name] = _CLEARED_AS[name]()  # an explicit null clears a text or list field
    services.update_proposal(actor=request.user, agreement=agreement, expected_version=expected, **changes)
    return 200, _detail(request.user, agreement.pk)


@write_route(
    router,
    "/{agreement_id}/documents",
    AgreementDetailOut,
    summary="Record a document the rulebook reads (studi kelayakan, rencana kerja, kajian TKKSD …)",
    description=(
        "A feasibility study of a KSDPK (R17), a synergy's work plan (R18) …, optionally with its file (`document`: "
        "a document already uploaded and attached to this agreement). Anyone who acts for one of the parties."
    ),
    note=_WRITES,
    status=201,
)
def agreement_record_document(
    request: HttpRequest, agreement_id: RecordId, payload: DocumentIn
) -> tuple[int, dict[str, Any]]:
    agreement = visible_agreement(request.user, agreement_id)
    services.record_document(
        actor=request.user,
        agreement=agreement,
        kind=payload.kind,
        number=payload.number,
        dated=payload.dated,
        signed=payload.signed,
        signatory_role=payload.signatory_role,
        document=visible_file(request, payload.document),
    )
    return 201, _detail(request.user, agreement.pk)


@write_route(
    router,
    "/{agreement_id}/files",
    AgreementDetailOut,
    summary="A party attaches a file to the agreement (its signed KB or PKS, surat kuasa, feasibility study …)",
    description=(
        "Multipart form: `kind` (one of "
        + ", ".join(f"`{k}`" for k in UPLOAD_KINDS)
        + "), `title`, optional "
        "`number` and `dated`, and `file`. Stored by the documents block (versioned, SHA-256, signatures checked "
        "on upload) and attached to the agreement, so every party reads it; a kind the rulebook reads is also "
        "recorded (R17 feasibility study, R18 work plan, DPRD decision). Anyone who acts for one of the parties, "
        "a third party included. 413 `documents.too_large` above the upload cap."
    ),
    note=_WRITES,
    status=201,
)
def agreement_attach_file(
    request: HttpRequest,
    agreement_id: RecordId,
    kind: Form[str],
    title: Form[str],
    file: File[UploadedFile],
    number: Form[str] = "",
    dated: Form[date | None] = None,
) -> tuple[int, dict[str, Any]]:
    agreement = visible_agreement(request.user, agreement_id)
    if kind not in UPLOAD_KINDS:
        raise bad_input(
            "file_kind_invalid",
            f"Jenis berkas tidak dikenal: {kind}; yang tersedia: {', '.join(UPLOAD_KINDS)}.",
            f"Unknown kind of file: {kind}; available: {', '.join(UPLOAD_KINDS)}.",
            "kind",
        )
    document_kind, recorded_kind, _label = UPLOAD_KINDS[kind]
    services.attach_file(
        actor=request.user,
        agreement=agreement,
        kind=document_kind,
        title=title,
        upload=file,
        recorded_kind=recorded_kind,
        number=number,
        dated=dated,
    )
    return 201, _detail(request.user, agreement.pk)


@write_route(
    router,
    "/{agreement_id}/partner-selection",
    AgreementDetailOut,
    summary="KSDPK: record its kind and how its third party was chosen (pemilihan mitra)",
    description=(
        "While the cooperation is prepared (persiapan), by the proposing side. `ksdpk_kind` is the kind of PP "
        "28/2018 Pasal 15(1); `method` how the third party was chosen: a third-party initiative records the "
        "Pasal 18 criteria it meets (`initiative_criteria`: all three are needed before the offer, R17); the other "
        "methods follow the kind's sector rules (Pasal 15(2)-(4)) and are recorded as facts. Where local policy "
        "sets `ksdpk_partner_selection_required`, the offer is refused until the selection is recorded."
    ),
    note=_WRITES,
)
def agreement_partner_selection(
    request: HttpRequest, agreement_id: RecordId, payload: PartnerSelectionIn
) -> tuple[int, dict[str, Any]]:
    agreement = visible_agreement(request.user, agreement_id)
    services.record_partner_selection(
        actor=request.user,
        agreement=agreement,
        expected_version=payload.expected_version,
        ksdpk_kind=payload.ksdpk_kind,
        method=payload.method,
        reference=payload.reference,
        selected_on=payload.selected_on,
        third_party_initiated=payload.third_party_initiated,
        initiative_criteria=payload.initiative_criteria,
    )
    return 200, _detail(request.user, agreement.pk)


# --- write routes: the stages ---------------------------------------------------------------------------


def _stage_route(path: str, summary: str, description: str) -> Callable[[Callable[..., Any]], Any]:
    return write_route(
        router, path, AgreementDetailOut, summary=summary, description=description, note=_WRITES
    )


@_stage_route(
    "/{agreement_id}/offer",
    "Send the offer (kirim surat penawaran): persiapan → penawaran",
    "The proposing region's head of region sends the offer letter after its TKKSD's review, with copies "
    "(*tembusan*) as the rulebook says (R16; R17 the feasibility study of a KSDPK; R21; PP 28/2018 Pasal 6(1)(b)).",
)
def agreement_offer(
    request: HttpRequest, agreement_id: RecordId, payload: OfferIn
) -> tuple[int, dict[str, Any]]:
    agreement = seen_agreement(request, agreement_id, payload.expected_stage)
    services.send_offer(
        actor=request.user,
        agreement=agreement,
        letter_number=payload.letter_number,
        letter_date=payload.letter_date,
        copies_to=payload.copies_to,
        signatory_role=payload.signatory_role,
        document=visible_file(request, payload.document),
    )
    return 200, _detail(request.user, agreement.pk)


@_stage_route(
    "/{agreement_id}/accept-offer",
    "A partner accepts the offer (terima penawaran) for its own side",
    "After its TKKSD approved (Permendagri 22/2020; R16, R21). When every partner has accepted, the agreement "
    "moves to the KB drafting (*penyusunan KB*).",
)
def agreement_accept_offer(
    request: HttpRequest, agreement_id: RecordId, payload: PartyStageIn
) -> tuple[int, dict[str, Any]]:
    agreement = seen_agreement(request, agreement_id, payload.expected_stage)
    party = _party_of(agreement, payload.party)
    services.accept_offer(actor=request.user, agreement=agreement, party=party)
    return 200, _detail(request.user, agreement.pk)


@_stage_route(
    "/{agreement_id}/decline-offer",
    "A partner declines the offer (tolak penawaran) with a reason: the proposal is cancelled",
    "The partner's side becomes declined and the agreement *dibatalkan*.",
)
def agreement_decline_offer(
    request: HttpRequest, agreement_id: RecordId, payload: DeclineOfferIn
) -> tuple[int, dict[str, Any]]:
    agreement = seen_agreement(request, agreement_id, payload.expected_stage)
    party = _party_of(agreement, payload.party)
    services.decline_offer(actor=request.user, agreement=agreement, party=party, reason=payload.reason)
    return 200, _detail(request.user, agreement.pk)


def _sign(
    request: HttpRequest, agreement_id: int, payload: SignIn, sign: Callable[..., Any]
) -> tuple[int, dict[str, Any]]:
    agreement = seen_agreement(request, agreement_id, payload.expected_stage)
    party = _party_of(agreement, payload.party)
    sign(actor=request.user, agreement=agreement, party=party, signed_at=payload.signed_at)
    return 200, _detail(request.user, agreement.pk)


@_stage_route(
    "/{agreement_id}/sign-kb",
    "A party signs the Kesepakatan Bersama (tanda tangan KB) for its own side",
    "By its head of region or the holder of a surat kuasa (R15; PP 28/2018 Pasal 6(1)(d)). Refused, with the "
    "findings, when signing by every party as recorded would not be lawful. Moves to *KB ditandatangani* when "
    "every party has signed.",
)
def agreement_sign_kb(
    request: HttpRequest, agreement_id: RecordId, payload: SignIn
) -> tuple[int, dict[str, Any]]:
    return _sign(request, agreement_id, payload, services.sign_kb)


@_stage_route(
    "/{agreement_id}/request-dprd",
    "A party region asks its DPRD for approval (ajukan persetujuan DPRD)",
    "Only where the rulebook requires it (burdens the public or not budgeted; PP 28/2018 Pasal 6(1)(e), 6(2)). "
    "The first request moves the agreement to *menunggu DPRD*.",
)
def agreement_request_dprd(
    request: HttpRequest, agreement_id: RecordId, payload: DprdRequestIn
) -> tuple[int, dict[str, Any]]:
    agreement = seen_agreement(request, agreement_id, payload.expected_stage)
    party = _party_of(agreement, payload.party)
    services.request_dprd_approval(
        actor=request.user,
        agreement=agreement,
        party=party,
        letter_number=payload.letter_number,
        requested_on=payload.requested_on,
    )
    return 200, _detail(request.user, agreement.pk)


@_stage_route(
    "/{agreement_id}/dprd-decision",
    "Record a party region's DPRD decision (keputusan DPRD): approved or rejected",
    "UU 23/2014 Pasal 154(1)(i). Approved by every party region → *penyusunan PKS*; a rejection cancels the "
    "agreement. There is no 'deemed approved' (R31). The decision itself is compared-and-swapped (a second "
    "decision is a 409 `agreements.dprd_conflict`).",
)
def agreement_dprd_decision(
    request: HttpRequest, agreement_id: RecordId, payload: DprdDecisionIn
) -> tuple[int, dict[str, Any]]:
    agreement = visible_agreement(request.user, agreement_id)
    party = _party_of(agreement, payload.party)
    require(request.user, "agreements.act_for_party", party)
    if agreement.stage != payload.expected_stage:
        raise conflict_error(
            Agreement,
            code="agreements.stage_conflict",
            field="stage",
            expected=payload.expected_stage,
            current=agreement.stage,
            describe=_STAGE_LABELS,
        )
    approval = next((d for d in agreement.dprd_approvals.all() if d.region_id == party.region_id), None)
    if approval is None:
        raise bad_input(
            "dprd_not_requested",
            "Persetujuan DPRD daerah ini belum dimohonkan.",
            "This region's DPRD approval has not been requested.",
            "party",
        )
    approval.agreement = agreement
    services.record_dprd_decision(
        actor=request.user,
        approval=approval,
        outcome=payload.outcome,
        decision_number=payload.decision_number,
        decision_date=payload.decision_date,
        notes=payload.notes,
    )
    return 200, _detail(request.user, agreement.pk)


def _manager_step_route(
    name: str, path: str, summary: str, description: str, step: Callable[..., Any]
) -> Any:
    """A stage step the proposing side takes alone, with only the stage it saw (compare-and-swap)."""

    def route(request: HttpRequest, agreement_id: RecordId, payload: StageIn) -> tuple[int, dict[str, Any]]:
        agreement = seen_agreement(request, agreement_id, payload.expected_stage)
        step(actor=request.user, agreement=agreement)
        return 200, _detail(request.user, agreement.pk)

    # The operation id of the OpenAPI document is the function's name: keep one per route.
    route.__name__ = route.__qualname__ = name
    return _stage_route(path, summary, description)(route)


agreement_start_pks = _manager_step_route(
    "agreement_start_pks",
    "/{agreement_id}/start-pks",
    "Start drafting the PKS (susun PKS) where no DPRD approval is required",
    "KB signed and DPRD approval not required (PP 28/2018 Pasal 6(2)): *KB ditandatangani* → *penyusunan PKS*.",
    services.start_pks_drafting,
)


@_stage_route(
    "/{agreement_id}/sign-pks",
    "A party signs the Perjanjian Kerja Sama (tanda tangan PKS) for its own side",
    "Refused until the DPRD approval is recorded where required (R13), the KB precedes it (R14), the signatory "
    "holds the office or a surat kuasa (R15), the TKKSD reviewed it (R21) and the term is stated (R19). When "
    "every party has signed, the cooperation is in force (*pelaksanaan*).",
)
def agreement_sign_pks(
    request: HttpRequest, agreement_id: RecordId, payload: SignIn
) -> tuple[int, dict[str, Any]]:
    return _sign(request, agreement_id, payload, services.sign_pks)


agreement_draft_nk = _manager_step_route(
    "agreement_draft_nk",
    "/{agreement_id}/draft-nk",
    "Synergy: start drafting the Nota Kesepakatan and its work plan (susun NK)",
    "PP 28/2018 Pasal 46; R18.",
    services.draft_nota_kesepakatan,
)


@_stage_route(
    "/{agreement_id}/sign-nk",
    "Synergy: a party signs the Nota Kesepakatan (tanda tangan NK) for its own side",
    "In force with its work plan (R18, PP 28/2018 Pasal 46) when every party has signed.",
)
def agreement_sign_nk(
    request: HttpRequest, agreement_id: RecordId, payload: SignIn
) -> tuple[int, dict[str, Any]]:
    return _sign(request, agreement_id, payload, services.sign_nota_kesepakatan)


@_stage_route(
    "/{agreement_id}/cancel",
    "The proposing side cancels the agreement (batalkan) before it is in force, with a reason",
    "→ *dibatalkan*.",
)
def agreement_cancel(
    request: HttpRequest, agreement_id: RecordId, payload: ReasonIn
) -> tuple[int, dict[str, Any]]:
    agreement = seen_agreement(request, agreement_id, payload.expected_stage)
    services.cancel_agreement(actor=request.user, agreement=agreement, reason=payload.reason)
    return 200, _detail(request.user, agreement.pk)


# --- write routes: a party's own side -------------------------------------------------------------------


def _party_route(path: str, summary: str, description: str) -> Callable[[Callable[..., Any]], Any]:
    return write_route(
        router,
        f"/{{agreement_id}}/parties/{{party_id}}/{path}",
        AgreementDetailOut,
        summary=summary,
        description=description,
        note=_WRITES,
    )


def _party_version_route(
    name: str, path: str, summary: str, description: str, step: Callable[..., Any]
) -> Any:
    """A party's own step that needs only the party's version (compare-and-swap): one route per service."""

    def route(
        request: HttpRequest, agreement_id: RecordId, party_id: RecordId, payload: PartyVersionIn
    ) -> tuple[int, dict[str, Any]]:
        return _party_step(request, agreement_id, party_id, payload.expected_version, step)

    # The operation id of the OpenAPI document is the function's name: keep one per route.
    route.__name__ = route.__qualname__ = name
    return _party_route(path, summary, description)(route)


party_acknowledge = _party_version_route(
    "party_acknowledge",
    "acknowledge",
    "The party confirms it has seen the record (mengetahui)",
    "Its status stays *aware*; the time is kept. Each party acts only for its own side.",
    services.acknowledge,
)
party_start_review = _party_version_route(
    "party_start_review",
    "start-review",
    "The party starts studying the proposal (aware → reviewing, *dikaji*)",
    "Its TKKSD reviews it (Permendagri 22/2020; R16, R21).",
    services.start_review,
)
party_approve = _party_version_route(
    "party_approve",
    "approve",
    "The party approves the proposal for its side (→ approved, *disetujui*)",
    "A region party only after its TKKSD approved (Permendagri 22/2020; R16, R21).",
    services.approve_side,
)


@_party_route(
    "decline",
    "The party declines for its own side with a reason (→ declined, *menolak*)",
    "At the offer stage use `decline-offer`.",
)
def party_decline(
    request: HttpRequest, agreement_id: RecordId, party_id: RecordId, payload: PartyReasonIn
) -> tuple[int, dict[str, Any]]:
    return _party_step(
        request,
        agreement_id,
        party_id,
        payload.expected_version,
        services.decline_side,
        reason=payload.reason,
    )


@_party_route(
    "tkksd-review",
    "The party region's TKKSD review (kajian TKKSD) from a decision of its TKKSD meeting",
    "The review is the decision the party region's TKKSD took in a held meeting (the tkksd app; recording the "
    "decision there applies it already): `decision_ref` names it (`tkksd:<id>`), its outcome, reasons and date "
    "become the review. A TKKSD member of the party region (Permendagri 22/2020; R16, R21). 422 "
    "`agreements.tkksd_decision_missing` when no such decision exists. The history keeps every review.",
)
def party_tkksd_review(
    request: HttpRequest, agreement_id: RecordId, party_id: RecordId, payload: TkksdReviewIn
) -> tuple[int, dict[str, Any]]:
    return _party_step(
        request,
        agreement_id,
        party_id,
        payload.expected_version,
        services.record_tkksd_review,
        permission="agreements.review_for_party",
        outcome=payload.outcome or "",
        reasons=payload.reasons,
        decision_ref=payload.decision_ref,
        reviewed_on=payload.reviewed_on,
    )


@_party_route(
    "signatory",
    "Record who signs for the party (penandatangan; surat kuasa)",
    "Its head of region, or an official holding the head of region's *surat kuasa* (holder, letter number, "
    "date; PP 28/2018 Pasal 2, 13, 23(1); R15). Not after the party signed the PKS/NK.",
)
def party_signatory(
    request: HttpRequest, agreement_id: RecordId, party_id: RecordId, payload: SignatoryIn
) -> tuple[int, dict[str, Any]]:
    agreement = visible_agreement(request.user, agreement_id)
    party = _party_of(agreement, party_id)
    services.record_signatory(
        actor=request.user,
        agreement=agreement,
        party=party,
        signatory_name=payload.signatory_name,
        signatory_title=payload.signatory_title,
        power_of_attorney_holder=payload.power_of_attorney_holder,
        power_of_attorney_number=payload.power_of_attorney_number,
        power_of_attorney_date=payload.power_of_attorney_date,
        expected_version=payload.expected_version,
    )
    return 200, _detail(request.user, agreement.pk)
