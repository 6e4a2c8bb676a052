"""Every change to a dispute case (house rule 2): keyword-only, a typed ``actor``, ``transaction.atomic``, a
policy check (``disputes.rules``), row history, an audit event.

The path (issue 12 item 3) is a state machine on ``Dispute.stage`` moved by ``core.transitions.transition``
(compare-and-swap): registered -> (screening) deliberation or *bukan wewenang* (closed) -> facilitation (the
next slice: facilitation, decision, implementation); a settlement or a withdrawal closes it at any open stage.

Who settles comes from the rulebook (``rulebook.resolve_dispute``: UU 23/2014 Pasal 91(3) huruf c, 92, 370;
PP 28/2018 Pasal 8, 21, 46; R22-R26, R34); the resolver confirms or corrects it with a reason at screening.
The deliberation (*musyawarah mufakat*) is bounded by ``KERJASAMA_DISPUTE_MAX_ROUNDS`` rounds and
``KERJASAMA_DISPUTE_DELIBERATION_DAYS`` days from the screening: no regulation sets either [U].
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone

from kerjasama.accounts.choices import OrganisationKind
from kerjasama.accounts.models import Organisation
from kerjasama.accounts.policy import require
from kerjasama.agreements.models import Agreement
from kerjasama.compliance.selectors import reference_data, rulebook_settings
from kerjasama.core import audit
from kerjasama.core.actors import Actor, is_system, user_or_none
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict, ErrorDetail, KerjasamaError, NotFound
from kerjasama.core.transitions import transition
from kerjasama.disputes.choices import (
    CLOSED_STAGES,
    OPEN_STAGES,
    Cause,
    DisputeKind,
    DisputeRole,
    DisputeStage,
    ExtendableStep,
    Forum,
    Initiator,
    Resolver,
    ScreeningOutcome,
    Sector,
)
from kerjasama.disputes.conf import decision_days, deliberation_days, facilitation_days, max_rounds
from kerjasama.disputes.models import (
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    ClarificationRequest,
    DeliberationRound,
    Dispute,
    DisputeOrder,
    DisputeParty,
    FacilitationSession,
)
from kerjasama.regions.models import Region
from kerjasama.rulebook import DisputeInputError, resolve_dispute
from kerjasama.rulebook.disputes import BASIS_KSDPK

#: A boundary dispute is not a cooperation dispute: it follows the boundary procedure (penegasan batas daerah)
#: and, between regions, UU 23/2014 Pasal 370 as an inter-regional dispute of its own [U: the Permendagri on
#: boundary affirmation is not among the sources read; REGULATIONS.md section 1.11 notes the parallel].
BASIS_BOUNDARY = "UU 23/2014 Pasal 370; prosedur penegasan batas daerah (Permendagri) [U]"
#: The forums a KSDPK dispute clause usually names (PP 28/2018 Pasal 21: the agreement decides) [U].
CLAUSE_FORUMS_ID = "mediasi, arbitrase (BANI) atau pengadilan"
CLAUSE_FORUMS_EN = "mediation, arbitration (BANI) or the court"

#: A dispute's numbered record: a deliberation round or a facilitation session.
NumberedRow = TypeVar("NumberedRow", DeliberationRound, FacilitationSession)


@dataclass(frozen=True)
class PartyInput:
    """One party of a new case: a region (``region_code``) or an organisation (``organisation_id``)."""

    role: str
    region_code: str | None = None
    organisation_id: int | None = None


@dataclass(frozen=True)
class Proposal:
    """The rulebook's answer for a new case, with what the screening must look at."""

    resolver: str
    region: str | None
    basis: str
    legal_review: bool
    flags: list[dict[str, str]]


def bad_input(code: str, message_id: str, message_en: str, location: str | None = None) -> KerjasamaError:
    details = [ErrorDetail(location, message_id, message_en)] if location else []
    return KerjasamaError(f"disputes.{code}", message_id, message_en, details)


def not_found() -> NotFound:
    return NotFound("disputes.not_found", "Perselisihan tidak ditemukan.", "The dispute was not found.")


def _clean(field: str, value: Any, *, limit: int = TEXT_MAX_LENGTH, required: bool = True) -> str:
    cleaned = str(value or "").strip()
    if required and not cleaned:
        raise bad_input("required", f"Isian '{field}' wajib diisi.", f"Field '{field}' is required.", field)
    if len(cleaned) > limit:
        raise bad_input(
            "text_too_long",
            f"Isian '{field}' melebihi {limit} karakter.",
            f"Field '{field}' exceeds {limit} characters.",
            field,
        )
    return cleaned


def _choice(field: str, value: Any, allowed: Sequence[str]) -> str:
    if value not in allowed:
        raise bad_input(
            f"{field}_invalid",
            f"Nilai '{field}' tidak dikenal: {value}; pilihan: {', '.join(allowed)}.",
            f"Unknown '{field}': {value}; choose one of {', '.join(allowed)}.",
            field,
        )
    return str(value)


def _causes(values: Sequence[str]) -> list[str]:
    chosen = list(dict.fromkeys(values or ()))
    if not chosen:
        raise bad_input(
            "causes_required",
            "Pilih sekurang-kurangnya satu penyebab.",
            "Choose at least one cause.",
            "causes",
        )
    for value in chosen:
        _choice("causes", value, Cause.values)
    return chosen


def _today(today: date | None) -> date:
    return today or timezone.localdate()


# -- the rulebook's proposal --------------------------------------------------------------------------------


def _rulebook_type(kind: str, parties: Sequence[DisputeParty]) -> str:
    """The rulebook's type for a case. ``lainnya`` (no written agreement, an asset split after pemekaran):
    between regions a dispute between regions (UU 23/2014 Pasal 370 covers every inter-regional dispute in
    government affairs), with a ministry a synergy, otherwise a dispute with a third party."""
    if kind != DisputeKind.LAINNYA:
        return kind
    regions = [p for p in parties if p.region_id]
    if len(regions) >= 2:
        return "KSDD"
    if any(
        p.organisation is not None and p.organisation.kind == OrganisationKind.KEMENDAGRI for p in parties
    ):
        return "SINERGI"
    return "KSDPK"


