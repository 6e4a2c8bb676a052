"""Working-day arithmetic for deadlines.

UU 23/2014 Pasal 1 angka 50: "Hari adalah hari kerja". A deadline of N days is therefore N working days:
Saturdays, Sundays, Indonesian public holidays (the ``holidays`` package, ``country_holidays("ID")``) and
the configured joint-leave days (*cuti bersama*, ``RulebookSettings.joint_leave_days``) do not count.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

import holidays

from kerjasama.rulebook.settings import RulebookSettings

_SATURDAY = 5


@lru_cache(maxsize=512)
def _national_holidays(year: int, with_joint_leave: bool) -> frozenset[date]:
    categories: tuple[str, ...] = ("public", "government") if with_joint_leave else ("public",)
    return frozenset(holidays.country_holidays("ID", years=year, categories=categories).keys())


class WorkingCalendar:
    """Indonesian working days: weekdays that are neither a public holiday nor a joint-leave day."""

    __slots__ = ("_joint_leave", "_library_joint_leave")

    def __init__(self, joint_leave_days: Iterable[date] = (), *, library_joint_leave: bool = False) -> None:
        self._joint_leave = frozenset(joint_leave_days)
        self._library_joint_leave = library_joint_leave

    @classmethod
    def from_settings(cls, settings: RulebookSettings) -> WorkingCalendar:
        return cls(settings.joint_leave_days, library_joint_leave=settings.joint_leave_from_holidays_library)

    def is_working_day(self, day: date) -> bool:
        if day.weekday() >= _SATURDAY or day in self._joint_leave:
            return False
        return day not in _national_holidays(day.year, self._library_joint_leave)

    def next_working_day(self, day: date) -> date:
        """``day`` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def add_working_days(self, start: date, days: int) -> date:
        """The date ``days`` working days after ``start`` (``start`` itself is not counted).

        ``days == 0`` gives the first working day on or after ``start``. The result is always a working day,
        never before ``start``, and grows (weakly) with both ``start`` and ``days``.
        """
        if days < 0:
            raise ValueError("days must be >= 0")
        if days == 0:
            return self.next_working_day(start)
        day = start
        remaining = days
        while remaining:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; 0 when ``end <= start``."""
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count
