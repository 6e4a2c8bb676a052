"""Background work of the early warning (house rule 9): one agreement recomputed when its events change, and
every agreement in force once a day (issue 12 item 5)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from kerjasama.core.tasks import periodic


@task()
def recompute_agreement_risk(agreement_id: int) -> float | None:
    """Recompute one agreement's risk and its regions' aggregates (idempotent); its score, or None when it is
    not in force (its stored assessment is then removed)."""
    from kerjasama.disputes.early_warning import recompute_agreement

    found = recompute_agreement(agreement_id)
    return found.score if found is not None else None


@periodic("disputes.risk_recompute", every="daily")
@task()
def recompute_all_risk() -> dict[str, Any]:
    """Recompute every agreement in force (the same as ``kerjasama risk-recompute``; idempotent)."""
    from kerjasama.disputes.early_warning import recompute_all

    return recompute_all()
