"""Who hears of an identification's progress (pemetaan urusan: the cooperation unit, the TKKSD, Bappeda).

The mapping services call :func:`identification_transitioned` after each transition, inside their
transaction; delivery is scheduled when it commits (``kerjasama.notifications.services.notify``).

- **submitted**: the TKKSD members of the region's Pemda and its units, who verify it (Permendagri 22/2020;
  the TKKSD's mapping task [S]);
- **verified** / **returned**: the identification's author and the region's cooperation operators; a return
  carries the TKKSD's reason;
- **published**: the region's cooperation operators and its planning unit (Bappeda), who coordinate the
  mapping (PP 28/2018 Pasal 5(1)).

The actor is never notified of their own act. The idempotency key names the identification, the event and
the history row the transition wrote, so a resubmission after a return notifies again while a retried
delivery task does not.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from kerjasama.accounts.choices import GOVERNMENT_KINDS, Role
from kerjasama.accounts.models import User
from kerjasama.core.actors import Actor
from kerjasama.mapping.models import Identification
from kerjasama.notifications.choices import NotificationKind
from kerjasama.notifications.services import notify

#: The event names the services pass, and the notification kind each one sends.
EVENT_KINDS: dict[str, NotificationKind] = {
    "submitted": NotificationKind.IDENTIFICATION_SUBMITTED,
    "verified": NotificationKind.IDENTIFICATION_VERIFIED,
    "returned": NotificationKind.IDENTIFICATION_RETURNED,
    "published": NotificationKind.IDENTIFICATION_PUBLISHED,
}


def region_officials(region_code: str, roles: Iterable[str]) -> list[User]:
    """Active users with one of ``roles`` in the region's Pemda or one of its units (OPD)."""
    return list(
        User.objects.filter(
            is_active=True,
            role__in=list(roles),
            organisation__is_active=True,
            organisation__kind__in=GOVERNMENT_KINDS,
            organisation__region_id=region_code,
        ).order_by("pk")
    )


def recipients_for(identification: Identification, event: str) -> list[User]:
    """Who is told of ``event`` (before leaving out the actor, which ``notify`` does)."""
    code = identification.region_id
    if event == "submitted":
        return region_officials(code, [Role.TKKSD_MEMBER])
    if event in ("verified", "returned"):
        people = region_officials(code, [Role.COOPERATION_OPERATOR])
        author = identification.created_by
        if author is not None and all(p.pk != author.pk for p in people):
            people.insert(0, author)
        return people
    if event == "published":
        return region_officials(code, [Role.COOPERATION_OPERATOR, Role.PLANNING_UNIT])
    return []


def idempotency_key(identification: Identification, event: str) -> str:
    """``identification:<pk>:<event>:h<history id>``: one key per transition (the helper writes the row)."""
    latest = identification.history.order_by("-history_id").values_list("history_id", flat=True).first()
    version = f"h{latest}" if latest is not None else f"t{int(identification.updated_at.timestamp() * 1e6)}"
    return f"identification:{identification.pk}:{event}:{version}"


def identification_transitioned(
    *, identification: Identification, event: str, actor: Actor, reason: str = ""
) -> list[int]:
    """Schedule the notifications for ``event``; returns the ids of the users who will be notified."""
    kind = EVENT_KINDS.get(event)
    if kind is None:
        return []
    region, affair = identification.region, identification.affair
    actor_name = str(getattr(actor, "full_name", "") or getattr(actor, "username", "") or actor)
    context: dict[str, Any] = {
        "region_code": region.code,
        "region_name": region.name,
        "affair_code": affair.code,
        "affair_name_id": affair.name_id,
        "affair_name_en": affair.name_en,
        "actor_name": actor_name,
        "status": identification.status,
    }
    if event == "returned":
        context["reason"] = reason
    return notify(
        actor=actor,
        recipients=recipients_for(identification, event),
        kind=kind,
        obj_type=identification._meta.label_lower,
        obj_id=identification.pk,
        obj_label=f"{affair.code} {affair.name_id} · {region.name}",
        context=context,
        url=f"{reverse('mapping:region', args=[region.code])}#urusan-{affair.code}",
        key=idempotency_key(identification, event),
        region=region,
    )
