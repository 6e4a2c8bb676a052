"""Enumerations of the deadlines app (house rule 7)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kerjasama.deadlines.domain import planning


class ReminderStatus(models.TextChoices):
    """A reminder is scheduled once, then either sent once or cancelled (its deadline vanished or moved)."""

    SCHEDULED = "scheduled", _("Scheduled")
    SENT = "sent", _("Sent")
    CANCELLED = "cancelled", _("Cancelled")


class DeadlineClass(models.TextChoices):
    """How urgent a deadline is (issue 11 item 5)."""

    OVERDUE = planning.OVERDUE, _("Overdue (terlambat)")
    DUE_SOON = planning.DUE_SOON, _("Due soon (jatuh tempo)")
    ON_SCHEDULE = planning.ON_SCHEDULE, _("On schedule (sesuai jadwal)")


class CancelReason(models.TextChoices):
    """Why a scheduled reminder was cancelled (stored as a stable code)."""

    VANISHED = "vanished", _("The deadline no longer exists (ended, superseded or no longer owned)")
    MOVED = "moved", _("The due date moved (extension or amendment)")
    NEARER = "nearer", _("A nearer reminder of the same deadline replaced it")
