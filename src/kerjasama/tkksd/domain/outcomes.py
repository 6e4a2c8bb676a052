"""What a TKKSD decision may say (pure; no Django import, house rule 1).

The TKKSD evaluates proposals (*mengevaluasi usulan*, one of its ten tasks under Permendagri 22/2020 [S:
S-kibar]) and, in the operational workflow, either lets a plan go ahead or sends it back [S: S-yogya]. A
decision approves, returns with reasons or rejects; a return or a rejection states its reasons so that the
proposing unit knows what to change (rulebook R21; the reasons requirement is this system's rule, not a
quoted article).
"""

from __future__ import annotations

APPROVE = "approve"
RETURN = "return"
REJECT = "reject"

OUTCOMES = (APPROVE, RETURN, REJECT)
#: Outcomes that must state their reasons.
NEEDS_REASONS = frozenset({RETURN, REJECT})


def reasons_missing(outcome: str, reasons: str) -> bool:
    """A return or a rejection without a (non-blank) reason."""
    return outcome in NEEDS_REASONS and not (reasons or "").strip()
