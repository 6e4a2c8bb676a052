"""Background work of the mapping (pemetaan urusan yang dapat dikerjasamakan).

A change to a region profile or an identification marks the regions concerned (``StaleRegion``) in the
same transaction; when it commits, :func:`schedule_refresh` enqueues :data:`refresh_recommendations`, which
the worker runs: it claims the marks and recomputes only the regions whose recommendations they can affect.
``kerjasama schedule --every hourly`` enqueues the same task as a safety net (marks left while no worker
ran). Two refreshes at once never compute the same mark twice: each mark is claimed by a conditional delete.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from kerjasama.core.tasks import periodic
from kerjasama.mapping import runner


@periodic("mapping.refresh", every="hourly")
@task(queue_name="mapping")
def refresh_recommendations() -> int:
    """Recompute the recommendations of the regions marked stale since the last refresh."""
    return runner.refresh_stale()


def schedule_refresh() -> None:
    """Enqueue a refresh once the current transaction commits (at once outside a transaction).

    ``robust``: if the queue cannot take it (Redis down), the change stays committed, the failure is logged,
    and the hourly ``kerjasama schedule`` run refreshes the marks later; the user's request does not fail.
    One refresh per transaction: an import that marks regions row by row enqueues a single task.
    """
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        func == refresh_recommendations.enqueue for _sids, func, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(refresh_recommendations.enqueue, robust=True)


@task(queue_name="mapping")
def run_national_mapping(run_id: int) -> None:
    """A national run requested from the national page (``services.request_national_run``)."""
    runner.run_requested(run_id)
