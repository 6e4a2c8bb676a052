"""Background work of the data-quality scores: recompute the summaries the rankings read (idempotent: a run
replaces every summary in one transaction; two runs at once leave the later one's figures)."""

from __future__ import annotations

from django_tasks import task

from kerjasama.core.actors import SYSTEM
from kerjasama.core.tasks import periodic


@periodic("oversight.quality_recompute", every="daily")
@task()
def recompute_quality_summaries() -> int:
    """Recompute the data-quality summary of every autonomous region (``kerjasama quality-recompute``)."""
    from kerjasama.oversight.quality_services import recompute_quality

    return recompute_quality(actor=SYSTEM)
