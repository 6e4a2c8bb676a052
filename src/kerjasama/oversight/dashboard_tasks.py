"""Background work of the oversight dashboards: refresh the stored figures the pages read (idempotent: a run
replaces every snapshot in one transaction)."""

from __future__ import annotations

from django_tasks import task

from kerjasama.core.actors import SYSTEM
from kerjasama.core.tasks import periodic


@periodic("oversight.dashboard_recompute", every="hourly")
@task()
def recompute_dashboard_snapshots() -> int:
    """Recompute every dashboard snapshot (``kerjasama dashboard-recompute``)."""
    from kerjasama.oversight.dashboard_services import recompute_dashboards

    return recompute_dashboards(actor=SYSTEM)
