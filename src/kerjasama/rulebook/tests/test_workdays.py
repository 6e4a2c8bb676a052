"""Working days (UU 23/2014 Pasal 1 angka 50): weekends, public holidays and joint leave do not count."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kerjasama.rulebook.settings import RulebookSettings
from kerjasama.rulebook.workdays import WorkingCalendar

CAL = WorkingCalendar()
LEAVE = WorkingCalendar(
    [date(2025, 3, 28), date(2025, 4, 2), date(2025, 4, 3), date(2025, 4, 4), date(2025, 4, 7)]
)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 6, 30))
day_counts = st.integers(min_value=0, max_value=60)


def test_it_skips_weekends_and_public_holidays() -> None:
    assert not CAL.is_working_day(date(2025, 3, 29))  # Saturday (Nyepi)
    assert not CAL.is_working_day(date(2025, 3, 31))  # Idul Fitri
    assert not CAL.is_working_day(date(2025, 12, 25))  # Christmas
    assert CAL.is_working_day(date(2025, 3, 27))
    assert CAL.add_working_days(date(2025, 3, 28), 1) == date(2025, 4, 2)


def test_it_skips_configured_joint_leave_days() -> None:
    assert CAL.is_working_day(date(2025, 3, 28))
    assert not LEAVE.is_working_day(date(2025, 3, 28))
    assert LEAVE.add_working_days(date(2025, 3, 27), 1) == date(2025, 4, 8)


def test_it_can_take_joint_leave_from_the_holidays_library() -> None:
    library = WorkingCalendar.from_settings(RulebookSettings(joint_leave_from_holidays_library=True))
    assert not library.is_working_day(date(2025, 3, 28))
    assert library.add_working_days(date(2025, 3, 27), 1) == date(2025, 4, 8)


def test_it_uses_the_settings_joint_leave() -> None:
    cal = WorkingCalendar.from_settings(RulebookSettings(joint_leave_days=(date(2025, 12, 26),)))
    assert not cal.is_working_day(date(2025, 12, 26))


def test_it_treats_zero_days_as_the_next_working_day_and_refuses_negative_days() -> None:
    assert CAL.add_working_days(date(2025, 3, 27), 0) == date(2025, 3, 27)
    assert CAL.add_working_days(date(2025, 3, 29), 0) == date(2025, 4, 2)
    with pytest.raises(ValueError):
        CAL.add_working_days(date(2025, 3, 27), -1)


@given(dates, day_counts)
def test_it_lands_on_a_working_day_never_before_the_start(start: date, days: int) -> None:
    due = LEAVE.add_working_days(start, days)
    assert LEAVE.is_working_day(due)
    assert due >= start
    if days:
        assert due > start
        assert LEAVE.working_days_between(start, due) == days


@given(dates, st.integers(min_value=0, max_value=20), day_counts)
def test_it_never_moves_a_deadline_earlier_for_a_later_start(start: date, shift: int, days: int) -> None:
    assert CAL.add_working_days(start + timedelta(days=shift), days) >= CAL.add_working_days(start, days)


@given(dates, day_counts, st.integers(min_value=0, max_value=20))
@example(date(2000, 1, 1), 0, 1)
def test_it_never_moves_a_deadline_earlier_for_more_days(start: date, days: int, more: int) -> None:
    assert CAL.add_working_days(start, days + more) >= CAL.add_working_days(start, days)
    # Strictly later only from one working day on: from a Saturday, 0 days (the next working day, Monday) and
    # 1 day (the first working day after Saturday, Monday) are the same date (hypothesis found it).
    if more and days:
        assert CAL.add_working_days(start, days + more) > CAL.add_working_days(start, days)


@given(dates, day_counts)
def test_it_never_counts_fewer_days_with_more_leave(start: date, days: int) -> None:
    assert LEAVE.add_working_days(start, days) >= CAL.add_working_days(start, days)
