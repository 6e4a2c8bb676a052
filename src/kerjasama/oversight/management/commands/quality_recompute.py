"""``kerjasama quality-recompute``: recompute the data-quality summaries the rankings read (issue 13 item 5).
Cron-friendly (daily); ``--enqueue`` hands the work to the task worker instead of running it here."""

from __future__ import annotations

from typing import Any

from kerjasama.core.actors import SYSTEM
from kerjasama.core.commands import KerjasamaCommand


class Command(KerjasamaCommand):
    help = (
        "Hitung ulang skor kualitas data setiap daerah / recompute every region's data-quality score "
        "[--enqueue] [--json]"
    )
    json_flag = True

    def add_command_arguments(self, parser: Any) -> None:
        parser.add_argument("--enqueue", action="store_true", help="run it as a background task")

    def run(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            from kerjasama.oversight.quality_tasks import recompute_quality_summaries

            result = recompute_quality_summaries.enqueue()
            payload: dict[str, Any] = {"enqueued": True, "task": str(result.id)}
            text = f"Dijadwalkan / enqueued: {result.id}"
        else:
            from kerjasama.oversight.quality_services import recompute_quality

            count = recompute_quality(actor=SYSTEM)
            payload = {"regions": count}
            text = f"Skor kualitas data dihitung ulang / data-quality scores recomputed: {count} daerah / regions"
        if options["json"]:
            self.emit_json(payload)
        else:
            self.stdout.write(text)
