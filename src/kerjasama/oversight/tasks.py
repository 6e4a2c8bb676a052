"""Background work of the oversight app, found by ``core.tasks.periodic_tasks`` (it imports each app's
``tasks``): the daily recompute of the data-quality summaries the rankings read (``quality_tasks``)
and the hourly refresh of the dashboards' figures (``dashboard_tasks``)."""

from __future__ import annotations

from kerjasama.oversight.dashboard_tasks import recompute_dashboard_snapshots
from kerjasama.oversight.quality_tasks import recompute_quality_summaries

__all__ = ["recompute_dashboard_snapshots", "recompute_quality_summaries"]
