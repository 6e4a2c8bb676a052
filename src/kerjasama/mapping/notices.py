"""Who hears of an identification's progress (pemetaan urusan: the cooperation unit, the TKKSD, Bappeda).

The mapping services call :func:`identification_transitioned` after each transition, inside their
transaction; delivery is scheduled when it commits (``kerjasama.notifications.services.notify``).

- **submitted**: the TKKSD members of the region's Pemda and its units, who verify it (Permendagri 22/2020;
  the TKKSD's mapping task [S]);
- **verified** / **returned**: the identification's author and the region's cooperation operators; a return
  carries the TKKSD's reason;
- **published**: the region's cooperation operators and its planning unit (Bappeda), who coordinate the
  mapping (PP 28/2018 Pasal 5(1));
- **withdrawn**: the TKKSD members, whose queue it leaves;
- **commented**: the other side of the dialogue: a TKKSD member's comment goes to the author and the
  cooperation operators, anyone else's to the TKKSD members and the author.

A revision of a published identification (``IdentificationRevision``) notifies the same people, with
``revision`` in the context; its link is the identification's detail page either way.

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
from kerjasama.mapping.models import Identification, IdentificationComment, IdentificationRevision
from kerjasama.notifications.choices import NotificationKind
from kerjasama.notifications.services import notify

#: The event names the services pass, and the notification kind each one sends.
EVENT_KINDS: dict[str, NotificationKind] = {
    "submitted": NotificationKind.IDENTIFICATION_SUBMITTED,
    "verified": NotificationKind.IDENTIFICATION_VERIFIED,
    "returned": NotificationKind.IDENTIFICATION_RETURNED,
    "published": NotificationKind.IDENTIFICATION_PUBLISHED,
    "withdrawn": NotificationKind.IDENTIFICATION_WITHDRAWN,
}

#: What the services move: an identification, or a revision of a published one.
Record = Identification | IdentificationRevision


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


def _with_author(people: list[User], author: User | None) -> list[User]:
    if author is not None and all(p.pk != author.pk for p in people):
        people.insert(0, author)
    return people


def recipients_for(identification: Record, event: str) -> list[User]:
    """Who is told of ``event`` (before leaving out the actor, which ``notify`` does)."""
    code = identification.region_id
    if event in ("submitted", "withdrawn"):
        return region_officials(code, [Role.TKKSD_MEMBER])
    if event in ("verified", "returned"):
        return _with_author(region_officials(code, [Role.COOPERATION_OPERATOR]), identification.created_by)
    if event == "published":
        return region_officials(code, [Role.COOPERATION_OPERATOR, Role.PLANNING_UNIT])
    return []


def detail_url(identification: Identification) -> str:
    """The identification's read-only page, where the status, the reasons and the comments are."""
    return reverse("mapping:identification_detail", args=[identification.region_id, identification.affair_id])


def idempotency_key(identification: Record, event: str) -> str:
    """``identification:<pk>:<event>:h<history id>`` (``revision:<pk>:…`` for a revision): one key per
    transition (the helper writes the history row)."""
    latest = identification.history.order_by("-history_id").values_list("history_id", flat=True).first()
    version = f"h{latest}" if latest is not None else f"t{int(identification.updated_at.timestamp() * 1e6)}"
    prefix = "revision" if isinstance(identification, IdentificationRevision) else "identification"
    return f"{prefix}:{identification.pk}:{event}:{version}"


def _actor_name(actor: Actor) -> str:
    return str(getattr(actor, "full_name", "") or getattr(actor, "username", "") or actor)


def _context(identification: Identification, actor: Actor) -> dict[str, Any]:
    region, affair = identification.region, identification.affair
    return {
        "region_code": region.code,
        "region_name": region.name,
        "affair_code": affair.code,
        "affair_name_id": affair.name_id,
        "affair_name_en": affair.name_en,
        "actor_name": _actor_name(actor),
        "status": identification.status,
    }


def _label(identification: Identification) -> str:
    affair = identification.affair
    return f"{affair.code} {affair.name_id} · {identification.region.name}"


def identification_transitioned(
    *, identification: Record, event: str, actor: Actor, reason: str = ""
) -> list[int]:
    """Schedule the notifications for ``event``; returns the ids of the users who will be notified."""
    kind = EVENT_KINDS.get(event)
    if kind is None:
        return []
    main = (
        identification.identification
        if isinstance(identification, IdentificationRevision)
        else identification
    )
    context = _context(main, actor)
    context["status"] = identification.status
    if isinstance(identification, IdentificationRevision):
        context["revision"] = True
    if event == "returned":
        context["reason"] = reason
    return notify(
        actor=actor,
        recipients=recipients_for(identification, event),
        kind=kind,
        obj_type=main._meta.label_lower,
        obj_id=main.pk,
        obj_label=_label(main),
        context=context,
        url=detail_url(main),
        key=idempotency_key(identification, event),
        region=main.region,
    )


def comment_added(*, comment: IdentificationComment, actor: Actor, from_tkksd: bool) -> list[int]:
    """Tell the other side of the dialogue about a new comment (see the module docstring)."""
    main = comment.identification
    code = main.region_id
    if from_tkksd:
        people = _with_author(region_officials(code, [Role.COOPERATION_OPERATOR]), main.created_by)
    else:
        people = _with_author(region_officials(code, [Role.TKKSD_MEMBER]), main.created_by)
    context = _context(main, actor)
    context["comment"] = comment.text
    return notify(
        actor=actor,
        recipients=people,
        kind=NotificationKind.IDENTIFICATION_COMMENTED,
        obj_type=main._meta.label_lower,
        obj_id=main.pk,
        obj_label=_label(main),
        context=context,
        url=detail_url(main) + f"#komentar-{comment.pk}",
        key=f"identification-comment:{comment.pk}",
        region=main.region,
    )
