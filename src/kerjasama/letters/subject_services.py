"""Drafting the letters whose subject is not an agreement (issue 15 item 1), and the region's emblem.

- ``draft_meeting_invitation``: the invitation to a scheduled TKKSD meeting (*undangan rapat TKKSD*), by the
  region whose TKKSD it is, to the members of the decree in force for the meeting;
- ``draft_report_cover``: the cover letter (*surat pengantar*) of a periodic report, by the reporting region;
- ``draft_dispute_letter``: a dispute notice to the other parties or a request for facilitation to the
  resolver, only by the cooperation unit of a party region that sees the case;
- ``set_emblem``: the region's emblem (*lambang daerah*) for the letterhead, checked by content.

The drafts are ordinary letters: editable, numbered from the same register when finalised
(``services.finalise_letter``), frozen after (Permendagri 1/2023).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kerjasama.accounts.policy import require
from kerjasama.core import audit
from kerjasama.core.actors import Actor, user_or_none
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import Conflict, ErrorDetail, KerjasamaError
from kerjasama.disputes.models import Dispute, DisputeParty
from kerjasama.letters import conf
from kerjasama.letters.choices import LetterKind, NoticeKind
from kerjasama.letters.domain.emblem import emblem_type
from kerjasama.letters.kinds import (
    dispute_notice_text,
    head_title,
    place_name,
    report_cover_text,
    tkksd_invitation_text,
)
from kerjasama.letters.models import Letter, LetterheadProfile
from kerjasama.letters.services import classification_for, issuing_unit
from kerjasama.regions.models import Region
from kerjasama.reports.models import PeriodicReport
from kerjasama.tkksd.choices import MeetingStatus, MemberRole
from kerjasama.tkksd.models import Meeting, Member

MEETING_TIME_MAX_LENGTH = 60


def _new_draft(
    *, actor: Actor, region: Region, kind: LetterKind, text: dict[str, str], **subject: Any
) -> Letter:
    classification = classification_for(region, kind)
    letter = Letter(
        kind=kind,
        region=region,
        issuing_unit=issuing_unit(region),
        place=place_name(region),
        kka_code=classification.kka_code,
        retention_class=classification.retention_class,
        created_by=user_or_none(actor),
        **subject,
        **{"signer_title": head_title(region), **text},
    )
    letter.full_clean()
    audit.save_recorded(
        letter,
        actor=actor,
        action=AuditAction.LETTER_DRAFTED,
        new={"kind": kind.value, **{name: record.pk for name, record in subject.items()}},
    )
    return letter


def _members(meeting: Meeting) -> list[Member]:
    order: dict[str, int] = {MemberRole.CHAIR: 0, MemberRole.SECRETARY: 1, MemberRole.MEMBER: 2}
    members = list(Member.objects.filter(decree_id=meeting.decree_id, removed_at__isnull=True))
    return sorted(members, key=lambda m: (order.get(m.role, 3), m.position_order, m.pk))


@transaction.atomic
def draft_meeting_invitation(*, actor: Actor, meeting: Meeting, meeting_time: str) -> Letter:
    """The invitation to a scheduled TKKSD meeting: its members as addressees (an attached list when many),
    day and date, time, place and agenda. The meeting records no time of day: the drafter gives it."""
    require(actor, "letters.draft_for_region_record", meeting)
    if meeting.status != MeetingStatus.SCHEDULED:
        raise Conflict(
            "letters.meeting_not_scheduled",
            "Undangan hanya disusun untuk rapat yang masih dijadwalkan.",
            "An invitation is drafted only for a meeting still scheduled.",
        )
    meeting_time = meeting_time.strip()
    if not meeting_time or len(meeting_time) > MEETING_TIME_MAX_LENGTH:
        raise KerjasamaError(
            "letters.meeting_time_required",
            "Waktu rapat wajib diisi (mis. 09.00 WIB s.d. selesai).",
            "The meeting time is required (e.g. 09.00 WIB until finished).",
            [ErrorDetail("meeting_time", "Isi waktu rapat.", "Give the meeting time.")],
        )
    text = tkksd_invitation_text(meeting, _members(meeting), meeting_time)
    invitees = text.pop("invitees")
    text["annex"] = f"Daftar undangan rapat TKKSD\n{invitees}" if text["attachments"] else ""
    return _new_draft(
        actor=actor, region=meeting.region, kind=LetterKind.TKKSD_INVITATION, text=text, tkksd_meeting=meeting
    )


@transaction.atomic
def draft_report_cover(*, actor: Actor, report: PeriodicReport) -> Letter:
    """The cover letter of a periodic report (kab/kota to the governor; province to the Minister c.q. the
    Director General of Regional Administration), by the reporting region's cooperation unit."""
    require(actor, "letters.draft_for_region_record", report)
    text = report_cover_text(report)
    if report.signatory_name:
        text["signer_name"] = report.signatory_name
        text["signer_title"] = report.signatory_title or head_title(report.region)
    return _new_draft(
        actor=actor, region=report.region, kind=LetterKind.REPORT_COVER, text=text, periodic_report=report
    )


def _own_dispute_party(actor: Actor, dispute: Dispute) -> DisputeParty:
    from kerjasama.accounts.predicates import works_for_region

    user = user_or_none(actor)
    parties = [p for p in dispute.parties.all() if p.region_id]
    own = [p for p in parties if user is not None and works_for_region(user, p.region)]
    if not own and user is not None and user.is_superuser:
        own = parties[:1]
    if not own:
        raise KerjasamaError(
            "letters.no_region_party",
            "Surat perselisihan ditulis oleh daerah pihak perkara.",
            "A dispute letter is written by a party region of the case.",
        )
    return own[0]


@transaction.atomic
def draft_dispute_letter(*, actor: Actor, dispute: Dispute, purpose: str) -> Letter:
    """A dispute notice to the other parties (``notice``) or a request for facilitation to the resolver
    (``facilitation``), by a party region that sees the case. The letter is then seen only by who sees the
    case (``LetterRestriction``)."""
    require(actor, "letters.draft_for_dispute", dispute)
    purpose = NoticeKind(purpose).value
    own = _own_dispute_party(actor, dispute)
    region = own.region
    assert region is not None  # a region party
    others = [p for p in dispute.parties.all() if p.pk != own.pk]
    text = {**dispute_notice_text(dispute, own, others, purpose), "variant": purpose}
    return _new_draft(actor=actor, region=region, kind=LetterKind.DISPUTE_NOTICE, text=text, dispute=dispute)


@transaction.atomic
def set_emblem(*, actor: Actor, region: Region, data: bytes | None) -> LetterheadProfile:
    """The region's emblem for the letterhead (``None`` removes it): PNG or SVG by content, capped in size
    (``KERJASAMA_LETTER_EMBLEM_MAX_BYTES``), an SVG without scripts or outside references."""
    require(actor, "letters.configure", region)
    kind = "" if data is None else emblem_type(data, max_bytes=conf.emblem_max_bytes())
    profile, _created = LetterheadProfile.objects.get_or_create(region=region)
    profile.emblem = data
    profile.emblem_type = kind
    audit.save_recorded(
        profile,
        actor=actor,
        action=AuditAction.LETTERHEAD_SET,
        new={"emblem_type": kind, "emblem_bytes": len(data or b"")},
    )
    return profile
