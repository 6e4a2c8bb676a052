"""The SLA countdown of a case's open step (issue 12 item 3): its due date (``services.step_due``) and the days
left ("sisa N hari") or late ("terlambat N hari"). No regulation sets the days [U]: the settings of
``conf`` (``KERJASAMA_DISPUTE_DELIBERATION_DAYS``, ``_FACILITATION_DAYS``, ``_DECISION_DAYS``) and each order's
due date set them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kerjasama.disputes.models import Dispute
from kerjasama.disputes.services import step_due


@dataclass(frozen=True)
class Countdown:
    due: date
    days: int  # days left (>= 0) or late (< 0)

    @property
    def late(self) -> bool:
        return self.days < 0

    @property
    def text(self) -> str:
        if self.days < 0:
            n = -self.days
            return ngettext("%(n)d day late", "%(n)d days late", n) % {"n": n}
        if self.days == 0:
            return _("due today")
        return ngettext("%(n)d day left", "%(n)d days left", self.days) % {"n": self.days}


def countdown(dispute: Dispute, today: date | None = None) -> Countdown | None:
    """The open step's countdown, or None for a closed case or a step without a due date."""
    due = step_due(dispute)
    if due is None:
        return None
    return Countdown(due=due, days=(due - (today or timezone.localdate())).days)
