"""Every change to the stored dashboard figures (house rule 2): one service, run by ``kerjasama
dashboard-recompute`` and by the task ``dashboard_tasks.recompute_dashboard_snapshots``.

It computes every scope at once (``dashboard.compute_all``: a fixed number of reads) and replaces the snapshots
in one transaction, so no page shows half of an old run and half of a new one. One audit event per run (the
snapshots are counts describing other records, so they keep no history of their own).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from kerjasama.accounts.policy import require
from kerjasama.core import audit
from kerjasama.core.actors import SYSTEM, Actor
from kerjasama.core.audit_actions import AuditAction
from kerjasama.oversight import dashboard_rules  # noqa: F401 - registers the permissions
from kerjasama.oversight.dashboard import compute_all
from kerjasama.oversight.models import DashboardSnapshot


@transaction.atomic
def recompute_dashboards(*, actor: Actor, today: date | None = None) -> int:
    """Recompute the figures of every scope (national, each province, each autonomous kab/kota); returns how
    many snapshots were written."""
    require(actor, "oversight.recompute_dashboard")
    figures = compute_all(today=today)
    now = timezone.now()
    DashboardSnapshot.objects.all().delete()
    DashboardSnapshot.objects.bulk_create(
        [DashboardSnapshot(scope=scope, figures=f, computed_at=now) for scope, f in figures.items()],
        batch_size=500,
    )
    audit.record(
        actor=actor,
        action=AuditAction.DASHBOARD_RECOMPUTED,
        object_type="oversight.dashboardsnapshot",
        object_id="*",
        object_label="Angka dasbor pengawasan / oversight dashboard figures",
        new={"scopes": len(figures), "computed_at": now.isoformat()},
    )
    return len(figures)


def snapshot(scope: str) -> tuple[dict[str, Any], datetime]:
    """The stored figures of ``scope`` and when they were computed (one query); computed and stored for every
    scope on first use when missing (by the system: a read must not depend on the reader's rights to write)."""
    row = DashboardSnapshot.objects.filter(scope=scope).values_list("figures", "computed_at").first()
    if row is None:
        recompute_dashboards(actor=SYSTEM)
        row = DashboardSnapshot.objects.filter(scope=scope).values_list("figures", "computed_at").first()
        if row is None:  # pragma: no cover - every autonomous region has a snapshot
            return {}, timezone.now()
    return row[0], row[1]
