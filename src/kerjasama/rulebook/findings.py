"""Findings: what a rule says about a plan, an agreement or a dispute.

House rule 1 (ARCHITECTURE.md): a rule returns findings, it never raises on a legal violation. A finding
names the rule (``R7``), a severity, a message in Indonesian first and English second, and the legal basis.
``error`` blocks (the plan or step is not lawful as recorded), ``warning`` asks a person to look (the law is
unclear or the point rests on a secondary source), ``info`` explains an outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class Finding:
    """One statement of a rule about its subject."""

    rule: str
    severity: Severity
    message_id: str
    message_en: str
    basis: str

    def to_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message_id": self.message_id,
            "message_en": self.message_en,
            "basis": self.basis,
        }


def has_errors(findings: list[Finding]) -> bool:
    """True when any finding blocks (severity ``error``)."""
    return any(f.severity == "error" for f in findings)
