"""Retention rules tied to a record's archive retention class (JRA): after the record closes, how many years its
personal data are kept and what ends the processing (UU 27/2022 Pasal 43-44: erase or destroy when the retention
period ends [U]; the JRA itself: UU 43/2009 on archives and each region's JRA [U]). Pure.

A rule is written ``CLASS=YEARS:ACTION`` (``ACTION`` is ``anonymise`` or ``erase``); ``*`` is the rule for every
class not listed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kerjasama.core.errors import KerjasamaError

ACTIONS = ("anonymise", "erase")
ANY_CLASS = "*"


@dataclass(frozen=True)
class RetentionRuleFact:
    retention_class: str
    years: int
    action: str

    def describe(self) -> str:
        return f"{self.retention_class}={self.years}:{self.action}"


def parse_rules(entries: Iterable[str]) -> dict[str, RetentionRuleFact]:
    rules: dict[str, RetentionRuleFact] = {}
    for raw in entries:
        entry = raw.strip()
        if not entry:
            continue
        cls, sep, rest = entry.rpartition("=")
        years_text, sep2, action = rest.partition(":")
        if not sep or not sep2 or not years_text.strip().isdigit() or action.strip() not in ACTIONS:
            raise KerjasamaError(
                "privacy.bad_retention_rule",
                f"Aturan retensi tidak sah: {entry!r} (format KELAS=TAHUN:anonymise|erase).",
                f"Invalid retention rule: {entry!r} (format CLASS=YEARS:anonymise|erase).",
            )
        rule = RetentionRuleFact(cls.strip(), int(years_text), action.strip())
        rules[rule.retention_class] = rule
    return rules


def rule_for(rules: dict[str, RetentionRuleFact], retention_class: str) -> RetentionRuleFact | None:
    return rules.get(retention_class.strip()) or rules.get(ANY_CLASS)


def end_of_retention(closed_on: date, years: int) -> date:
    """The day the retention ends: ``years`` after the record closed (29 February → 28 February)."""
    try:
        return closed_on.replace(year=closed_on.year + years)
    except ValueError:
        return closed_on.replace(year=closed_on.year + years, day=28)


def is_due(*, closed_on: date | None, rule: RetentionRuleFact | None, today: date) -> bool:
    return bool(
        closed_on is not None and rule is not None and end_of_retention(closed_on, rule.years) <= today
    )
