"""Background work of the obligations app (house rule 9)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from kerjasama.core.tasks import periodic


@periodic("obligations.daily", every="daily")
@task()
def obligations_daily() -> dict[str, Any]:
    """Extend the occurrences' horizon and escalate the late ones (idempotent: twice a day notifies once)."""
    from kerjasama.obligations.services import escalate_late, extend_horizons

    created = extend_horizons()
    result = escalate_late()
    result["occurrences_created"] = created
    return result
