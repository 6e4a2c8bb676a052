"""The import's reading of cells (dates, codes, yes/no), property-tested: every date that exists reads back as
itself in each accepted form, nothing that is not a real date is ever accepted, codes typed as numbers by a
spreadsheet read back with their two decimals."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kerjasama.agreements.imports import MAX_YEAR, MIN_YEAR, _code_list, _date, _flag

DATES = st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(MAX_YEAR, 12, 31))


@given(DATES)
def test_every_real_date_reads_back_in_each_form(day: date) -> None:
    for text in (day.isoformat(), day.strftime("%d/%m/%Y"), day.strftime("%d-%m-%Y")):
        assert _date(text) == day
    assert _date(datetime(day.year, day.month, day.day, 0, 0)) == day


@given(st.text(max_size=20))
def test_a_typed_text_is_a_real_date_or_refused(text: str) -> None:
    try:
        found = _date(text)
    except ValueError:
        return
    assert found is None or MIN_YEAR <= found.year <= MAX_YEAR


@pytest.mark.parametrize(
    "text", ["2023-02-30", "31/04/2024", "2023-13-01", "0001-01-01", "29/02/2023", "besok"]
)
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        _date(text)


@given(st.integers(min_value=11, max_value=99), st.integers(min_value=1, max_value=99))
def test_a_code_turned_into_a_number_keeps_its_two_decimals(province: int, region: int) -> None:
    code = f"{province}.{region:02d}"
    assert _code_list(float(code)) == [code]
    assert _code_list(f" {code} ;{province}") == [code, str(province)]


def test_yes_and_no() -> None:
    assert [_flag(v) for v in ("ya", "Tidak", "", None, True)] == [True, False, None, None, True]
    with pytest.raises(ValueError):
        _flag("mungkin")
