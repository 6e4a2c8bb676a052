"""Every change to the precomputed data-quality summaries (house rule 2): one service, run by the command
``kerjasama quality-recompute`` and by the task ``quality_tasks.recompute_quality_summaries``.

It scores every autonomous region (``quality_data.score_regions``: a fixed number of reads) and replaces the
summaries in one transaction, so a ranking never shows half of an old run and half of a new one. It writes one
audit event per run (the summaries describe data, so their rows carry no history of their own).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from kerjasama.accounts.policy import require
from kerjasama.core import audit
from kerjasama.core.actors import Actor
from kerjasama.core.audit_actions import AuditAction
from kerjasama.oversight import quality_rules  # noqa: F401 - registers the permissions
from kerjasama.oversight.models import QualitySummary
from kerjasama.oversight.quality_data import autonomous_regions, ranking, score_regions


@transaction.atomic
def recompute_quality(*, actor: Actor, today: date | None = None) -> int:
    """Recompute the summary of every autonomous region; returns how many were written."""
    require(actor, "oversight.recompute_quality")
    now = timezone.now()
    rows = ranking(score_regions(autonomous_regions(), today=today).values())
    QualitySummary.objects.all().delete()
    QualitySummary.objects.bulk_create(
        [
            QualitySummary(
                region_id=r.code,
                score=r.score,
                parts=r.parts,
                agreements=r.agreements,
                findings=r.findings,
                computed_at=now,
            )
            for r in rows
        ],
        batch_size=500,
    )
    audit.record(
        actor=actor,
        action=AuditAction.QUALITY_RECOMPUTED,
        object_type="oversight.qualitysummary",
        object_id="*",
        object_label="Skor kualitas data / data-quality scores",
        new={"regions": len(rows), "computed_at": now.isoformat()},
    )
    return len(rows)
