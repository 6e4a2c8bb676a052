"""Every change to an agreement (house rule 2): keyword-only, a typed ``actor``, ``transaction.atomic``, a
policy check, the rulebook's verdict, the one transition helper for every state, audit, notifications on
commit.

Stage actions follow the rulebook's table for the agreement's type (``rulebook.stages``; PP 28/2018 Pasal
6(1), 19(1), 46): each builds the ``AgreementState`` (``agreements.state``), asks ``stages.evaluate`` and,
when a guard fails, refuses with :class:`~kerjasama.core.errors.RuleRefusal` carrying the findings (rule id,
messages, legal basis); nothing is written. Party actions change one party's own side.

Concurrency (house rule 5): every service first claims the agreement row (its ``version``; an ``UPDATE`` that
PostgreSQL serialises by row lock and SQLite by its write lock), then compares the stage the caller saw with
the stored one: a caller who acted on a stale page gets a 409 ``Conflict`` and nothing is written. Stage
moves themselves go through ``core.transitions.transition`` (compare-and-swap on ``stage``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from kerjasama.accounts.models import Organisation
from kerjasama.accounts.policy import require
from kerjasama.affairs.models import Affair
from kerjasama.agreements.choices import (
    EDITABLE_STAGES,
    AgreementCategory,
    AgreementStage,
    AgreementType,
    DprdOutcome,
    KsdpkKind,
    OriginKind,
    PartnerSelectionMethod,
    PartyRole,
    PartyStatus,
    RecordedDocumentKind,
)
from kerjasama.agreements.models import (
    REF_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Agreement,
    AgreementDocument,
    AgreementParty,
    DprdApproval,
)
from kerjasama.agreements.party_actions import (
    acknowledge,
    approve_side,
    decline_side,
    record_signatory,
    record_tkksd_review,
    start_review,
)
from kerjasama.agreements.state import OBJECT_TYPE
from kerjasama.agreements.validation import (
    PROPOSAL_RULES,
    affairs_of,
    check_category,
    check_parties,
    check_plan,
    check_term,
    check_value,
    clean_pks_clauses,
    dprd_required,
    pks_clause_keys,
    plan_of,
    sub_affairs_of,
)
from kerjasama.agreements.workflow import (
    TEXT_LIMITS,
    agreement_not_found,
    approve_party,
    attached_documents,
    bad_input,
    claim,
    clean_reason,
    clean_text,
    evaluate_action,
    load,
    move,
    notify_parties,
    party_of,
    refusal,
    require_party,
    set_party_status,
)
from kerjasama.core import audit
from kerjasama.core.actors import Actor, user_or_none
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import reject_unknown_fields
from kerjasama.core.transitions import transition
from kerjasama.core.versioning import claim_version
from kerjasama.regions.models import Region
from kerjasama.rulebook.rules.procedure import requires_dprd_approval
from kerjasama.rulebook.subjects import DocumentFact, Plan, ThirdParty

STAGE_ACTIONS: dict[str, str] = {
    "kirim_penawaran": "send_offer",
    "terima_penawaran": "accept_offer",
    "tolak_penawaran": "decline_offer",
    "tandatangani_kb": "sign_kb",
    "ajukan_dprd": "request_dprd_approval",
    "setujui_dprd": "record_dprd_decision",
    "tolak_dprd": "record_dprd_decision",
    "susun_pks": "start_pks_drafting",
    "tandatangani_pks": "sign_pks",
    "batalkan": "cancel_agreement",
    "susun_nk": "draft_nota_kesepakatan",
    "tandatangani_nk": "sign_nota_kesepakatan",
    "akhiri": "end_agreement",
}


EDITABLE_FIELDS = {
    "title",
    "object",
    "scope",
    "category",
    "affairs",
    "sub_affairs",
    "justification_externality",
    "justification_efficiency",
    "legal_basis",
    "term_start",
    "term_end",
    "notice_date",
    "apbd_budgeted",
    "burdens_public",
    "value",
    "number",
    "pks_clauses",
}


_FINANCING = {"apbd_budgeted", "burdens_public"}


def proposal_from_recommendation(region: Region, partner: Region, affair: Affair) -> dict[str, Any]:
    """Initial values of ``propose_agreement`` for "ajukan kerja sama" on a mapping recommendation: a KSDD of
    ``region`` with ``partner`` on ``affair``, its category and reasons when the recommendation is stored."""
    from kerjasama.mapping.models import Recommendation

    rec = Recommendation.objects.filter(region=region, partner=partner, affair=affair).first()
    reasons = [r.get("text", "") for r in (rec.reasons if rec is not None else []) if isinstance(r, dict)]
    externality = "; ".join(t for t in reasons if t)[:TEXT_MAX_LENGTH]
    return {
        "type": AgreementType.KSDD.value,
        "lead_region": region,
        "partner_regions": [partner],
        "category": rec.category if rec is not None else AgreementCategory.SUKARELA.value,
        "title": f"Kerja sama {affair.name_id} {region.name} dan {partner.name}"[:TITLE_MAX_LENGTH],
        "affairs": [affair.code],
        "justification_externality": externality,
        "origin_kind": OriginKind.RECOMMENDATION.value,
        "origin_ref": f"{region.code}/{partner.code}/{affair.code}",
    }


def proposal_from_plan(plan: Plan, *, lead_region: Region) -> dict[str, Any]:
    """Initial values of ``propose_agreement`` from a plan checked by ``kerjasama check`` / the plan checker
    (``rulebook.subjects.Plan``); ``lead_region`` is the proposing party among ``plan.parties``."""
    partners = [c for c in plan.parties if c != lead_region.code]
    return {
        "type": plan.type,
        "lead_region": lead_region,
        "partner_regions": list(Region.objects.filter(code__in=partners).order_by("code")),
        "category": plan.category or "",
        "affairs": list(plan.affairs),
        "sub_affairs": list(plan.sub_affairs),
        "apbd_budgeted": plan.budgeted_in_apbd,
        "burdens_public": plan.burdens_public,
        "origin_kind": OriginKind.PLAN_CHECK.value,
        "origin_ref": "+".join(plan.parties)[:REF_MAX_LENGTH],
    }


@transaction.atomic
def propose_agreement(
    *,
    actor: Actor,
    lead_region: Region,
    type: str,
    title: str,
    partner_regions: Iterable[Region] = (),
    partner_organisations: Iterable[Organisation] = (),
    category: str = "",
    affairs: Iterable[str] = (),
    sub_affairs: Iterable[str] = (),
    object: str = "",
    scope: str = "",
    justification_externality: str = "",
    justification_efficiency: str = "",
    legal_basis: str = "",
    term_start: date | None = None,
    term_end: date | None = None,
    notice_date: date | None = None,
    apbd_budgeted: bool | None = None,
    burdens_public: bool | None = None,
    value: Any = None,
    origin_kind: str = OriginKind.MANUAL,
    origin_ref: str = "",
    number: str = "",
    is_example: bool = False,
) -> Agreement:
    """A new cooperation in *persiapan*, proposed by ``lead_region`` (its cooperation unit).

    The rulebook checks the parties, category, pairing and object first (R1, R3, R4, R6-R11; refused with
    ``agreements.rule_refused``) and says whether DPRD approval is required (R13, PP 28/2018 Pasal 6(2)).
    The proposing region's TKKSD is told that a proposal awaits its review.
    """
    require(actor, "agreements.propose", lead_region)
    if type not in AgreementType.values:
        raise bad_input(
            "type_invalid", f"Jenis kerja sama tidak dikenal: {type}.", f"Unknown type: {type}.", "type"
        )
    if origin_kind not in OriginKind.values:
        raise bad_input("origin_invalid", "Asal usulan tidak dikenal.", "Unknown origin.", "origin_kind")
    title = clean_text("title", title)
    if not title:
        raise bad_input("title_required", "Judul kerja sama wajib diisi.", "The title is required.", "title")
    texts = {
        name: clean_text(name, value_)
        for name, value_ in (
            ("object", object),
            ("scope", scope),
            ("justification_externality", justification_externality),
            ("justification_efficiency", justification_efficiency),
            ("legal_basis", legal_basis),
            ("number", number),
        )
    }
    category = check_category(type, category)
    partners = list(partner_regions)
    organisations = list(partner_organisations)
    third_party = check_parties(type, lead_region, partners, organisations)
    affair_rows = affairs_of(affairs)
    subs = sub_affairs_of(sub_affairs, affair_rows)
    check_term(term_start, term_end)
    amount = check_value(value)
    regions = [lead_region.code, *(r.code for r in partners)]
    plan = plan_of(
        type,
        regions,
        category,
        third_party,
        affair_rows,
        subs,
        texts["justification_externality"],
        texts["justification_efficiency"],
        burdens_public,
        apbd_budgeted,
    )
    check_plan(plan)
    agreement = Agreement(
        type=type,
        category=category,
        title=title,
        sub_affairs=subs,
        term_start=term_start,
        term_end=term_end,
        notice_date=notice_date,
        apbd_budgeted=apbd_budgeted,
        burdens_public=burdens_public,
        value=amount,
        dprd_approval_required=requires_dprd_approval(plan),
        origin_kind=origin_kind,
        origin_ref=clean_text("origin_ref", origin_ref)[:REF_MAX_LENGTH],
        lead_region=lead_region,
        is_example=is_example,
        created_by=user_or_none(actor),
        **texts,
    )
    agreement._history_user = user_or_none(actor)  # type: ignore[attr-defined]
    agreement.save()
    agreement.affairs.set(affair_rows)
    AgreementParty.objects.create(
        agreement=agreement, region=lead_region, role=PartyRole.PROPOSER, position=0
    )
    for i, region in enumerate(partners, start=1):
        AgreementParty.objects.create(agreement=agreement, region=region, role=PartyRole.PARTNER, position=i)
    for j, org in enumerate(organisations, start=len(partners) + 1):
        AgreementParty.objects.create(
            agreement=agreement, organisation=org, role=PartyRole.PARTNER, position=j
        )
    audit.record(
        actor=actor,
        action=AuditAction.AGREEMENT_PROPOSED,
        obj=agreement,
        new={
            "type": type,
            "category": category,
            "parties": [*regions, *(f"org:{o.pk}" for o in organisations)],
            "affairs": [a.code for a in affair_rows],
            "dprd_approval_required": agreement.dprd_approval_required,
            "origin": f"{origin_kind}:{agreement.origin_ref}",
        },
    )
    fresh = load(agreement.pk)
    proposer = [p for p in fresh.parties.all() if p.role == PartyRole.PROPOSER]
    notify_parties(fresh, "proposed", actor, parties=proposer)
    return fresh


@transaction.atomic
def update_proposal(
    *, actor: Actor, agreement: Agreement, expected_version: int | None, **changes: Any
) -> Agreement:
    """Change the proposal's content while it is still being drafted (persiapan, KB or NK drafting).

    ``expected_version`` is the version the form read (409 ``agreements.stale_version`` if someone saved in
    between). A change of financing recomputes the DPRD requirement (PP 28/2018 Pasal 6(2)); the rulebook
    re-checks parties, category and object (R1-R11) as at the proposal."""
    require(actor, "agreements.manage", agreement)
    reject_unknown_fields(changes, EDITABLE_FIELDS, app="agreements")
    claim_version(Agreement(pk=agreement.pk), expected=expected_version, code="agreements.stale_version")
    fresh = load(agreement.pk)
    if fresh.stage not in EDITABLE_STAGES:
        raise bad_input(
            "not_editable",
            "Usulan hanya dapat diubah pada tahap persiapan atau penyusunan naskah.",
            "The proposal can be changed only while it is prepared or its text drafted.",
        )
    old = {k: str(getattr(fresh, k)) for k in changes if k != "affairs"}
    affair_rows = affairs_of(changes.pop("affairs")) if "affairs" in changes else list(fresh.affairs.all())
    for name in list(changes):
        if name in TEXT_LIMITS or name in {"object", "scope"}:
            changes[name] = clean_text(name, changes[name])
    if "title" in changes and not changes["title"]:
        raise bad_input("title_required", "Judul kerja sama wajib diisi.", "The title is required.", "title")
    if "category" in changes:
        changes["category"] = check_category(fresh.type, changes["category"] or "")
    if "value" in changes:
        changes["value"] = check_value(changes["value"])
    if "sub_affairs" in changes:
        changes["sub_affairs"] = sub_affairs_of(changes["sub_affairs"], affair_rows)
    if "pks_clauses" in changes:
        changes["pks_clauses"] = clean_pks_clauses(changes["pks_clauses"])
    for name, value in changes.items():
        setattr(fresh, name, value)
    check_term(fresh.term_start, fresh.term_end)
    parties = list(fresh.parties.all())
    regions = [str(p.region_id) for p in parties if p.region_id]
    third = next((p.organisation for p in parties if p.organisation_id), None)
    third_party = (
        ThirdParty(third.kind, third.name)
        if fresh.type == AgreementType.KSDPK and third is not None
        else None
    )
    check_plan(
        plan_of(
            fresh.type,
            regions,
            fresh.category,
            third_party,
            affair_rows,
            list(fresh.sub_affairs),
            fresh.justification_externality,
            fresh.justification_efficiency,
            fresh.burdens_public,
            fresh.apbd_budgeted,
        )
    )
    if _FINANCING & set(changes):
        fresh.dprd_approval_required = dprd_required(fresh, regions)
    fresh.full_clean(exclude=["lead_region", "created_by"])
    fresh._history_user = user_or_none(actor)  # type: ignore[attr-defined]
    fresh.save()
    fresh.affairs.set(affair_rows)
    audit.record(
        actor=actor,
        action=AuditAction.AGREEMENT_UPDATED,
        obj=fresh,
        old=old,
        new={k: str(getattr(fresh, k)) for k in old},
    )
    return load(fresh.pk)


@transaction.atomic
def record_partner_selection(
    *,
    actor: Actor,
    agreement: Agreement,
    expected_version: int | None,
    ksdpk_kind: str,
    method: str,
    reference: str,
    selected_on: date | None,
    third_party_initiated: bool = False,
    initiative_criteria: Iterable[str] = (),
) -> Agreement:
    """KSDPK, while it is prepared: its kind (PP 28/2018 Pasal 15(1)) and how its third party was chosen.

    A third-party initiative records which Pasal 18 criteria it meets (integration with the sector master plan,
    economic and financial feasibility, the proposer's financial capacity); the rulebook refuses the offer until
    all three are recorded (R17). Other methods follow the kind's sector rules (Pasal 15(2)-(4)): the method,
    its document and date are recorded as facts, and the offer needs them only where local policy says so
    (``ksdpk_partner_selection_required``). ``expected_version``: 409 ``agreements.stale_version``."""
    from kerjasama.rulebook.subjects import INITIATIVE_CRITERIA

    require(actor, "agreements.manage", agreement)
    claim_version(Agreement(pk=agreement.pk), expected=expected_version, code="agreements.stale_version")
    fresh = load(agreement.pk)
    if fresh.type != AgreementType.KSDPK:
        raise bad_input(
            "not_ksdpk",
            "Pemilihan mitra hanya dicatat untuk kerja sama dengan pihak ketiga (KSDPK).",
            "A partner selection is recorded only for a cooperation with a third party (KSDPK).",
        )
    if fresh.stage != AgreementStage.PERSIAPAN:
        raise bad_input(
            "not_editable",
            "Pemilihan mitra dicatat pada tahap persiapan, sebelum penawaran.",
            "The partner selection is recorded while the cooperation is prepared, before the offer.",
        )
    if ksdpk_kind not in KsdpkKind.values:
        raise bad_input(
            "ksdpk_kind_invalid",
            f"Jenis KSDPK tidak dikenal: {ksdpk_kind}; yang sah: {', '.join(KsdpkKind.values)}.",
            f"Unknown KSDPK kind: {ksdpk_kind}; lawful: {', '.join(KsdpkKind.values)}.",
            "ksdpk_kind",
        )
    if method not in PartnerSelectionMethod.values:
        raise bad_input(
            "selection_method_invalid",
            f"Cara pemilihan mitra tidak dikenal: {method}.",
            f"Unknown partner selection method: {method}.",
            "method",
        )
    criteria = sorted({str(c) for c in initiative_criteria})
    unknown = [c for c in criteria if c not in INITIATIVE_CRITERIA]
    if unknown:
        raise bad_input(
            "initiative_criteria_invalid",
            f"Kriteria prakarsa tidak dikenal: {', '.join(unknown)}; yang sah (PP 28/2018 Pasal 18): "
            f"{', '.join(INITIATIVE_CRITERIA)}.",
            f"Unknown initiative criteria: {', '.join(unknown)}; lawful (PP 28/2018 Pasal 18): "
            f"{', '.join(INITIATIVE_CRITERIA)}.",
            "initiative_criteria",
        )
    initiated = bool(third_party_initiated) or method == PartnerSelectionMethod.PRAKARSA_PIHAK_KETIGA
    reference = clean_text("number", reference)
    if not reference:
        raise bad_input(
            "selection_reference_required",
            "Nomor atau nama dokumen pemilihan mitra wajib diisi.",
            "The number or name of the partner selection document is required.",
            "reference",
        )
    if selected_on and selected_on > timezone.localdate():
        raise bad_input(
            "selection_date_future",
            "Tanggal pemilihan mitra tidak boleh setelah hari ini.",
            "The partner selection date cannot be after today.",
            "selected_on",
        )
    changes = {
        "ksdpk_kind": ksdpk_kind,
        "partner_selection_method": method,
        "partner_selection_ref": reference,
        "partner_selection_date": selected_on,
        "third_party_initiated": initiated,
        "initiative_criteria": criteria if initiated else [],
    }
    old = {k: str(getattr(fresh, k)) for k in changes}
    for name, value in changes.items():
        setattr(fresh, name, value)
    fresh._history_user = user_or_none(actor)  # type: ignore[attr-defined]
    fresh.save()
    audit.record(
        actor=actor,
        action=AuditAction.AGREEMENT_UPDATED,
        obj=fresh,
        old=old,
        new={k: str(v) for k, v in changes.items()},
    )
    return load(fresh.pk)


def _record_document(
    fresh: Agreement,
    *,
    actor: Actor,
    kind: str,
    number: str = "",
    dated: date | None = None,
    signed: bool = False,
    signatory_role: str = "",
    issuer: Region | None = None,
    copies_to: Iterable[str] = (),
    document: Any = None,
) -> AgreementDocument:
    if kind not in RecordedDocumentKind.values:
        raise bad_input(
            "document_kind_invalid",
            f"Jenis dokumen tidak dikenal: {kind}.",
            f"Unknown document kind: {kind}.",
        )
    if signatory_role and signatory_role not in (
        "kepala_daerah",
        "pejabat_dikuasakan",
        "kepala_opd",
        "lainnya",
    ):
        raise bad_input(
            "signatory_role_invalid", "Peran penandatangan tidak dikenal.", "Unknown signatory role."
        )
    if document is not None and (document.object_type != OBJECT_TYPE or document.object_id != str(fresh.pk)):
        raise bad_input(
            "document_not_attached",
            "Berkas itu tidak dilampirkan pada kerja sama ini.",
            "That file is not attached to this agreement.",
        )
    row = AgreementDocument(
        agreement=fresh,
        kind=kind,
        number=clean_text("number", number),
        dated=dated,
        signed=signed,
        signatory_role=signatory_role,
        issuer=issuer,
        copies_to=sorted({str(c).strip() for c in copies_to if str(c).strip()}),
        document=document,
        recorded_by=user_or_none(actor),
    )
    row._history_user = user_or_none(actor)  # type: ignore[attr-defined]
    row.save()
    audit.record(
        actor=actor,
        action=AuditAction.AGREEMENT_DOCUMENT_RECORDED,
        obj=fresh,
        new={
            "kind": kind,
            "number": row.number,
            "dated": dated.isoformat() if dated else None,
            "signed": signed,
        },
    )
    return row


@transaction.atomic
def record_document(
    *,
    actor: Actor,
    agreement: Agreement,
    kind: str,
    number: str = "",
    dated: date | None = None,
    signed: bool = False,
    signatory_role: str = "",
    document: Any = None,
) -> AgreementDocument:
    """Record a document the rulebook reads (feasibility study R17, work plan R18, TKKSD review record …),
    optionally with its file (a ``documents.Document`` attached to this agreement)."""
    require(actor, "agreements.record_document", agreement)
    fresh = claim(agreement)
    if fresh.stage in (AgreementStage.BERAKHIR, AgreementStage.DIBATALKAN):
        raise bad_input("closed", "Kerja sama ini sudah ditutup.", "This agreement is closed.")
    return _record_document(
        fresh,
        actor=actor,
        kind=kind,
        number=number,
        dated=dated,
        signed=signed,
        signatory_role=signatory_role,
        document=document,
    )


@transaction.atomic
def attach_file(
    *,
    actor: Actor,
    agreement: Agreement,
    kind: str,
    title: str,
    upload: Any,
    recorded_kind: str = "",
    number: str = "",
    dated: date | None = None,
) -> Any:
    """A party's file on the shared record: uploaded through the documents block (versioned, SHA-256, its
    signatures checked on upload) and attached to the agreement, so every party reads it; where the rulebook
    reads it (``recorded_kind``: feasibility study R17, work plan R18, DPRD decision …) also recorded.

    The file belongs to the uploader's own region when that region is a party, otherwise (a third party, a
    ministry) to the proposing region, whose cooperation unit keeps the record. Returns the version."""
    from kerjasama.documents.services import upload_document

    require(actor, "agreements.attach_document", agreement)
    if agreement.stage in (AgreementStage.BERAKHIR, AgreementStage.DIBATALKAN) and recorded_kind:
        raise bad_input("closed", "Kerja sama ini sudah ditutup.", "This agreement is closed.")
    org = getattr(actor, "organisation", None)
    codes = {p.region_id for p in agreement.parties.all() if p.region_id}
    region = org.region if org is not None and org.region_id in codes else agreement.lead_region
    version = upload_document(
        actor=actor, region=region, kind=kind, title=title, upload=upload, attached_to=agreement
    )
    if recorded_kind:
        record_document(
            actor=actor,
            agreement=agreement,
            kind=recorded_kind,
            number=number,
            dated=dated,
            document=version.document,
        )
    return version


@transaction.atomic
def send_offer(
    *,
    actor: Actor,
    agreement: Agreement,
    letter_number: str,
    letter_date: date | None = None,
    copies_to: Iterable[str] = (),
    signatory_role: str = "kepala_daerah",
    document: Any = None,
) -> Agreement:
    """Stage (b) *penawaran*: the proposing region's head of region sends the offer letter, after its TKKSD's
    review, with copies as the rulebook's table says (R16; gates R17 feasibility study for a KSDPK, R21)."""
    require(actor, "agreements.manage", agreement)
    fresh = claim(agreement, seen_stage=agreement.stage)
    letter_number = clean_text("number", letter_number)
    if not letter_number:
        raise bad_input(
            "letter_number_required",
            "Nomor surat wajib diisi.",
            "The letter number is required.",
            "letter_number",
        )
    letter_date = letter_date or timezone.localdate()
    copies = sorted({str(c).strip() for c in copies_to if str(c).strip()})
    offer = DocumentFact(
        "penawaran",
        signed=True,
        signatory_role=signatory_role or None,  # type: ignore[arg-type]
        on=letter_date,
        issuer=fresh.lead_region_id,
        copies_to=frozenset(copies),
    )
    result = evaluate_action(fresh, "kirim_penawaran", extra=(offer,))
    if not result.allowed:
        raise refusal("kirim_penawaran", result.findings)
    _record_document(
        fresh,
        actor=actor,
        kind="penawaran",
        number=letter_number,
        dated=letter_date,
        signed=True,
        signatory_role=signatory_role,
        issuer=fresh.lead_region,
        copies_to=copies,
        document=document,
    )
    moved = move(fresh, actor=actor, action="kirim_penawaran", result=result)
    notify_parties(moved, "offer_sent", actor)
    return moved


