"""Monev periods (pure domain): contiguous, non-overlapping, aligned, covering term_start..today (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kerjasama.monev.domain.periods import ALLOWED_MONTHS, due_date, period_bounds, periods_from

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2045, 12, 31))


@given(start=days, span=st.integers(0, 4000), months=st.sampled_from(ALLOWED_MONTHS))
def test_it_covers_start_to_today_without_gap_or_overlap(start: date, span: int, months: int) -> None:
    until = start + timedelta(days=span)
    periods = periods_from(start, until, months)
    assert periods[0][0] == start
    assert periods[-1][0] <= until <= periods[-1][1]
    for (a_start, a_end), (b_start, _b_end) in pairwise(periods):
        assert a_start <= a_end
        assert b_start == a_end + timedelta(days=1)  # contiguous, no overlap
    for first, last in periods:
        aligned_start, aligned_end = period_bounds(first, months)
        assert aligned_start <= first and last == aligned_end  # inside one aligned period, ends on its end
        assert first.year == last.year


@given(
    start=days, span=st.integers(0, 4000), term=st.integers(0, 4000), months=st.sampled_from(ALLOWED_MONTHS)
)
def test_it_stops_at_the_end_of_the_term(start: date, span: int, term: int, months: int) -> None:
    until, term_end = start + timedelta(days=span), start + timedelta(days=term)
    periods = periods_from(start, until, months, term_end=term_end)
    assert all(last <= term_end for _first, last in periods)
    assert periods[-1][0] <= min(until, term_end) <= periods[-1][1]


@given(
    start=days, cut=st.integers(1, 3000), span=st.integers(0, 3000), months=st.sampled_from(ALLOWED_MONTHS)
)
def test_generating_later_continues_the_same_periods(start: date, cut: int, span: int, months: int) -> None:
    """Generating up to one day, then from the day after the last period to a later day, gives the same periods
    as generating to the later day at once (what ``services.generate_periods`` relies on)."""
    early = start + timedelta(days=cut)
    late = early + timedelta(days=span)
    first_part = periods_from(start, early, months)
    rest = periods_from(first_part[-1][1] + timedelta(days=1), late, months)
    whole = periods_from(start, late, months)
    assert first_part + rest == whole


def test_the_default_semester_is_january_june_and_july_december() -> None:
    assert periods_from(date(2025, 3, 1), date(2026, 1, 5), 6) == [
        (date(2025, 3, 1), date(2025, 6, 30)),
        (date(2025, 7, 1), date(2025, 12, 31)),
        (date(2026, 1, 1), date(2026, 6, 30)),
    ]
    assert due_date(date(2025, 6, 30), 30) == date(2025, 7, 30)


def test_it_refuses_a_period_that_does_not_divide_a_year() -> None:
    with pytest.raises(ValueError, match="divide"):
        period_bounds(date(2025, 1, 1), 5)


@pytest.mark.parametrize(
    "values",
    [{"period_months": "5"}, {"due_days": "-1"}, {"stagnation_months": "0"}, {"rating_scale": "baik:Baik"}],
)
def test_it_refuses_settings_the_system_cannot_use(values: dict[str, str]) -> None:
    from kerjasama.monev.conf import from_mapping

    with pytest.raises(ValueError, match="KERJASAMA_MONEV"):
        from_mapping(values)


def test_the_system_check_reports_a_bad_setting() -> None:
    from django.test import override_settings

    from kerjasama.monev.checks import monev_settings_parse

    assert monev_settings_parse(None) == []
    with override_settings(KERJASAMA_MONEV={"period_months": "5"}):
        assert [e.id for e in monev_settings_parse(None)] == ["kerjasama.monev.E001"]
