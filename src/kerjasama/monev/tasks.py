"""Periodic work of monev (house rule 9): open the periods of the agreements in force, once a day."""

from __future__ import annotations

from django_tasks import task

from kerjasama.core.actors import SYSTEM
from kerjasama.core.tasks import periodic


@periodic("monev.open_periods", every="daily")
@task()
def open_monev_periods() -> int:
    """Open the missing monev periods of every agreement in force (idempotent: a second run opens none)."""
    from kerjasama.monev.services import generate_all_periods

    return generate_all_periods(actor=SYSTEM)
