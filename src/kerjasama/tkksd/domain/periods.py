"""When a TKKSD decree is in force (pure; no Django import, house rule 1).

A TKKSD (*Tim Koordinasi Kerja Sama Daerah*) is formed by the head of region, in practice by decree
(*Keputusan Kepala Daerah*) [S: S-kukar, S-yogya; Permendagri 22/2020, TKKSD article not read; rulebook R21].
Some regions form it for an open period (Kota Yogyakarta, Keputusan Walikota No. 55 Tahun 2020 [S]), others per
year (Kabupaten Toba, "Tahun 2021" [S: S-toba]). A decree is in force from its ``start`` to its ``end``, both
days included; ``end = None`` means until it is ended (replaced or revoked).
"""

from __future__ import annotations

from datetime import date


def in_force(start: date, end: date | None, on: date) -> bool:
    """Whether a decree whose period runs from ``start`` to ``end`` (inclusive; ``None``: open) is in force ``on``."""
    return start <= on and (end is None or on <= end)


def overlaps(start_a: date, end_a: date | None, start_b: date, end_b: date | None) -> bool:
    """Whether two inclusive periods (``None`` end: open) share at least one day."""
    a_before_b_ends = end_b is None or start_a <= end_b
    b_before_a_ends = end_a is None or start_b <= end_a
    return a_before_b_ends and b_before_a_ends


def valid_period(start: date, end: date | None) -> bool:
    """A period ends on or after the day it starts."""
    return end is None or start <= end
