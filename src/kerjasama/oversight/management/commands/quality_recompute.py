"""``kerjasama quality-recompute``: recompute the data-quality summaries the rankings read (issue 13 item 5).
Cron-friendly (daily); ``--enqueue`` hands the work to the task worker instead of running it here."""

from __future__ import annotations

from typing import Any

from kerjasama.core.actors import SYSTEM
from kerjasama.oversight.management.recompute import RecomputeCommand


class Command(RecomputeCommand):
    help = (
        "Hitung ulang skor kualitas data setiap daerah / recompute every region's data-quality score "
        "[--enqueue] [--json]"
    )

    def task(self) -> Any:
        from kerjasama.oversight.quality_tasks import recompute_quality_summaries

        return recompute_quality_summaries

    def recompute(self) -> tuple[dict[str, Any], str]:
        from kerjasama.oversight.quality_services import recompute_quality

        count = recompute_quality(actor=SYSTEM)
        return {"regions": count}, (
            f"Skor kualitas data dihitung ulang / data-quality scores recomputed: {count} daerah / regions"
        )