@transaction.atomic
def accept_offer(*, actor: Actor, agreement: Agreement, party: AgreementParty) -> Agreement:
    """A partner accepts the offer for its own side (after its TKKSD's review, R16/R21); the agreement moves
    to the KB drafting (c) when every partner has accepted."""
    require_party(actor, party)
    fresh = claim(agreement, seen_stage=agreement.stage)
    own = party_of(fresh, party)
    if own.role != PartyRole.PARTNER:
        raise bad_input(
            "not_a_partner", "Hanya pihak mitra yang menerima penawaran.", "Only a partner accepts an offer."
        )
    if fresh.stage != AgreementStage.PENAWARAN:
        raise refusal("terima_penawaran", evaluate_action(fresh, "terima_penawaran").findings)
    approve_party(own, actor=actor)
    fresh = load(fresh.pk)
    partners = [p for p in fresh.parties.all() if p.role == PartyRole.PARTNER]
    if all(p.status == PartyStatus.APPROVED for p in partners):
        fresh = move(fresh, actor=actor, action="terima_penawaran")
        notify_parties(fresh, "offer_accepted", actor)
    else:
        notify_parties(fresh, "party_status", actor)
    return fresh


@transaction.atomic
def decline_offer(*, actor: Actor, agreement: Agreement, party: AgreementParty, reason: str) -> Agreement:
    """A partner declines the offer with a reason: its side is declined and the proposal ends (cancelled)."""
    require_party(actor, party)
    reason = clean_reason(reason)
    fresh = claim(agreement, seen_stage=agreement.stage)
    own = party_of(fresh, party)
    if own.role != PartyRole.PARTNER:
        raise bad_input(
            "not_a_partner", "Hanya pihak mitra yang menolak penawaran.", "Only a partner declines an offer."
        )
    result = evaluate_action(fresh, "tolak_penawaran")
    if not result.allowed:
        raise refusal("tolak_penawaran", result.findings)
    set_party_status(own, actor=actor, target=PartyStatus.DECLINED, reason=reason, stamps={"reason": reason})
    moved = move(
        fresh, actor=actor, action="tolak_penawaran", reason=reason, stamps={"cancel_reason": reason}
    )
    notify_parties(moved, "offer_declined", actor, reason=reason)
    return moved


