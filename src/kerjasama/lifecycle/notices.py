"""What the parties are told of a lifecycle step (on commit, through ``notifications.services.notify``).

The same kind and message templates as every agreement step (``agreements.agreement_updated``): the event
words in both languages, the stage, the actor, the reason. The actor is never told of their own act.
"""

from __future__ import annotations

from typing import Any

from kerjasama.agreements.models import Agreement
from kerjasama.agreements.notices import detail_url, party_people
from kerjasama.core.actors import Actor
from kerjasama.core.transitions import choice_labels
from kerjasama.notifications.choices import NotificationKind
from kerjasama.notifications.services import notify

EVENTS: dict[str, tuple[str, str]] = {
    "amendment_recorded": ("adendum dicatat", "amendment recorded"),
    "extension_proposed": (
        "perpanjangan diusulkan sebagai kerja sama baru (prosedur lengkap)",
        "extension proposed as a new agreement (full procedure)",
    ),
    "settlement_opened": ("penyelesaian pengakhiran dimulai", "settlement of the end started"),
}


def _actor_name(actor: Actor) -> str:
    return str(getattr(actor, "full_name", "") or getattr(actor, "username", "") or actor)


def lifecycle_event(
    *, agreement: Agreement, event: str, actor: Actor, key: str, reason: str = ""
) -> list[int]:
    """Tell every party's people of ``event``; ``key`` makes each delivery happen once."""
    event_id, event_en = EVENTS[event]
    stage_id, stage_en = choice_labels(Agreement, "stage")(agreement.stage)
    context: dict[str, Any] = {
        "agreement_title": agreement.title,
        "event": event,
        "event_id": event_id,
        "event_en": event_en,
        "stage": agreement.stage,
        "stage_id": stage_id,
        "stage_en": stage_en,
        "actor_name": _actor_name(actor),
    }
    if reason:
        context["reason"] = reason
    return notify(
        actor=actor,
        recipients=party_people(list(agreement.parties.all())),
        kind=NotificationKind.AGREEMENT_UPDATED,
        obj_type=agreement._meta.label_lower,
        obj_id=agreement.pk,
        obj_label=str(agreement),
        context=context,
        url=detail_url(agreement),
        key=f"agreement:{agreement.pk}:{key}",
        region=agreement.lead_region_id,
    )
