"""Legal parameters of monev that the sources leave open (house rule 1), each a setting with its reason.

Set as ``KERJASAMA_MONEV_<FIELD>`` environment variables (collected into ``settings.KERJASAMA_MONEV``).

- ``period_months`` (default 6, a semester): PP 28/2018 Pasal 44(5) → PP 12/2017 sets the reporting line but
  no frequency [U, REGULATIONS.md §1.8 and R30: "frequency and format: keep configurable"]. Regions such as
  Kota Malang report per semester (issue 11). Local policy; must divide a year (1, 2, 3, 4, 6 or 12).
- ``due_days`` (default 30): how many days after a period ends a party's self-assessment is due [U, local
  policy; no source sets it].
- ``stagnation_months`` (default 12): an agreement in force with no recorded event for this long is flagged
  stagnant (issue 11 item 6) [design choice, not a legal rule].
- ``rating_scale`` (default ``baik:Baik:Good,cukup:Cukup:Fair,kurang:Kurang:Poor``): the evaluation scale
  of the TKKSD and the governor's office, ``value:label id:label en`` separated by commas [U: no source sets a
  scale].
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from kerjasama.monev.domain.periods import ALLOWED_MONTHS

DEFAULT_RATING_SCALE = "baik:Baik:Good,cukup:Cukup:Fair,kurang:Kurang:Poor"


@dataclass(frozen=True)
class Rating:
    value: str
    label_id: str
    label_en: str


@dataclass(frozen=True)
class MonevSettings:
    period_months: int = 6
    due_days: int = 30
    stagnation_months: int = 12
    rating_scale: tuple[Rating, ...] = ()

    def rating(self, value: str) -> Rating | None:
        return next((r for r in self.rating_scale if r.value == value), None)


def parse_scale(text: str) -> tuple[Rating, ...]:
    ratings = []
    for item in text.split(","):
        parts = [p.strip() for p in item.split(":")]
        if len(parts) != 3 or not all(parts):
            raise ValueError(f"KERJASAMA_MONEV_RATING_SCALE: {item!r} is not value:label id:label en")
        ratings.append(Rating(*parts))
    if len({r.value for r in ratings}) != len(ratings):
        raise ValueError("KERJASAMA_MONEV_RATING_SCALE: a value appears twice")
    return tuple(ratings)


def from_mapping(values: Mapping[str, Any]) -> MonevSettings:
    """Settings from environment-style values (strings); a bad value raises ``ValueError``."""
    months = int(values.get("period_months", 6))
    if months not in ALLOWED_MONTHS:
        raise ValueError(f"KERJASAMA_MONEV_PERIOD_MONTHS={months}: expected one of {ALLOWED_MONTHS}")
    due_days = int(values.get("due_days", 30))
    stagnation = int(values.get("stagnation_months", 12))
    if due_days < 0 or stagnation < 1:
        raise ValueError("KERJASAMA_MONEV_DUE_DAYS must be >= 0 and KERJASAMA_MONEV_STAGNATION_MONTHS >= 1")
    return MonevSettings(
        period_months=months,
        due_days=due_days,
        stagnation_months=stagnation,
        rating_scale=parse_scale(str(values.get("rating_scale", DEFAULT_RATING_SCALE))),
    )


def monev_settings() -> MonevSettings:
    return from_mapping(getattr(settings, "KERJASAMA_MONEV", {}) or {})
