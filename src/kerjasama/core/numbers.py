"""Numbers as Indonesian officials type and read them: "." groups thousands, "," marks the decimals.

One parser and one formatter for every number a person types (forms, the XLSX import, the API when it gets a
string), so "0,8" is 0.8 everywhere and never 8 (issue 9: an ``<input type=number>`` dropped the comma and
stored 8.0). Pure: no Django, so ``domain/`` packages may use it too.

The rule (written in ``docs/data-entry.md``):

* ``,`` is the decimal mark, ``.`` groups thousands (the Indonesian convention, PUEBI): ``0,8``, ``1234,5``,
  ``1.234,5``, ``1.234.567``.
* ``.`` alone is also read as the decimal mark where it cannot be a thousands separator: ``0.8``, ``12.50``,
  ``0.125`` (a thousands group never follows a lone ``0``), and English ``1,234.5`` (both marks: the last one
  is the decimal mark, and the other must group exactly three digits).
* Refused as **ambiguous**: one ``.`` followed by exactly three digits after 1–3 digits (``1.234``: 1234 in
  Indonesian, 1.234 in English) and several ``,`` (``1,234,567``). The message says how to write it.
* Refused as **not a number**: anything but digits, one sign, the two marks, surrounding spaces; exponents,
  ``inf``, ``nan``; more than ``MAX_DIGITS`` digits.

The formatter writes the Indonesian form and never writes an ambiguous one: an integer from 1.000 to 999.999
is written without the thousands dot (``250000``), others with it (``1.234,5``, ``1.250.000``), so whatever a
page shows can be typed back and reads the same number (``parse_number(format_number(x)) == x``).
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

from kerjasama.core.errors import KerjasamaError

#: More digits than any statistic needs; longer input is refused before any arithmetic.
MAX_DIGITS = 40

_SIGN = r"[+-]?"
_PLAIN = re.compile(rf"^{_SIGN}\d+$")
_COMMA_DECIMAL = re.compile(rf"^{_SIGN}(\d{{1,3}}(?:\.\d{{3}})+|\d+),(\d+)$")  # 1.234,5 / 1234,5 / 0,8
_DOT_GROUPS = re.compile(rf"^{_SIGN}\d{{1,3}}(?:\.\d{{3}}){{2,}}$")  # 1.234.567
_DOT_DECIMAL = re.compile(rf"^{_SIGN}(\d+)\.(\d+)$")  # 0.8 / 12.50 (not 1.234: see below)
_ENGLISH = re.compile(rf"^{_SIGN}\d{{1,3}}(?:,\d{{3}})+\.(\d+)$")  # 1,234.5
_AMBIGUOUS_DOT = re.compile(rf"^{_SIGN}[1-9]\d{{0,2}}\.\d{{3}}$")  # 1.234


class NumberInputError(KerjasamaError):
    """A typed number that is not a number, or could be read two ways."""


def _not_a_number(text: str) -> NumberInputError:
    return NumberInputError(
        "input.not_a_number",
        f"“{text}” bukan angka; tulis misalnya 0,8 atau 1.234,5 (koma untuk desimal).",
        f"“{text}” is not a number; write e.g. 0,8 or 1.234,5 (comma for the decimals).",
    )


def _ambiguous(text: str) -> NumberInputError:
    plain = text.strip().replace(".", "")
    decimal = text.strip().replace(".", ",")
    return NumberInputError(
        "input.ambiguous_number",
        f"“{text.strip()}” dapat dibaca dua cara; tulis {plain} (tanpa titik ribuan) atau {decimal} "
        "(koma untuk desimal).",
        f"“{text.strip()}” can be read two ways; write {plain} (no thousands dot) or {decimal} "
        "(comma for the decimals).",
    )


def parse_decimal(text: str) -> Decimal:
    """The exact number ``text`` writes, by the rule above; ``NumberInputError`` when it is not one."""
    raw = text.strip()
    if not raw or sum(c.isdigit() for c in raw) > MAX_DIGITS or len(raw) > 2 * MAX_DIGITS:
        raise _not_a_number(text)
    if _PLAIN.match(raw):
        canonical = raw
    elif _COMMA_DECIMAL.match(raw):
        canonical = raw.replace(".", "").replace(",", ".")
    elif _DOT_GROUPS.match(raw):
        canonical = raw.replace(".", "")
    elif _AMBIGUOUS_DOT.match(raw):
        raise _ambiguous(text)
    elif _DOT_DECIMAL.match(raw):
        canonical = raw
    elif _ENGLISH.match(raw):
        canonical = raw.replace(",", "")
    elif raw.count(",") > 1 and re.match(rf"^{_SIGN}\d{{1,3}}(?:,\d{{3}})+$", raw):
        raise _ambiguous_commas(text)
    else:
        raise _not_a_number(text)
    try:
        return Decimal(canonical)
    except InvalidOperation as exc:  # the patterns above admit only digits, one sign and one "."
        raise _not_a_number(text) from exc


def _ambiguous_commas(text: str) -> NumberInputError:
    return NumberInputError(
        "input.ambiguous_number",
        f"“{text.strip()}” memakai koma sebagai pemisah ribuan; dalam bahasa Indonesia koma menandai desimal. "
        f"Tulis {text.strip().replace(',', '.')} atau {text.strip().replace(',', '')}.",
        f"“{text.strip()}” uses commas to group thousands; in Indonesian a comma marks the decimals. "
        f"Write {text.strip().replace(',', '.')} or {text.strip().replace(',', '')}.",
    )


def parse_number(text: str) -> float:
    """``parse_decimal`` as the float the database stores (every accepted input is finite)."""
    value = float(parse_decimal(text))
    if not math.isfinite(value):  # pragma: no cover - MAX_DIGITS keeps every value finite
        raise _not_a_number(text)
    return value


def format_number(value: float | int | Decimal, *, decimals: int | None = None) -> str:
    """``value`` written the Indonesian way, exactly (the shortest digits that read back as the same float),
    or rounded to ``decimals`` places when given; never in an ambiguous form (see the module docstring)."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value!r}")
        number = Decimal(repr(value))
    else:
        number = Decimal(value)
    if decimals is not None:
        number = round(number, decimals)
    sign = "-" if number < 0 else ""
    digits = format(abs(number), "f")
    whole, _, fraction = digits.partition(".")
    fraction = fraction.rstrip("0")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    # "1.234" would be ambiguous: an integer below a million is written without the dot.
    grouped = "".join(groups) if not fraction and len(groups) == 2 else ".".join(groups)
    text = f"{grouped},{fraction}" if fraction else grouped
    return "0" if text == "0" else sign + text


def range_in_words(low: float, high: float, unit_words_id: str, unit_words_en: str) -> tuple[str, str]:
    """"antara 0 dan 100 persen" / "between 0 and 100 percent": a plausible range as people say it."""
    lo, hi = format_number(low), format_number(high)
    return (
        f"antara {lo} dan {hi} {unit_words_id}".strip(),
        f"between {lo} and {hi} {unit_words_en}".strip(),
    )
