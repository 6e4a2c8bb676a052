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

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

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
    Initiator,
    Resolver,
    ScreeningOutcome,
    Sector,
)
from kerjasama.disputes.conf import deliberation_days, max_rounds
from kerjasama.disputes.models import (
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    DeliberationRound,
    Dispute,
    DisputeParty,
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
    return transition(
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
    try:
        with transaction.atomic():
            number = DeliberationRound.objects.filter(dispute=dispute).count() + 1
            if number > limit:
                raise bad_input(
                    "rounds_exhausted",
                    f"Musyawarah sudah {limit} putaran (batas): nyatakan gagal atau catat perdamaian.",
                    f"The deliberation has had {limit} rounds (the limit): declare it failed or record a "
                    "settlement.",
                    "meeting_date",
                )
            row = DeliberationRound(
                dispute=dispute,
                number=number,
                meeting_date=meeting_date,
                minutes=minutes,
                issues=listed,
                recorded_by=user_or_none(actor),
            )
            audit.save_recorded(
                row,
                actor=actor,
                action=AuditAction.DISPUTE_ROUND_RECORDED,
                new={"number": number, "meeting_date": meeting_date.isoformat(), "issues": len(listed)},
            )
    except IntegrityError as exc:
        raise Conflict(
            "disputes.round_conflict",
            "Putaran ini baru saja dicatat orang lain; muat ulang lalu periksa kembali.",
            "Someone recorded this round a moment ago; reload and check again.",
        ) from exc
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


def fail_deliberation(*, actor: Actor, dispute: Dispute, reason: str) -> Dispute:
    """The deliberation failed: the case goes to facilitation by the resolver (UU 23/2014 Pasal 370)."""
    require(actor, "disputes.deliberate", dispute)
    reason = _clean("reason", reason)
    return transition(
        dispute,
        actor=actor,
        action=AuditAction.DISPUTE_DELIBERATION_FAILED,
        expected=DisputeStage.DELIBERATION,
        target=DisputeStage.FACILITATION,
        conflict_code="disputes.stage_changed",
        field="stage",
        reason=reason,
    )


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
    return _close(
        dispute, actor=actor, action=AuditAction.DISPUTE_SETTLED, target=DisputeStage.SETTLED, reason=terms
    )


def withdraw(*, actor: Actor, dispute: Dispute, reason: str) -> Dispute:
    """The claimant (or the resolver, for a case it opened) withdraws the case at any open stage."""
    require(actor, "disputes.withdraw", dispute)
    reason = _clean("reason", reason)
    return _close(
        dispute,
        actor=actor,
        action=AuditAction.DISPUTE_WITHDRAWN,
        target=DisputeStage.WITHDRAWN,
        reason=reason,
    )


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
