"""Every change to an official letter (house rule 2): draft from the agreement, edit a draft, finalise (number
and freeze), start a new version of a final letter, and a region's letterhead and classification data.

Numbering (Permendagri 1/2023; issue 15 item 2): a number is given only when a letter is finalised, from the
issuing unit's register for the year, claimed with ``select_for_update`` on the register row inside the
finalising transaction (on SQLite the transaction holds the database write lock: ``transaction_mode=IMMEDIATE``),
so two letters finalised at the same instant get consecutive, distinct numbers and a draft burns none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import override

from kerjasama.accounts.choices import OpdFunction, OrganisationKind, Role
from kerjasama.accounts.models import Organisation
from kerjasama.accounts.policy import require
from kerjasama.agreements.choices import PartyRole
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.core import audit
from kerjasama.core.actors import Actor, user_or_none
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict, ErrorDetail, KerjasamaError, reject_unknown_fields
from kerjasama.letters import conf
from kerjasama.letters.choices import AGREEMENT_KINDS, LetterKind, LetterStatus, ReplyDecision
from kerjasama.letters.domain.numbering import NumberParts, check_pattern, format_number
from kerjasama.letters.domain.signature import signature_block
from kerjasama.letters.kinds import head_title, offer_reply_text, place_name
from kerjasama.letters.models import Letter, LetterClassification, LetterheadProfile, LetterNumberSequence
from kerjasama.regions.models import Region

#: The fields a draft's editor may change (the rest come from the agreement and the register).
EDITABLE = {
    "place",
    "nature",
    "attachments",
    "subject",
    "addressee",
    "body",
    "signer_capacity",
    "signer_title",
    "signer_name",
    "signer_rank",
    "signer_nip",
    "copies",
    "annex",
}


@dataclass(frozen=True)
class Classification:
    kka_code: str
    retention_class: str
    confirmed: bool


def classification_for(region: Region, kind: str) -> Classification:
    """The region's KKA code and JRA class for ``kind``, else the settings' defaults (not confirmed)."""
    row = LetterClassification.objects.filter(region=region, kind=kind).first()
    if row is not None:
        return Classification(row.kka_code, row.retention_class, row.confirmed_at is not None)
    return Classification(conf.default_kka_code(), conf.default_retention_class(), False)


def letterhead_for(region: Region) -> LetterheadProfile:
    """The region's letterhead data (an unsaved default when it has set none)."""
    from kerjasama.reports.exports import government_name

    found = LetterheadProfile.objects.filter(region=region).first()
    if found is not None:
        if not found.government_name:
            found.government_name = government_name(region)
        return found
    return LetterheadProfile(region=region, government_name=government_name(region))


def issuing_unit(region: Region) -> Organisation:
    """The region's cooperation unit (*Bagian Kerja Sama*), else its Pemda: the unit whose register numbers."""
    units = Organisation.objects.filter(region=region, is_active=True)
    unit = (
        units.filter(kind=OrganisationKind.OPD, opd_function=OpdFunction.COOPERATION_UNIT)
        .order_by("pk")
        .first()
    )
    unit = unit or units.filter(kind=OrganisationKind.PEMDA).order_by("pk").first()
    if unit is None:
        raise KerjasamaError(
            "letters.no_issuing_unit",
            "Daerah ini belum memiliki unit kerja yang terdaftar untuk menerbitkan surat.",
            "This region has no registered unit to issue letters.",
        )
    return unit


def _own_party(actor: Actor, agreement: Agreement) -> AgreementParty:
    from kerjasama.accounts.predicates import works_for_region

    parties = [p for p in agreement.parties.all() if p.region_id]
    user = user_or_none(actor)
    own = [p for p in parties if user is not None and works_for_region(user, p.region)]
    if not own and user is not None and (user.is_superuser or user.role == Role.SYSTEM_ADMIN):
        own = [p for p in parties if p.role == PartyRole.PROPOSER] or parties[:1]
    if not own:
        raise KerjasamaError(
            "letters.no_region_party",
            "Surat dinas ditulis oleh daerah pihak kerja sama.",
            "An official letter is written by a party region of the agreement.",
        )
    return own[0]


def _list(names: list[str]) -> str:
    if len(names) <= 1:
        return names[0] if names else "mitra kerja sama"
    return ", ".join(names[:-1]) + " dan " + names[-1]


