"""The pure planning rules: which reminders a deadline keeps on a day, and its class (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kerjasama.deadlines.domain.planning import (
    DUE_SOON,
    ON_SCHEDULE,
    OVERDUE,
    classify,
    overdue_dates,
    reminder_dates,
)

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31))
leads = st.lists(st.integers(min_value=0, max_value=400), min_size=0, max_size=6)


@given(due=days, today=days, leads=leads)
def test_it_keeps_every_future_lead_and_only_the_nearest_passed_one(
    due: date, today: date, leads: list[int]
) -> None:
    planned = reminder_dates(due, leads, today)
    if due < today:
        assert planned == {}
        return
    assert set(planned) <= set(leads)
    assert all(send_on == due - timedelta(days=lead) for lead, send_on in planned.items())
    passed = [lead for lead, send_on in planned.items() if send_on <= today]
    assert len(passed) <= 1
    if passed:
        # The one kept is the smallest lead already passed: never a burst of stale reminders.
        assert passed[0] == min(lead for lead in leads if due - timedelta(days=lead) <= today)
    assert {lead for lead in leads if due - timedelta(days=lead) > today} <= set(planned)


@given(due=days, today=days, leads=leads)
def test_it_plans_the_same_reminders_when_asked_twice(due: date, today: date, leads: list[int]) -> None:
    assert reminder_dates(due, leads, today) == reminder_dates(due, list(reversed(leads)), today)


def test_it_classifies_overdue_due_soon_and_on_schedule() -> None:
    today = date(2027, 6, 1)
    assert classify(date(2027, 5, 31), today, 30) == OVERDUE
    assert classify(today, today, 30) == DUE_SOON
    assert classify(date(2027, 7, 1), today, 30) == DUE_SOON
    assert classify(date(2027, 7, 2), today, 30) == ON_SCHEDULE


@given(due=days, today=days, steps=st.lists(st.integers(min_value=-5, max_value=400), max_size=5))
def test_it_keeps_only_the_latest_overdue_step_reached(due: date, today: date, steps: list[int]) -> None:
    planned = overdue_dates(due, steps, today)
    reached = [n for n in steps if n > 0 and due + timedelta(days=n) <= today]
    if due >= today or not reached:
        assert planned == {}
        return
    assert planned == {max(reached): due + timedelta(days=max(reached))}
