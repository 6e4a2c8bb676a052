"""Writing audit events. Services call :func:`record` inside their transaction (house rule 3), or
:func:`save_recorded` to save a row with its history and its event at once."""

from __future__ import annotations

from typing import Any

from django.db import models

from kerjasama.core import data_version
from kerjasama.core.actors import Actor, is_system, user_or_none
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.middleware import current_request_id
from kerjasama.core.models import AuditEvent

#: The label written for the system itself (``SYSTEM``: ``kerjasama setup``, imports, the task worker).
SYSTEM_ACTOR = "sistem"


def _actor_label(actor: Actor) -> str:
    if is_system(actor):
        return SYSTEM_ACTOR
    return str(getattr(actor, "username", actor))


def build(
    *,
    actor: Actor,
    action: AuditAction,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    object_label: str = "",
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """The unsaved audit event ``record`` appends (``record_many`` appends many in one insert)."""
    if actor is None:
        raise TypeError("audit.record needs an actor: a user or kerjasama.core.actors.SYSTEM, not None")
    action = AuditAction(action)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_label = object_label or str(obj)[:300]
    return AuditEvent(
        actor=user_or_none(actor),
        actor_label=_actor_label(actor),
        action=action.value,
        object_type=object_type or "",
        object_id=object_id or "",
        object_label=object_label,
        old=old,
        new=new,
        reason=reason,
        request_id=current_request_id() or "",
    )


def record(
    *,
    actor: Actor,
    action: AuditAction,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    object_label: str = "",
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one audit event: ``actor`` (a user, or ``SYSTEM``) did ``action`` to ``obj``.

    ``None`` is not an actor: it raises ``TypeError`` (a forgotten argument must not pass as "the system").
    ``action`` must be an :class:`AuditAction`; an unknown string raises ``ValueError``.
    """
    event = build(
        actor=actor,
        action=action,
        obj=obj,
        object_type=object_type,
        object_id=object_id,
        object_label=object_label,
        old=old,
        new=new,
        reason=reason,
    )
    event.save()
    data_version.changed(event.action)
    return event


def record_many(events: list[AuditEvent]) -> int:
    """Append the events made by :func:`build` in batched inserts (a set-based step of a daily run: one event
    per record changed, as ``record`` would write them, at a constant number of queries per batch)."""
    AuditEvent.objects.bulk_create(events, batch_size=1000)
    for action in sorted({event.action for event in events}):
        data_version.changed(action)
    return len(events)


def save_with_history(obj: models.Model, *, actor: Actor, action: AuditAction) -> None:
    """Save a row with its history row (simple-history) attributed to the actor and named by the action."""
    # Read by simple-history when it writes the history row (``None``: the system, no user).
    obj._history_user = user_or_none(actor)  # type: ignore[attr-defined]
    obj._change_reason = AuditAction(action).value  # type: ignore[attr-defined]
    try:
        obj.save()
    finally:
        for attribute in ("_history_user", "_change_reason"):
            obj.__dict__.pop(attribute, None)


def save_recorded(
    obj: models.Model, *, actor: Actor, action: AuditAction, new: dict[str, Any], reason: str = ""
) -> None:
    """Save a row with its history (:func:`save_with_history`) and append its audit event with ``new``."""
    save_with_history(obj, actor=actor, action=action)
    record(actor=actor, action=action, obj=obj, new=new, reason=reason)
