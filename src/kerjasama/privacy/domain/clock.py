"""The statutory clock of 3×24 hours (UU 27/2022: the controller answers a data subject's request, and notifies a
breach to the data subjects and the authority, within 3×24 hours; Pasal 32(2), 33, 34, 46(1) [U]). Pure.

The clock runs in hours from receipt (a request) or from discovery (a breach), calendar hours not working days:
the law says *jam*, not *hari kerja* [U].
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class ClockFact:
    """Where a 3×24-hour clock stands at ``now``: hours left (``late`` false) or hours late."""

    due_at: datetime
    hours: int
    late: bool
    stopped: bool

    def text_id(self) -> str:
        if self.stopped:
            return "selesai"
        return f"terlambat {self.hours} jam" if self.late else f"sisa {self.hours} jam"

    def text_en(self) -> str:
        if self.stopped:
            return "done"
        return f"{self.hours} hours late" if self.late else f"{self.hours} hours left"


def due(start: datetime, hours: int) -> datetime:
    return start + timedelta(hours=hours)


def clock(*, due_at: datetime, now: datetime, stopped_at: datetime | None = None) -> ClockFact:
    """Hours left, rounded up (1 minute left is "sisa 1 jam"), or hours late, rounded up once late."""
    if stopped_at is not None:
        late = stopped_at > due_at
        hours = math.ceil((stopped_at - due_at).total_seconds() / 3600) if late else 0
        return ClockFact(due_at=due_at, hours=hours, late=late, stopped=True)
    seconds = (due_at - now).total_seconds()
    if seconds >= 0:
        return ClockFact(due_at=due_at, hours=math.ceil(seconds / 3600), late=False, stopped=False)
    return ClockFact(due_at=due_at, hours=math.ceil(-seconds / 3600), late=True, stopped=False)