def _offer_text(agreement: Agreement, own: AgreementParty, others: list[AgreementParty]) -> dict[str, str]:
    addressee = "\n".join(
        head_title(p.region) + f"\ndi {place_name(p.region)}" if p.region is not None else p.name
        for p in others
    )
    scope = f"\n\nRuang lingkup kerja sama meliputi: {agreement.scope}" if agreement.scope else ""
    objek = f" dengan objek {agreement.object}" if agreement.object else ""
    return {
        "subject": f"Penawaran Kerja Sama {agreement.title}",
        "addressee": addressee,
        "body": (
            f"Dalam rangka meningkatkan kesejahteraan masyarakat dan efisiensi pelayanan publik, serta berdasarkan "
            f"Peraturan Pemerintah Nomor 28 Tahun 2018 tentang Kerja Sama Daerah, {own.name} bermaksud menawarkan "
            f"kerja sama kepada {_list([p.name for p in others])} mengenai {agreement.title}{objek}.{scope}\n\n"
            "Sehubungan dengan hal tersebut, kami mengharapkan tanggapan atas penawaran ini. Apabila penawaran "
            "diterima, pembahasan selanjutnya dilakukan melalui Tim Koordinasi Kerja Sama Daerah masing-masing.\n\n"
            "Demikian kami sampaikan, atas perhatian dan kerja samanya diucapkan terima kasih."
        ),
    }


def _dprd_text(agreement: Agreement, own: AgreementParty, others: list[AgreementParty]) -> dict[str, str]:
    region_name = own.region.name if own.region is not None else own.name
    place = place_name(own.region) if own.region is not None else region_name
    return {
        "subject": f"Permohonan Persetujuan DPRD atas Rencana Kerja Sama {agreement.title}",
        "addressee": f"Ketua Dewan Perwakilan Rakyat Daerah {region_name}\ndi {place}",
        "body": (
            f"Berdasarkan Pasal 6 ayat (2) Peraturan Pemerintah Nomor 28 Tahun 2018 tentang Kerja Sama Daerah, "
            f"kerja sama yang membebani masyarakat dan daerah dan belum dianggarkan dalam APBD tahun anggaran "
            f"berjalan memerlukan persetujuan DPRD. Bersama ini kami mengajukan permohonan persetujuan atas "
            f"rencana kerja sama {agreement.title} antara {own.name} dan {_list([p.name for p in others])}.\n\n"
            "Sebagai bahan pertimbangan, bersama ini kami lampirkan rancangan kerja sama beserta kajiannya.\n\n"
            "Demikian kami sampaikan, atas perhatian dan persetujuannya diucapkan terima kasih."
        ),
    }


def _offer_received(agreement: Agreement, own_region: Region) -> Letter | None:
    """The latest final offer letter another party sent about ``agreement`` (its number and date are known to
    the recipient from the letter itself); ``None`` when the system does not hold it."""
    return (
        Letter.objects.filter(agreement=agreement, kind=LetterKind.OFFER, status=LetterStatus.FINAL)
        .exclude(region=own_region)
        .select_related("region")
        .order_by("-finalised_at", "-id")
        .first()
    )


@transaction.atomic
def draft_letter(*, actor: Actor, agreement: Agreement, kind: str, variant: str = "") -> Letter:
    """A new draft of ``kind`` for the actor's party of ``agreement``, its text from the agreement's data.
    A reply to an offer (``offer_reply``) takes the party's decision as ``variant`` (``ReplyDecision``)."""
    require(actor, "letters.draft", agreement)
    kind = LetterKind(kind)
    if kind not in AGREEMENT_KINDS:
        raise KerjasamaError(
            "letters.wrong_subject",
            "Jenis surat ini tidak disusun dari kerja sama.",
            "This kind of letter is not drafted from an agreement.",
        )
    own = _own_party(actor, agreement)
    region = own.region
    assert region is not None  # _own_party returns a region party
    others = [p for p in agreement.parties.all() if p.pk != own.pk]
    if kind == LetterKind.OFFER_REPLY:
        variant = ReplyDecision(variant or ReplyDecision.ACCEPT).value
        text = offer_reply_text(agreement, own, others, variant, _offer_received(agreement, region))
    else:
        variant = ""
        text = (_offer_text if kind == LetterKind.OFFER else _dprd_text)(agreement, own, others)
    classification = classification_for(region, kind)
    copies = text.pop("copies", "Ketua DPRD " + region.name if kind == LetterKind.OFFER else "")
    letter = Letter(
        agreement=agreement,
        kind=kind,
        region=region,
        issuing_unit=issuing_unit(region),
        place=place_name(region),
        kka_code=classification.kka_code,
        retention_class=classification.retention_class,
        signer_title=own.signatory_title or head_title(region),
        signer_name=own.signatory_name,
        copies=copies,
        variant=variant,
        created_by=user_or_none(actor),
        **text,
    )
    letter.full_clean()
    audit.save_recorded(
        letter,
        actor=actor,
        action=AuditAction.LETTER_DRAFTED,
        new={"kind": kind.value, "agreement": agreement.pk},
    )
    return letter


