"""Background work of the oversight app, found by ``core.tasks.periodic_tasks`` (it imports each app's
``tasks``): the daily recompute of the data-quality summaries the rankings read (``quality_tasks``)."""

from __future__ import annotations

from kerjasama.oversight.quality_tasks import recompute_quality_summaries

__all__ = ["recompute_quality_summaries"]
