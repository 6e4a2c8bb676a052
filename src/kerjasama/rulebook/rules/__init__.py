"""The rules R1-R34 of REGULATIONS.md section 5 (R1-R31, then R32, R33 and R34, added in later passes).

``RULES`` holds every rule in numeric order; ``run(subject, ctx)`` runs every check registered for the
subject's type (a ``Plan``, an ``AgreementState``, a ``DisputeCase``, a ``TakeoverCase``, a
``ForeignCooperationState``, the ``ReferenceData`` itself or the ``RulebookSettings``). The dispatch table is
built once at import so a check costs only the checks themselves.
"""

from __future__ import annotations

from typing import Any

from kerjasama.rulebook.findings import Finding
from kerjasama.rulebook.rules import closing, objects, parties, procedure
from kerjasama.rulebook.rules.base import Check, Rule, RuleContext, RuleInfo

RULES: tuple[Rule, ...] = tuple(
    sorted((*parties.RULES, *objects.RULES, *procedure.RULES, *closing.RULES), key=lambda r: r.number)
)
RULES_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}

_DISPATCH: dict[type, tuple[Check, ...]] = {}
for _rule in RULES:
    for _subject, _check in _rule.checks.items():
        _DISPATCH[_subject] = (*_DISPATCH.get(_subject, ()), _check)


def checks_for(subject_type: type) -> tuple[Check, ...]:
    return _DISPATCH.get(subject_type, ())


def run(subject: Any, ctx: RuleContext) -> list[Finding]:
    """Every finding of every rule registered for ``type(subject)``, in rule order."""
    findings: list[Finding] = []
    for check in _DISPATCH.get(type(subject), ()):
        findings.extend(check(subject, ctx))
    return findings


def run_rule(rule_id: str, subject: Any, ctx: RuleContext) -> list[Finding]:
    """The findings of one rule for a subject (empty when the rule has no check for that subject type)."""
    check = RULES_BY_ID[rule_id].checks.get(type(subject))
    return check(subject, ctx) if check is not None else []


__all__ = ["RULES", "RULES_BY_ID", "Rule", "RuleContext", "RuleInfo", "checks_for", "run", "run_rule"]
