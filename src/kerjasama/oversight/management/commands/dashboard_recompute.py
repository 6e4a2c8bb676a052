"""``kerjasama dashboard-recompute``: recompute the figures the oversight dashboards read (issue 13 item 1).
Cron-friendly (hourly); ``--enqueue`` hands the work to the task worker instead of running it here."""

from __future__ import annotations

from typing import Any

from kerjasama.core.actors import SYSTEM
from kerjasama.core.commands import KerjasamaCommand


class Command(KerjasamaCommand):
    help = "Hitung ulang angka dasbor pengawasan / recompute the oversight dashboards' figures [--enqueue] [--json]"
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("--enqueue", action="store_true", help="run it as a background task")

    def run(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            from kerjasama.oversight.dashboard_tasks import recompute_dashboard_snapshots

            result = recompute_dashboard_snapshots.enqueue()
            payload: dict[str, Any] = {"enqueued": True, "task": str(result.id)}
            text = f"Dijadwalkan / enqueued: {result.id}"
        else:
            from kerjasama.oversight.dashboard_services import recompute_dashboards

            count = recompute_dashboards(actor=SYSTEM)
            payload = {"scopes": count}
            text = f"Angka dasbor dihitung ulang / dashboard figures recomputed: {count} cakupan / scopes"
        if options["json"]:
            self.emit_json(payload)
        else:
            self.stdout.write(text)
