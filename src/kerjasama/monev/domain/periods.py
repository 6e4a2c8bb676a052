"""Monev periods of an agreement in force: contiguous, non-overlapping, aligned to the calendar year.

PP 28/2018 Pasal 44(5) puts the monitoring and evaluation of regional cooperation under the rules on
*pembinaan dan pengawasan* (PP 12/2017; Pasal 24 sets the reporting line, bupati/wali kota → GWPP → Minister)
[V by reference, REGULATIONS.md §1.8]. Neither sets a frequency [U]: the period length is a local-policy
setting (``KERJASAMA_MONEV_PERIOD_MONTHS``, default 6: a semester, January–June and July–December, as Kota Malang
reports to the governor and the Minister; issue 11).

The first period starts on the agreement's ``term_start``; every later period starts on a boundary of the
calendar year divided into periods of ``months`` months; the last period is cut at ``term_end``.
"""

from __future__ import annotations

from datetime import date, timedelta

#: Period lengths that divide a calendar year (so every period lies inside one year).
ALLOWED_MONTHS = (1, 2, 3, 4, 6, 12)


def period_bounds(day: date, months: int) -> tuple[date, date]:
    """The aligned period of ``months`` months that contains ``day`` (first and last day)."""
    if months not in ALLOWED_MONTHS:
        raise ValueError(
            f"period of {months} months does not divide a year; expected one of {ALLOWED_MONTHS}"
        )
    first_month = ((day.month - 1) // months) * months + 1
    start = date(day.year, first_month, 1)
    next_month = first_month + months
    following = date(day.year + 1, 1, 1) if next_month > 12 else date(day.year, next_month, 1)
    return start, following - timedelta(days=1)


def periods_from(
    start: date, until: date, months: int, *, term_end: date | None = None
) -> list[tuple[date, date]]:
    """The periods from ``start`` (the first period's first day) through the one containing ``until``.

    Each is ``(first day, last day)``; together they cover ``start``..``until`` without gap or overlap. The
    first period runs from ``start`` to the end of its aligned period; the last ends at ``term_end`` if that
    comes first. Empty when ``until`` is before ``start`` (or ``term_end`` before ``start``).
    """
    last = until if term_end is None else min(until, term_end)
    out: list[tuple[date, date]] = []
    day = start
    while day <= last:
        _, end = period_bounds(day, months)
        if term_end is not None and end > term_end:
            end = term_end
        out.append((day, end))
        day = end + timedelta(days=1)
    return out


def due_date(period_end: date, due_days: int) -> date:
    """The day a party's self-assessment is due: ``due_days`` calendar days after the period ends [U]."""
    return period_end + timedelta(days=due_days)