_SIGNING = {
    "kb": ("tandatangani_kb", "kb_signed_at", "kb_signed"),
    "pks": ("tandatangani_pks", "pks_signed_at", "pks_signed"),
    "nk": ("tandatangani_nk", "nk_signed_at", "nk_signed"),
}


def _sign(
    *, actor: Actor, agreement: Agreement, party: AgreementParty, kind: str, signed_at: datetime | None
) -> Agreement:
    """One party signs its own side of ``kind``; the stage moves when every party has signed.

    Before anyone signs, the rulebook is asked whether the document signed by every party as recorded
    (signatories, surat kuasa, DPRD approval, TKKSD review, term) would be lawful; if not, nothing is signed.
    """
    require_party(actor, party)
    action, field, event = _SIGNING[kind]
    fresh = claim(agreement, seen_stage=agreement.stage)
    own = party_of(fresh, party)
    if getattr(own, field) is not None:
        raise bad_input("already_signed", "Pihak ini sudah menandatangani.", "This party has already signed.")
    if own.status == PartyStatus.DECLINED:
        raise bad_input("party_declined", "Pihak ini telah menolak.", "This party has declined.")
    result = evaluate_action(fresh, action, assume_signed=kind)  # type: ignore[arg-type]
    if not result.allowed:
        raise refusal(action, result.findings)
    when = signed_at or timezone.now()
    claim_version(own, expected=own.version, code="agreements.party_conflict")
    final = kind in ("pks", "nk")
    if final and own.status != PartyStatus.SIGNED:
        if own.status != PartyStatus.APPROVED:
            own = approve_party(own, actor=actor)
        set_party_status(own, actor=actor, target=PartyStatus.SIGNED, stamps={field: when})
    else:
        setattr(own, field, when)
        own._history_user = user_or_none(actor)  # type: ignore[attr-defined]
        own.save(update_fields=[field])
    audit.record(
        actor=actor,
        action=AuditAction.AGREEMENT_PARTY_SIGNED,
        obj=fresh,
        new={"party": own.code, "document": kind, "signed_at": when.isoformat()},
    )
    fresh = load(fresh.pk)
    if all(getattr(p, field) is not None for p in fresh.parties.all() if p.status != PartyStatus.DECLINED):
        fresh = move(fresh, actor=actor, action=action)
        notify_parties(fresh, event, actor)
    else:
        notify_parties(fresh, "party_signed", actor)
    return fresh


