"""Background work of the deadlines app (house rule 9): the daily reminder run."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django_tasks import task

from kerjasama.core.tasks import periodic


@periodic("deadlines.remind", every="daily")
@task()
def remind_today() -> dict[str, Any]:
    """Plan and send today's deadline reminders (the same as ``kerjasama remind``; idempotent)."""
    from kerjasama.deadlines.services import remind

    return remind(today=timezone.localdate())
