"""Number and text formatting for reasons: Indonesian first (decimal comma, thousands dot), English second."""

from __future__ import annotations

_TO_ID = str.maketrans(",.", ".,")


def num_en(value: float, digits: int = 1) -> str:
    """``15.8``, ``45``, ``1,234.5``: at most ``digits`` decimals, none when the rounded value is whole."""
    rounded = round(value, digits)
    if rounded == int(rounded):
        return f"{int(rounded):,}"
    return f"{rounded:,.{digits}f}"


def num_id(value: float, digits: int = 1) -> str:
    """``15,8``, ``45``, ``1.234,5``: Indonesian decimal comma and thousands dot."""
    return num_en(value, digits).translate(_TO_ID)


def with_unit(number: str, unit: str) -> str:
    """``45%`` but ``12 tahun``: a percent sign sticks to the number, any other unit is spaced."""
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def shorten(text: str, limit: int = 80) -> str:
    """One line of at most ``limit`` characters, cut at a word with an ellipsis."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def join_id(items: list[str]) -> str:
    """``a``, ``a dan b``, ``a, b, dan c``."""
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} dan {items[1]}"
    return ", ".join(items[:-1]) + f", dan {items[-1]}"


def join_en(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" and {items[-1]}"
