"""When a deadline reminds whom, and how urgent it is (pure Python, no Django: house rule 1).

A deadline is a due date with lead times in days (e.g. 180/90/30 before the notice date of an agreement). Each
lead gives one reminder on ``due - lead`` (in calendar days, or in Indonesian working days when the item's days
are working days: UU 23/2014 Pasal 1 angka 50 "Hari adalah hari kerja"). An item that first appears when some
of its send dates have already passed gets only the nearest passed lead (one reminder "now"), never a burst
of stale ones; an item already past due gets no new reminder (lateness is the escalation ladder's business).

Classes (issue 11 item 5): ``terlambat`` (past due), ``jatuh tempo ≤ N hari`` (due within the configured N
days, default 30: a local-policy setting, the regulations set none) and ``sesuai jadwal`` (on schedule).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

OVERDUE = "terlambat"
DUE_SOON = "jatuh_tempo"
ON_SCHEDULE = "sesuai_jadwal"

#: Subtracts ``days`` from a date: calendar days, or working days through ``rulebook.workdays``.
Subtract = Callable[[date, int], date]


def calendar_minus(day: date, days: int) -> date:
    return day - timedelta(days=days)


def classify(due: date, today: date, soon_days: int) -> str:
    """``terlambat`` when ``due`` is before ``today``; ``jatuh_tempo`` within ``soon_days``; else on schedule."""
    if due < today:
        return OVERDUE
    if (due - today).days <= soon_days:
        return DUE_SOON
    return ON_SCHEDULE


def reminder_dates(
    due: date, leads: Iterable[int], today: date, subtract: Subtract = calendar_minus
) -> dict[int, date]:
    """The reminders to keep for a deadline on ``today``: lead -> send date.

    Leads whose send date is still ahead are all kept; of those already passed only the smallest is kept
    (the reminder that is due now); nothing when ``due`` is already past.
    """
    if due < today:
        return {}
    planned: dict[int, date] = {}
    passed: list[tuple[int, date]] = []
    for lead in sorted({int(x) for x in leads if int(x) >= 0}):
        send_on = subtract(due, lead)
        if send_on > today:
            planned[lead] = send_on
        else:
            passed.append((lead, send_on))
    if passed:
        lead, send_on = min(passed)
        planned[lead] = send_on
    return planned


def overdue_dates(due: date, steps: Iterable[int], today: date) -> dict[int, date]:
    """The overdue reminder to keep for a deadline already past on ``today``: step -> send date.

    ``steps`` are days after ``due`` (a ladder: the owner first, an escalation later); of the steps already
    reached only the latest is kept (the rung the item stands on now, never a burst of stale ones); nothing
    before the first step is reached, nothing while ``due`` is not past.
    """
    if due >= today:
        return {}
    reached = [(n, due + timedelta(days=n)) for n in sorted({int(x) for x in steps if int(x) > 0})]
    reached = [(n, day) for n, day in reached if day <= today]
    if not reached:
        return {}
    step, send_on = reached[-1]
    return {step: send_on}
