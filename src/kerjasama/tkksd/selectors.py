"""Reads of the TKKSD that leave the app: pages, API, and the checks other apps make (house rule 4).

``active_decree``, ``has_active_decree`` and ``decisions_for`` are what the agreements app calls: "a proposal's
TKKSD review is a decision taken in a meeting" and "a region without an active TKKSD decree sees a warning and
its proposals cannot pass review" (issue 10, item 4; rulebook R21). They are system reads (no user): the caller
scopes what it shows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from kerjasama.accounts.policy import can
from kerjasama.core.errors import NotFound
from kerjasama.regions.models import Region
from kerjasama.tkksd.choices import LEADING_ROLES
from kerjasama.tkksd.models import Decision, Decree, Meeting, Member


def _in_force(on: date) -> Q:
    return Q(period_start__lte=on) & (Q(period_end__isnull=True) | Q(period_end__gte=on))


def active_decree(region_code: str, on: date | None = None) -> Decree | None:
    """The region's TKKSD decree in force ``on`` (today by default), or ``None``. One query."""
    on = on or timezone.localdate()
    return (
        Decree.objects.filter(_in_force(on), region_id=region_code).order_by("-period_start", "-id").first()
    )


def has_active_decree(region_code: str, on: date | None = None) -> bool:
    """Whether the region has a TKKSD decree in force ``on`` (today by default). One query."""
    on = on or timezone.localdate()
    return Decree.objects.filter(_in_force(on), region_id=region_code).exists()


def decisions_for(subject_type: str, subject_ids: Iterable[str | int]) -> dict[str, list[Decision]]:
    """The TKKSD decisions on each subject, oldest first, with their meeting and decree: one query for any
    number of subjects. Subjects without a decision are absent from the answer."""
    ids = sorted({str(i) for i in subject_ids})
    found: dict[str, list[Decision]] = {}
    if not ids:
        return found
    rows = (
        Decision.objects.filter(subject_type=subject_type, subject_id__in=ids)
        .select_related("meeting", "meeting__decree", "meeting__region")
        .order_by("meeting__meeting_date", "decided_at", "id")
    )
    for row in rows:
        found.setdefault(row.subject_id, []).append(row)
    return found


def leading_member(user: Any, region_code: str, on: date) -> Member | None:
    """The user's place as chair or secretary of the region's TKKSD under a decree in force ``on``."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "pk", None) is None:
        return None
    return (
        Member.objects.filter(
            user=user,
            role__in=LEADING_ROLES,
            removed_at__isnull=True,
            decree__region_id=region_code,
            decree__period_start__lte=on,
        )
        .filter(Q(decree__period_end__isnull=True) | Q(decree__period_end__gte=on))
        .first()
    )


# --- the task list (R21: ten tasks, four known [S]; a rulebook setting, KERJASAMA_RULEBOOK_TKKSD_TASKS) ---

_TASK = re.compile(r"^\s*\[(?P<conf>[VSUM])\]\s*(?P<text>.*)$")


@dataclass(frozen=True)
class Task:
    text_id: str
    text_en: str
    confidence: str


def tkksd_tasks() -> list[Task]:
    """The TKKSD's tasks as configured in the rulebook setting ``tkksd_tasks`` ("[S] teks / text" per item).

    Permendagri 22/2020 gives the TKKSD ten tasks, but its article was not read (REGULATIONS.md §1.10): four are
    named by secondary reports [S: S-kibar], the others are tagged [U]. An item without a tag is shown as [U].
    """
    from kerjasama.compliance.selectors import rulebook_settings

    tasks = []
    for item in rulebook_settings().tkksd_tasks:
        match = _TASK.match(item)
        confidence, text = (match["conf"], match["text"]) if match else ("U", item.strip())
        text_id, _sep, text_en = text.partition(" / ")
        tasks.append(Task(text_id.strip(), text_en.strip() or text_id.strip(), confidence))
    return tasks


# --- the region's TKKSD page and API ---


@dataclass
class RegionTkksd:
    """What a reader may see of one region's TKKSD."""

    region: Region
    today: date
    decrees: list[Decree]
    active: Decree | None
    sees_records: bool
    members: list[Member] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)

    @property
    def earlier(self) -> list[Decree]:
        return [d for d in self.decrees if d is not self.active]


def _members_query() -> QuerySet[Member]:
    return Member.objects.filter(removed_at__isnull=True).select_related("unit", "user")


def meetings_query(user: Any) -> QuerySet[Meeting]:
    """Meetings the user may see, with their decree, attendees and decisions (constant queries)."""
    return (
        Meeting.objects.restrict(user, "view")
        .select_related("decree", "minutes", "region")
        .prefetch_related(
            Prefetch("attendees", queryset=Member.objects.order_by("position_order", "id")),
            Prefetch("decisions", queryset=Decision.objects.select_related("decided_by").order_by("id")),
        )
    )


def region_tkksd(region: Region, user: Any, *, meetings_limit: int = 50) -> RegionTkksd:
    """The region's decrees (every official sees them: a public act), and, within the region's jurisdiction,
    the members of the decree in force and the meetings with their decisions. Constant queries."""
    today = timezone.localdate()
    decrees = list(Decree.objects.restrict(user, "view").filter(region=region).select_related("document"))
    active = next((d for d in decrees if d.in_force_on(today)), None)
    sees = can(user, "tkksd.view_records", region)
    data = RegionTkksd(region=region, today=today, decrees=decrees, active=active, sees_records=sees)
    if sees:
        if active is not None:
            data.members = list(_members_query().filter(decree=active))
        data.meetings = list(meetings_query(user).filter(region=region)[:meetings_limit])
    return data


def meeting_not_found() -> NotFound:
    return NotFound("tkksd.meeting_not_found", "Rapat TKKSD tidak ditemukan.", "TKKSD meeting not found.")


def visible_meeting(user: Any, region: Region, meeting_id: int) -> Meeting:
    """One meeting of the region the user may see, or ``tkksd.meeting_not_found`` (also outside the scope)."""
    meeting = meetings_query(user).filter(region=region, pk=meeting_id).first()
    if meeting is None:
        raise meeting_not_found()
    return meeting


def decree_members(decree: Decree) -> list[Member]:
    """The current members of a decree's team, in the decree's order."""
    return list(_members_query().filter(decree=decree))
