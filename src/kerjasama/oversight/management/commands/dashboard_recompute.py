"""``kerjasama dashboard-recompute``: recompute the figures the oversight dashboards read (issue 13 item 1).
Cron-friendly (hourly); ``--enqueue`` hands the work to the task worker instead of running it here."""

from __future__ import annotations

from typing import Any

from kerjasama.core.actors import SYSTEM
from kerjasama.oversight.management.recompute import RecomputeCommand


class Command(RecomputeCommand):
    help = "Hitung ulang angka dasbor pengawasan / recompute the oversight dashboards' figures [--enqueue] [--json]"

    def task(self) -> Any:
        from kerjasama.oversight.dashboard_tasks import recompute_dashboard_snapshots

        return recompute_dashboard_snapshots

    def recompute(self) -> tuple[dict[str, Any], str]:
        from kerjasama.oversight.dashboard_services import recompute_dashboards

        count = recompute_dashboards(actor=SYSTEM)
        return {"scopes": count}, (
            f"Angka dasbor dihitung ulang / dashboard figures recomputed: {count} cakupan / scopes"
        )
