"""Reading the audit trail (*jejak audit*): the events a user may see, filtered, for the page and the API.

Scoped by ``AuditEvent.objects.restrict(user, "view")`` (``core.models.AuditEvent.restriction``): system admins,
Kemendagri and auditors read the whole trail; everyone else reads only the events of their own acts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.models import AuditEvent

#: The API's page size and its cap (a larger ``limit`` is cut down to it).
API_PAGE_SIZE = 50
API_MAX_LIMIT = 200
#: Rows per page on the audit-trail page.
PAGE_SIZE = 50


@dataclass(frozen=True)
class AuditFilter:
    """What to show: each part narrows the trail; empty parts do not."""

    actor: str = ""
    object_type: str = ""
    object_id: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None

    def __post_init__(self) -> None:
        if self.action and self.action not in {a.value for a in AuditAction}:
            raise KerjasamaError(
                "audit.unknown_action",
                f"Tindakan tidak dikenal: {self.action[:80]}.",
                f"Unknown action: {self.action[:80]}.",
            )
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise KerjasamaError(
                "audit.date_range",
                "Tanggal awal harus sebelum atau sama dengan tanggal akhir.",
                "The start date must be on or before the end date.",
            )


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_events(user: Any, wanted: AuditFilter | None = None) -> QuerySet[AuditEvent]:
    """The events ``user`` may read, newest first, narrowed by ``wanted`` (dates are whole local days)."""
    wanted = wanted or AuditFilter()
    qs: QuerySet[AuditEvent] = AuditEvent.objects.restrict(user, "view")
    if wanted.actor:
        qs = qs.filter(actor_label__iexact=wanted.actor.strip())
    if wanted.object_type:
        qs = qs.filter(object_type=wanted.object_type.strip().lower())
    if wanted.object_id:
        qs = qs.filter(object_id=wanted.object_id.strip())
    if wanted.action:
        qs = qs.filter(action=wanted.action)
    if wanted.date_from:
        qs = qs.filter(occurred_at__gte=_start_of(wanted.date_from))
    if wanted.date_to:
        qs = qs.filter(occurred_at__lt=_start_of(wanted.date_to + timedelta(days=1)))
    return qs.order_by("-occurred_at", "-id")


def action_choices() -> list[tuple[str, str]]:
    """Every kind of event, for the filter's select (the stored values; they are stable)."""
    return sorted((a.value, a.value) for a in AuditAction)