@transaction.atomic
def sign_kb(
    *, actor: Actor, agreement: Agreement, party: AgreementParty, signed_at: datetime | None = None
) -> Agreement:
    """Stage (d): ``party`` signs the Kesepakatan Bersama (by its head of region, R15; PP 28/2018 Pasal 6(1)(d))."""
    return _sign(actor=actor, agreement=agreement, party=party, kind="kb", signed_at=signed_at)


@transaction.atomic
def sign_pks(
    *, actor: Actor, agreement: Agreement, party: AgreementParty, signed_at: datetime | None = None
) -> Agreement:
    """Stage (g): ``party`` signs the PKS; refused until the DPRD approval is recorded where required (R13),
    the KB precedes it (R14), the signatory holds the office or a surat kuasa (R15), the TKKSD reviewed it
    (R21) and the term is stated (R19). When every party has signed, the cooperation is in force."""
    return _sign(actor=actor, agreement=agreement, party=party, kind="pks", signed_at=signed_at)


@transaction.atomic
def sign_nota_kesepakatan(
    *, actor: Actor, agreement: Agreement, party: AgreementParty, signed_at: datetime | None = None
) -> Agreement:
    """Synergy: ``party`` signs the Nota Kesepakatan; it comes into force with its work plan (R18, PP 28/2018
    Pasal 46) when every party has signed."""
    return _sign(actor=actor, agreement=agreement, party=party, kind="nk", signed_at=signed_at)


