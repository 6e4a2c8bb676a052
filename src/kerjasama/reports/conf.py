"""Legal parameters of the periodic report upward that the sources leave open (house rule 1).

PP 28/2018 Pasal 44(5) puts the monitoring of regional cooperation under PP 12/2017, whose Pasal 24 sends the
reports from the bupati/wali kota to the governor as central government's representative (GWPP) and from the
governor to the Minister [V by reference, REGULATIONS.md §1.8, R30]. Neither sets a frequency or a format [U]:

- ``KERJASAMA_REPORT_PERIOD`` (default ``semester``; or ``tahunan``): how often a region reports. Regions such as
  Kota Malang report per semester (issue 11) [U, local policy].
- ``KERJASAMA_REPORT_DUE_DAYS`` (default 30): days after the period ends by which the report is due [U, local
  policy; no source sets it].
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from kerjasama.reports.domain.periods import PERIOD_KINDS


@dataclass(frozen=True)
class ReportSettings:
    period: str = "semester"
    due_days: int = 30


def from_values(period: object, due_days: object) -> ReportSettings:
    """Settings from environment-style values; a bad value raises ``ValueError``."""
    kind = str(period or "semester").strip().lower()
    if kind not in PERIOD_KINDS:
        raise ValueError(f"KERJASAMA_REPORT_PERIOD={kind!r}: expected one of {PERIOD_KINDS}")
    days = int(str(due_days if due_days not in (None, "") else 30))
    if days < 0:
        raise ValueError("KERJASAMA_REPORT_DUE_DAYS must be >= 0")
    return ReportSettings(period=kind, due_days=days)


def report_settings() -> ReportSettings:
    return from_values(
        getattr(settings, "KERJASAMA_REPORT_PERIOD", "semester"),
        getattr(settings, "KERJASAMA_REPORT_DUE_DAYS", 30),
    )
