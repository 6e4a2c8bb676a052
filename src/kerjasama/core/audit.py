"""Writing audit events. Services call :func:`record` inside their transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from kerjasama.core.actors import is_system
from kerjasama.core.middleware import current_request_id
from kerjasama.core.models import AuditEvent

#: The label used when a command runs without a named user (e.g. ``kerjasama setup``).
SYSTEM_ACTOR = "sistem"


def _actor_label(actor: Any) -> str:
    if actor is None or is_system(actor):
        return SYSTEM_ACTOR
    return str(getattr(actor, "username", actor))


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    object_label: str = "",
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEvent:
    """Append one audit event. ``actor`` is a user, or ``None`` for the system itself."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_label = object_label or str(obj)[:300]
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=_actor_label(actor),
        action=action,
        object_type=object_type or "",
        object_id=object_id or "",
        object_label=object_label,
        old=old,
        new=new,
        reason=reason,
        request_id=current_request_id() or "",
    )