def _region_party(fresh: Agreement, party: AgreementParty) -> AgreementParty:
    own = party_of(fresh, party)
    if own.region_id is None:
        raise bad_input(
            "not_a_region",
            "Persetujuan DPRD hanya untuk pihak daerah.",
            "DPRD approval concerns region parties only.",
        )
    return own


@transaction.atomic
def request_dprd_approval(
    *,
    actor: Actor,
    agreement: Agreement,
    party: AgreementParty,
    letter_number: str,
    requested_on: date | None = None,
) -> DprdApproval:
    """Stage (e): ``party``'s region asks its DPRD for approval (PP 28/2018 Pasal 6(1)(e), 6(2)); the first
    request moves the agreement to *menunggu DPRD*. Only where the rulebook requires the approval."""
    require_party(actor, party)
    fresh = claim(agreement, seen_stage=agreement.stage)
    own = _region_party(fresh, party)
    letter_number = clean_text("number", letter_number)
    if not letter_number:
        raise bad_input(
            "letter_number_required",
            "Nomor surat wajib diisi.",
            "The letter number is required.",
            "letter_number",
        )
    if requested_on and requested_on > timezone.localdate():
        raise bad_input(
            "request_date_future",
            "Tanggal permohonan persetujuan DPRD tidak boleh setelah hari ini.",
            "The DPRD request date cannot be after today.",
            "requested_on",
        )
    if fresh.stage == AgreementStage.KB_DITANDATANGANI:
        result = evaluate_action(fresh, "ajukan_dprd")
        if not result.allowed:
            raise refusal("ajukan_dprd", result.findings)
    elif fresh.stage != AgreementStage.MENUNGGU_DPRD:
        raise refusal("ajukan_dprd", evaluate_action(fresh, "ajukan_dprd").findings)
    if any(a.region_id == own.region_id for a in fresh.dprd_approvals.all()):
        raise bad_input(
            "dprd_already_requested",
            "Permohonan persetujuan DPRD daerah ini sudah dicatat.",
            "This region's DPRD request is already recorded.",
        )
    approval = DprdApproval(
        agreement=fresh,
        region=own.region,
        requested_on=requested_on or timezone.localdate(),
        request_letter_number=letter_number,
    )
    approval._history_user = user_or_none(actor)  # type: ignore[attr-defined]
    approval.save()
    audit.record(
        actor=actor,
        action=AuditAction.AGREEMENT_DPRD_REQUESTED,
        obj=fresh,
        new={
            "region": own.region_id,
            "letter": letter_number,
            "requested_on": approval.requested_on.isoformat(),
        },
    )
    if fresh.stage == AgreementStage.KB_DITANDATANGANI:
        fresh = move(fresh, actor=actor, action="ajukan_dprd")
    notify_parties(fresh, "dprd_requested", actor)
    return approval


