"""The Indonesian number parser and formatter (pure: no database)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kerjasama.core.errors import KerjasamaError
from kerjasama.core.numbers import (
    NumberInputError,
    format_number,
    parse_decimal,
    parse_number,
    range_in_words,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0,8", "0.8"),
        ("0.8", "0.8"),
        ("8", "8"),
        (" 12,50 ", "12.50"),
        ("1234,5", "1234.5"),
        ("1.234,5", "1234.5"),
        ("1.234.567", "1234567"),
        ("1.234.567,25", "1234567.25"),
        ("1,234.5", "1234.5"),
        ("0.125", "0.125"),
        ("1234.567", "1234.567"),
        ("-3,5", "-3.5"),
        ("+7", "7"),
        ("1\u00a0234", None),
    ],
)
def test_it_reads_indonesian_and_unambiguous_numbers(text: str, expected: str | None) -> None:
    if expected is None:
        with pytest.raises(NumberInputError):
            parse_decimal(text)
    else:
        assert parse_decimal(text) == Decimal(expected)


def test_it_reads_the_comma_as_the_decimal_mark_never_dropping_it() -> None:
    # Issue 9: "0,8" was stored as 8.0.
    assert parse_number("0,8") == 0.8


@pytest.mark.parametrize("text", ["1.234", "12.500", "999.000", "1,234,567", "-1.234"])
def test_it_refuses_ambiguous_numbers_and_says_how_to_write_them(text: str) -> None:
    with pytest.raises(NumberInputError) as caught:
        parse_number(text)
    assert caught.value.code == "input.ambiguous_number"
    assert "tulis" in caught.value.message_id.lower() and "write" in caught.value.message_en.lower()


@pytest.mark.parametrize(
    "text", ["", " ", "abc", "1e308", "inf", "nan", "0,8,1", "1..2", "1.2.3", "1,2.3,4", ",5", "5,", "--1", "1 000"]
)
def test_it_refuses_what_is_not_a_number(text: str) -> None:
    with pytest.raises(NumberInputError) as caught:
        parse_number(text)
    assert caught.value.code == "input.not_a_number"
    assert isinstance(caught.value, KerjasamaError)
    assert caught.value.message_id and caught.value.message_en


def test_it_refuses_absurdly_long_input_before_any_arithmetic() -> None:
    with pytest.raises(NumberInputError):
        parse_number("9" * 10_000)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.8, "0,8"),
        (8.0, "8"),
        (0.0, "0"),
        (-0.0, "0"),
        (1234.5, "1.234,5"),
        (1234.0, "1234"),
        (250000.0, "250000"),
        (1_250_000.0, "1.250.000"),
        (-1_250_000.5, "-1.250.000,5"),
        (1e-7, "0,0000001"),
    ],
)
def test_it_writes_numbers_the_indonesian_way(value: float, text: str) -> None:
    assert format_number(value) == text


def test_it_rounds_when_asked() -> None:
    assert format_number(2 / 3, decimals=2) == "0,67"
    assert format_number(1234.5678, decimals=1) == "1.234,6"


finite = st.floats(min_value=-1e15, max_value=1e15, allow_nan=False, allow_infinity=False).filter(
    lambda x: x == 0 or abs(x) >= 1e-9
)


@given(finite)
def test_it_reads_back_exactly_what_it_writes(value: float) -> None:
    assert parse_number(format_number(value)) == value


@given(finite, st.integers(min_value=0, max_value=6))
def test_it_reads_back_rounded_display_as_the_rounded_number(value: float, decimals: int) -> None:
    shown = format_number(value, decimals=decimals)
    assert parse_decimal(shown) == round(Decimal(repr(value)), decimals)


@given(finite)
def test_it_never_writes_an_ambiguous_number(value: float) -> None:
    text = format_number(value)
    # Nothing the formatter writes is refused, and nothing it writes has a lone ".ddd" without a comma.
    if "," not in text:
        assert text.count(".") != 1


def test_it_says_a_range_in_words() -> None:
    assert range_in_words(0, 100, "persen", "percent") == (
        "antara 0 dan 100 persen",
        "between 0 and 100 percent",
    )
    assert range_in_words(0, 60_000_000, "jiwa", "people")[0] == "antara 0 dan 60.000.000 jiwa"


@given(st.text(alphabet="0123456789.,+- eE\u00a0abc", max_size=30))
def test_it_answers_any_text_with_a_finite_number_or_a_coded_refusal(text: str) -> None:
    try:
        value = parse_number(text)
    except NumberInputError as refused:
        assert refused.code in {"input.not_a_number", "input.ambiguous_number"}
        assert refused.message_id and refused.message_en
    else:
        assert value == value and abs(value) < 1e41  # finite, bounded by MAX_DIGITS


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_it_refuses_every_lone_thousands_dot(head: int, tail: int) -> None:
    with pytest.raises(NumberInputError) as refused:
        parse_number(f"{head}.{tail:03d}")
    assert refused.value.code == "input.ambiguous_number"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("12500000.50"), "12.500.000,50"),
        (Decimal("12500000.5"), "12.500.000,50"),
        (Decimal("75000003.00"), "75.000.003"),
        (Decimal("0.05"), "0,05"),
        (Decimal("999.999"), "1000"),
        (3, "3"),
    ],
)
def test_it_shows_an_amount_with_its_sen_to_two_places(value: Any, shown: str) -> None:
    """Money on the report and monev pages: "Rp 12.500.000,50", as the official typed it, never ",5"."""
    from kerjasama.core.templatetags.angka import nominal

    assert nominal(value) == shown
