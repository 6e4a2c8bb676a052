"""The pure rules of decree periods and decision outcomes (hypothesis where invariants exist)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kerjasama.tkksd.domain.outcomes import APPROVE, REJECT, RETURN, reasons_missing
from kerjasama.tkksd.domain.periods import in_force, overlaps, valid_period

days = st.dates(min_value=date(2015, 1, 1), max_value=date(2040, 12, 31))
ends = st.one_of(st.none(), days)


def _period(start: date, end: date | None) -> tuple[date, date | None]:
    return (start, end) if end is None or end >= start else (end, start)


@given(days, ends, days, ends)
def test_it_finds_overlap_symmetric(a1: date, a2: date | None, b1: date, b2: date | None) -> None:
    a, b = _period(a1, a2), _period(b1, b2)
    assert overlaps(*a, *b) == overlaps(*b, *a)


@given(days, ends, days, ends, days)
def test_it_says_two_periods_in_force_on_one_day_overlap(
    a1: date, a2: date | None, b1: date, b2: date | None, on: date
) -> None:
    a, b = _period(a1, a2), _period(b1, b2)
    if in_force(*a, on) and in_force(*b, on):
        assert overlaps(*a, *b)


@given(days, ends, days, ends)
def test_it_finds_a_shared_day_whenever_periods_overlap(
    a1: date, a2: date | None, b1: date, b2: date | None
) -> None:
    a, b = _period(a1, a2), _period(b1, b2)
    if overlaps(*a, *b):
        shared = max(a[0], b[0])
        assert in_force(*a, shared) and in_force(*b, shared)


def test_it_counts_both_ends_of_a_period() -> None:
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    assert in_force(start, end, start) and in_force(start, end, end)
    assert not in_force(start, end, end + timedelta(days=1))
    assert not in_force(start, end, start - timedelta(days=1))
    assert in_force(start, None, date(2040, 1, 1))
    # a per-year decree and the next year's do not overlap; two open ones always do
    assert not overlaps(start, end, date(2027, 1, 1), date(2027, 12, 31))
    assert overlaps(start, None, date(2030, 1, 1), None)


def test_it_requires_an_end_not_before_the_start() -> None:
    assert valid_period(date(2026, 1, 1), None)
    assert valid_period(date(2026, 1, 1), date(2026, 1, 1))
    assert not valid_period(date(2026, 1, 2), date(2026, 1, 1))


@given(st.text())
def test_it_requires_reasons_to_return_or_reject_but_not_to_approve(text: str) -> None:
    assert not reasons_missing(APPROVE, text)
    for outcome in (RETURN, REJECT):
        assert reasons_missing(outcome, text) == (text.strip() == "")


def test_the_domain_imports_no_django() -> None:
    import ast
    from pathlib import Path

    import kerjasama.tkksd.domain as domain

    for path in Path(domain.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not any(n.split(".")[0] == "django" for n in names), path
