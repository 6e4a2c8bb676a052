"""Background work of the notifications app (house rule 9), on the ``notifications`` queue."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from kerjasama.core.tasks import periodic
from kerjasama.notifications.delivery import deliver
from kerjasama.notifications.models import PendingNotification


@task(queue_name="notifications")
def deliver_notification(
    *,
    recipient_id: int,
    kind: str,
    object_type: str,
    object_id: str,
    object_label: str,
    region_code: str | None,
    context: dict[str, Any],
    url: str,
    key: str,
    actor_label: str,
    pending_id: int | None = None,
) -> dict[str, Any]:
    """Deliver one notification to one recipient, in-app and by e-mail; safe to run twice. ``pending_id``:
    the outbox row ``notify`` wrote, removed once delivered (``PendingNotification``)."""
    result = deliver(
        recipient_id=recipient_id,
        kind=kind,
        object_type=object_type,
        object_id=object_id,
        object_label=object_label,
        region_code=region_code,
        context=context,
        url=url,
        key=key,
        actor_label=actor_label,
    )
    if pending_id is not None:
        PendingNotification.objects.filter(pk=pending_id).delete()
    return result


def _deliver_rows(rows: Any) -> int:
    """Deliver outbox rows (idempotent on recipient and key) and remove each once delivered."""
    delivered = 0
    for row in rows:
        deliver(recipient_id=row.recipient_id, **row.payload)
        PendingNotification.objects.filter(pk=row.pk).delete()
        delivered += 1
    return delivered


@task(queue_name="notifications")
def deliver_pending(*, pending_ids: list[int]) -> int:
    """Deliver a batch of outbox rows (``notify_many``); rows already delivered (gone) are skipped, so the
    task is safe to run twice and alongside the hourly redelivery."""
    return _deliver_rows(PendingNotification.objects.filter(pk__in=pending_ids).order_by("id"))


@periodic("notifications.redeliver", every="hourly")
@task(queue_name="notifications")
def redeliver_pending() -> int:
    """Deliver the notifications whose delivery task never ran (e.g. Redis was down at the commit)."""
    cutoff = timezone.now() - timedelta(minutes=settings.KERJASAMA_NOTIFICATION_REDELIVER_MINUTES)
    return _deliver_rows(
        PendingNotification.objects.filter(created_at__lte=cutoff).order_by("created_at", "id")
    )
