"""``{{ value|angka }}``: a number written the Indonesian way (``core.numbers.format_number``: "0,8",
"1.234,5"), so what a page shows can be typed back into a form and reads the same number."""

from __future__ import annotations

from typing import Any

from django import template

from kerjasama.core.numbers import format_number

register = template.Library()


@register.filter
def angka(value: Any, decimals: Any = None) -> str:
    """``value`` in Indonesian notation; ``decimals`` rounds (``{{ x|angka:1 }}``); ``""`` for no value."""
    if value is None or value == "" or isinstance(value, bool):
        return ""
    try:
        return format_number(value, decimals=None if decimals in (None, "") else int(decimals))
    except (TypeError, ValueError, ArithmeticError):
        return str(value)


@register.filter
def nominal(value: Any) -> str:
    """An amount of money the Indonesian way: sen to two places when there are any ("12.500.000,50", never
    "12.500.000,5"), a whole amount without them; a count (an ``int``) reads as :func:`angka`."""
    text = angka(value, 2)
    whole, comma, fraction = text.partition(",")
    return f"{whole},{fraction:0<2}" if comma else text