def propose_resolver(*, kind: str, parties: Sequence[DisputeParty], causes: Sequence[str] = ()) -> Proposal:
    """Who settles, from ``rulebook.resolve_dispute``, and the flags of what may not be a KSD dispute."""
    codes = [str(p.region_id) for p in parties if p.region_id]
    rulebook_type = _rulebook_type(kind, parties)
    try:
        route = resolve_dispute(reference_data(), codes, rulebook_type, rulebook_settings())
    except DisputeInputError as exc:
        raise bad_input("parties_invalid", exc.message_id, exc.message_en, "parties") from exc
    flags: list[dict[str, str]] = []
    if Cause.BOUNDARY in causes:
        flags.append(
            {
                "code": "batas_wilayah",
                "message_id": "Sengketa batas wilayah bukan perselisihan kerja sama: bila itu pokoknya, "
                "perkara mengikuti prosedur penegasan batas daerah.",
                "message_en": "A boundary dispute is not a cooperation dispute: if that is its substance, it "
                "follows the boundary affirmation procedure.",
                "basis": BASIS_BOUNDARY,
            }
        )
    if rulebook_type == "KSDPK":
        flags.append(
            {
                "code": "klausul_perjanjian",
                "message_id": "Perselisihan dengan pihak ketiga diselesaikan menurut klausul perjanjian "
                f"setelah musyawarah: {CLAUSE_FORUMS_ID}.",
                "message_en": "A dispute with a third party is settled by the agreement's clause after "
                f"deliberation: {CLAUSE_FORUMS_EN}.",
                "basis": BASIS_KSDPK,
            }
        )
    if route.flag_legal_review:
        flags.append(
            {
                "code": "kajian_hukum",
                "message_id": "Peraturan tidak menyebut penyelesainya: usulan ini mengikuti pengaturan sistem "
                "dan perlu kajian hukum.",
                "message_en": "The law names no resolver: this proposal follows the system's setting and needs "
                "legal review.",
                "basis": route.basis,
            }
        )
    flags.extend(
        {"code": n.rule, "message_id": n.message_id, "message_en": n.message_en, "basis": n.basis}
        for n in route.notes
    )
    return Proposal(route.authority, route.region, route.basis, route.flag_legal_review, flags)


# -- registration -------------------------------------------------------------------------------------------


def _party_rows(parties: Sequence[PartyInput]) -> list[DisputeParty]:
    rows: list[DisputeParty] = []
    seen: set[tuple[str | None, int | None]] = set()
    for position, given in enumerate(parties):
        role = _choice("role", given.role, DisputeRole.values)
        if (given.region_code is None) == (given.organisation_id is None):
            raise bad_input(
                "party_invalid",
                "Setiap pihak adalah satu daerah atau satu organisasi.",
                "Each party is either one region or one organisation.",
                "parties",
            )
        key = (given.region_code, given.organisation_id)
        if key in seen:
            raise bad_input(
                "duplicate_party", "Satu pihak disebut dua kali.", "A party is listed twice.", "parties"
            )
        seen.add(key)
        row = DisputeParty(role=role, position=position)
        if given.region_code is not None:
            region = Region.objects.filter(pk=given.region_code).first()
            if region is None:
                raise bad_input(
                    "unknown_region",
                    f"Kode daerah tidak dikenal: {given.region_code}.",
                    f"Unknown region code: {given.region_code}.",
                    "parties",
                )
            row.region = region
        else:
            organisation = Organisation.objects.filter(
                pk=int(given.organisation_id or 0), is_active=True
            ).first()
            if organisation is None:
                raise bad_input(
                    "unknown_organisation",
                    "Organisasi pihak tidak dikenal.",
                    "Unknown party organisation.",
                    "parties",
                )
            row.organisation = organisation
        rows.append(row)
    roles = {r.role for r in rows}
    if roles != {DisputeRole.CLAIMANT, DisputeRole.RESPONDENT}:
        raise bad_input(
            "parties_roles",
            "Perselisihan memerlukan sekurang-kurangnya satu pemohon dan satu termohon.",
            "A dispute needs at least one claimant and one respondent.",
            "parties",
        )
    return rows


def _initiator(actor: Actor, rows: Sequence[DisputeParty]) -> str:
    from kerjasama.agreements.rules import speaks_for_party

    if is_system(actor) or any(speaks_for_party(actor, r) for r in rows):
        return Initiator.PARTY
    org = getattr(actor, "organisation", None)
    if org is not None and org.kind == OrganisationKind.KEMENDAGRI:
        return Initiator.MINISTRY
    return Initiator.GOVERNOR


def register_dispute(
    *,
    actor: Actor,
    title: str,
    kind: str,
    sector: str,
    causes: Sequence[str],
    claims: str,
    parties: Sequence[PartyInput],
    agreement: Agreement | None = None,
) -> Dispute:
    """Register a case (issue 12 item 1) with the rulebook's proposed resolver; returns the saved case."""
    title = _clean("title", title, limit=TITLE_MAX_LENGTH)
    kind = _choice("kind", kind, DisputeKind.values)
    sector = _choice("sector", sector, Sector.values)
    chosen = _causes(causes)
    claims = _clean("claims", claims)
    rows = _party_rows(parties)
    require(actor, "disputes.register", rows)
    if agreement is not None:
        require(actor, "agreements.view_agreement", agreement)
        if agreement.type != kind:
            raise bad_input(
                "kind_mismatch",
                f"Jenis perselisihan ({kind}) berbeda dengan jenis kerja samanya ({agreement.type}).",
                f"The dispute's kind ({kind}) differs from its agreement's type ({agreement.type}).",
                "kind",
            )
    proposal = propose_resolver(kind=kind, parties=rows, causes=chosen)
    with transaction.atomic():
        dispute = Dispute(
            title=title,
            agreement=agreement,
            kind=kind,
            sector=sector,
            causes=chosen,
            claims=claims,
            initiated_by=_initiator(actor, rows),
            registered_by=user_or_none(actor),
            proposed_resolver=proposal.resolver,
            proposed_region_id=proposal.region,
            proposed_basis=proposal.basis,
            legal_review=proposal.legal_review,
            flags=proposal.flags,
            resolver=proposal.resolver,
            resolver_region_id=proposal.region,
            resolver_basis=proposal.basis,
        )
        audit.save_with_history(dispute, actor=actor, action=AuditAction.DISPUTE_REGISTERED)
        dispute.number = f"PRS/{timezone.localdate():%Y}/{dispute.pk:05d}"
        for row in rows:
            row.dispute = dispute
            audit.save_with_history(row, actor=actor, action=AuditAction.DISPUTE_REGISTERED)
        audit.save_recorded(
            dispute,
            actor=actor,
            action=AuditAction.DISPUTE_REGISTERED,
            new={
                "number": dispute.number,
                "kind": kind,
                "parties": [r.region_id or f"org:{r.organisation_id}" for r in rows],
                "proposed_resolver": proposal.resolver,
                "proposed_region": proposal.region,
            },
        )
        _tell(actor, dispute, "registered", suffix="registered")
    return dispute


