"""Notifications at each step of a dispute case (issue 12 item 9) through ``notifications.services.notify``.

One kind, ``disputes.dispute_updated`` (as the agreements and reports apps do): the event is carried in the
context (``event``, ``event_id``/``event_en``), rendered in the reader's language. A case is confidential:
only its parties' people, the resolver in effect and (for the Minister's cases or an escalation) the ministry
are told, never anyone who could not see the case.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from kerjasama.accounts.choices import GOVERNMENT_KINDS, OrganisationKind, Role
from kerjasama.accounts.models import User
from kerjasama.agreements.notices import party_people
from kerjasama.core.actors import Actor
from kerjasama.core.transitions import choice_labels
from kerjasama.disputes.choices import Resolver
from kerjasama.disputes.models import Dispute, DisputeParty
from kerjasama.notifications.choices import NotificationKind
from kerjasama.notifications.services import notify

#: What each event says, in Indonesian and English.
EVENTS: dict[str, tuple[str, str]] = {
    "registered": (
        "perselisihan didaftarkan dan menunggu penapisan",
        "the dispute was registered, awaiting screening",
    ),
    "screened": ("penapisan dicatat", "the screening was recorded"),
    "round": ("putaran musyawarah dicatat", "a deliberation round was recorded"),
    "failed": (
        "musyawarah gagal; perkara masuk fasilitasi",
        "the deliberation failed; the case goes to facilitation",
    ),
    "session": ("sesi fasilitasi dicatat", "a facilitation session was recorded"),
    "clarification": (
        "permintaan klarifikasi kepada pihak Anda",
        "a request for clarification to your party",
    ),
    "answered": ("klarifikasi dijawab", "a clarification was answered"),
    "evaluation": ("evaluasi netral penyelesai dicatat", "the resolver's neutral evaluation was recorded"),
    "facilitation_ended": (
        "fasilitasi selesai; menunggu keputusan",
        "facilitation ended; awaiting the decision",
    ),
    "decided": ("keputusan dicatat", "the decision was recorded"),
    "order_due": ("tindakan yang diperintahkan kepada pihak Anda", "an action ordered on your party"),
    "order_fulfilled": ("pemenuhan perintah dicatat", "fulfilment of an order was recorded"),
    "order_confirmed": (
        "pemenuhan perintah dikonfirmasi penyelesai",
        "the resolver confirmed an order's fulfilment",
    ),
    "closed": ("perkara ditutup: semua perintah terpenuhi", "the case is closed: every order was fulfilled"),
    "settled": ("perdamaian dicatat; perkara ditutup", "a settlement was recorded; the case is closed"),
    "withdrawn": ("perselisihan dicabut", "the dispute was withdrawn"),
    "extended": ("batas waktu suatu tahap diperpanjang", "a step's due date was extended"),
}


def case_url(dispute: Dispute) -> str:
    return reverse("disputes:detail", args=[dispute.pk])


def resolver_people(dispute: Dispute) -> list[User]:
    """The resolver in effect: the governor's office of the resolver's province, or the ministry (the
    Minister's cases and the clause cases it oversees)."""
    if dispute.resolver == Resolver.GOVERNOR and dispute.resolver_region_id:
        q = Q(
            organisation__region_id=dispute.resolver_region_id,
            organisation__kind__in=GOVERNMENT_KINDS,
            role=Role.GOVERNOR_OFFICE,
        )
    else:
        q = Q(role=Role.MINISTRY, organisation__kind=OrganisationKind.KEMENDAGRI)
    return list(User.objects.filter(q, is_active=True, organisation__is_active=True).order_by("pk"))


def ministry_people() -> list[User]:
    return list(
        User.objects.filter(
            role=Role.MINISTRY,
            organisation__kind=OrganisationKind.KEMENDAGRI,
            is_active=True,
            organisation__is_active=True,
        ).order_by("pk")
    )


def parties_people(dispute: Dispute, parties: Iterable[DisputeParty] | None = None) -> list[User]:
    chosen = list(dispute.parties.all() if parties is None else parties)
    return party_people(chosen)  # type: ignore[arg-type,unused-ignore]


def everyone(dispute: Dispute) -> list[User]:
    """The parties' people and the resolver's (each once)."""
    seen: dict[int, User] = {}
    for user in [*parties_people(dispute), *resolver_people(dispute)]:
        seen.setdefault(user.pk, user)
    return list(seen.values())


def tell(
    *,
    actor: Actor,
    dispute: Dispute,
    event: str,
    recipients: Iterable[User],
    reason: str = "",
    suffix: str = "",
) -> list[int]:
    """Notify ``recipients`` (never the actor) of ``event`` on the case; delivered once per (recipient, key)."""
    stage_id, stage_en = choice_labels(Dispute, "stage")(dispute.stage)
    text_id, text_en = EVENTS[event]
    context: dict[str, Any] = {
        "dispute_number": dispute.number,
        "dispute_title": dispute.title,
        "event": f"dispute_{event}",
        "event_id": text_id,
        "event_en": text_en,
        "stage": dispute.stage,
        "stage_id": stage_id,
        "stage_en": stage_en,
        "actor_name": str(getattr(actor, "full_name", "") or getattr(actor, "username", "") or actor),
    }
    if reason:
        context["reason"] = reason[:500]
    stamp = suffix or timezone.now().strftime("%Y%m%d%H%M%S%f")
    region = dispute.resolver_region_id or next(
        (p.region_id for p in dispute.parties.all() if p.region_id), None
    )
    return notify(
        actor=actor,
        recipients=recipients,
        kind=NotificationKind.DISPUTE_UPDATED,
        obj_type="disputes.dispute",
        obj_id=dispute.pk,
        obj_label=str(dispute)[:300],
        context=context,
        url=case_url(dispute),
        key=f"dispute:{dispute.pk}:{event}:{stamp}",
        region=region,
    )