def _locked_draft(letter: Letter) -> Letter:
    fresh = Letter.objects.select_for_update().get(pk=letter.pk)
    if fresh.status != LetterStatus.DRAFT:
        raise Conflict(
            "letters.frozen",
            "Surat ini sudah ditetapkan dan bernomor; perubahan dibuat sebagai versi baru.",
            "This letter is final and numbered; a change is made as a new version.",
        )
    return fresh


@transaction.atomic
def update_letter(*, actor: Actor, letter: Letter, changes: dict[str, Any]) -> Letter:
    """Change a draft's text (a final letter is frozen: ``letters.frozen``)."""
    require(actor, "letters.write", letter)
    reject_unknown_fields(changes, EDITABLE, app="letters")
    fresh = _locked_draft(letter)
    # Browsers send CRLF line ends; the paragraphs and lines of the letter are split on LF.
    changes = {k: v.replace("\r\n", "\n") if isinstance(v, str) else v for k, v in changes.items()}
    old = {k: getattr(fresh, k) for k in changes}
    for key, value in changes.items():
        setattr(fresh, key, value)
    fresh.full_clean()
    audit.save_with_history(fresh, actor=actor, action=AuditAction.LETTER_UPDATED)
    changed = {k: v for k, v in changes.items() if old[k] != v}
    audit.record(
        actor=actor,
        action=AuditAction.LETTER_UPDATED,
        obj=fresh,
        old={k: old[k] for k in changed},
        new=changed,
    )
    return fresh


def _pattern(region: Region) -> tuple[str, str]:
    profile = LetterheadProfile.objects.filter(region=region).first()
    pattern = (profile.number_pattern if profile else "") or conf.number_pattern()
    unit = (profile.unit_code if profile else "") or conf.default_unit_code()
    return pattern, unit


def next_sequence(unit: Organisation, year: int) -> int:
    """Claim the next number of ``unit``'s register for ``year`` (call inside the finalising transaction).

    The register row is created once (a lost race to create it is absorbed by the unique constraint), then
    locked with ``select_for_update`` and incremented: the lock is held until the caller's transaction commits,
    so a concurrent finaliser waits and reads the incremented value."""
    LetterNumberSequence.objects.get_or_create(unit=unit, year=year)
    row = LetterNumberSequence.objects.select_for_update().get(unit=unit, year=year)
    LetterNumberSequence.objects.filter(pk=row.pk).update(last_number=F("last_number") + 1)
    row.refresh_from_db(fields=["last_number"])
    return int(row.last_number)


@transaction.atomic
def finalise_letter(*, actor: Actor, letter: Letter) -> Letter:
    """Number and freeze a draft (Permendagri 1/2023): the signature block must follow Pasal 44, the number
    comes from the issuing unit's register for the year (``next_sequence``) in the region's pattern."""
    require(actor, "letters.write", letter)
    fresh = _locked_draft(letter)
    problems: list[ErrorDetail] = []
    try:
        signature_block(
            capacity=fresh.signer_capacity,
            office=fresh.signer_title,
            name=fresh.signer_name,
            rank=fresh.signer_rank,
            nip=fresh.signer_nip,
        )
    except KerjasamaError as exc:
        problems.extend(exc.details)
    if not fresh.addressee.strip() or not fresh.body.strip() or not fresh.subject.strip():
        problems.append(
            ErrorDetail(
                "body", "Tujuan, hal dan isi surat wajib diisi.", "Addressee, subject and body are required."
            )
        )
    if problems:
        raise KerjasamaError(
            "letters.not_ready",
            "Surat belum dapat ditetapkan.",
            "The letter cannot be finalised yet.",
            problems,
        )
    pattern, unit_code = _pattern(fresh.region)
    check_pattern(pattern)
    today = timezone.localdate()
    sequence = next_sequence(fresh.issuing_unit, today.year)
    fresh.sequence = sequence
    fresh.year = today.year
    fresh.dated = today
    fresh.number = format_number(
        pattern,
        NumberParts(kka=fresh.kka_code, seq=sequence, unit=unit_code, year=today.year, month=today.month),
    )
    fresh.status = LetterStatus.FINAL
    fresh.finalised_by = user_or_none(actor)
    fresh.finalised_at = timezone.now()
    audit.save_recorded(
        fresh,
        actor=actor,
        action=AuditAction.LETTER_FINALISED,
        new={"number": fresh.number, "sequence": sequence, "year": today.year, "unit": fresh.issuing_unit_id},
    )
    return fresh