# -- screening ----------------------------------------------------------------------------------------------


def _resolver_region(resolver: str, region_code: str | None) -> Region | None:
    if resolver != Resolver.GOVERNOR:
        return None
    region = Region.objects.filter(pk=region_code or "", level="provinsi").first()
    if region is None:
        raise bad_input(
            "resolver_region_required",
            "Gubernur sebagai penyelesai memerlukan kode provinsinya.",
            "The governor as resolver needs the province's code.",
            "resolver_region",
        )
    return region


def screen_dispute(
    *,
    actor: Actor,
    dispute: Dispute,
    outcome: str,
    reason: str = "",
    resolver: str | None = None,
    resolver_region: str | None = None,
    referred_to: str = "",
    today: date | None = None,
) -> Dispute:
    """The resolver's screening (issue 12 item 2): accept (confirming the proposed resolver, or correcting it
    with a reason) and open the deliberation, or close the case as *bukan wewenang* with the reason and where
    it goes instead (the boundary procedure, the agreement's forum, another authority)."""
    require(actor, "disputes.screen", dispute)
    outcome = _choice("outcome", outcome, ScreeningOutcome.values)
    reason = _clean("reason", reason, required=False)
    now = timezone.now()
    stamps: dict[str, Any] = {
        "screening_outcome": outcome,
        "screened_by": user_or_none(actor),
        "screened_at": now,
    }
    if outcome == ScreeningOutcome.NOT_COMPETENT:
        if not reason:
            raise bad_input(
                "reason_required",
                "Alasan 'bukan wewenang' wajib diisi.",
                "A reason for 'not our authority' is required.",
                "reason",
            )
        stamps |= {
            "screening_reason": reason,
            "referred_to": _clean("referred_to", referred_to),
            "closed_at": now,
            "closing_reason": reason,
        }
        target = DisputeStage.NOT_COMPETENT
    else:
        chosen = _choice("resolver", resolver or dispute.proposed_resolver, Resolver.values)
        code = resolver_region if resolver is not None else dispute.proposed_region_id
        region = _resolver_region(chosen, code)
        corrected = chosen != dispute.proposed_resolver or (region.pk if region else None) != (
            dispute.proposed_region_id
        )
        if corrected and not reason:
            raise bad_input(
                "correction_reason_required",
                "Mengoreksi penyelesai yang diusulkan memerlukan alasan.",
                "Correcting the proposed resolver needs a reason.",
                "reason",
            )
        basis = (
            dispute.proposed_basis
            if not corrected
            else f"{reason} (koreksi; usulan: {dispute.proposed_basis})"
        )
        stamps |= {
            "screening_reason": reason,
            "resolver": chosen,
            "resolver_region": region,
            "resolver_basis": basis,
            "deliberation_deadline": _today(today) + timedelta(days=deliberation_days()),
        }
        target = DisputeStage.DELIBERATION
    with transaction.atomic():
        transition(
            dispute,
            actor=actor,
            action=AuditAction.DISPUTE_SCREENED,
            expected=DisputeStage.REGISTERED,
            target=target,
            conflict_code="disputes.stage_changed",
            field="stage",
            stamps=stamps,
            reason=reason,
        )
        _tell(actor, dispute, "screened", reason=reason, suffix="screened")
    return dispute


# -- deliberation -------------------------------------------------------------------------------------------


def _in_deliberation(dispute: Dispute, today: date) -> None:
    if dispute.stage != DisputeStage.DELIBERATION:
        raise Conflict(
            "disputes.not_in_deliberation",
            "Perselisihan ini tidak sedang dalam tahap musyawarah.",
            "This dispute is not in deliberation.",
        )
    if dispute.deliberation_deadline is not None and today > dispute.deliberation_deadline:
        raise bad_input(
            "deliberation_overdue",
            f"Batas waktu musyawarah ({dispute.deliberation_deadline:%d-%m-%Y}) telah lewat: nyatakan musyawarah "
            "gagal, atau catat perdamaian.",
            f"The deliberation deadline ({dispute.deliberation_deadline:%Y-%m-%d}) has passed: declare it "
            "failed, or record a settlement.",
            "meeting_date",
        )


def _record_numbered(
    actor: Actor,
    dispute: Dispute,
    build: Callable[[int], NumberedRow],
    *,
    action: AuditAction,
    new: dict[str, Any],
    event: str,
    suffix: str,
    conflict: tuple[str, str, str],
    check: Callable[[int], None] | None = None,
) -> NumberedRow:
    """Save the dispute's next numbered record (a deliberation round, a facilitation session): number it after
    the ones already there, audit it and tell the parties, all in one transaction. Two people recording at once
    both compute the same number; the unique (dispute, number) constraint stops the second, who gets a
    ``conflict`` (code, Indonesian, English) asking them to reload instead of a duplicate."""
    try:
        with transaction.atomic():
            row = build(0)
            number = type(row).objects.filter(dispute=dispute).count() + 1
            if check is not None:
                check(number)
            row.number = number
            audit.save_recorded(row, actor=actor, action=action, new={"number": number, **new})
            _tell(actor, dispute, event, suffix=f"{suffix}{row.pk}")
    except IntegrityError as exc:
        raise Conflict(*conflict) from exc
    return row


