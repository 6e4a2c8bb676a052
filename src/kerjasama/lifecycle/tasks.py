"""Background work of the lifecycle: the daily automatic end of expired agreements (issue 11, item 4)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django_tasks import task

from kerjasama.core.tasks import periodic
from kerjasama.lifecycle.expiry import end_expired


@periodic("lifecycle.end_expired", every="daily")
@task()
def end_expired_agreements() -> dict[str, Any]:
    """End the agreements whose term expired without a successor in force (PP 28/2018 Pasal 9(1)(a))."""
    return end_expired(timezone.localdate())