@transaction.atomic
def start_new_version(*, actor: Actor, letter: Letter) -> Letter:
    """A change after finalising: a new draft copying the final letter, superseding it (one successor each)."""
    require(actor, "letters.write", letter)
    fresh = Letter.objects.select_for_update().get(pk=letter.pk)
    if fresh.status != LetterStatus.FINAL:
        raise Conflict(
            "letters.still_draft",
            "Surat ini masih konsep; ubah langsung tanpa versi baru.",
            "This letter is still a draft; edit it directly.",
        )
    if Letter.objects.filter(supersedes=fresh).exists():
        raise Conflict(
            "letters.already_superseded",
            "Surat ini sudah memiliki versi baru.",
            "This letter already has a new version.",
        )
    copy = Letter(
        agreement_id=fresh.agreement_id,
        tkksd_meeting_id=fresh.tkksd_meeting_id,
        periodic_report_id=fresh.periodic_report_id,
        dispute_id=fresh.dispute_id,
        variant=fresh.variant,
        kind=fresh.kind,
        region_id=fresh.region_id,
        issuing_unit_id=fresh.issuing_unit_id,
        version_number=fresh.version_number + 1,
        supersedes=fresh,
        kka_code=fresh.kka_code,
        retention_class=fresh.retention_class,
        created_by=user_or_none(actor),
        **{k: getattr(fresh, k) for k in EDITABLE},
    )
    audit.save_recorded(
        copy,
        actor=actor,
        action=AuditAction.LETTER_VERSION_STARTED,
        new={"supersedes": fresh.pk, "supersedes_number": fresh.number, "version": copy.version_number},
    )
    return copy


@transaction.atomic
def set_letterhead(*, actor: Actor, region: Region, changes: dict[str, object]) -> LetterheadProfile:
    """A region's letterhead and numbering data (its pattern is checked before it is stored)."""
    require(actor, "letters.configure", region)
    reject_unknown_fields(
        changes, {"government_name", "address", "contact", "unit_code", "number_pattern"}, app="letters"
    )
    if changes.get("number_pattern"):
        check_pattern(str(changes["number_pattern"]))
    profile, _created = LetterheadProfile.objects.get_or_create(region=region)
    for key, value in changes.items():
        setattr(profile, key, value)
    profile.full_clean()
    audit.save_recorded(profile, actor=actor, action=AuditAction.LETTERHEAD_SET, new=dict(changes))
    return profile


@transaction.atomic
def set_classification(
    *, actor: Actor, region: Region, kind: str, kka_code: str, retention_class: str
) -> LetterClassification:
    """The region confirms (or changes) the KKA code and JRA class of a kind of letter (Permendagri 83/2022)."""
    require(actor, "letters.configure", region)
    kind = LetterKind(kind)
    if not kka_code.strip() or not retention_class.strip():
        raise KerjasamaError(
            "letters.classification_required",
            "Kode klasifikasi arsip dan kelas retensi wajib diisi.",
            "The archive classification code and the retention class are required.",
        )
    row, _created = LetterClassification.objects.update_or_create(
        region=region,
        kind=kind,
        defaults={
            "kka_code": kka_code.strip(),
            "retention_class": retention_class.strip(),
            "confirmed_by": user_or_none(actor),
            "confirmed_at": timezone.now(),
        },
    )
    audit.record(
        actor=actor,
        action=AuditAction.LETTER_CLASSIFICATION_SET,
        obj=row,
        new={"kind": kind.value, "kka_code": row.kka_code, "retention_class": row.retention_class},
    )
    return row


def record_download(*, actor: Actor, letter: Letter) -> None:
    """The PDF of a letter was read (the audit trail of who took a copy)."""
    require(actor, "letters.view", letter)
    with override("id"):
        audit.record(
            actor=actor, action=AuditAction.LETTER_PDF_DOWNLOADED, obj=letter, new={"number": letter.number}
        )
