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
