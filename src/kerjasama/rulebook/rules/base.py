"""The shape of a rule: metadata a legal officer can audit, plus its checks per subject type."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kerjasama.rulebook.findings import Finding, Severity
from kerjasama.rulebook.reference import ReferenceData
from kerjasama.rulebook.settings import RulebookSettings


@dataclass(frozen=True, slots=True)
class RuleContext:
    """What every check may read besides its subject."""

    ref: ReferenceData
    settings: RulebookSettings


# A check takes its subject (Plan, AgreementState, ...) and the context, and returns findings.
Check = Callable[[Any, RuleContext], list[Finding]]


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """Identity of a rule of REGULATIONS.md section 5: id, titles, legal basis, confidence, parameters.

    ``confidence`` is the table's cell verbatim (e.g. ``"H / M (DKI)"``). ``parameters`` name the
    ``RulebookSettings`` fields the rule reads.
    """

    id: str
    title_id: str
    title_en: str
    basis: str
    confidence: str
    parameters: tuple[str, ...] = ()

    def finding(
        self, severity: Severity, message_id: str, message_en: str, basis: str | None = None
    ) -> Finding:
        return Finding(self.id, severity, message_id, message_en, basis or self.basis)

    def error(self, message_id: str, message_en: str, basis: str | None = None) -> Finding:
        return self.finding("error", message_id, message_en, basis)

    def warning(self, message_id: str, message_en: str, basis: str | None = None) -> Finding:
        return self.finding("warning", message_id, message_en, basis)

    def info(self, message_id: str, message_en: str, basis: str | None = None) -> Finding:
        return self.finding("info", message_id, message_en, basis)


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule and its checks, keyed by the subject type each check accepts."""

    info: RuleInfo
    checks: Mapping[type, Check] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def number(self) -> int:
        return int(self.info.id[1:])


def codes_text(codes: list[str] | tuple[str, ...] | frozenset[str] | set[str]) -> str:
    """Codes in a stable order for messages, so the order of parties never changes a message."""
    return ", ".join(sorted(codes))