def record_round(
    *,
    actor: Actor,
    dispute: Dispute,
    meeting_date: date,
    minutes: str,
    issues: Sequence[str] = (),
    today: date | None = None,
) -> DeliberationRound:
    """One deliberation meeting, with its minutes and issue list; at most ``KERJASAMA_DISPUTE_MAX_ROUNDS``."""
    require(actor, "disputes.deliberate", dispute)
    day = _today(today)
    _in_deliberation(dispute, day)
    if meeting_date > day:
        raise bad_input(
            "meeting_in_future",
            "Tanggal pertemuan belum terjadi.",
            "The meeting date is in the future.",
            "meeting_date",
        )
    minutes = _clean("minutes", minutes)
    listed = [_clean("issues", i, limit=500) for i in issues if str(i or "").strip()]
    limit = max_rounds()

    def exhausted(number: int) -> None:
        if number > limit:
            raise bad_input(
                "rounds_exhausted",
                f"Musyawarah sudah {limit} putaran (batas): nyatakan gagal atau catat perdamaian.",
                f"The deliberation has had {limit} rounds (the limit): declare it failed or record a settlement.",
                "meeting_date",
            )

    row = _record_numbered(
        actor,
        dispute,
        lambda number: DeliberationRound(
            dispute=dispute,
            number=number,
            meeting_date=meeting_date,
            minutes=minutes,
            issues=listed,
            recorded_by=user_or_none(actor),
        ),
        action=AuditAction.DISPUTE_ROUND_RECORDED,
        new={"meeting_date": meeting_date.isoformat(), "issues": len(listed)},
        event="round",
        suffix="r",
        conflict=(
            "disputes.round_conflict",
            "Putaran ini baru saja dicatat orang lain; muat ulang lalu periksa kembali.",
            "Someone recorded this round a moment ago; reload and check again.",
        ),
        check=exhausted,
    )
    return row


def confirm_issues(*, actor: Actor, round: DeliberationRound, party: DisputeParty) -> DeliberationRound:
    """``party`` confirms the issue list of a round (both parties confirm it, issue 12 item 3)."""
    if party.dispute_id != round.dispute_id:
        raise bad_input(
            "party_not_of_dispute",
            "Pihak itu bukan pihak perselisihan ini.",
            "Not a party of this dispute.",
            "party",
        )
    require(actor, "disputes.confirm_issues", party)
    with transaction.atomic():
        row = DeliberationRound.objects.select_for_update().get(pk=round.pk)
        if party.pk not in row.confirmed_parties:
            row.confirmed_parties = [*row.confirmed_parties, party.pk]
            audit.save_recorded(
                row, actor=actor, action=AuditAction.DISPUTE_ISSUES_CONFIRMED, new={"party": party.pk}
            )
    return row


def fail_deliberation(*, actor: Actor, dispute: Dispute, reason: str, today: date | None = None) -> Dispute:
    """The deliberation failed: the case goes to facilitation by the resolver (UU 23/2014 Pasal 370(1)-(3)),
    due within ``KERJASAMA_DISPUTE_FACILITATION_DAYS`` [U]. A case settled by the agreement's clause (KSDPK,
    PP 28/2018 Pasal 21) goes straight to recording the clause forum's outcome (``decision_deadline``)."""
    require(actor, "disputes.deliberate", dispute)
    reason = _clean("reason", reason)
    day = _today(today)
    if dispute.resolver == Resolver.AGREEMENT:
        target = DisputeStage.DECISION
        stamps = {"decision_deadline": day + timedelta(days=decision_days())}
    else:
        target = DisputeStage.FACILITATION
        stamps = {"facilitation_deadline": day + timedelta(days=facilitation_days())}
    with transaction.atomic():
        transition(
            dispute,
            actor=actor,
            action=AuditAction.DISPUTE_DELIBERATION_FAILED,
            expected=DisputeStage.DELIBERATION,
            target=target,
            conflict_code="disputes.stage_changed",
            field="stage",
            stamps=stamps,
            reason=reason,
        )
        _tell(actor, dispute, "failed", reason=reason)
    return dispute


def _require_open(dispute: Dispute) -> None:
    if dispute.stage in CLOSED_STAGES:
        raise Conflict(
            "disputes.closed", "Perselisihan ini sudah ditutup.", "This dispute is already closed."
        )


def _close(dispute: Dispute, *, actor: Actor, action: AuditAction, target: str, reason: str) -> Dispute:
    _require_open(dispute)
    assert dispute.stage in OPEN_STAGES
    return transition(
        dispute,
        actor=actor,
        action=action,
        expected=dispute.stage,
        target=target,
        conflict_code="disputes.stage_changed",
        field="stage",
        stamps={"closing_reason": reason, "closed_at": timezone.now()},
        reason=reason,
    )


def settle(*, actor: Actor, dispute: Dispute, terms: str) -> Dispute:
    """A settlement agreement (*kesepakatan perdamaian*) closes the case at any open stage."""
    require(actor, "disputes.settle", dispute)
    terms = _clean("terms", terms)
    with transaction.atomic():
        _close(
            dispute,
            actor=actor,
            action=AuditAction.DISPUTE_SETTLED,
            target=DisputeStage.SETTLED,
            reason=terms,
        )
        _tell(actor, dispute, "settled", reason=terms)
    return dispute


def withdraw(*, actor: Actor, dispute: Dispute, reason: str) -> Dispute:
    """The claimant (or the resolver, for a case it opened) withdraws the case at any open stage."""
    require(actor, "disputes.withdraw", dispute)
    reason = _clean("reason", reason)
    with transaction.atomic():
        _close(
            dispute,
            actor=actor,
            action=AuditAction.DISPUTE_WITHDRAWN,
            target=DisputeStage.WITHDRAWN,
            reason=reason,
        )
        _tell(actor, dispute, "withdrawn", reason=reason)
    return dispute