@transaction.atomic
def record_dprd_decision(
    *,
    actor: Actor,
    approval: DprdApproval,
    outcome: str,
    decision_number: str,
    decision_date: date,
    notes: str = "",
) -> Agreement:
    """The DPRD's decision for one party region (UU 23/2014 Pasal 154(1)(i)): approved by every party region
    moves the agreement to the PKS drafting (f); a rejection ends it (cancelled). No "deemed approved" (R31)."""
    agreement = approval.agreement
    party = (
        AgreementParty.objects.select_related("region")
        .filter(agreement=agreement, region_id=approval.region_id)
        .first()
    )
    if party is None:
        raise agreement_not_found()
    require_party(actor, party)
    if outcome not in (DprdOutcome.APPROVED, DprdOutcome.REJECTED):
        raise bad_input(
            "outcome_invalid",
            "Keputusan DPRD: disetujui atau ditolak.",
            "DPRD outcome: approved or rejected.",
            "outcome",
        )
    decision_number = clean_text("number", decision_number)
    if not decision_number:
        raise bad_input(
            "decision_number_required",
            "Nomor keputusan DPRD wajib diisi.",
            "The decision number is required.",
            "decision_number",
        )
    notes = clean_text("notes", notes)
    fresh = claim(agreement, seen_stage=AgreementStage.MENUNGGU_DPRD)
    # After the claim (a decision already recorded is a 409, whatever its date): a decision is recorded after it
    # is taken, so it is dated neither in the future nor before the request it answers.
    if decision_date > timezone.localdate():
        raise bad_input(
            "decision_date_future",
            "Tanggal keputusan DPRD tidak boleh setelah hari ini.",
            "The DPRD decision date cannot be after today.",
            "decision_date",
        )
    if approval.requested_on and decision_date < approval.requested_on:
        raise bad_input(
            "decision_date_before_request",
            f"Tanggal keputusan DPRD tidak boleh sebelum tanggal permohonan ({approval.requested_on:%d-%m-%Y}).",
            f"The DPRD decision date cannot be before the request ({approval.requested_on:%d-%m-%Y}).",
            "decision_date",
        )
    transition(
        approval,
        actor=actor,
        action=AuditAction.AGREEMENT_DPRD_DECIDED,
        expected=DprdOutcome.PENDING,
        target=outcome,
        conflict_code="agreements.dprd_conflict",
        field="outcome",
        stamps={"decision_number": decision_number, "decision_date": decision_date, "notes": notes},
        reason=notes,
    )
    fresh = load(fresh.pk)
    if outcome == DprdOutcome.REJECTED:
        reason = f"DPRD {party.name}: {decision_number}"
        fresh = move(fresh, actor=actor, action="tolak_dprd", reason=reason, stamps={"cancel_reason": reason})
    else:
        result = evaluate_action(fresh, "setujui_dprd")
        if result.allowed:
            fresh = move(fresh, actor=actor, action="setujui_dprd", result=result)
    notify_parties(fresh, "dprd_decided", actor)
    return fresh


