"""API v1: ``GET /api/v1/audit``, the audit trail (*jejak audit*) the caller may read, filtered and paginated.

Scoped like the page (``accounts.audit_trail.audit_events``): the whole trail for system admins, Kemendagri and
auditors; the caller's own acts for everyone else. ``limit`` is capped at ``API_MAX_LIMIT``.
"""

# No `from __future__ import annotations`: django-ninja builds the query parameters from these annotations.
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from kerjasama.accounts.audit_trail import API_MAX_LIMIT, API_PAGE_SIZE, AuditFilter, audit_events
from kerjasama.core.models import AuditEvent
from kerjasama.core.pagination import LimitOffsetPagination

router = Router(tags=["audit"])


class AuditEventOut(Schema):
    id: int
    occurred_at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str
    object_label: str
    old: Any = None
    new: Any = None
    reason: str
    request_id: str

    @staticmethod
    def resolve_actor(obj: AuditEvent) -> str:
        return obj.actor_label


@router.get(
    "",
    response=list[AuditEventOut],
    summary="The audit trail I may read, newest first (filters: actor, object, action, dates)",
)
@paginate(LimitOffsetPagination, page_size=API_PAGE_SIZE, max_limit=API_MAX_LIMIT)
def list_audit_events(
    request: HttpRequest,
    actor: str = "",
    action: str = "",
    object_type: str = "",
    object_id: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[AuditEvent]:
    """``actor`` is a username (or ``sistem``); ``action`` a stored action such as ``auth.login_failed``;
    ``date_from``/``date_to`` are whole days (inclusive) in the server's time zone."""
    wanted = AuditFilter(
        actor=actor,
        action=action,
        object_type=object_type,
        object_id=object_id,
        date_from=date_from,
        date_to=date_to,
    )
    return audit_events(request.user, wanted)
