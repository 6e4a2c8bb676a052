"""Writing audit events. Services call :func:`record` inside their transaction (house rule 3)."""

from __future__ import annotations

from typing import Any

from django.db import models

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
    if actor is None:
        raise TypeError("audit.record needs an actor: a user or kerjasama.core.actors.SYSTEM, not None")
    action = AuditAction(action)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_label = object_label or str(obj)[:300]
    return AuditEvent.objects.create(
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
