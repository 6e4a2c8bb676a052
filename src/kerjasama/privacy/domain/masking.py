"""Masking of the civil-service and population identity numbers (UU 27/2022: NIK and NIP are personal data,
and with a name they identify a person; Pasal 4(3) [U]). Pure: no Django.

``mask_nip`` / ``mask_nik`` keep the first and last few digits so an official can still tell two numbers apart
on an internal screen; ``mask_identifiers`` masks every NIK-like (16 digits) or NIP-like (18 digits) run inside
free text before it leaves for a public page, answer or file.
"""

from __future__ import annotations

import re

#: A NIK has 16 digits (UU 24/2013 jo. 23/2006, Adminduk); a NIP 18 (PP 11/2017 Pasal 1 [U]). Spaces or dots
#: between groups are tolerated in typed text.
_IDENTIFIER = re.compile(r"(?<!\d)(?:\d[\s.]?){15}\d(?:(?:[\s.]?\d){2})?(?!\d)")


def _mask(value: str, *, keep_start: int, keep_end: int) -> str:
    digits = re.sub(r"\D", "", value or "")
    if not digits:
        return ""
    if len(digits) <= keep_start + keep_end:
        return "*" * len(digits)
    hidden = len(digits) - keep_start - keep_end
    return digits[:keep_start] + "*" * hidden + (digits[-keep_end:] if keep_end else "")


def mask_nip(value: str) -> str:
    """``198001012005011001`` → ``1980************01`` (the year of birth stays, nothing that identifies)."""
    return _mask(value, keep_start=4, keep_end=2)


def mask_nik(value: str) -> str:
    """``3471012345678901`` → ``3471**********01`` (the region code stays)."""
    return _mask(value, keep_start=4, keep_end=2)


def mask_identifiers(text: str) -> str:
    """Every 16- or 18-digit run in ``text`` masked (free text an official typed may carry a NIK or NIP)."""

    def replace(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        return mask_nik(digits) if len(digits) == 16 else mask_nip(digits)

    return _IDENTIFIER.sub(replace, text or "")
