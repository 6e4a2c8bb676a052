"""Reporting periods: a semester (January–June, July–December) or a calendar year (``KERJASAMA_REPORT_PERIOD``).

The regulation sets no frequency (PP 28/2018 Pasal 44(5) jo. PP 12/2017 Pasal 24) [U]; the semester is the
common practice (Kota Malang, issue 11) and the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

SEMESTER = "semester"
TAHUNAN = "tahunan"
PERIOD_KINDS = (SEMESTER, TAHUNAN)


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date

    @property
    def label(self) -> str:
        """The official label ("Semester I 2026", "Tahun 2026")."""
        if self.kind == TAHUNAN:
            return f"Tahun {self.start.year}"
        return f"Semester {'I' if self.start.month == 1 else 'II'} {self.start.year}"

    @property
    def subject_label(self) -> str:
        """As the letter's subject names it ("Semester I Tahun 2026", "Tahun 2026")."""
        if self.kind == TAHUNAN:
            return f"Tahun {self.start.year}"
        return f"Semester {'I' if self.start.month == 1 else 'II'} Tahun {self.start.year}"

    def due(self, due_days: int) -> date:
        return self.end + timedelta(days=due_days)

    def previous(self) -> Period:
        return period_containing(self.start - timedelta(days=1), self.kind)


def period_containing(day: date, kind: str) -> Period:
    """The reporting period of ``kind`` that contains ``day``."""
    if kind == TAHUNAN:
        return Period(kind, date(day.year, 1, 1), date(day.year, 12, 31))
    if kind != SEMESTER:
        raise ValueError(f"unknown period kind {kind!r}")
    if day.month <= 6:
        return Period(kind, date(day.year, 1, 1), date(day.year, 6, 30))
    return Period(kind, date(day.year, 7, 1), date(day.year, 12, 31))


def period_starting(start: date, kind: str) -> Period | None:
    """The period that starts on ``start`` (None if no period of ``kind`` starts that day)."""
    period = period_containing(start, kind)
    return period if period.start == start else None


def recent_periods(today: date, kind: str, count: int = 4) -> list[Period]:
    """The period containing ``today`` and the ``count - 1`` before it, newest first."""
    periods = [period_containing(today, kind)]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return periods