def record_absence(*, actor: Actor, party: DisputeParty, reason: str) -> DisputeParty:
    """The resolver records that ``party`` does not take part; the path proceeds without it (issue 12 item 3;
    the law sets no consequence of absence [U])."""
    dispute = party.dispute
    require(actor, "disputes.record_absence", dispute)
    reason = _clean("reason", reason)
    _require_open(dispute)
    return transition(
        party,
        actor=actor,
        action=AuditAction.DISPUTE_PARTY_ABSENT,
        expected=True,
        target=False,
        conflict_code="disputes.already_absent",
        field="took_part",
        reason=reason,
    )


# -- evidence -------------------------------------------------------------------------------------------------

#: The kinds of document a case takes (``documents.DocumentKind``): evidence, minutes, other letters.
EVIDENCE_KINDS = ("bukti", "berita_acara", "lainnya")


def attach_evidence(*, actor: Actor, dispute: Dispute, title: str, upload: File, kind: str = "bukti") -> Any:
    """A document attached to the case (issue 12 item 1: evidence, minutes; confidential as the case is).

    It is filed under the region of the party the actor speaks for, else the resolver's province, else the
    first region party (``documents.Document`` belongs to a region); whoever may view the case reads it."""
    from kerjasama.agreements.rules import speaks_for_party
    from kerjasama.documents.services import upload_document

    require(actor, "disputes.attach_document", dispute)
    kind = _choice("kind", kind, EVIDENCE_KINDS)
    parties = [p for p in dispute.parties.all() if p.region_id]
    own = next((p.region for p in parties if speaks_for_party(actor, p)), None)
    region = own or dispute.resolver_region or parties[0].region
    return upload_document(
        actor=actor,
        region=region,
        kind=kind,
        title=_clean("title", title),
        upload=upload,
        attached_to=dispute,
    )


# -- facilitation (UU 23/2014 Pasal 370(1)-(3)) ----------------------------------------------------------------

#: The law's wording of each decision's status (UU 23/2014 Pasal 370(4) [V: S-UU23]): only the Minister's
#: decision is "bersifat final"; the governor's (Pasal 370(1), 91(3) huruf c) is recorded without that word
#: and the Minister handles a dispute the governor cannot settle (Pasal 370(3), 92).
WORDING_MINISTER = "Keputusan Menteri bersifat final (UU 23/2014 Pasal 370 ayat (4))."
WORDING_GOVERNOR = (
    "Keputusan Gubernur sebagai wakil Pemerintah Pusat (UU 23/2014 Pasal 370 ayat (1), Pasal 91 ayat (3) huruf c); "
    "undang-undang tidak menyatakannya bersifat final. Bila Gubernur tidak dapat menyelesaikan, Menteri "
    "menyelesaikannya (Pasal 370 ayat (3), Pasal 92)."
)
WORDING_CLAUSE = "Penyelesaian menurut klausul perjanjian (PP 28/2018 Pasal 21)."


def _tell(actor: Actor, dispute: Dispute, event: str, recipients: Any = None, **kwargs: Any) -> None:
    from kerjasama.disputes import notices

    notices.tell(
        actor=actor,
        dispute=dispute,
        event=event,
        recipients=notices.everyone(dispute) if recipients is None else recipients,
        **kwargs,
    )


def _at_stage(dispute: Dispute, stage: str, code: str, message_id: str, message_en: str) -> None:
    if dispute.stage != stage:
        raise Conflict(f"disputes.{code}", message_id, message_en)


def _in_facilitation(dispute: Dispute) -> None:
    _at_stage(
        dispute,
        DisputeStage.FACILITATION,
        "not_in_facilitation",
        "Perselisihan ini tidak sedang dalam tahap fasilitasi.",
        "This dispute is not in facilitation.",
    )


def _not_future(field: str, day: date, today: date) -> None:
    if day > today:
        raise bad_input(
            f"{field}_in_future", "Tanggal itu belum terjadi.", "That date is in the future.", field
        )


def record_session(
    *,
    actor: Actor,
    dispute: Dispute,
    session_date: date,
    summary: str,
    attendees: dict[int, str] | None = None,
    today: date | None = None,
) -> FacilitationSession:
    """A facilitation session held by the resolver: its date, who attended for each party (``attendees``:
    ``{DisputeParty id: names}``) and the summary of its minutes."""
    require(actor, "disputes.facilitate", dispute)
    _in_facilitation(dispute)
    _not_future("session_date", session_date, _today(today))
    summary = _clean("summary", summary)
    parties = {p.pk for p in dispute.parties.all()}
    listed = []
    for party_id, names in (attendees or {}).items():
        if int(party_id) not in parties:
            raise bad_input(
                "party_not_of_dispute",
                "Pihak itu bukan pihak perselisihan ini.",
                "Not a party of this dispute.",
                "attendees",
            )
        cleaned = _clean("attendees", names, limit=500, required=False)
        if cleaned:
            listed.append({"party": int(party_id), "names": cleaned})
    row = _record_numbered(
        actor,
        dispute,
        lambda number: FacilitationSession(
            dispute=dispute,
            number=number,
            session_date=session_date,
            summary=summary,
            attendees=listed,
            recorded_by=user_or_none(actor),
        ),
        action=AuditAction.DISPUTE_SESSION_RECORDED,
        new={"session_date": session_date.isoformat(), "attendees": len(listed)},
        event="session",
        suffix="s",
        conflict=(
            "disputes.session_conflict",
            "Sesi ini baru saja dicatat orang lain; muat ulang lalu periksa kembali.",
            "Someone recorded this session a moment ago; reload and check again.",
        ),
    )
    return row


