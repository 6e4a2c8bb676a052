"""The due dates of a recurring obligation (``domain.recurrence``): pure, property-tested."""

from __future__ import annotations

import calendar
import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kerjasama.obligations.domain.recurrence import (
    STEP_MONTHS,
    add_months,
    occurrences,
    occurrences_after,
)

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
recurrences = st.sampled_from(sorted(STEP_MONTHS))


def _expected_count(first: date, last: date, recurrence: str) -> int:
    """Counted independently of the generator: whole steps of months between the two dates, less the last
    step when it lands in ``last``'s month after ``last``'s day."""
    if last < first:
        return 0
    step = STEP_MONTHS[recurrence]
    if step == 0:
        return 1
    months = (last.year - first.year) * 12 + (last.month - first.month)
    steps = months // step
    if months % step == 0:
        landing = min(first.day, calendar.monthrange(last.year, last.month)[1])
        if landing > last.day:
            steps -= 1
    return steps + 1


@given(first=days, last=days, recurrence=recurrences)
def test_it_generates_strictly_increasing_dates_within_first_and_last(
    first: date, last: date, recurrence: str
) -> None:
    dates = occurrences(first, last, recurrence)
    assert all(a < b for a, b in itertools.pairwise(dates))
    assert all(first <= d <= last for d in dates)
    assert len(dates) == _expected_count(first, last, recurrence)
    if dates:
        assert dates[0] == first


@given(first=days, n=st.integers(min_value=0, max_value=240))
def test_it_keeps_the_day_of_the_month_or_the_months_last_day(first: date, n: int) -> None:
    moved = add_months(first, n)
    assert (moved.year * 12 + moved.month) - (first.year * 12 + first.month) == n
    assert moved.day == min(first.day, calendar.monthrange(moved.year, moved.month)[1])


def test_it_falls_back_to_the_months_last_day_and_returns() -> None:
    assert occurrences(date(2026, 1, 31), date(2026, 4, 30), "monthly") == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
    ]
    assert occurrences(date(2026, 1, 10), date(2027, 1, 10), "semester") == [
        date(2026, 1, 10),
        date(2026, 7, 10),
        date(2027, 1, 10),
    ]


def test_it_refuses_an_unknown_recurrence() -> None:
    with pytest.raises(ValueError, match="unknown recurrence"):
        occurrences(date(2026, 1, 1), date(2026, 2, 1), "weekly")


@given(first=days, after=st.none() | days, last=days, recurrence=recurrences)
def test_it_continues_a_schedule_after_its_latest_date_as_if_walked_from_the_start(
    first: date, after: date | None, last: date, recurrence: str
) -> None:
    """The daily horizon extension computes only the dates after the latest one (never a gap or a repeat)."""
    expected = [d for d in occurrences(first, last, recurrence) if after is None or d > after]
    assert occurrences_after(first, after, last, recurrence) == expected
