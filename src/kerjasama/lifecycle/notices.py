"""What the parties are told of a lifecycle step (on commit, through ``notifications.services.notify``).

The same kind and message templates as every agreement step (``agreements.agreement_updated``): the event
words in both languages, the stage, the actor, the reason. The actor is never told of their own act.
"""

from __future__ import annotations

from kerjasama.agreements.models import Agreement
from kerjasama.agreements.notices import agreement_event
from kerjasama.core.actors import Actor

EVENTS: dict[str, tuple[str, str]] = {
    "amendment_recorded": ("adendum dicatat", "amendment recorded"),
    "extension_proposed": (
        "perpanjangan diusulkan sebagai kerja sama baru (prosedur lengkap)",
        "extension proposed as a new agreement (full procedure)",
    ),
    "settlement_opened": ("penyelesaian pengakhiran dimulai", "settlement of the end started"),
}


def lifecycle_event(
    *, agreement: Agreement, event: str, actor: Actor, key: str, reason: str = ""
) -> list[int]:
    """Tell every party's people of ``event``; ``key`` makes each delivery happen once."""
    return agreement_event(
        agreement=agreement, event=event, actor=actor, reason=reason, words=EVENTS[event], key=key
    )
