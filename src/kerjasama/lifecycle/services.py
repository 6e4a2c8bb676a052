"""Every change in the lifecycle of an agreement in force (house rule 2): keyword-only, a typed ``actor``,
``transaction.atomic``, a policy check, row history and an audit event, notices on commit.

- ``record_amendment``: an adendum, a new effective-dated version of some terms (issue 11, item 3).
- ``propose_extension``: an extension or renewal is a NEW agreement through the full current procedure
  (REGULATIONS.md §1.6, R19 [S: S-yogya]), proposed through ``agreements.services.propose_agreement`` and
  linked to the old one; the old end date is never edited.
- ``open_settlement`` / ``update_settlement_item`` / ``terminate_agreement``: the end of a cooperation on a
  ground of PP 28/2018 Pasal 9(1) (KSDD) or Pasal 22 (KSDPK) (R29), after the settlement checklist; the end
  itself is ``agreements.services.end_agreement`` (the ``akhiri`` transition).

The automatic end of an expired term is in :mod:`kerjasama.lifecycle.expiry`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from kerjasama.accounts.policy import can, require
from kerjasama.agreements import services as agreement_services
from kerjasama.agreements.choices import AgreementStage, OriginKind
from kerjasama.agreements.models import REF_MAX_LENGTH, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH, Agreement
from kerjasama.agreements.state import OBJECT_TYPE
from kerjasama.agreements.workflow import claim, load
from kerjasama.core import audit
from kerjasama.core.actors import Actor, is_system, user_or_none
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict, ErrorDetail, KerjasamaError
from kerjasama.core.versioning import claim_version
from kerjasama.lifecycle import notices
from kerjasama.lifecycle.choices import RESOLVED, SettlementStatus, SuccessionKind
from kerjasama.lifecycle.conf import item_info, settlement_items
from kerjasama.lifecycle.domain import terms as domain
from kerjasama.lifecycle.models import Amendment, Settlement, SettlementItem, Succession
from kerjasama.lifecycle.selectors import amendments_of, as_changes, base_terms
from kerjasama.rulebook.rules.closing import termination_grounds
from kerjasama.rulebook.subjects import KSDD_TERMINATION_GROUNDS

#: The ground of an expired term: PP 28/2018 Pasal 9(1)(a), *berakhirnya jangka waktu* (Pasal 22(1) for KSDPK).
EXPIRY_GROUND = KSDD_TERMINATION_GROUNDS[0]
assert EXPIRY_GROUND == "jangka_waktu_berakhir"


def bad_input(code: str, message_id: str, message_en: str, location: str | None = None) -> KerjasamaError:
    details = [ErrorDetail(location, message_id, message_en)] if location else []
    return KerjasamaError(f"lifecycle.{code}", message_id, message_en, details)


def _text(name: str, value: Any, limit: int = TEXT_MAX_LENGTH, *, required: bool = False) -> str:
    text = str(value or "").strip()
    if len(text) > limit:
        raise bad_input(
            "text_too_long",
            f"Isian '{name}' terlalu panjang: {len(text)} karakter, paling banyak {limit}.",
            f"Field '{name}' is too long: {len(text)} characters, at most {limit}.",
            name,
        )
    if required and not text:
        raise bad_input(f"{name}_required", f"Isian '{name}' wajib diisi.", f"'{name}' is required.", name)
    return text


def _not_in_force() -> KerjasamaError:
    return bad_input(
        "not_in_force",
        "Langkah ini hanya untuk kerja sama yang sedang berlaku (pelaksanaan).",
        "This step is only for an agreement in force (implementation).",
    )


def _attached(agreement: Agreement, document: Any) -> Any:
    """``document`` (a ``documents.Document``) if it is attached to ``agreement``; refused otherwise."""
    if document is None:
        return None
    if document.object_type != OBJECT_TYPE or document.object_id != str(agreement.pk):
        raise bad_input(
            "document_not_attached",
            "Dokumen itu bukan dokumen kerja sama ini.",
            "That document is not a document of this agreement.",
            "document",
        )
    return document


# --- amendments (adendum) -----------------------------------------------------------------------------


@transaction.atomic
def record_amendment(
    *,
    actor: Actor,
    agreement: Agreement,
    title: str,
    signed_on: date,
    effective_from: date,
    changes: dict[str, Any],
    reason: str,
    number: str = "",
    document: Any = None,
) -> Amendment:
    """Record an adendum of an agreement in force: the changed terms (object, scope, financing, value, the
    parties' shares) in force from ``effective_from``. Not the term end (R19: an extension is a new agreement).

    Policy ``lifecycle.record_amendment`` (a party's official). The sequence number is the next one under the
    agreement's row lock, so two amendments recorded at once get 1 and 2."""
    require(actor, "lifecycle.record_amendment", agreement)
    fresh = claim(agreement)
    if fresh.stage != AgreementStage.PELAKSANAAN:
        raise _not_in_force()
    title = _text("title", title, TITLE_MAX_LENGTH, required=True)
    reason = _text("reason", reason, required=True)
    number = _text("number", number, 100)
    if (fresh.term_start and effective_from < fresh.term_start) or (
        fresh.term_end and effective_from > fresh.term_end
    ):
        raise bad_input(
            "effective_outside_term",
            "Tanggal berlaku adendum harus di dalam jangka waktu kerja sama.",
            "The amendment's effective date must lie within the agreement's term.",
            "effective_from",
        )
    parties = [p.code for p in fresh.parties.all()]
    try:
        clean = domain.clean_changes(changes, party_codes=parties, text_limit=TEXT_MAX_LENGTH)
    except domain.TermsError as exc:
        raise bad_input("terms_invalid", exc.message_id, exc.message_en, exc.field) from None
    existing = amendments_of(fresh)
    sequence = max((a.sequence for a in existing), default=0) + 1
    new = domain.Change(sequence, effective_from, clean)
    every = [*as_changes(existing), new]
    base = base_terms(fresh)
    try:
        for when in sorted({c.effective_from for c in every if c.effective_from >= effective_from}):
            domain.check_shares(domain.overlay(base, every, when)["shares"])
    except domain.TermsError as exc:
        raise bad_input("terms_invalid", exc.message_id, exc.message_en, exc.field) from None
    amendment = Amendment(
        agreement=fresh,
        sequence=sequence,
        number=number,
        title=title,
        signed_on=signed_on,
        effective_from=effective_from,
        changes=clean,
        reason=reason,
        document=_attached(fresh, document),
        recorded_by=user_or_none(actor),
    )
    amendment._history_user = user_or_none(actor)  # type: ignore[attr-defined]
    amendment.save()
    audit.record(
        actor=actor,
        action=AuditAction.AMENDMENT_RECORDED,
        obj=fresh,
        new={
            "amendment": amendment.pk,
            "sequence": sequence,
            "effective_from": effective_from.isoformat(),
            "signed_on": signed_on.isoformat(),
            "changes": clean,
        },
        reason=reason,
    )
    notices.lifecycle_event(
        agreement=fresh, event="amendment_recorded", actor=actor, key=f"amendment:{sequence}", reason=title
    )
    return amendment


# --- extension and renewal as lineage ----------------------------------------------------------------------


def _lead_for(actor: Actor, fresh: Agreement) -> Any:
    """The proposing region of the successor: the old proposer if the actor may propose for it, else the
    actor's own party region."""
    if is_system(actor) or can(actor, "agreements.propose", fresh.lead_region):
        return fresh.lead_region
    for party in fresh.parties.all():
        if party.region is not None and can(actor, "agreements.propose", party.region):
            return party.region
    return fresh.lead_region  # propose_agreement refuses with its own permission error


@transaction.atomic
def propose_extension(
    *, actor: Actor, agreement: Agreement, kind: str = SuccessionKind.PERPANJANGAN, title: str = ""
) -> Agreement:
    """Propose the extension (*perpanjangan*) or renewal (*pembaruan*) of ``agreement`` as a NEW agreement in
    *persiapan* that goes through the full current procedure again (REGULATIONS.md §1.6, R19 [S: S-yogya]).

    The new proposal is made by ``agreements.services.propose_agreement`` (the rulebook checks it as any
    proposal), pre-filled with the old agreement's parties and its terms in force today (its amendments
    applied); its term starts the day after the old term ends and its end is for the parties to agree. The
    old agreement's end date is never edited. One successor per predecessor: a second proposal is a 409
    ``lifecycle.successor_exists`` unless the earlier one was cancelled (then the link moves to the new one).
    An extension is proposed while the old agreement is in force; a renewal also after it ended.
    """
    require(actor, "lifecycle.propose_extension", agreement)
    if kind not in SuccessionKind.values:
        raise bad_input(
            "kind_invalid", "Jenis lanjutan tidak dikenal.", "Unknown kind of succession.", "kind"
        )
    fresh = claim(agreement)
    allowed = (
        (AgreementStage.PELAKSANAAN,)
        if kind == SuccessionKind.PERPANJANGAN
        else (AgreementStage.PELAKSANAAN, AgreementStage.BERAKHIR)
    )
    if fresh.stage not in allowed:
        raise bad_input(
            "not_extendable",
            "Perpanjangan hanya untuk kerja sama yang berlaku; pembaruan juga setelah berakhir.",
            "An extension is only for an agreement in force; a renewal also after it ended.",
        )
    link = (
        Succession.objects.select_for_update()
        .filter(predecessor_id=fresh.pk)
        .select_related("successor")
        .first()
    )
    if link is not None and link.successor.stage != AgreementStage.DIBATALKAN:
        raise Conflict(
            "lifecycle.successor_exists",
            f"Kerja sama ini sudah memiliki lanjutan (#{link.successor_id}).",
            f"This agreement already has a successor (#{link.successor_id}).",
        )
    terms = domain.overlay(base_terms(fresh), as_changes(amendments_of(fresh)), timezone.localdate())
    parties = list(fresh.parties.all())
    lead = _lead_for(actor, fresh)
    prefix = "Perpanjangan" if kind == SuccessionKind.PERPANJANGAN else "Pembaruan"
    new_title = _text("title", title, TITLE_MAX_LENGTH) or f"{prefix}: {fresh.title}"
    successor = agreement_services.propose_agreement(
        actor=actor,
        lead_region=lead,
        type=fresh.type,
        title=new_title[:TITLE_MAX_LENGTH],
        partner_regions=[p.region for p in parties if p.region is not None and p.region_id != lead.pk],
        partner_organisations=[p.organisation for p in parties if p.organisation is not None],
        category=fresh.category,
        affairs=[a.code for a in fresh.affairs.all()],
        sub_affairs=list(fresh.sub_affairs),
        object=terms["object"] or "",
        scope=terms["scope"] or "",
        justification_externality=fresh.justification_externality,
        justification_efficiency=fresh.justification_efficiency,
        legal_basis=fresh.legal_basis,
        term_start=fresh.term_end + timedelta(days=1) if fresh.term_end else None,
        apbd_budgeted=terms["apbd_budgeted"],
        burdens_public=terms["burdens_public"],
        value=terms["value"],
        origin_kind=OriginKind.MANUAL,
        origin_ref=f"{kind}:{fresh.pk}"[:REF_MAX_LENGTH],
        is_example=fresh.is_example,
    )
    old_successor = link.successor_id if link is not None else None
    if link is None:
        link = Succession(predecessor=fresh, successor=successor, kind=kind, created_by=user_or_none(actor))
    else:
        link.successor, link.kind, link.created_by = successor, kind, user_or_none(actor)
    setattr(link, "_history_user", user_or_none(actor))  # noqa: B010 - read by simple-history
    link.save()
    audit.record(
        actor=actor,
        action=AuditAction.SUCCESSION_LINKED,
        obj=fresh,
        old={"successor": old_successor} if old_successor else None,
        new={"successor": successor.pk, "kind": kind},
    )
    notices.lifecycle_event(
        agreement=fresh,
        event="extension_proposed",
        actor=actor,
        key=f"succession:{successor.pk}",
        reason=successor.title,
    )
    return successor


# --- termination with settlement -----------------------------------------------------------------------


def _settlement_items(settlement: Settlement) -> None:
    SettlementItem.objects.bulk_create(
        SettlementItem(settlement=settlement, key=info.key, position=i)
        for i, info in enumerate(settlement_items())
    )


def ensure_settlement(*, actor: Actor, agreement: Agreement, ground: str = "") -> tuple[Settlement, bool]:
    """The agreement's settlement, opened with the configured checklist if it has none; ``(settlement,
    created)``. Called inside the caller's transaction, after the caller's policy check."""
    existing = Settlement.objects.filter(agreement_id=agreement.pk).first()
    if existing is not None:
        return existing, False
    settlement = Settlement(agreement=agreement, ground=ground, opened_by=user_or_none(actor))
    settlement._history_user = user_or_none(actor)  # type: ignore[attr-defined]
    settlement.save()
    _settlement_items(settlement)
    audit.record(
        actor=actor,
        action=AuditAction.SETTLEMENT_OPENED,
        obj=agreement,
        new={"settlement": settlement.pk, "items": [i.key for i in settlement_items()], "ground": ground},
    )
    return settlement, True


@transaction.atomic
def open_settlement(*, actor: Actor, agreement: Agreement) -> Settlement:
    """Start the settlement of the cooperation's end: the checklist of ``KERJASAMA_SETTLEMENT_ITEMS``
    (assets, outstanding obligations, personnel, archives, financing; ``lifecycle.conf``, PP 28/2018 Pasal 9,
    20, 22). While in force or after it ended; a second call returns the same settlement."""
    require(actor, "lifecycle.settle", agreement)
    fresh = claim(agreement)
    if fresh.stage not in (AgreementStage.PELAKSANAAN, AgreementStage.BERAKHIR):
        raise _not_in_force()
    settlement, created = ensure_settlement(actor=actor, agreement=fresh)
    if created:
        notices.lifecycle_event(agreement=fresh, event="settlement_opened", actor=actor, key="settlement")
    return settlement


@transaction.atomic
def update_settlement_item(
    *, actor: Actor, item: SettlementItem, status: str, note: str = "", expected_version: int | None = None
) -> SettlementItem:
    """Mark one checklist item settled or not applicable (a note says why), or back to pending.

    ``expected_version`` is the item's version the caller read (409 ``lifecycle.item_conflict`` if someone
    changed it in between)."""
    agreement = load(item.settlement.agreement_id)
    require(actor, "lifecycle.settle", agreement)
    if status not in SettlementStatus.values:
        raise bad_input("status_invalid", "Status butir tidak dikenal.", "Unknown item status.", "status")
    note = _text("note", note)
    if status == SettlementStatus.NOT_APPLICABLE and not note:
        raise bad_input(
            "note_required",
            "Sebutkan mengapa butir ini tidak berlaku.",
            "Say why this item does not apply.",
            "note",
        )
    claim_version(item, expected=expected_version, code="lifecycle.item_conflict")
    fresh = SettlementItem.objects.get(pk=item.pk)
    old = {"status": fresh.status, "note": fresh.note}
    fresh.status, fresh.note, fresh.updated_by = status, note, user_or_none(actor)
    fresh._history_user = user_or_none(actor)  # type: ignore[attr-defined]
    fresh.save(update_fields=["status", "note", "updated_by", "updated_at"])
    audit.record(
        actor=actor,
        action=AuditAction.SETTLEMENT_ITEM_UPDATED,
        obj=agreement,
        old=old,
        new={"item": fresh.key, "status": status, "note": note},
    )
    return fresh


def pending_items(settlement: Settlement) -> list[SettlementItem]:
    return [i for i in settlement.items.all() if i.status not in RESOLVED]


@transaction.atomic
def terminate_agreement(
    *,
    actor: Actor,
    agreement: Agreement,
    ground: str,
    ended_on: date | None = None,
    reason: str = "",
    document_number: str = "",
    document_date: date | None = None,
    document: Any = None,
) -> Agreement:
    """End the cooperation in force on a ground of PP 28/2018 (``rulebook.rules.closing.termination_grounds``:
    Pasal 9(1) for a KSDD, Pasal 22 for a KSDPK; R29) once every item of its settlement is settled or not
    applicable, recording the termination document (its number is required unless the term simply expired).

    The end itself is ``agreements.services.end_agreement`` (policy ``agreements.manage``, the ``akhiri``
    transition with compare-and-swap on the stage the caller saw, the parties told)."""
    require(actor, "lifecycle.terminate", agreement)
    grounds = termination_grounds(agreement.type)
    if ground not in grounds:
        raise bad_input(
            "ground_invalid",
            f"Alasan berakhir harus salah satu dari: {', '.join(grounds)} (PP 28/2018 Pasal 9(1), 22).",
            f"The ground must be one of: {', '.join(grounds)} (PP 28/2018 Pasal 9(1), 22).",
            "ground",
        )
    if agreement.stage != AgreementStage.PELAKSANAAN:
        raise _not_in_force()
    document_number = _text("document_number", document_number, 100)
    if ground != EXPIRY_GROUND and not document_number:
        raise bad_input(
            "document_required",
            "Nomor dokumen pengakhiran wajib diisi.",
            "The termination document number is required.",
            "document_number",
        )
    settlement = Settlement.objects.filter(agreement_id=agreement.pk).prefetch_related("items").first()
    if settlement is None:
        raise bad_input(
            "settlement_missing",
            "Mulai dan selesaikan daftar penyelesaian sebelum mengakhiri kerja sama.",
            "Start and complete the settlement checklist before ending the agreement.",
        )
    pending = pending_items(settlement)
    if pending:
        names_id = ", ".join(item_info(i.key).label_id for i in pending)
        names_en = ", ".join(item_info(i.key).label_en for i in pending)
        raise bad_input(
            "settlement_incomplete",
            f"Butir penyelesaian belum selesai: {names_id}.",
            f"Settlement items not yet settled: {names_en}.",
        )
    settlement.ground = ground
    settlement.document_number = document_number
    settlement.document_date = document_date
    settlement.document = _attached(agreement, document) or settlement.document
    setattr(settlement, "_history_user", user_or_none(actor))  # noqa: B010 - read by simple-history
    settlement.save()
    audit.record(
        actor=actor,
        action=AuditAction.SETTLEMENT_DOCUMENT_RECORDED,
        obj=agreement,
        new={
            "ground": ground,
            "document_number": document_number,
            "document_date": document_date.isoformat() if document_date else None,
            "document": settlement.document_id,
        },
    )
    return agreement_services.end_agreement(
        actor=actor, agreement=agreement, ground=ground, ended_on=ended_on, reason=_text("reason", reason)
    )


__all__ = [
    "EXPIRY_GROUND",
    "ensure_settlement",
    "open_settlement",
    "propose_extension",
    "record_amendment",
    "terminate_agreement",
    "update_settlement_item",
]
