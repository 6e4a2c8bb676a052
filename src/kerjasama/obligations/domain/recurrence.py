"""The due dates of a recurring obligation (*kewajiban berulang*, e.g. a monthly tipping fee).

The regulation sets no schedule: the PKS states it in its clause on rights and obligations (*hak dan
kewajiban*, a PKS content typical of Permendagri 22/2020 [U], REGULATIONS.md section 1.4; UU 23/2014 Pasal
366(2)). The n-th occurrence falls n steps of months after the first due date, on the same day of the month,
or on the month's last day when the month is shorter (a fee due on the 31st falls on 28/29 February and is
back on the 31st in March): each occurrence is computed from the first, never from the previous one, so a
short month does not pull every later date forward. Pure: no Django.
"""

from __future__ import annotations

import calendar
from datetime import date

#: Months between two occurrences, by recurrence; ``once`` has a single occurrence.
STEP_MONTHS: dict[str, int] = {"once": 0, "monthly": 1, "quarterly": 3, "semester": 6, "yearly": 12}

#: A guard against a schedule that would generate without end (at most 100 years of monthly dues).
MAX_OCCURRENCES = 1200


def add_months(start: date, months: int) -> date:
    """``start`` moved ``months`` months on, on the same day or the month's last day if shorter."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def occurrences(first: date, last: date, recurrence: str) -> list[date]:
    """Every due date from ``first`` to ``last`` inclusive (empty when ``last`` is before ``first``)."""
    if recurrence not in STEP_MONTHS:
        raise ValueError(f"unknown recurrence: {recurrence!r}")
    if last < first:
        return []
    step = STEP_MONTHS[recurrence]
    if step == 0:
        return [first]
    dates: list[date] = []
    for n in range(MAX_OCCURRENCES):
        due = add_months(first, n * step)
        if due > last:
            break
        dates.append(due)
    return dates


def occurrences_after(first: date, after: date | None, last: date, recurrence: str) -> list[date]:
    """The due dates of :func:`occurrences` strictly after ``after`` (all of them when ``after`` is None),
    without walking the schedule from the start: a daily run moving ten years of obligations' horizons on
    computes only the new dates."""
    if after is None:
        return occurrences(first, last, recurrence)
    if recurrence not in STEP_MONTHS:
        raise ValueError(f"unknown recurrence: {recurrence!r}")
    step = STEP_MONTHS[recurrence]
    if step == 0 or after >= last:
        return [first] if step == 0 and after < first <= last else []
    months = (after.year - first.year) * 12 + after.month - first.month
    n = max(0, months // step - 1)  # an occurrence at or before ``after`` (days clip to the month's end)
    dates: list[date] = []
    while n < MAX_OCCURRENCES:
        due = add_months(first, n * step)
        if due > last:
            break
        if due > after:
            dates.append(due)
        n += 1
    return dates
