"""Reads of notifications: a user's inbox and unread count, a record's sent log, a user's preferences."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When

from kerjasama.notifications.models import Delivery, Notification, NotificationPreference


def inbox(user: Any, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's own notifications, unread first, then newest first."""
    qs = Notification.objects.restrict(user, "view")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.annotate(
        read_rank=Case(
            When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    ).order_by("read_rank", "-created_at", "-id")


def unread_count(user: Any) -> int:
    """How many of the user's notifications are unread (one query; 0 for anonymous users)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


def sent_log(user: Any, *, object_type: str, object_id: str) -> QuerySet[Delivery]:
    """What was sent to whom, when and by which channel about one record, as far as ``user`` may see."""
    return (
        Delivery.objects.restrict(user, "view")
        .filter(notification__object_type=object_type, notification__object_id=object_id)
        .select_related("notification__recipient__organisation")
        .order_by("-created_at", "-id")
    )


def preference_of(user: Any) -> NotificationPreference:
    """The user's preferences, or the defaults (Indonesian, e-mail on) when they never set any."""
    found = NotificationPreference.objects.filter(user_id=user.pk).first()
    return found if found is not None else NotificationPreference(user_id=user.pk)
