"""API schemas of the notifications."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema

from kerjasama.notifications.messages import RenderedMessage, render_message
from kerjasama.notifications.models import Notification


def _message(notification: Notification) -> RenderedMessage:
    """Subject and body in the request's language, rendered once per notification."""
    cached: RenderedMessage | None = getattr(notification, "_rendered_message", None)
    if cached is None:
        cached = render_message(notification.kind, notification.context)
        notification._rendered_message = cached  # type: ignore[attr-defined]
    return cached


class NotificationOut(Schema):
    id: int
    kind: str
    subject: str
    body: str
    object_type: str
    object_id: str
    object_label: str
    url: str
    created_at: datetime
    read_at: datetime | None
    unread: bool

    @staticmethod
    def resolve_subject(obj: Notification) -> str:
        return _message(obj).subject

    @staticmethod
    def resolve_body(obj: Notification) -> str:
        return _message(obj).body

    @staticmethod
    def resolve_unread(obj: Notification) -> bool:
        return obj.read_at is None


class UnreadCountOut(Schema):
    unread: int


class MarkedOut(Schema):
    marked: int
