"""Every change to a region's TKKSD (house rule 2): decrees, members, meetings, decisions.

The TKKSD is formed by decree of the head of region (R21 [S]; Permendagri 22/2020, TKKSD article not read);
its review of a proposal is a decision taken in one of its meetings (issue 10, item 4). A decision is therefore
recorded only in a meeting that was held, of the TKKSD of the subject's region, under a decree in force on the
meeting's date; anything else is refused with the reason and its legal basis, and nothing is written.

Each service checks policy (``accounts.policy.require``), validates everything before writing, writes inside
one transaction with a history row (django-simple-history, attributed to the actor) and an audit event. State
changes (ending a decree, removing a member, holding a meeting) go through ``core.transitions.transition``:
compare-and-swap, so two officials acting at once produce one change and one clear conflict.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from kerjasama.accounts.choices import OrganisationKind
from kerjasama.accounts.models import Organisation, User
from kerjasama.accounts.policy import require
from kerjasama.core import audit
from kerjasama.core.actors import Actor, user_or_none
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict, ErrorDetail, KerjasamaError, field_error
from kerjasama.core.transitions import transition
from kerjasama.documents.choices import DocumentKind
from kerjasama.documents.services import upload_document
from kerjasama.regions.models import Region
from kerjasama.tkksd import notices
from kerjasama.tkksd.choices import DecisionOutcome, MeetingStatus, MemberRole
from kerjasama.tkksd.domain.outcomes import reasons_missing
from kerjasama.tkksd.domain.periods import overlaps, valid_period
from kerjasama.tkksd.models import (
    NAME_MAX_LENGTH,
    NUMBER_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Decision,
    Decree,
    Meeting,
    Member,
)
from kerjasama.tkksd.selectors import active_decree
from kerjasama.tkksd.subjects import subject_kind

#: The legal basis a refusal names (REGULATIONS.md §1.10, rulebook R21).
BASIS_ID = (
    "Dasar: TKKSD dibentuk dengan keputusan kepala daerah untuk membantu menyiapkan kerja sama daerah "
    "(Permendagri 22/2020; aturan R21)."
)
BASIS_EN = (
    "Basis: the TKKSD is formed by decree of the head of region to help prepare regional cooperation "
    "(Permendagri 22/2020; rule R21)."
)


def _text(
    value: str,
    *,
    field: str,
    label_id: str,
    label_en: str,
    limit: int,
    required: bool = True,
    multiline: bool = False,
) -> str:
    """A cleaned text input (one line unless ``multiline``), required and at most ``limit`` characters."""
    text = (value or "").strip() if multiline else " ".join((value or "").split())
    if required and not text:
        raise field_error("tkksd.required", field, f"{label_id} wajib diisi.", f"{label_en} is required.")
    if len(text) > limit:
        raise field_error(
            "tkksd.too_long",
            field,
            f"{label_id} paling panjang {limit} karakter.",
            f"{label_en} has at most {limit} characters.",
        )
    return text


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _describe_end(value: object) -> tuple[str, str]:
    if value is None:
        return "berlaku tanpa batas akhir", "in force with no end date"
    text = value.strftime("%d-%m-%Y") if isinstance(value, (date, datetime)) else str(value)
    return f"berakhir {text}", f"ends {text}"


def _describe_removed(value: object) -> tuple[str, str]:
    if value is None:
        return "anggota aktif", "an active member"
    return "sudah dikeluarkan", "already removed"


# --- decrees ---


@transaction.atomic
def record_decree(
    *,
    actor: Actor,
    region: Region,
    number: str,
    decree_date: date,
    period_start: date,
    period_end: date | None = None,
    title: str = "",
    upload: File | None = None,
    is_example: bool = False,
) -> Decree:
    """Record the head of region's decree forming the region's TKKSD (R21 [S]), with its document if given.

    Refused when its period overlaps another decree of the region (end the earlier one first: two teams
    cannot be in force on the same day), when its number is already recorded, or when its dates are impossible.
    """
    require(actor, "tkksd.manage", region)
    number = _text(
        number, field="number", label_id="Nomor SK", label_en="The decree number", limit=NUMBER_MAX_LENGTH
    )
    title = _text(
        title,
        field="title",
        label_id="Judul SK",
        label_en="The title",
        limit=TITLE_MAX_LENGTH,
        required=False,
    )
    if not region.is_autonomous:
        raise field_error(
            "tkksd.region_not_autonomous",
            "region",
            "Hanya daerah otonom yang membentuk TKKSD.",
            "Only an autonomous region forms a TKKSD.",
        )
    if decree_date > timezone.localdate():
        raise field_error(
            "tkksd.decree_in_future",
            "decree_date",
            "Tanggal SK tidak boleh setelah hari ini: catat SK yang sudah ditetapkan.",
            "The decree date cannot be after today: record a decree that has been issued.",
        )
    if not valid_period(period_start, period_end):
        raise field_error(
            "tkksd.period_invalid",
            "period_end",
            "Akhir masa berlaku tidak boleh sebelum awalnya.",
            "The end of the period cannot be before its start.",
        )
    # Two decrees of one region are recorded one after the other (the row lock on PostgreSQL; SQLite's
    # IMMEDIATE transactions serialise writers), so the overlap check below cannot be raced.
    Region.objects.select_for_update().filter(pk=region.pk).first()
    existing = list(Decree.objects.filter(region=region))
    if any(d.number == number for d in existing):
        raise Conflict(
            "tkksd.decree_number_taken",
            f"SK nomor {number} sudah tercatat untuk daerah ini.",
            f"Decree number {number} is already recorded for this region.",
            [ErrorDetail("number", "Nomor SK sudah tercatat.", "This number is already recorded.")],
        )
    for other in existing:
        if overlaps(period_start, period_end, other.period_start, other.period_end):
            until_id, until_en = _describe_end(other.period_end)
            raise field_error(
                "tkksd.decree_overlap",
                "period_start",
                f"Masa berlaku beririsan dengan SK {other.number} (mulai {other.period_start:%d-%m-%Y}, "
                f"{until_id}). Akhiri SK itu lebih dahulu; dua SK TKKSD tidak dapat berlaku pada hari yang sama. "
                + BASIS_ID,
                f"The period overlaps decree {other.number} (from {other.period_start:%d-%m-%Y}, {until_en}). "
                "End that decree first; two TKKSD decrees cannot be in force on the same day. " + BASIS_EN,
            )
    decree = Decree(
        region=region,
        number=number,
        title=title,
        decree_date=decree_date,
        period_start=period_start,
        period_end=period_end,
        is_example=is_example,
        created_by=user_or_none(actor),
    )
    audit.save_with_history(decree, actor=actor, action=AuditAction.TKKSD_DECREE_RECORDED)
    if upload is not None:
        version = upload_document(
            actor=actor,
            region=region,
            kind=DocumentKind.OTHER,
            title=f"SK TKKSD {number}"[:300],
            upload=upload,
            attached_to=decree,
        )
        decree.document = version.document
        audit.save_with_history(decree, actor=actor, action=AuditAction.TKKSD_DECREE_RECORDED)
    audit.record(
        actor=actor,
        action=AuditAction.TKKSD_DECREE_RECORDED,
        obj=decree,
        new={
            "region": region.code,
            "number": number,
            "decree_date": decree_date.isoformat(),
            "period_start": period_start.isoformat(),
            "period_end": _iso(period_end),
            "document": decree.document_id,
        },
    )
    return decree


@transaction.atomic
def end_decree(*, actor: Actor, decree: Decree, end_date: date, reason: str) -> Decree:
    """End a decree's period on ``end_date`` (replaced or revoked by the head of region).

    Refused when ``end_date`` is before the period's start or not earlier than its planned end, or when a
    meeting held under the decree is dated after it (its decisions would lose their basis).
    """
    require(actor, "tkksd.manage", decree.region)
    reason = _text(reason, field="reason", label_id="Alasan", label_en="The reason", limit=TITLE_MAX_LENGTH)
    if end_date < decree.period_start:
        raise field_error(
            "tkksd.period_invalid",
            "end_date",
            f"Tanggal berakhir tidak boleh sebelum awal masa berlaku ({decree.period_start:%d-%m-%Y}).",
            f"The end date cannot be before the start of the period ({decree.period_start:%d-%m-%Y}).",
        )
    if decree.period_end is not None and end_date >= decree.period_end:
        raise field_error(
            "tkksd.end_not_earlier",
            "end_date",
            f"SK ini sudah berakhir pada {decree.period_end:%d-%m-%Y}; tanggal berakhir baru harus lebih awal.",
            f"This decree already ends on {decree.period_end:%d-%m-%Y}; a new end date must be earlier.",
        )
    later = (
        Meeting.objects.filter(decree=decree, status=MeetingStatus.HELD, meeting_date__gt=end_date)
        .order_by("meeting_date")
        .first()
    )
    if later is not None:
        raise field_error(
            "tkksd.held_meeting_after_end",
            "end_date",
            f"Rapat TKKSD tanggal {later.meeting_date:%d-%m-%Y} sudah terlaksana berdasarkan SK ini; tanggal "
            "berakhir tidak boleh sebelum rapat itu.",
            f"A TKKSD meeting on {later.meeting_date:%d-%m-%Y} was held under this decree; the end date cannot "
            "be before it.",
        )
    return transition(
        decree,
        actor=actor,
        action=AuditAction.TKKSD_DECREE_ENDED,
        field="period_end",
        expected=decree.period_end,
        target=end_date,
        stamps={"end_reason": reason},
        conflict_code="tkksd.decree_changed",
        reason=reason,
        describe=_describe_end,
    )


# --- members ---


def _check_unit(unit: Organisation | None, region: Region) -> None:
    if unit is not None and (unit.kind != OrganisationKind.OPD or unit.region_id != region.code):
        raise field_error(
            "tkksd.unit_invalid",
            "unit",
            "Unit harus perangkat daerah (OPD) dari daerah ini.",
            "The unit must be a unit (OPD) of this region.",
        )


def _check_user(user: User | None, region: Region, decree: Decree) -> None:
    if user is None:
        return
    org = user.organisation
    if not user.is_active or org is None or org.region_id != region.code:
        raise field_error(
            "tkksd.user_invalid",
            "user",
            "Akun yang ditautkan harus akun aktif pejabat daerah ini.",
            "The linked account must be an active account of this region's officials.",
        )
    if Member.objects.filter(decree=decree, user=user, removed_at__isnull=True).exists():
        raise field_error(
            "tkksd.user_already_member",
            "user",
            "Akun ini sudah tertaut ke anggota lain dalam SK ini.",
            "This account is already linked to another member of this decree.",
        )


def _chair_taken() -> Conflict:
    return Conflict(
        "tkksd.chair_taken",
        "SK ini sudah memiliki ketua TKKSD; keluarkan ketua yang lama lebih dahulu.",
        "This decree already has a TKKSD chair; remove the former chair first.",
        [ErrorDetail("role", "Sudah ada ketua.", "There is already a chair.")],
    )


@transaction.atomic
def add_member(
    *,
    actor: Actor,
    decree: Decree,
    name: str,
    position: str,
    role: str,
    unit: Organisation | None = None,
    unit_name: str = "",
    user: User | None = None,
    is_example: bool = False,
) -> Member:
    """Add a member named in the decree: chair (the regional secretary in practice [S: S-yogya]), secretary
    or member, with position (*jabatan*) and unit."""
    region = decree.region
    require(actor, "tkksd.manage", region)
    name = _text(name, field="name", label_id="Nama", label_en="The name", limit=NAME_MAX_LENGTH)
    position = _text(
        position, field="position", label_id="Jabatan", label_en="The position", limit=NAME_MAX_LENGTH
    )
    unit_name = _text(
        unit_name,
        field="unit_name",
        label_id="Nama unit",
        label_en="The unit name",
        limit=NAME_MAX_LENGTH,
        required=False,
    )
    if role not in MemberRole.values:
        raise field_error(
            "tkksd.role_invalid", "role", f"Peran tidak dikenal: {role}.", f"Unknown role: {role}."
        )
    if decree.period_end is not None and decree.period_end < timezone.localdate():
        raise field_error(
            "tkksd.decree_ended",
            "decree",
            f"SK {decree.number} sudah berakhir pada {decree.period_end:%d-%m-%Y}; anggota tidak dapat ditambah.",
            f"Decree {decree.number} ended on {decree.period_end:%d-%m-%Y}; no member can be added.",
        )
    _check_unit(unit, region)
    _check_user(user, region, decree)
    if (
        role == MemberRole.CHAIR
        and Member.objects.filter(decree=decree, role=MemberRole.CHAIR, removed_at__isnull=True).exists()
    ):
        raise _chair_taken()
    order = Member.objects.filter(decree=decree).aggregate(n=Max("position_order"))["n"]
    member = Member(
        decree=decree,
        name=name,
        position=position,
        role=role,
        unit=unit,
        unit_name="" if unit is not None else unit_name,
        user=user,
        position_order=int(order or 0) + 1,
        is_example=is_example,
    )
    try:
        with transaction.atomic():
            audit.save_recorded(
                member,
                actor=actor,
                action=AuditAction.TKKSD_MEMBER_ADDED,
                new={
                    "decree": decree.number,
                    "name": name,
                    "position": position,
                    "role": role,
                    "unit": unit.name if unit is not None else unit_name,
                    "user": user.get_username() if user is not None else None,
                },
            )
    except IntegrityError as exc:  # a chair added at the same moment by someone else
        raise _chair_taken() from exc
    return member


@transaction.atomic
def remove_member(*, actor: Actor, member: Member, reason: str) -> Member:
    """Take a member off the team (a change of office, a new decree's composition); the row and the meetings
    they attended stay."""
    require(actor, "tkksd.manage", member.decree.region)
    reason = _text(reason, field="reason", label_id="Alasan", label_en="The reason", limit=TITLE_MAX_LENGTH)
    return transition(
        member,
        actor=actor,
        action=AuditAction.TKKSD_MEMBER_REMOVED,
        field="removed_at",
        expected=None,
        target=timezone.now(),
        stamps={"removal_reason": reason},
        conflict_code="tkksd.member_changed",
        reason=reason,
        describe=_describe_removed,
    )


# --- meetings ---


def _no_decree(region: Region, on: date, field: str) -> KerjasamaError:
    return field_error(
        "tkksd.no_active_decree",
        field,
        f"{region.name} tidak memiliki SK TKKSD yang berlaku pada {on:%d-%m-%Y}: rapat dan keputusan TKKSD "
        "memerlukan tim yang dibentuk dengan SK kepala daerah. " + BASIS_ID,
        f"{region.name} has no TKKSD decree in force on {on:%d-%m-%Y}: TKKSD meetings and decisions need a "
        "team formed by decree of the head of region. " + BASIS_EN,
    )


@transaction.atomic
def schedule_meeting(
    *, actor: Actor, region: Region, meeting_date: date, place: str, agenda: str, is_example: bool = False
) -> Meeting:
    """Schedule a TKKSD meeting under the decree in force on its date (refused if there is none)."""
    require(actor, "tkksd.record_meeting", region)
    place = _text(place, field="place", label_id="Tempat", label_en="The place", limit=NAME_MAX_LENGTH)
    agenda = _text(
        agenda,
        field="agenda",
        label_id="Agenda",
        label_en="The agenda",
        limit=TEXT_MAX_LENGTH,
        multiline=True,
    )
    decree = active_decree(region.code, on=meeting_date)
    if decree is None:
        raise _no_decree(region, meeting_date, "meeting_date")
    meeting = Meeting(
        region=region,
        decree=decree,
        meeting_date=meeting_date,
        place=place,
        agenda=agenda,
        is_example=is_example,
        created_by=user_or_none(actor),
    )
    audit.save_recorded(
        meeting,
        actor=actor,
        action=AuditAction.TKKSD_MEETING_SCHEDULED,
        new={
            "region": region.code,
            "decree": decree.number,
            "meeting_date": meeting_date.isoformat(),
            "place": place,
        },
    )
    return meeting


@transaction.atomic
def hold_meeting(
    *, actor: Actor, meeting: Meeting, attendee_ids: Iterable[int], minutes: File | None = None
) -> Meeting:
    """Record that a scheduled meeting was held: its attendees (current members of its decree's team) and,
    optionally, its minutes (*berita acara*, stored through the documents block)."""
    region = meeting.region
    require(actor, "tkksd.record_meeting", region)
    if meeting.meeting_date > timezone.localdate():
        raise field_error(
            "tkksd.meeting_in_future",
            "attendees",
            f"Rapat ini dijadwalkan {meeting.meeting_date:%d-%m-%Y}; catat sebagai terlaksana pada atau setelah "
            "tanggal itu.",
            f"This meeting is scheduled for {meeting.meeting_date:%d-%m-%Y}; record it as held on or after that "
            "date.",
        )
    if not meeting.decree.in_force_on(meeting.meeting_date):
        raise _no_decree(region, meeting.meeting_date, "attendees")
    wanted = {int(i) for i in attendee_ids}
    members = {
        m.pk: m for m in Member.objects.filter(decree=meeting.decree, pk__in=wanted, removed_at__isnull=True)
    }
    if not wanted or set(members) != wanted:
        raise field_error(
            "tkksd.attendees_invalid",
            "attendees",
            "Pilih paling sedikit satu peserta, dan hanya anggota TKKSD dalam SK rapat ini.",
            "Choose at least one attendee, and only members of this meeting's TKKSD decree.",
        )
    stamps: dict[str, Any] = {"held_at": timezone.now(), "held_by": user_or_none(actor)}
    if minutes is not None:
        version = upload_document(
            actor=actor,
            region=region,
            kind=DocumentKind.MINUTES,
            title=f"Berita acara rapat TKKSD {meeting.meeting_date:%d-%m-%Y}",
            upload=minutes,
            attached_to=meeting,
        )
        stamps["minutes"] = version.document
    transition(
        meeting,
        actor=actor,
        action=AuditAction.TKKSD_MEETING_HELD,
        expected=MeetingStatus.SCHEDULED,
        target=MeetingStatus.HELD,
        stamps=stamps,
        conflict_code="tkksd.meeting_changed",
    )
    meeting.attendees.set(members.values())
    return meeting


# --- decisions ---


@transaction.atomic
def record_decision(
    *,
    actor: Actor,
    meeting: Meeting,
    subject_type: str,
    subject_id: str,
    outcome: str,
    reasons: str = "",
    is_example: bool = False,
) -> Decision:
    """Record the TKKSD's decision on one subject (approve, return with reasons, reject).

    Only in a held meeting of the TKKSD of the subject's region, whose decree is in force on the meeting's
    date (R21: the TKKSD review is a stage gate; issue 10, item 4). Otherwise a refusal naming the reason and
    its legal basis; nothing is written.
    """
    region = meeting.region
    require(actor, "tkksd.record_meeting", region)
    current = Meeting.objects.select_for_update().select_related("decree").filter(pk=meeting.pk).first()
    if current is None or current.status != MeetingStatus.HELD:
        raise field_error(
            "tkksd.meeting_not_held",
            "subject",
            "Keputusan TKKSD hanya dicatat dalam rapat yang sudah terlaksana: catat dahulu peserta rapat. "
            + BASIS_ID,
            "A TKKSD decision is recorded only in a meeting that was held: record its attendees first. "
            + BASIS_EN,
        )
    if not current.decree.in_force_on(current.meeting_date):
        raise _no_decree(region, current.meeting_date, "subject")
    kind = subject_kind(subject_type)
    if kind is None:
        raise field_error(
            "tkksd.subject_type_unknown",
            "subject",
            f"Jenis pokok keputusan tidak dikenal: {subject_type}.",
            f"Unknown kind of subject: {subject_type}.",
        )
    found = kind.lookup(str(subject_id))
    if found is None:
        raise field_error(
            "tkksd.subject_not_found",
            "subject",
            f"{kind.label_id} nomor {subject_id} tidak ditemukan.",
            f"{kind.label_en} {subject_id} was not found.",
        )
    regions, label = found
    if region.code not in regions:
        raise field_error(
            "tkksd.subject_other_region",
            "subject",
            f"Pokok ini bukan milik {region.name}: TKKSD hanya memutus usulan daerahnya sendiri; setiap daerah "
            "pihak mengkaji melalui TKKSD-nya masing-masing. " + BASIS_ID,
            f"This subject does not belong to {region.name}: a TKKSD decides only on its own region's matters; "
            "each party region reviews through its own TKKSD. " + BASIS_EN,
        )
    if outcome not in DecisionOutcome.values:
        raise field_error(
            "tkksd.outcome_invalid",
            "outcome",
            f"Putusan tidak dikenal: {outcome}.",
            f"Unknown outcome: {outcome}.",
        )
    reasons = (reasons or "").strip()
    if reasons_missing(outcome, reasons):
        raise field_error(
            "tkksd.reasons_required",
            "reasons",
            "Tuliskan alasan: keputusan mengembalikan atau menolak wajib memuat alasannya.",
            "State the reasons: a decision to return or reject must give its reasons.",
        )
    if len(reasons) > TEXT_MAX_LENGTH:
        raise field_error(
            "tkksd.too_long",
            "reasons",
            f"Alasan paling panjang {TEXT_MAX_LENGTH} karakter.",
            f"The reasons have at most {TEXT_MAX_LENGTH} characters.",
        )
    duplicate = Conflict(
        "tkksd.decision_exists",
        "Rapat ini sudah mencatat keputusan atas pokok yang sama.",
        "This meeting already recorded a decision on the same subject.",
        [ErrorDetail("subject", "Sudah diputus dalam rapat ini.", "Already decided in this meeting.")],
    )
    if Decision.objects.filter(
        meeting=current, subject_type=subject_type, subject_id=str(subject_id)
    ).exists():
        raise duplicate
    decision = Decision(
        meeting=current,
        subject_type=subject_type,
        subject_id=str(subject_id),
        subject_label=label[:TITLE_MAX_LENGTH],
        outcome=outcome,
        reasons=reasons,
        decided_at=timezone.now(),
        decided_by=user_or_none(actor),
        is_example=is_example,
    )
    try:
        with transaction.atomic():
            audit.save_recorded(
                decision,
                actor=actor,
                action=AuditAction.TKKSD_DECISION_RECORDED,
                new={
                    "meeting": current.pk,
                    "subject_type": subject_type,
                    "subject_id": str(subject_id),
                    "outcome": outcome,
                },
                reason=reasons,
            )
    except IntegrityError as exc:  # the same decision recorded at the same moment by someone else
        raise duplicate from exc
    if kind.on_decided is not None:
        # The owning app applies the decision (e.g. an agreement party's TKKSD review) in this transaction.
        kind.on_decided(decision, actor)
    notices.decision_recorded(decision=decision, actor=actor)
    return decision
