"""The rule catalogue: what a legal officer audits.

``catalogue(settings)`` lists every rule R1-R34 with its titles, legal basis, confidence (verbatim from
REGULATIONS.md section 5), the subjects it checks and the settings it reads with their current values.
"""

from __future__ import annotations

from typing import Any

from kerjasama.rulebook.rules import RULES
from kerjasama.rulebook.settings import RulebookSettings


def catalogue(settings: RulebookSettings | None = None) -> list[dict[str, Any]]:
    """Every rule in numeric order, as plain JSON-ready dicts."""
    values = (settings or RulebookSettings()).to_dict()
    return [
        {
            "id": rule.info.id,
            "title_id": rule.info.title_id,
            "title_en": rule.info.title_en,
            "basis": rule.info.basis,
            "confidence": rule.info.confidence,
            "subjects": sorted(t.__name__ for t in rule.checks),
            "parameters": {name: values[name] for name in rule.info.parameters},
        }
        for rule in RULES
    ]
