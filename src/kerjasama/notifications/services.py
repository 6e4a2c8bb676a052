"""Every change to notifications (house rule 2): scheduling them, marking them read, preferences.

Other apps' services call :func:`notify` inside their transaction, after their own policy check and state
change; delivery is scheduled with ``transaction.on_commit``, so a rolled-back change notifies nobody and no
request waits for a mail server. The ``deliver_notification`` task (``tasks.py``) does the delivery.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from kerjasama.core.actors import Actor, is_system
from kerjasama.core.errors import KerjasamaError, NotFound
from kerjasama.notifications.choices import Language, NotificationKind
from kerjasama.notifications.models import Notification, NotificationPreference, PendingNotification
from kerjasama.notifications.tasks import deliver_notification

MAX_KEY_CHARS = 200


def _not_found() -> NotFound:
    return NotFound(
        "notifications.not_found", "Notifikasi tidak ditemukan.", "The notification was not found."
    )


def _actor_label(actor: Actor) -> str:
    if is_system(actor):
        return str(actor)
    return str(getattr(actor, "full_name", "") or actor.get_username())  # type: ignore[union-attr]


def _check_input(*, kind: str, context: Mapping[str, Any], url: str, key: str) -> None:
    if kind not in NotificationKind.values:
        raise KerjasamaError(
            "notifications.unknown_kind",
            f"Jenis notifikasi tidak dikenal: {kind}.",
            f"Unknown notification kind: {kind}.",
        )
    if not key.strip() or len(key) > MAX_KEY_CHARS:
        raise KerjasamaError(
            "notifications.bad_key",
            f"Kunci idempotensi wajib diisi dan paling panjang {MAX_KEY_CHARS} karakter.",
            f"The idempotency key is required and at most {MAX_KEY_CHARS} characters long.",
        )
    if url and (not url.startswith("/") or url.startswith("//")):
        raise KerjasamaError(
            "notifications.bad_url",
            "Tautan notifikasi harus berupa alamat di situs ini (diawali '/').",
            "A notification link must be a path on this site (starting with '/').",
        )
    try:
        json.dumps(dict(context))
    except (TypeError, ValueError) as exc:
        raise KerjasamaError(
            "notifications.bad_context",
            "Konteks notifikasi harus dapat disimpan sebagai JSON.",
            "The notification context must be JSON-serialisable.",
        ) from exc


def notify(
    *,
    actor: Actor,
    recipients: Iterable[Any],
    kind: str,
    obj_type: str,
    obj_id: str | int,
    obj_label: str,
    context: Mapping[str, Any],
    url: str,
    key: str,
    region: Any = None,
) -> list[int]:
    """Schedule a ``kind`` notification about one record for each recipient; returns their ids.

    The actor is never notified of their own act, inactive users are left out, and ``key`` (unique per
    recipient, e.g. ``identification:12:submitted:h345``) makes delivery happen once however often the task
    runs. ``region`` (a ``regions.Region`` or its code) is the record's region: it decides who may read the
    record's sent log. Called inside the caller's transaction; nothing is delivered if it rolls back.
    """
    _check_input(kind=kind, context=context, url=url, key=key)
    actor_pk = None if is_system(actor) else getattr(actor, "pk", None)
    recipient_ids = sorted(
        {user.pk for user in recipients if user is not None and user.is_active and user.pk != actor_pk}
    )
    region_code = getattr(region, "pk", region)
    payload: dict[str, Any] = {
        "kind": str(kind),
        "object_type": obj_type,
        "object_id": str(obj_id),
        "object_label": obj_label[:300],
        "region_code": str(region_code) if region_code else None,
        "context": dict(context),
        "url": url,
        "key": key,
        "actor_label": _actor_label(actor)[:200],
    }
    # The outbox rows commit with the caller's change (or roll back with it); see PendingNotification.
    pending = PendingNotification.objects.bulk_create(
        PendingNotification(recipient_id=recipient_id, payload=payload) for recipient_id in recipient_ids
    )
    for row in pending:
        # robust: the change the caller made is committed by then; a queue that is down must not turn it into
        # an error page. The failure is logged by Django, and the outbox row stays for the redelivery task.
        # A named function, not functools.partial: Django logs a failed robust hook by its __qualname__,
        # which a partial lacks (the AttributeError would escape after the commit).
        transaction.on_commit(_enqueue_delivery(row.recipient_id, row.pk, payload), robust=True)
    return recipient_ids


def _enqueue_delivery(recipient_id: int, pending_id: int, payload: dict[str, Any]) -> Callable[[], None]:
    def enqueue_delivery() -> None:
        deliver_notification.enqueue(recipient_id=recipient_id, pending_id=pending_id, **payload)

    return enqueue_delivery


@transaction.atomic
def mark_read(*, actor: Actor, notification: Notification) -> Notification:
    """Mark one notification read; only its recipient may (anyone else is told it does not exist)."""
    if is_system(actor) or notification.recipient_id != getattr(actor, "pk", None):
        raise _not_found()
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=timezone.now())
    notification.refresh_from_db(fields=["read_at"])
    return notification


@transaction.atomic
def mark_all_read(*, actor: Actor) -> int:
    """Mark every unread notification of the actor read; returns how many were unread."""
    if is_system(actor) or getattr(actor, "pk", None) is None:
        raise _not_found()
    return Notification.objects.filter(recipient_id=actor.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


@transaction.atomic
def set_preferences(*, actor: Actor, language: str, email: bool) -> NotificationPreference:
    """Set the actor's own notification language and whether they get e-mail."""
    if is_system(actor) or getattr(actor, "pk", None) is None:
        raise _not_found()
    if language not in Language.values:
        raise KerjasamaError(
            "notifications.bad_language",
            f"Bahasa tidak dikenal: {language}.",
            f"Unknown language: {language}.",
        )
    # A personal setting, not a business event: no audit event (house rule 3 covers the records of the law).
    preference, _created = NotificationPreference.objects.update_or_create(
        user_id=actor.pk, defaults={"language": language, "email": bool(email)}
    )
    return preference
