"""Who hears of an identification's progress (issue 7: notifications for submitted/verified/returned).

Being written by the notifications work; services call :func:`identification_transitioned` after each
transition, inside their transaction (delivery is scheduled on commit).
"""

from __future__ import annotations

from typing import Any


def identification_transitioned(*, identification: Any, event: str, actor: Any, reason: str = "") -> None:
    """Schedule the notifications for ``event`` ("submitted", "verified", "returned", "published")."""
    return None
