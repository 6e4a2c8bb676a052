"""Who hears of a TKKSD decision: the region's cooperation operators and TKKSD members (the unit that proposed
the subject acts on it; the team keeps track of its own decisions). Scheduled inside the recording transaction,
delivered once it commits (``notifications.services.notify``); the actor is never told of their own act."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from kerjasama.accounts.choices import GOVERNMENT_KINDS, Role
from kerjasama.accounts.models import User
from kerjasama.core.actors import Actor, is_system
from kerjasama.notifications.choices import NotificationKind
from kerjasama.notifications.services import notify
from kerjasama.tkksd.models import Decision

RECIPIENT_ROLES = (Role.COOPERATION_OPERATOR, Role.TKKSD_MEMBER)


def _actor_name(actor: Actor) -> str:
    if is_system(actor):
        return "Sistem"
    return str(getattr(actor, "full_name", "") or getattr(actor, "username", ""))


def decision_recorded(*, decision: Decision, actor: Actor) -> list[int]:
    meeting = decision.meeting
    region = meeting.region
    people = User.objects.filter(
        is_active=True,
        role__in=RECIPIENT_ROLES,
        organisation__is_active=True,
        organisation__kind__in=GOVERNMENT_KINDS,
        organisation__region_id=region.code,
    ).order_by("pk")
    labels = {}
    for language in ("id", "en"):
        with translation.override(language):
            labels[language] = str(decision.get_outcome_display())
    return notify(
        actor=actor,
        recipients=list(people),
        kind=NotificationKind.TKKSD_DECISION_RECORDED,
        obj_type=decision._meta.label_lower,
        obj_id=decision.pk,
        obj_label=f"{decision.subject_label} · {region.name}",
        context={
            "region_code": region.code,
            "region_name": region.name,
            "meeting_date": meeting.meeting_date.strftime("%d-%m-%Y"),
            "subject": decision.subject_label,
            "subject_type": decision.subject_type,
            "subject_id": decision.subject_id,
            "outcome": decision.outcome,
            "outcome_label_id": labels["id"],
            "outcome_label_en": labels["en"],
            "reasons": decision.reasons,
            "actor_name": _actor_name(actor),
        },
        url=reverse("tkksd:meeting", kwargs={"code": region.code, "meeting_id": meeting.pk}),
        key=f"tkksd-decision:{decision.pk}",
        region=region,
    )
