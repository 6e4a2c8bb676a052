"""API v1 schemas of the TKKSD (read routes)."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema


class DecreeOut(Schema):
    id: int
    region: str
    number: str
    title: str
    decree_date: date
    period_start: date
    period_end: date | None
    in_force: bool
    is_example: bool


class MemberOut(Schema):
    id: int
    name: str
    position: str
    role: str
    unit: str
    user: str | None


class DecisionOut(Schema):
    id: int
    meeting: int
    meeting_date: date
    region: str
    subject_type: str
    subject_id: str
    subject: str
    outcome: str
    reasons: str
    decided_at: datetime


class MeetingOut(Schema):
    id: int
    region: str
    decree: str
    meeting_date: date
    place: str
    agenda: str
    status: str
    attendees: list[str]
    minutes_document: int | None
    decisions: list[DecisionOut]
    is_example: bool


class TaskOut(Schema):
    text_id: str
    text_en: str
    confidence: str


class RegionTkksdOut(Schema):
    region: str
    name: str
    has_active_decree: bool
    active_decree: DecreeOut | None
    decrees: list[DecreeOut]
    #: ``null`` when the caller may not see the team's records (another region's official).
    members: list[MemberOut] | None
    meetings: list[MeetingOut] | None
    tasks: list[TaskOut]
