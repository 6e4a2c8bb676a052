"""API v1: a region's TKKSD (decrees, members, meetings with decisions, tasks) and decisions by subject.

The same permissions as the pages: every official sees that a region's decree exists (a public act); members,
meetings and decisions only within the region's jurisdiction; third parties nothing (403).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router

from kerjasama.accounts.policy import require
from kerjasama.regions.models import Region
from kerjasama.tkksd.models import Decision, Decree, Meeting, Member
from kerjasama.tkksd.schemas import DecisionOut, MeetingOut, RegionTkksdOut
from kerjasama.tkksd.selectors import meetings_query, region_tkksd, tkksd_tasks

router = Router(tags=["tkksd"])

#: At most this many subjects per decisions request.
MAX_SUBJECTS = 200


def _decree(d: Decree, today: date) -> dict[str, Any]:
    return {
        "id": d.pk,
        "region": d.region_id,
        "number": d.number,
        "title": d.title,
        "decree_date": d.decree_date,
        "period_start": d.period_start,
        "period_end": d.period_end,
        "in_force": d.in_force_on(today),
        "is_example": d.is_example,
    }


def _member(m: Member) -> dict[str, Any]:
    return {
        "id": m.pk,
        "name": m.name,
        "position": m.position,
        "role": m.role,
        "unit": m.unit_label,
        "user": m.user.get_username() if m.user is not None else None,
    }


def _decision(d: Decision, meeting: Meeting) -> dict[str, Any]:
    return {
        "id": d.pk,
        "meeting": meeting.pk,
        "meeting_date": meeting.meeting_date,
        "region": meeting.region_id,
        "subject_type": d.subject_type,
        "subject_id": d.subject_id,
        "subject": d.subject_label,
        "outcome": d.outcome,
        "reasons": d.reasons,
        "decided_at": d.decided_at,
    }


def _meeting(m: Meeting) -> dict[str, Any]:
    return {
        "id": m.pk,
        "region": m.region_id,
        "decree": m.decree.number,
        "meeting_date": m.meeting_date,
        "place": m.place,
        "agenda": m.agenda,
        "status": m.status,
        "attendees": [a.name for a in m.attendees.all()],
        "minutes_document": m.minutes_id,
        "decisions": [_decision(d, m) for d in m.decisions.all()],
        "is_example": m.is_example,
    }


@router.get(
    "/regions/{code}", response=RegionTkksdOut, summary="A region's TKKSD: decrees, members, meetings"
)
def region_detail(request: HttpRequest, code: str) -> dict[str, Any]:
    region = get_object_or_404(Region.objects.restrict(request.user, "view"), code=code, is_autonomous=True)
    require(request.user, "tkksd.view_decree", region)
    data = region_tkksd(region, request.user)
    return {
        "region": region.code,
        "name": region.name,
        "has_active_decree": data.active is not None,
        "active_decree": _decree(data.active, data.today) if data.active is not None else None,
        "decrees": [_decree(d, data.today) for d in data.decrees],
        "members": [_member(m) for m in data.members] if data.sees_records else None,
        "meetings": [_meeting(m) for m in data.meetings] if data.sees_records else None,
        "tasks": [
            {"text_id": t.text_id, "text_en": t.text_en, "confidence": t.confidence} for t in tkksd_tasks()
        ],
    }


@router.get("/meetings/{meeting_id}", response=MeetingOut, summary="One TKKSD meeting with its decisions")
def meeting_detail(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    meeting = get_object_or_404(meetings_query(request.user), pk=meeting_id)
    return _meeting(meeting)


@router.get("/decisions", response=list[DecisionOut], summary="TKKSD decisions on subjects, oldest first")
def decisions(
    request: HttpRequest,
    subject_type: str,
    subject_id: list[str] = Query(...),  # noqa: B008
) -> list[dict[str, Any]]:
    """The decisions the caller may see on the given subjects (``subject_id`` repeated, at most 200)."""
    ids = sorted(set(subject_id))[:MAX_SUBJECTS]
    rows = (
        Decision.objects.restrict(request.user, "view")
        .filter(subject_type=subject_type, subject_id__in=ids)
        .select_related("meeting")
        .order_by("meeting__meeting_date", "decided_at", "id")
    )
    return [_decision(d, d.meeting) for d in rows]
