"""Enumerations of the TKKSD app (house rule 7), with Indonesian labels through the translation catalogue."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kerjasama.tkksd.domain import outcomes


class MemberRole(models.TextChoices):
    """A member's place in the team. The chair is the regional secretary in practice (Kota Yogyakarta:
    "Sekretaris Daerah selaku Ketua TKKSD" [S: S-yogya]); the composition rule itself is [S/U] (R21)."""

    CHAIR = "ketua", _("Chair")
    SECRETARY = "sekretaris", _("Secretary")
    MEMBER = "anggota", _("Member")


#: Members who lead the team's work and may record its meetings and decisions.
LEADING_ROLES = (MemberRole.CHAIR, MemberRole.SECRETARY)


class MeetingStatus(models.TextChoices):
    """A TKKSD meeting is scheduled, then recorded as held (with attendees and minutes)."""

    SCHEDULED = "dijadwalkan", _("Scheduled")
    HELD = "terlaksana", _("Held")


class DecisionOutcome(models.TextChoices):
    """What the TKKSD decided on a subject (``tkksd.domain.outcomes``)."""

    APPROVE = outcomes.APPROVE, _("Approved")
    RETURN = outcomes.RETURN, _("Returned with reasons")
    REJECT = outcomes.REJECT, _("Rejected")
