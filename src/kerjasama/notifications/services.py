"""Every change to notifications (house rule 2): scheduling them, marking them read, preferences.

Other apps' services call :func:`notify` inside their transaction, after their own policy check and state
change; delivery is scheduled with ``transaction.on_commit``, so a rolled-back change notifies nobody and no
request waits for a mail server. The ``deliver_notification`` task (``tasks.py``) does the delivery.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from kerjasama.core.actors import Actor, is_system
from kerjasama.core.errors import KerjasamaError, NotFound
from kerjasama.notifications.choices import Language, NotificationKind
from kerjasama.notifications.models import Notification, NotificationPreference, PendingNotification
from kerjasama.notifications.tasks import deliver_notification, deliver_pending

MAX_KEY_CHARS = 200
#: Outbox rows delivered by one task of :func:`notify_many` (one enqueue per batch, not per recipient).
DELIVERY_BATCH = 500


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
    notice = Notice(
        recipients=recipients,
        kind=kind,
        obj_type=obj_type,
        obj_id=obj_id,
        obj_label=obj_label,
        context=context,
        url=url,
        key=key,
        region=region,
    )
    return notify_notice(actor=actor, notice=notice)


def notify_notice(*, actor: Actor, notice: Notice) -> list[int]:
    """:func:`notify` with its arguments as a :class:`Notice`: one delivery task per recipient."""
    recipient_ids, payload = _prepare(actor, notice)
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


@dataclass(frozen=True)
class Notice:
    """One notification about one record for its recipients, as :func:`notify` takes it (for ``notify_many``)."""

    recipients: Iterable[Any]
    kind: str
    obj_type: str
    obj_id: str | int
    obj_label: str
    context: Mapping[str, Any]
    url: str
    key: str
    region: Any = None


def _prepare(actor: Actor, notice: Notice) -> tuple[list[int], dict[str, Any]]:
    """The checked recipients (active, never the actor) and the delivery payload of one notice."""
    _check_input(kind=notice.kind, context=notice.context, url=notice.url, key=notice.key)
    actor_pk = None if is_system(actor) else getattr(actor, "pk", None)
    recipient_ids = sorted(
        {user.pk for user in notice.recipients if user is not None and user.is_active and user.pk != actor_pk}
    )
    region_code = getattr(notice.region, "pk", notice.region)
    payload: dict[str, Any] = {
        "kind": str(notice.kind),
        "object_type": notice.obj_type,
        "object_id": str(notice.obj_id),
        "object_label": notice.obj_label[:300],
        "region_code": str(region_code) if region_code else None,
        "context": dict(notice.context),
        "url": notice.url,
        "key": notice.key,
        "actor_label": _actor_label(actor)[:200],
    }
    return recipient_ids, payload


def notify_many(*, actor: Actor, notices: Iterable[Notice]) -> list[list[int]]:
    """:func:`notify` for many notices at once (a daily run's reminders and escalations): the outbox rows of
    all of them in batched inserts, and one delivery task per ``DELIVERY_BATCH`` rows enqueued on commit
    (``deliver_pending``) instead of one per recipient. Same guarantees: nothing is delivered if the caller
    rolls back, delivery is idempotent on (recipient, key), and a batch whose task never runs stays in the
    outbox for the hourly redelivery. Returns each notice's recipient ids, in order."""
    rows: list[PendingNotification] = []
    out: list[list[int]] = []
    for notice in notices:
        recipient_ids, payload = _prepare(actor, notice)
        rows += [PendingNotification(recipient_id=pk, payload=payload) for pk in recipient_ids]
        out.append(recipient_ids)
    pending = PendingNotification.objects.bulk_create(rows, batch_size=1000)
    for start in range(0, len(pending), DELIVERY_BATCH):
        ids = [row.pk for row in pending[start : start + DELIVERY_BATCH]]
        transaction.on_commit(_enqueue_batch(ids), robust=True)
    return out


def _enqueue_batch(pending_ids: list[int]) -> Callable[[], None]:
    def enqueue_batch() -> None:
        deliver_pending.enqueue(pending_ids=pending_ids)

    return enqueue_batch


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
