"""API v1: the caller's own notifications (another user's notification answers 404, as if it did not exist).

Subjects and bodies are rendered in the request's language (``Accept-Language``; Indonesian by default).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from kerjasama.core.pagination import LimitOffsetPagination
from kerjasama.notifications import services
from kerjasama.notifications.models import Notification
from kerjasama.notifications.schemas import MarkedOut, NotificationOut, UnreadCountOut
from kerjasama.notifications.selectors import inbox, unread_count

router = Router(tags=["notifications"])


@router.get(
    "", response=list[NotificationOut], summary="My notifications, unread first (unread=true: only those)"
)
@paginate(LimitOffsetPagination, page_size=50)
def list_notifications(request: HttpRequest, unread: bool = False) -> QuerySet[Notification]:
    return inbox(request.user, unread_only=unread)


@router.get("/unread-count", response=UnreadCountOut, summary="How many of my notifications are unread")
def count_unread(request: HttpRequest) -> dict[str, int]:
    return {"unread": unread_count(request.user)}


@router.post("/read-all", response=MarkedOut, summary="Mark all my notifications as read")
def read_all(request: HttpRequest) -> dict[str, int]:
    user: Any = request.user
    return {"marked": services.mark_all_read(actor=user)}


@router.post(
    "/{notification_id}/read", response=NotificationOut, summary="Mark one of my notifications as read"
)
def read_one(request: HttpRequest, notification_id: int) -> Notification:
    user: Any = request.user
    notification = get_object_or_404(inbox(user), pk=notification_id)
    return services.mark_read(actor=user, notification=notification)