def request_clarification(
    *,
    actor: Actor,
    dispute: Dispute,
    party: DisputeParty,
    question: str,
    due_date: date,
    today: date | None = None,
) -> ClarificationRequest:
    """The resolver asks ``party`` to clarify something by ``due_date`` (facilitation)."""
    require(actor, "disputes.facilitate", dispute)
    _in_facilitation(dispute)
    if party.dispute_id != dispute.pk:
        raise bad_input(
            "party_not_of_dispute",
            "Pihak itu bukan pihak perselisihan ini.",
            "Not a party of this dispute.",
            "party",
        )
    if due_date < _today(today):
        raise bad_input(
            "due_in_past", "Tanggal tenggat sudah lewat.", "The due date is in the past.", "due_date"
        )
    with transaction.atomic():
        row = ClarificationRequest(
            dispute=dispute,
            party=party,
            question=_clean("question", question),
            due_date=due_date,
            requested_by=user_or_none(actor),
        )
        audit.save_recorded(
            row,
            actor=actor,
            action=AuditAction.DISPUTE_CLARIFICATION_REQUESTED,
            new={"party": party.pk, "due_date": due_date.isoformat()},
        )
        from kerjasama.disputes import notices

        _tell(
            actor,
            dispute,
            "clarification",
            recipients=notices.parties_people(dispute, [party]),
            reason=row.question,
            suffix=f"c{row.pk}",
        )
    return row


def answer_clarification(
    *, actor: Actor, clarification: ClarificationRequest, answer: str
) -> ClarificationRequest:
    """The asked party answers (once; a late answer is still taken, the due date shows it was late)."""
    require(actor, "disputes.answer_clarification", clarification.party)
    _require_open(clarification.dispute)
    answer = _clean("answer", answer)
    with transaction.atomic():
        claimed = ClarificationRequest.objects.filter(pk=clarification.pk, answered_at__isnull=True).update(
            answer=answer, answered_at=timezone.now(), answered_by=user_or_none(actor)
        )
        if not claimed:
            raise Conflict(
                "disputes.already_answered",
                "Permintaan klarifikasi ini sudah dijawab.",
                "This clarification request has already been answered.",
            )
        clarification.refresh_from_db()
        audit.save_recorded(
            clarification,
            actor=actor,
            action=AuditAction.DISPUTE_CLARIFICATION_ANSWERED,
            new={"party": clarification.party_id},
        )
        from kerjasama.disputes import notices

        dispute = clarification.dispute
        _tell(
            actor,
            dispute,
            "answered",
            recipients=notices.resolver_people(dispute),
            suffix=f"a{clarification.pk}",
        )
    return clarification


def record_evaluation(*, actor: Actor, dispute: Dispute, evaluation: str) -> Dispute:
    """The resolver's neutral evaluation of the case (facilitation); a later one replaces it (history keeps
    every version)."""
    require(actor, "disputes.facilitate", dispute)
    _in_facilitation(dispute)
    text = _clean("evaluation", evaluation)
    with transaction.atomic():
        dispute.evaluation = text
        audit.save_recorded(
            dispute, actor=actor, action=AuditAction.DISPUTE_EVALUATION_RECORDED, new={"length": len(text)}
        )
        _tell(actor, dispute, "evaluation")
    return dispute


def end_facilitation(*, actor: Actor, dispute: Dispute, reason: str, today: date | None = None) -> Dispute:
    """Facilitation did not bring the parties to agreement: the resolver moves to its decision, due within
    ``KERJASAMA_DISPUTE_DECISION_DAYS`` [U]. (A settlement reached in facilitation is ``settle``.)"""
    require(actor, "disputes.facilitate", dispute)
    reason = _clean("reason", reason)
    with transaction.atomic():
        transition(
            dispute,
            actor=actor,
            action=AuditAction.DISPUTE_FACILITATION_ENDED,
            expected=DisputeStage.FACILITATION,
            target=DisputeStage.DECISION,
            conflict_code="disputes.stage_changed",
            field="stage",
            stamps={"decision_deadline": _today(today) + timedelta(days=decision_days())},
            reason=reason,
        )
        _tell(actor, dispute, "facilitation_ended", reason=reason)
    return dispute


# -- decision (Pasal 370(1)-(4); KSDPK: the clause's forum, PP 28/2018 Pasal 21) ------------------------------


@dataclass(frozen=True)
class OrderInput:
    """One order of the decision: ``party`` (a ``DisputeParty`` id) must do ``action`` by ``due_date``."""

    party: int
    action: str
    due_date: date


def decision_wording(resolver: str) -> tuple[bool, str]:
    """(final?, the law's wording) of a decision by ``resolver`` (UU 23/2014 Pasal 370(4))."""
    if resolver == Resolver.MINISTER:
        return True, WORDING_MINISTER
    if resolver == Resolver.GOVERNOR:
        return False, WORDING_GOVERNOR
    return False, WORDING_CLAUSE


def _agreement_party(dispute: Dispute, party: DisputeParty) -> Any:
    """The agreement's party matching ``party`` when the case's agreement is in force, else None."""
    from kerjasama.agreements.choices import AgreementStage

    agreement = dispute.agreement
    if agreement is None or agreement.stage != AgreementStage.PELAKSANAAN:
        return None
    if party.region_id:
        return agreement.parties.filter(region_id=party.region_id).first()
    return agreement.parties.filter(organisation_id=party.organisation_id or 0).first()


def _mirror_obligation(dispute: Dispute, order: DisputeOrder, today: date) -> Any:
    """A one-off obligation on the agreement in force mirroring the order (issue 12 item 3), so the agreement's
    obligations page shows it. Recorded by the system on the resolver's decision: the resolver is not a
    party, and ``obligations.manage`` is the parties' (the decision binds them, Pasal 370); the decision's
    own audit event names the resolver."""
    from kerjasama.core.actors import SYSTEM
    from kerjasama.obligations.choices import ObligationKind, Recurrence
    from kerjasama.obligations.services import add_obligation

    agreement_party = _agreement_party(dispute, order.party)
    if agreement_party is None:
        return None
    return add_obligation(
        actor=SYSTEM,
        agreement=dispute.agreement,  # type: ignore[arg-type]
        party=agreement_party,
        title=_clean("title", f"Perintah keputusan {dispute.number}: {order.action}", limit=TITLE_MAX_LENGTH)[
            :TITLE_MAX_LENGTH
        ],
        kind=ObligationKind.OTHER,
        recurrence=Recurrence.ONCE,
        first_due=order.due_date,
        last_due=order.due_date,
        description=order.action,
        source_clause=f"{dispute.decision_number or dispute.number} ({dispute.get_resolver_display()})",
        today=today,
    )


