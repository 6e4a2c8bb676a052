"""Who hears of a step on an agreement, and what they are told (house rule 2: on commit).

The other parties' people are told: for a region party its cooperation unit and its TKKSD members, for a
third party or a ministry/agency the users of that organisation. The actor is never told of their own act
(``notifications.services.notify``). Delivery is scheduled when the service's transaction commits.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from kerjasama.accounts.choices import GOVERNMENT_KINDS, Role
from kerjasama.accounts.models import User
from kerjasama.agreements.models import Agreement, AgreementParty
from kerjasama.core.actors import Actor
from kerjasama.core.transitions import choice_labels
from kerjasama.notifications.choices import NotificationKind
from kerjasama.notifications.services import notify

#: What happened, in both languages (the notification is rendered in the reader's language).
EVENTS: dict[str, tuple[str, str]] = {
    "proposed": (
        "usulan kerja sama dibuat, menunggu kajian TKKSD",
        "proposal created, awaiting the TKKSD review",
    ),
    "offer_sent": ("surat penawaran dikirim", "offer letter sent"),
    "offer_accepted": ("penawaran diterima", "offer accepted"),
    "offer_declined": ("penawaran ditolak", "offer declined"),
    "kb_signed": ("KB ditandatangani semua pihak", "KB signed by every party"),
    "dprd_requested": ("persetujuan DPRD dimohonkan", "DPRD approval requested"),
    "dprd_decided": ("keputusan DPRD dicatat", "DPRD decision recorded"),
    "pks_drafting": ("penyusunan PKS dimulai", "PKS drafting started"),
    "pks_signed": (
        "PKS ditandatangani semua pihak; kerja sama berlaku",
        "PKS signed by every party; in force",
    ),
    "nk_drafting": ("penyusunan Nota Kesepakatan dimulai", "Nota Kesepakatan drafting started"),
    "nk_signed": ("Nota Kesepakatan ditandatangani semua pihak", "Nota Kesepakatan signed by every party"),
    "cancelled": ("kerja sama dibatalkan", "agreement cancelled"),
    "ended": ("kerja sama berakhir", "agreement ended"),
    "party_signed": ("satu pihak menandatangani bagiannya", "a party signed its side"),
    "party_status": ("status salah satu pihak berubah", "a party's status changed"),
    "tkksd_reviewed": ("kajian TKKSD dicatat", "TKKSD review recorded"),
    "registered": (
        "kerja sama yang sudah berjalan dicatat di register",
        "existing agreement recorded in the register",
    ),
}

_REGION_ROLES = (Role.COOPERATION_OPERATOR, Role.TKKSD_MEMBER)
#: Who speaks for or reviews for a region party (``party_people``).
PARTY_ROLES: tuple[str, ...] = _REGION_ROLES


def party_people(parties: list[AgreementParty]) -> list[User]:
    """Active users who speak for or review for ``parties`` (one query)."""
    regions = [p.region_id for p in parties if p.region_id]
    organisations = [p.organisation_id for p in parties if p.organisation_id]
    q = Q(pk__in=[])
    if regions:
        q |= Q(
            organisation__region_id__in=regions,
            organisation__kind__in=GOVERNMENT_KINDS,
            role__in=_REGION_ROLES,
        )
    if organisations:
        q |= Q(organisation_id__in=organisations)
    return list(User.objects.filter(q, is_active=True, organisation__is_active=True).order_by("pk"))


def detail_url(agreement: Agreement) -> str:
    """The agreement's page (built by the next step of issue 10: pages come after the services)."""
    return f"/kerja-sama/{agreement.pk}/"


def _actor_name(actor: Actor) -> str:
    return str(getattr(actor, "full_name", "") or getattr(actor, "username", "") or actor)


def agreement_event(
    *,
    agreement: Agreement,
    event: str,
    actor: Actor,
    parties: list[AgreementParty] | None = None,
    reason: str = "",
    words: tuple[str, str] | None = None,
    key: str | None = None,
) -> list[int]:
    """Tell ``parties`` (default: every party) of ``event``; returns the ids of the users to be told.

    ``words``: the event in Indonesian and English when it is not one of ``EVENTS`` (another app's step on the
    agreement, e.g. an amendment); ``key``: what makes the delivery happen once (default: the event at this
    version of the record)."""
    event_id, event_en = words or EVENTS[event]
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
    targets = list(agreement.parties.all()) if parties is None else parties
    return notify(
        actor=actor,
        recipients=party_people(targets),
        kind=NotificationKind.AGREEMENT_UPDATED,
        obj_type=agreement._meta.label_lower,
        obj_id=agreement.pk,
        obj_label=str(agreement),
        context=context,
        url=detail_url(agreement),
        key=f"agreement:{agreement.pk}:{key or f'{event}:v{agreement.version}'}",
        region=agreement.lead_region_id,
    )
