"""API schemas of the deadlines app."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema


class DeadlineOut(Schema):
    key: str
    source: str
    agreement_id: int | None
    title_id: str
    title_en: str
    due: date
    days_left: int
    deadline_class: str
    class_label: str
    lead_days: list[int]
    working_days: bool
    url: str
    basis: str


class DeadlineList(Schema):
    today: date
    count: int
    items: list[DeadlineOut]


class ReminderOut(Schema):
    id: int
    key: str
    source: str
    due_date: date
    lead_days: int
    working_days: bool
    send_on: date
    recipient: str
    status: str
    title_id: str
    title_en: str
    sent_at: datetime | None
    cancelled_at: datetime | None
    cancel_reason: str


class ReminderLog(Schema):
    agreement_id: int
    count: int
    items: list[ReminderOut]


class CalendarTokenOut(Schema):
    token: str
    url: str


class RevokedOut(Schema):
    revoked: int
