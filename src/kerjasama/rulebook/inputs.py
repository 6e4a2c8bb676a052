"""Bad input to the rulebook: one coded error and the party checks every entry point shares.

A wrong region code or a party named twice is bad input, not a legal finding: the rulebook raises a
``RulebookInputError`` (a ``ValueError``) with a stable ``code``, a message in Indonesian and English and
the offending field, so the CLI and the API report it without validating the input a second time.
``PlanInputError`` (plan checks) and ``DisputeInputError`` (who settles a dispute) are its two kinds.
"""

from __future__ import annotations

from collections.abc import Sequence

from kerjasama.rulebook.facts import code_level
from kerjasama.rulebook.reference import ReferenceData


class RulebookInputError(ValueError):
    """Bad input: a stable ``code`` (``input.*``), the messages, the offending field (or None)."""

    def __init__(self, code: str, message_id: str, message_en: str, field: str | None = None) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message_id = message_id
        self.message_en = message_en
        self.field = field

    def to_dict(self) -> dict[str, str | None]:
        return {
            "code": self.code,
            "message_id": self.message_id,
            "message_en": self.message_en,
            "field": self.field,
        }


def check_party_codes(
    parties: Sequence[str],
    ref: ReferenceData,
    *,
    error: type[RulebookInputError] = RulebookInputError,
    field: str = "parties",
) -> tuple[str, ...]:
    """The parties as given, once each checked: every code has the ``dd``/``dd.dd`` shape (R1), none is
    listed twice, every one is registered (Kepmendagri 300.2.2-2138/2025). Raises ``error``:
    ``input.malformed_region_code``, ``input.duplicate_party`` or ``input.unknown_region``."""
    for code in parties:
        if code_level(code) is None:
            raise error(
                "input.malformed_region_code",
                f"Kode wilayah {code!r} tidak berbentuk dd atau dd.dd.",
                f"Region code {code!r} is not of the form dd or dd.dd.",
                field,
            )
    seen: set[str] = set()
    for code in parties:
        if code in seen:
            raise error(
                "input.duplicate_party",
                f"Daerah {code} tercantum lebih dari sekali.",
                f"Region {code} is listed more than once.",
                field,
            )
        seen.add(code)
    for code in parties:
        if ref.region(code) is None:
            raise error(
                "input.unknown_region",
                f"Kode wilayah {code} tidak terdaftar (Kepmendagri 300.2.2-2138/2025).",
                f"Region code {code} is not registered (Kepmendagri 300.2.2-2138/2025).",
                field,
            )
    return tuple(parties)