def record_decision(
    *,
    actor: Actor,
    dispute: Dispute,
    number: str,
    decision_date: date,
    text: str,
    upload: File | None = None,
    orders: Sequence[OrderInput] = (),
    forum: str = "",
    today: date | None = None,
) -> Dispute:
    """The resolver records its decision (number, date, text, the PDF through the documents app) and its
    orders to the parties; the case moves to implementation (or closes at once when nothing is ordered).

    The Minister's decision is recorded as final (Pasal 370(4)); the governor's with the law's wording and not
    called final. A KSDPK case routed to the agreement's clause records instead ``forum`` (mediasi, arbitrase,
    pengadilan) and its outcome (the award or judgment as ``text``, its date and document)."""
    require(actor, "disputes.decide", dispute)
    _at_stage(
        dispute,
        DisputeStage.DECISION,
        "not_in_decision",
        "Perselisihan ini tidak sedang menunggu keputusan.",
        "This dispute is not awaiting a decision.",
    )
    day = _today(today)
    _not_future("decision_date", decision_date, day)
    if dispute.resolver == Resolver.AGREEMENT:
        forum = _choice("forum", forum, Forum.values)
    elif forum:
        raise bad_input(
            "forum_not_clause",
            "Forum hanya dicatat untuk perselisihan yang diselesaikan menurut klausul perjanjian (KSDPK).",
            "A forum is recorded only for a case settled by the agreement's clause (KSDPK).",
            "forum",
        )
    number = _clean("number", number, limit=120)
    text = _clean("text", text)
    parties = {p.pk: p for p in dispute.parties.all()}
    for given in orders:
        if given.party not in parties:
            raise bad_input(
                "party_not_of_dispute",
                "Pihak itu bukan pihak perselisihan ini.",
                "Not a party of this dispute.",
                "orders",
            )
        _clean("orders", given.action)
        if given.due_date < day:
            raise bad_input(
                "due_in_past",
                "Tenggat perintah sudah lewat.",
                "An order's due date is in the past.",
                "orders",
            )
    final, wording = decision_wording(dispute.resolver)
    with transaction.atomic():
        document = None
        if upload is not None:
            document = attach_evidence(
                actor=actor, dispute=dispute, title=f"Keputusan {number}", upload=upload, kind="lainnya"
            ).document
        target = DisputeStage.IMPLEMENTATION if orders else DisputeStage.CLOSED
        stamps: dict[str, Any] = {
            "decision_number": number,
            "decision_date": decision_date,
            "decision_text": text,
            "decision_document": document,
            "decision_final": final,
            "decision_basis": wording,
            "forum": forum,
        }
        if not orders:
            stamps |= {"closed_at": timezone.now(), "closing_reason": text}
        transition(
            dispute,
            actor=actor,
            action=AuditAction.DISPUTE_DECIDED,
            expected=DisputeStage.DECISION,
            target=target,
            conflict_code="disputes.stage_changed",
            field="stage",
            stamps=stamps,
            reason=text,
        )
        from kerjasama.disputes import notices

        _tell(actor, dispute, "decided", reason=f"{number}: {wording}")
        for position, given in enumerate(orders):
            order = DisputeOrder(
                dispute=dispute,
                party=parties[given.party],
                action=given.action.strip(),
                due_date=given.due_date,
                position=position,
            )
            audit.save_with_history(order, actor=actor, action=AuditAction.DISPUTE_DECIDED)
            obligation = _mirror_obligation(dispute, order, day)
            if obligation is not None:
                order.obligation = obligation
                audit.save_with_history(order, actor=actor, action=AuditAction.DISPUTE_DECIDED)
            _tell(
                actor,
                dispute,
                "order_due",
                recipients=notices.parties_people(dispute, [order.party]),
                reason=f"{order.action} ({order.due_date:%d-%m-%Y})",
                suffix=f"o{order.pk}",
            )
    return dispute


# -- implementation -------------------------------------------------------------------------------------------


def _order_due(order: DisputeOrder) -> Any:
    from kerjasama.obligations.choices import DueStatus
    from kerjasama.obligations.models import ObligationDue

    if order.obligation_id is None:
        return None
    return (
        ObligationDue.objects.filter(
            obligation_id=order.obligation_id, status__in=[DueStatus.PENDING, DueStatus.LATE]
        )
        .order_by("due_date")
        .first()
    )


def fulfil_order(
    *,
    actor: Actor,
    order: DisputeOrder,
    note: str,
    fulfilled_on: date | None = None,
    upload: File | None = None,
    today: date | None = None,
) -> DisputeOrder:
    """The ordered party records that it did what was ordered (a note and, optionally, its evidence); the
    mirrored obligation's occurrence is marked fulfilled too. The resolver then confirms it."""
    require(actor, "disputes.fulfil_order", order)
    dispute = order.dispute
    _at_stage(
        dispute,
        DisputeStage.IMPLEMENTATION,
        "not_in_implementation",
        "Perselisihan ini tidak sedang dalam tahap pelaksanaan keputusan.",
        "This dispute is not in implementation of the decision.",
    )
    day = _today(today)
    fulfilled_on = fulfilled_on or day
    _not_future("fulfilled_on", fulfilled_on, day)
    note = _clean("note", note)
    with transaction.atomic():
        evidence = None
        if upload is not None:
            evidence = attach_evidence(
                actor=actor,
                dispute=dispute,
                title=f"Bukti pemenuhan perintah {order.position + 1}",
                upload=upload,
            ).document
        transition(
            order,
            actor=actor,
            action=AuditAction.DISPUTE_ORDER_FULFILLED,
            expected=DisputeOrder.Status.OPEN,
            target=DisputeOrder.Status.FULFILLED,
            conflict_code="disputes.order_conflict",
            stamps={
                "fulfilment_note": note,
                "fulfilled_on": fulfilled_on,
                "fulfilled_by": user_or_none(actor),
                "evidence": evidence,
            },
            reason=note,
        )
        due = _order_due(order)
        if due is not None:
            from kerjasama.core.actors import SYSTEM
            from kerjasama.obligations.services import record_fulfilment

            record_fulfilment(actor=SYSTEM, due=due, fulfilled_on=fulfilled_on, note=note)
        from kerjasama.disputes import notices

        _tell(
            actor,
            dispute,
            "order_fulfilled",
            recipients=notices.resolver_people(dispute),
            suffix=f"f{order.pk}",
        )
    return order


