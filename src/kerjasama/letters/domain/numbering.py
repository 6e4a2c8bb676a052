"""The letter number (*nomor naskah dinas*) from a pattern.

Permendagri 1/2023 numbers an official letter with the archive classification code (*kode klasifikasi arsip*,
KKA, Permendagri 83/2022), the sequence number in the issuing unit's register for the year, and the unit's
code, in the order and with the separators local rules set (commonly ``000.8.3.3/15/OR``) [U: the order varies
by region]. The pattern is therefore data: ``{kka}``, ``{seq}``, ``{unit}``, ``{year}``, ``{month}`` (1-12) and
``{month_roman}`` (I-XII) are the only fields; anything else is literal text. Pure: no Django.
"""

from __future__ import annotations

import string
from dataclasses import dataclass

from kerjasama.core.errors import KerjasamaError

FIELDS = frozenset({"kka", "seq", "unit", "year", "month", "month_roman"})
#: The pattern must name the sequence: without it two letters of a year would carry the same number.
REQUIRED = frozenset({"seq"})
MAX_PATTERN_LENGTH = 100
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


@dataclass(frozen=True)
class NumberParts:
    kka: str
    seq: int
    unit: str
    year: int
    month: int


def _bad_pattern(pattern: str, reason_id: str, reason_en: str) -> KerjasamaError:
    return KerjasamaError(
        "letters.bad_number_pattern",
        f"Pola nomor surat “{pattern}” tidak dapat dipakai: {reason_id}.",
        f"The letter number pattern “{pattern}” cannot be used: {reason_en}.",
    )


def check_pattern(pattern: str) -> set[str]:
    """The fields ``pattern`` uses; ``KerjasamaError`` (``letters.bad_number_pattern``) when it is unusable."""
    if not pattern.strip() or len(pattern) > MAX_PATTERN_LENGTH:
        raise _bad_pattern(pattern, "kosong atau terlalu panjang", "empty or too long")
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError:
        raise _bad_pattern(pattern, "kurung kurawal tidak berpasangan", "unbalanced braces") from None
    used: set[str] = set()
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in FIELDS or spec or conversion:
            raise _bad_pattern(
                pattern,
                f"kolom {{{name}}} tidak dikenal (yang dikenal: {', '.join(sorted(FIELDS))})",
                f"unknown field {{{name}}} (known: {', '.join(sorted(FIELDS))})",
            )
        used.add(name)
    if not used >= REQUIRED:
        raise _bad_pattern(pattern, "pola harus memuat {seq}", "the pattern must contain {seq}")
    return used


def format_number(pattern: str, parts: NumberParts) -> str:
    """``000.8.3.3/15/OR/2026`` from ``{kka}/{seq}/{unit}/{year}``; empty fields leave no doubled separator."""
    check_pattern(pattern)
    if not 1 <= parts.month <= 12 or parts.seq < 1:
        raise ValueError("month must be 1-12 and seq at least 1")
    text = pattern.format(
        kka=parts.kka.strip(),
        seq=parts.seq,
        unit=parts.unit.strip(),
        year=parts.year,
        month=parts.month,
        month_roman=_ROMAN[parts.month - 1],
    )
    for separator in "/.-":
        while separator * 2 in text:
            text = text.replace(separator * 2, separator)
        text = text.strip(separator)
    return text