def _move_by_manager(actor: Actor, agreement: Agreement, action: str, notice: str) -> Agreement:
    """A stage step taken by the proposing side alone: policy, compare-and-swap, the move, the parties told."""
    require(actor, "agreements.manage", agreement)
    fresh = claim(agreement, seen_stage=agreement.stage)
    moved = move(fresh, actor=actor, action=action)
    notify_parties(moved, notice, actor)
    return moved


@transaction.atomic
def start_pks_drafting(*, actor: Actor, agreement: Agreement) -> Agreement:
    """Stage (f) without a DPRD stage (not required, PP 28/2018 Pasal 6(2)): the KB is signed, the PKS is drafted."""
    return _move_by_manager(actor, agreement, "susun_pks", "pks_drafting")


@transaction.atomic
def draft_nota_kesepakatan(*, actor: Actor, agreement: Agreement) -> Agreement:
    """Synergy: the Nota Kesepakatan and its work plan are drafted (R18; PP 28/2018 Pasal 46)."""
    return _move_by_manager(actor, agreement, "susun_nk", "nk_drafting")


@transaction.atomic
def end_agreement(
    *, actor: Actor, agreement: Agreement, ground: str, ended_on: date | None = None, reason: str = ""
) -> Agreement:
    """The cooperation in force ends (*berakhir*) on a lawful ground: PP 28/2018 Pasal 9(1) for a KSDD, Pasal 22
    for a KSDPK (a change of head of region is none, Pasal 9(2)); the rulebook's R29 decides. It then leaves
    the register the mapping engine reads."""
    require(actor, "agreements.manage", agreement)
    ground = clean_text("termination_ground", ground)[:40]
    if not ground:
        raise bad_input(
            "ground_required",
            "Alasan berakhirnya wajib diisi.",
            "The ground for ending is required.",
            "ground",
        )
    reason = clean_reason(reason, required=False)
    fresh = claim(agreement, seen_stage=agreement.stage)
    result = evaluate_action(fresh, "akhiri", termination_ground=ground)
    moved = move(
        fresh,
        actor=actor,
        action="akhiri",
        reason=reason or ground,
        result=result,
        stamps={"termination_ground": ground, "ended_on": ended_on or timezone.localdate()},
    )
    notify_parties(moved, "ended", actor, reason=reason or ground)
    return moved


