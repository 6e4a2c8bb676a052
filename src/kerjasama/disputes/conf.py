"""Settings of the early warning: ``KERJASAMA_RISK_<NAME>`` environment variables, collected into
``settings.KERJASAMA_RISK`` and parsed by the pure :class:`~kerjasama.disputes.domain.config.RiskConfig`.

No regulation sets these (UU 23/2014 Pasal 370 and PP 28/2018 Pasal 8, 21 only say who settles a dispute):
they are the system's documented heuristics, each with a default (``config_reference()``, docs/risk.md and
.env.example). Examples: ``KERJASAMA_RISK_WEIGHT_PAYMENT_LATE=0.5``, ``KERJASAMA_RISK_DISABLED=stagnation``,
``KERJASAMA_RISK_STAGNATION_MONTHS=12``, ``KERJASAMA_RISK_EXPIRY_MONTHS=9``. A bad value fails loudly
(``ValueError`` naming the variable) rather than silently falling back.
"""

from __future__ import annotations

from django.conf import settings

from kerjasama.disputes.domain.config import RiskConfig


def risk_config() -> RiskConfig:
    """The configuration in force: the environment's values over the documented defaults."""
    return RiskConfig.from_mapping(getattr(settings, "KERJASAMA_RISK", {}) or {})


def max_rounds() -> int:
    """Deliberation rounds allowed before the case must go on (``KERJASAMA_DISPUTE_MAX_ROUNDS``, default 3).
    No regulation sets it (UU 23/2014 Pasal 370; PP 28/2018 Pasal 8, 21) [U]."""
    return max(1, int(getattr(settings, "KERJASAMA_DISPUTE_MAX_ROUNDS", 3)))


def deliberation_days() -> int:
    """Days from the screening within which the deliberation runs (``KERJASAMA_DISPUTE_DELIBERATION_DAYS``,
    default 60). No regulation sets it [U]."""
    return max(1, int(getattr(settings, "KERJASAMA_DISPUTE_DELIBERATION_DAYS", 60)))


def facilitation_days() -> int:
    """Days from the failed deliberation within which the resolver facilitates
    (``KERJASAMA_DISPUTE_FACILITATION_DAYS``, default 60). UU 23/2014 Pasal 370 and PP 28/2018 Pasal 8 set no
    time limit [U]."""
    return max(1, int(getattr(settings, "KERJASAMA_DISPUTE_FACILITATION_DAYS", 60)))


def decision_days() -> int:
    """Days from the end of facilitation within which the resolver decides (``KERJASAMA_DISPUTE_DECISION_DAYS``,
    default 30). No regulation sets it [U]."""
    return max(1, int(getattr(settings, "KERJASAMA_DISPUTE_DECISION_DAYS", 30)))


def escalation_days() -> int:
    """Days after the first escalation of an overdue step (to the resolver) before it goes to the next level,
    the governor's office to the ministry (``KERJASAMA_DISPUTE_ESCALATION_DAYS``, default 14; the escalation
    mirrors Pasal 370(3) and Pasal 92, the Minister taking over where the governor does not act; the days are
    the system's [U])."""
    return max(1, int(getattr(settings, "KERJASAMA_DISPUTE_ESCALATION_DAYS", 14)))


def reminder_leads() -> tuple[int, ...]:
    """Days before a step's due date on which its owners are reminded (``KERJASAMA_DISPUTE_REMINDER_LEADS``,
    comma-separated, default ``7,1``) [U]."""
    raw = getattr(settings, "KERJASAMA_DISPUTE_REMINDER_LEADS", "7,1")
    values = raw if isinstance(raw, (list, tuple)) else str(raw).split(",")
    return tuple(sorted({int(v) for v in values if str(v).strip()}, reverse=True))
