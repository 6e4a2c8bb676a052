"""Background work of the oversight app, found by ``core.tasks.periodic_tasks`` (it imports each app's
``tasks``): the daily recompute of the data-quality summaries the rankings read (``quality_tasks``), the
hourly refresh of the dashboards' figures (``dashboard_tasks``), the open-data package written to storage
(hourly, and enqueued after each change of what is published: ``publication_store``), and the daily rebuild
of the stored publication states (a safety net for bulk writes)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from kerjasama.core.tasks import periodic
from kerjasama.oversight.annual_tasks import build_annual_report
from kerjasama.oversight.dashboard_tasks import recompute_dashboard_snapshots
from kerjasama.oversight.quality_tasks import recompute_quality_summaries


@periodic("oversight.open_data_build", every="hourly")
@task()
def build_open_data() -> dict[str, Any]:
    """Build the open-data package (CSV, JSON, ``datapackage.json``, ``ocds.json``, the zip) and write it to
    storage, where ``/data-terbuka/`` serves it from (``opendata.build_stored_package``). Idempotent: a second
    run writes the same content under a new build. Hourly, so that changes no signal reports (an amendment, a
    published mapping, a dispute) reach the package within the hour."""
    from kerjasama.oversight.opendata import build_stored_package

    manifest = build_stored_package()
    return {"build": manifest["build"], "rows": manifest["rows"]}


@periodic("oversight.publication_recompute", every="daily")
@task()
def recompute_publication_states() -> dict[str, int]:
    """Rebuild every stored publication state (``kerjasama publication-recompute``), then the package when
    anything changed."""
    from kerjasama.oversight.publication_store import rebuild_package_after_commit, recompute_all

    counts = recompute_all()
    if counts["written"] or counts["removed"]:
        rebuild_package_after_commit()
    return counts


__all__ = [
    "build_annual_report",
    "build_open_data",
    "recompute_dashboard_snapshots",
    "recompute_publication_states",
    "recompute_quality_summaries",
]