@transaction.atomic
def cancel_agreement(*, actor: Actor, agreement: Agreement, reason: str) -> Agreement:
    """The proposing side stops the cooperation before it is in force, with a reason."""
    require(actor, "agreements.manage", agreement)
    reason = clean_reason(reason)
    fresh = claim(agreement, seen_stage=agreement.stage)
    moved = move(fresh, actor=actor, action="batalkan", reason=reason, stamps={"cancel_reason": reason})
    notify_parties(moved, "cancelled", actor, reason=reason)
    return moved


__all__ = [
    "EDITABLE_FIELDS",
    "PROPOSAL_RULES",
    "STAGE_ACTIONS",
    "accept_offer",
    "acknowledge",
    "agreement_not_found",
    "approve_side",
    "attached_documents",
    "cancel_agreement",
    "decline_offer",
    "decline_side",
    "draft_nota_kesepakatan",
    "end_agreement",
    "evaluate_action",
    "load",
    "pks_clause_keys",
    "proposal_from_plan",
    "proposal_from_recommendation",
    "propose_agreement",
    "record_document",
    "record_dprd_decision",
    "record_signatory",
    "record_tkksd_review",
    "refusal",
    "request_dprd_approval",
    "send_offer",
    "sign_kb",
    "sign_nota_kesepakatan",
    "sign_pks",
    "start_pks_drafting",
    "start_review",
    "update_proposal",
]


# The register of existing agreements (issue 10, item 7) lives in its own module.
from kerjasama.agreements.register import (  # noqa: E402
    register_existing_agreement as register_existing_agreement,
)
