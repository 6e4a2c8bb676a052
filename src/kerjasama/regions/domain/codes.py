"""Kemendagri region codes (REGULATIONS.md R1, R5; Permendagri 58/2021 code rules).

``PP`` is a province, ``PP.KK`` a kabupaten/kota: ``KK`` 01–69 for a kabupaten, 71–99 for a kota.
Pure Python; no Django.
"""

from __future__ import annotations

import re
from typing import Literal

PROVINCE_RE = re.compile(r"^\d{2}$")
KABKOTA_RE = re.compile(r"^\d{2}\.\d{2}$")


def level_of(code: str) -> Literal["provinsi", "kabkota"] | None:
    """``provinsi`` or ``kabkota`` for a well-formed code, None otherwise (R1)."""
    if PROVINCE_RE.match(code):
        return "provinsi"
    if KABKOTA_RE.match(code):
        number = int(code[3:])
        return "kabkota" if 1 <= number <= 69 or 71 <= number <= 99 else None
    return None


def kind_of(code: str) -> Literal["provinsi", "kabupaten", "kota"] | None:
    """The kind a well-formed code implies: ``KK`` 01–69 kabupaten, 71–99 kota (R1)."""
    level = level_of(code)
    if level is None:
        return None
    if level == "provinsi":
        return "provinsi"
    return "kota" if int(code[3:]) >= 71 else "kabupaten"


def province_of(code: str) -> str:
    """The province part of a code (R5: same province ⇔ same first two digits)."""
    return code[:2]


def normalise(code: str) -> str:
    """Accept ``3471`` or `` 34.71 `` and return the dotted form; anything else unchanged (then rejected)."""
    c = code.strip()
    if re.fullmatch(r"\d{4}", c):
        return f"{c[:2]}.{c[2:]}"
    return c
