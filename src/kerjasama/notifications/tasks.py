"""Background work of the notifications app (house rule 9), on the ``notifications`` queue."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from kerjasama.notifications.delivery import deliver


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
) -> dict[str, Any]:
    """Deliver one notification to one recipient, in-app and by e-mail; safe to run twice."""
    return deliver(
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