def confirm_order(*, actor: Actor, order: DisputeOrder, note: str = "") -> DisputeOrder:
    """The resolver confirms a fulfilled order (it checked the evidence)."""
    dispute = order.dispute
    require(actor, "disputes.confirm_order", dispute)
    if order.status != DisputeOrder.Status.FULFILLED:
        raise Conflict(
            "disputes.order_not_fulfilled",
            "Perintah ini belum dinyatakan terpenuhi oleh pihaknya.",
            "This order has not been reported fulfilled by its party.",
        )
    with transaction.atomic():
        claimed = DisputeOrder.objects.filter(pk=order.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now(), confirmed_by=user_or_none(actor)
        )
        if not claimed:
            raise Conflict(
                "disputes.order_already_confirmed",
                "Pemenuhan perintah ini sudah dikonfirmasi.",
                "This order's fulfilment is already confirmed.",
            )
        order.refresh_from_db()
        audit.save_recorded(
            order,
            actor=actor,
            action=AuditAction.DISPUTE_ORDER_CONFIRMED,
            new={"order": order.pk},
            reason=_clean("note", note, required=False),
        )
        from kerjasama.disputes import notices

        _tell(
            actor,
            dispute,
            "order_confirmed",
            recipients=notices.parties_people(dispute),
            suffix=f"k{order.pk}",
        )
    return order


def close_case(*, actor: Actor, dispute: Dispute, note: str = "") -> Dispute:
    """The resolver closes the case once every order is fulfilled and confirmed (stage ``selesai``)."""
    require(actor, "disputes.close", dispute)
    note = _clean("note", note, required=False)
    pending = dispute.orders.filter(confirmed_at__isnull=True).count()
    if pending:
        raise bad_input(
            "orders_pending",
            f"Masih ada {pending} perintah yang belum terpenuhi dan dikonfirmasi.",
            f"{pending} order(s) are not yet fulfilled and confirmed.",
            "orders",
        )
    with transaction.atomic():
        transition(
            dispute,
            actor=actor,
            action=AuditAction.DISPUTE_CLOSED,
            expected=DisputeStage.IMPLEMENTATION,
            target=DisputeStage.CLOSED,
            conflict_code="disputes.stage_changed",
            field="stage",
            stamps={
                "closed_at": timezone.now(),
                "closing_reason": note or "Semua perintah keputusan terpenuhi.",
            },
            reason=note,
        )
        _tell(actor, dispute, "closed", reason=note)
    return dispute


# -- SLA: due dates per step and their extension ----------------------------------------------------------------

_STEP_FIELD = {
    ExtendableStep.DELIBERATION: ("deliberation_deadline", DisputeStage.DELIBERATION),
    ExtendableStep.FACILITATION: ("facilitation_deadline", DisputeStage.FACILITATION),
    ExtendableStep.DECISION: ("decision_deadline", DisputeStage.DECISION),
}


def step_due(dispute: Dispute) -> date | None:
    """The due date of the case's open step (implementation: its earliest open order's)."""
    for field, stage in _STEP_FIELD.values():
        if dispute.stage == stage:
            value: date | None = getattr(dispute, field)
            return value
    if dispute.stage == DisputeStage.IMPLEMENTATION:
        dues = [o.due_date for o in dispute.orders.all() if o.status == DisputeOrder.Status.OPEN]
        return min(dues) if dues else None
    return None


def extend_deadline(
    *,
    actor: Actor,
    dispute: Dispute,
    step: str,
    new_due: date,
    reason: str,
    order: DisputeOrder | None = None,
    today: date | None = None,
) -> Dispute:
    """The resolver extends the due date of the open step (or of one open order) with a reason; the old and
    new dates are in the history and the audit trail (issue 12 item 3)."""
    require(actor, "disputes.extend", dispute)
    step = _choice("step", step, ExtendableStep.values)
    reason = _clean("reason", reason)
    with transaction.atomic():
        if step == ExtendableStep.ORDER:
            if order is None or order.dispute_id != dispute.pk or order.status != DisputeOrder.Status.OPEN:
                raise bad_input(
                    "order_invalid",
                    "Pilih perintah yang masih terbuka pada perselisihan ini.",
                    "Choose an open order of this dispute.",
                    "order",
                )
            target: Any = order
            field = "due_date"
        else:
            field, stage = _STEP_FIELD[ExtendableStep(step)]
            if dispute.stage != stage:
                raise Conflict(
                    "disputes.step_not_open",
                    "Tahap itu tidak sedang berjalan.",
                    "That step is not the case's open step.",
                )
            target = dispute
        old = getattr(target, field)
        if old is not None and new_due <= old:
            raise bad_input(
                "extension_not_later",
                "Tanggal baru harus sesudah batas waktu yang berlaku.",
                "The new date must be after the current due date.",
                "new_due",
            )
        if new_due < _today(today):
            raise bad_input(
                "due_in_past", "Tanggal baru sudah lewat.", "The new date is in the past.", "new_due"
            )
        setattr(target, field, new_due)
        audit.save_with_history(target, actor=actor, action=AuditAction.DISPUTE_EXTENDED)
        audit.record(
            actor=actor,
            action=AuditAction.DISPUTE_EXTENDED,
            obj=dispute,
            old={"step": step, "due": old.isoformat() if old else None},
            new={"step": step, "due": new_due.isoformat(), "order": order.pk if order else None},
            reason=reason,
        )
        _tell(actor, dispute, "extended", reason=f"{old or '-'} → {new_due}: {reason}")
    return dispute
