"""Background work of the privacy app: the daily end of processing at the end of retention, and the hourly
escalation of 3×24-hour clocks that ran out."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django_tasks import task

from kerjasama.core.tasks import periodic
from kerjasama.privacy.retention import run_retention
from kerjasama.privacy.services import escalate_late


@periodic("privacy.retention", every="daily")
@task()
def end_retention() -> dict[str, Any]:
    """Anonymise or erase the personal data of records whose retention (JRA class) ran out (UU 27/2022)."""
    return run_retention(timezone.localdate())


@periodic("privacy.escalate", every="hourly")
@task()
def escalate_overdue() -> dict[str, int]:
    """Escalate data-subject requests and breaches past their 3×24 hours to unit heads and the ministry."""
    return escalate_late()
