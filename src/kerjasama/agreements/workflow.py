"""The shared steps of the agreements services: loading a record with what the rulebook reads, the
rulebook's verdict and its refusal, claiming the row, moving the stage through the transition helper, a
party's status, and the errors with their stable codes (``agreements.*``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from datetime import date
from typing import Any

from kerjasama.accounts.policy import require
from kerjasama.agreements import notices
from kerjasama.agreements.choices import (
    AgreementStage,
    AgreementType,
    PartyStatus,
    TkksdReview,
)
from kerjasama.agreements.models import (
    NUMBER_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Agreement,
    AgreementParty,
)
from kerjasama.agreements.state import OBJECT_TYPE, build_state, rule_context
from kerjasama.core.actors import Actor
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import ErrorDetail, KerjasamaError, NotFound, RuleRefusal
from kerjasama.core.transitions import choice_labels, conflict_error, transition
from kerjasama.core.versioning import claim_version
from kerjasama.rulebook.findings import Finding
from kerjasama.rulebook.rules import procedure
from kerjasama.rulebook.stages import TransitionResult, evaluate, table_for
from kerjasama.rulebook.subjects import DocumentFact, DocumentKind

TEXT_LIMITS = {
    "object": TEXT_MAX_LENGTH,
    "scope": TEXT_MAX_LENGTH,
    "justification_externality": TEXT_MAX_LENGTH,
    "justification_efficiency": TEXT_MAX_LENGTH,
    "legal_basis": TEXT_MAX_LENGTH,
    "number": NUMBER_MAX_LENGTH,
    "title": TITLE_MAX_LENGTH,
}


def agreement_not_found() -> NotFound:
    return NotFound(
        "agreements.not_found",
        "Kerja sama tidak ditemukan atau di luar kewenangan Anda.",
        "The agreement does not exist or is outside what you may see.",
    )


def bad_input(code: str, message_id: str, message_en: str, location: str | None = None) -> KerjasamaError:
    details = [ErrorDetail(location, message_id, message_en)] if location else []
    return KerjasamaError(f"agreements.{code}", message_id, message_en, details)


def refusal(action: str, findings: list[Finding]) -> RuleRefusal:
    """The rulebook refuses ``action``: its error findings, with their legal basis."""
    errors = [f.to_dict() for f in findings if f.severity == "error"]
    rules_text = ", ".join(sorted({f["rule"] for f in errors}))
    return RuleRefusal(
        "agreements.rule_refused",
        f"Langkah '{action}' belum dapat dilakukan menurut aturan ({rules_text}); lihat temuan dan dasar hukumnya.",
        f"Step '{action}' cannot be taken under the rules ({rules_text}); see the findings and their legal basis.",
        errors,
    )


def load(pk: int) -> Agreement:
    """The agreement with everything ``build_state`` reads (parties with their region and organisation,
    DPRD approvals, recorded documents, affairs): a constant number of queries."""
    found = (
        Agreement.objects.select_related("lead_region")
        .prefetch_related(
            "parties__region", "parties__organisation", "dprd_approvals", "recorded_documents", "affairs"
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise agreement_not_found()
    return found


def attached_documents(agreement: Agreement) -> list[tuple[str, date | None]]:
    """(kind, date) of the ``documents.Document`` files attached to ``agreement``."""
    from kerjasama.documents.models import Document

    return [
        (kind, created.date() if created else None)
        for kind, created in Document.objects.filter(
            object_type=OBJECT_TYPE, object_id=str(agreement.pk)
        ).values_list("kind", "created_at")
    ]


def evaluate_action(
    agreement: Agreement,
    action: str,
    *,
    assume_signed: DocumentKind | None = None,
    extra: Iterable[DocumentFact] = (),
    termination_ground: str | None = None,
) -> TransitionResult:
    """The rulebook's verdict on ``action`` for ``agreement`` as recorded (``agreement`` from :func:`load`).

    ``assume_signed`` asks whether signing that document by every party would be lawful; ``extra`` adds
    documents the service is about to record (the offer letter of ``send_offer``)."""
    state = build_state(agreement, attached_kinds=attached_documents(agreement), assume_signed=assume_signed)
    if extra:
        state = replace(state, documents=(*state.documents, *extra))
    if termination_ground is not None:
        state = replace(state, termination_ground=termination_ground)
    ctx = rule_context()
    result = evaluate(table_for(agreement.type), state, action, ctx)
    if (
        not result.allowed
        and action == "tandatangani_pks"
        and agreement.stage != AgreementStage.PENYUSUNAN_PKS
    ):
        # Refused by the stage order: say also why the PKS cannot be signed yet (the DPRD approval, R13).
        extra_findings = procedure.gate_dprd_approval(state, ctx)
        result = TransitionResult(False, None, [*result.findings, *extra_findings])
    return result


def claim(agreement: Agreement, *, seen_stage: str | None = None) -> Agreement:
    """Lock the agreement row (bump its version), reload it, and check the stage the caller saw."""
    # A stand-in, so a refusal (rolled back) never leaves a bumped version on the caller's instance.
    claim_version(Agreement(pk=agreement.pk), expected=None, code="agreements.stale_version")
    fresh = load(agreement.pk)
    if seen_stage is not None and fresh.stage != seen_stage:
        raise conflict_error(
            Agreement,
            code="agreements.stage_conflict",
            field="stage",
            expected=seen_stage,
            current=fresh.stage,
            describe=choice_labels(Agreement, "stage"),
        )
    return fresh


def party_of(fresh: Agreement, party: AgreementParty) -> AgreementParty:
    found = next((p for p in fresh.parties.all() if p.pk == party.pk), None)
    if found is None:
        raise agreement_not_found()
    return found


def move(
    fresh: Agreement,
    *,
    actor: Actor,
    action: str,
    reason: str = "",
    stamps: dict[str, Any] | None = None,
    result: TransitionResult | None = None,
) -> Agreement:
    """Take the rulebook ``action`` on ``fresh`` (already claimed): evaluate, then the transition helper."""
    result = result or evaluate_action(fresh, action)
    if not result.allowed or result.target is None:
        raise refusal(action, result.findings)
    before = fresh.stage
    moved = transition(
        fresh,
        actor=actor,
        action=AuditAction.AGREEMENT_STAGE_CHANGED,
        expected=before,
        target=result.target,
        conflict_code="agreements.stage_conflict",
        field="stage",
        stamps=stamps,
        reason=reason or action,
    )
    if AgreementStage.PELAKSANAAN in (before, result.target):
        register_changed(moved)
    return moved


#: While set (``collecting_register_changes``), the regions whose register changed are collected here instead
#: of being marked for the refresh task.
_COLLECTED: ContextVar[set[str] | None] = ContextVar("agreements_register_changes", default=None)


@contextmanager
def collecting_register_changes() -> Iterator[set[str]]:
    """Collect, instead of marking for the refresh task, the regions whose register of agreements changed: for
    a caller that recomputes them itself at once (the demo loader during ``kerjasama setup``)."""
    collected: set[str] = set()
    token = _COLLECTED.set(collected)
    try:
        yield collected
    finally:
        _COLLECTED.reset(token)


def register_changed(agreement: Agreement) -> None:
    """The agreement entered or left implementation: the mapping of its party regions is recomputed after the
    commit (an agreement in force is "sudah bekerja sama", not a new recommendation; issue 10, item 7)."""
    from kerjasama.mapping.services import mark_register_changed

    codes = [str(p.region_id) for p in agreement.parties.all() if p.region_id]
    collected = _COLLECTED.get()
    if collected is not None:
        collected.update(codes)
        return
    mark_register_changed(region_codes=codes)


def notify_parties(agreement: Agreement, event: str, actor: Actor, **kwargs: Any) -> None:
    # ``notify`` itself schedules each delivery with ``transaction.on_commit``.
    notices.agreement_event(agreement=agreement, event=event, actor=actor, **kwargs)


def clean_text(name: str, value: Any) -> str:
    text = str(value or "").strip()
    limit = TEXT_LIMITS.get(name, TEXT_MAX_LENGTH)
    if len(text) > limit:
        raise bad_input(
            "text_too_long",
            f"Isian '{name}' terlalu panjang: {len(text)} karakter, paling banyak {limit}.",
            f"Field '{name}' is too long: {len(text)} characters, at most {limit}.",
            name,
        )
    return text


def clean_reason(reason: str, *, required: bool = True) -> str:
    text = clean_text("reason", reason)
    if required and not text:
        raise bad_input("reason_required", "Alasan wajib diisi.", "A reason is required.", "reason")
    return text


def require_party(actor: Actor, party: AgreementParty, action: str = "agreements.act_for_party") -> None:
    require(actor, action, party)


def set_party_status(
    party: AgreementParty,
    *,
    actor: Actor,
    target: str,
    reason: str = "",
    stamps: dict[str, Any] | None = None,
) -> AgreementParty:
    return transition(
        party,
        actor=actor,
        action=AuditAction.AGREEMENT_PARTY_STATUS_CHANGED,
        expected=party.status,
        target=target,
        conflict_code="agreements.party_conflict",
        field="status",
        reason=reason,
        stamps=stamps,
    )


def tkksd_gate(party: AgreementParty) -> None:
    """A region party approves only after its TKKSD approved (Permendagri 22/2020; R16, R21); as in the
    rulebook's R21 gates, not for a synergy with the central government."""
    if (
        party.region_id is None
        or party.agreement.type == AgreementType.SINERGI
        or not rule_context().settings.require_tkksd_review
    ):
        return
    if party.tkksd_review != TkksdReview.APPROVED:
        finding = procedure.R21.error(
            f"TKKSD {party.name} belum menyetujui usulan ini; pihak ini belum dapat menyetujui.",
            f"The TKKSD of {party.name} has not approved this proposal; this party cannot approve yet.",
        )
        raise refusal("approve_side", [finding])


def approve_party(party: AgreementParty, *, actor: Actor) -> AgreementParty:
    if party.status == PartyStatus.APPROVED:
        return party
    if party.status not in (PartyStatus.AWARE, PartyStatus.REVIEWING):
        raise bad_input(
            "party_status",
            "Pihak ini tidak dalam status yang dapat disetujui.",
            "This party is not in a state that can be approved.",
        )
    tkksd_gate(party)
    return set_party_status(party, actor=actor, target=PartyStatus.APPROVED)


def require_open(fresh: Agreement) -> None:
    if fresh.stage in (AgreementStage.BERAKHIR, AgreementStage.DIBATALKAN):
        raise bad_input("closed", "Kerja sama ini sudah ditutup.", "This agreement is closed.")
