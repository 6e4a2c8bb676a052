"""Reads of the verification loop between a region's cooperation unit and its TKKSD (issue 9): one
identification's detail (status history, return reasons, comments, the open revision) and the role inbox on
the home page. Every read is scoped by ``restrict(user, ...)`` (house rule 4); the queries per call are
constant, whatever the number of rows (tests guard it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kerjasama.accounts.choices import GOVERNMENT_KINDS
from kerjasama.accounts.policy import can
from kerjasama.core.audit_actions import AuditAction
from kerjasama.mapping.choices import EDITABLE_STATUSES, IdentificationStatus
from kerjasama.mapping.domain.programme_labels import ProgrammeCodeFact, describe_programme_code
from kerjasama.mapping.models import Identification, IdentificationComment, IdentificationRevision
from kerjasama.mapping.selectors import named_sub_affairs, sub_affair_names
from kerjasama.planning.selectors import names_for
from kerjasama.regions.models import Region

#: How far back "recently published" reaches on the home page (days).
RECENT_DAYS = 30
#: How many rows each inbox box lists (its count covers them all).
INBOX_ROWS = 8

#: The words the status history shows for each recorded step (the change reason of a history row).
EVENT_LABELS: dict[str, Promise] = {
    AuditAction.IDENTIFICATION_SUBMITTED.value: _("Submitted to the TKKSD"),
    AuditAction.IDENTIFICATION_VERIFIED.value: _("Verified by the TKKSD"),
    AuditAction.IDENTIFICATION_RETURNED.value: _("Returned by the TKKSD"),
    AuditAction.IDENTIFICATION_PUBLISHED.value: _("Published"),
    AuditAction.IDENTIFICATION_WITHDRAWN.value: _("Withdrawn by the unit"),
    AuditAction.IDENTIFICATION_REVISION_STARTED.value: _("Revision started"),
    AuditAction.IDENTIFICATION_REVISION_SAVED.value: _("Revision saved"),
    AuditAction.IDENTIFICATION_REVISION_PUBLISHED.value: _("Revision published: the text was replaced"),
    AuditAction.IDENTIFICATION_DELETED.value: _("Deleted"),
}
HISTORY_TYPES: dict[str, Promise] = {"+": _("Created"), "~": _("Saved"), "-": _("Deleted")}


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    event: str
    status: str
    revision: bool
    reason: str = ""


@dataclass
class ReturnReason:
    when: datetime
    who: str
    reason: str
    revision: bool


@dataclass
class Step:
    """One line of "who and when": a step of the workflow, the person and the moment (None: not yet)."""

    label: str
    who: str
    when: datetime | None


@dataclass
class IdentificationDetail:
    item: Identification
    revision: IdentificationRevision | None  # the open one, seen within the jurisdiction only
    history: list[HistoryEntry]
    return_reasons: list[ReturnReason]
    comments: list[IdentificationComment]
    programmes: list[ProgrammeCodeFact]
    revision_programmes: list[ProgrammeCodeFact] = field(default_factory=list)
    published_revisions: int = 0
    people: list[Step] = field(default_factory=list)
    revision_opened: Step | None = None
    #: the chosen sub-affairs as (identifier, name), of the published text and of the open revision
    sub_affairs: list[tuple[str, str]] = field(default_factory=list)
    revision_sub_affairs: list[tuple[str, str]] = field(default_factory=list)


def _person(user: Any) -> str:
    if user is None:
        return str(_("the system"))
    return str(getattr(user, "full_name", "") or user.get_username())


def _step(label: Promise, user: Any, when: datetime | None) -> Step:
    """A step; nobody named when it has not happened, "—" when its person is unknown (example data)."""
    if when is None:
        return Step(str(label), "", None)
    return Step(str(label), _person(user) if user is not None else "—", when)


def _entries(rows: Any, *, revision: bool) -> tuple[list[HistoryEntry], list[ReturnReason]]:
    labels = dict(IdentificationStatus.choices)
    entries, reasons = [], []
    for row in rows:
        reason = row.history_change_reason or ""
        event = EVENT_LABELS.get(reason) or HISTORY_TYPES.get(row.history_type, row.history_type)
        returned = reason == AuditAction.IDENTIFICATION_RETURNED.value
        who = _person(row.history_user)
        entries.append(
            HistoryEntry(
                when=row.history_date,
                who=who,
                event=str(event),
                status=str(labels.get(row.status, row.status)),
                revision=revision,
                reason=row.return_reason if returned else "",
            )
        )
        if returned and row.return_reason:
            reasons.append(ReturnReason(row.history_date, who, row.return_reason, revision))
    return entries, reasons


def identification_detail(item: Identification, user: Any) -> IdentificationDetail:
    """Everything the detail page shows of ``item`` (already read through ``restrict(user, "view")``).

    The status history, the return reasons and the comments belong to the region's dialogue: they are shown
    within its jurisdiction; an official of another region reads the published content and who verified it.
    """
    inside = Identification.objects.restrict(user, "change").filter(pk=item.pk).exists()
    revision: IdentificationRevision | None = None
    history: list[HistoryEntry] = []
    reasons: list[ReturnReason] = []
    comments: list[IdentificationComment] = []
    published_revisions = 0
    if inside:
        revisions = list(
            IdentificationRevision.objects.restrict(user, "view")
            .filter(identification=item)
            .select_related("created_by", "submitted_by", "verified_by")
        )
        revision = next((r for r in revisions if r.status != IdentificationStatus.PUBLISHED), None)
        published_revisions = sum(1 for r in revisions if r.status == IdentificationStatus.PUBLISHED)
        history, reasons = _entries(
            item.history.select_related("history_user").order_by("history_date", "history_id"), revision=False
        )
        more, more_reasons = _entries(
            IdentificationRevision.history.filter(identification_id=item.pk)
            .select_related("history_user")
            .order_by("history_date", "history_id"),
            revision=True,
        )
        history = sorted(history + more, key=lambda e: e.when)
        reasons = sorted(reasons + more_reasons, key=lambda r: r.when)
        comments = list(
            IdentificationComment.objects.restrict(user, "view")
            .filter(identification=item)
            .select_related("author")
        )
    names = sub_affair_names([*item.sub_affairs, *(revision.sub_affairs if revision else [])])
    # The nomenclature's titles in force this year (Kepmendagri 050-5889/2021 as imported; planning app).
    titles = names_for([*item.programmes, *(revision.programmes if revision else [])], timezone.localdate().year)
    return IdentificationDetail(
        item=item,
        revision=revision,
        history=history,
        return_reasons=reasons,
        comments=comments,
        programmes=[describe_programme_code(c, titles) for c in item.programmes],
        revision_programmes=[describe_programme_code(c, titles) for c in revision.programmes] if revision else [],
        published_revisions=published_revisions,
        sub_affairs=named_sub_affairs(item.sub_affairs, names),
        revision_sub_affairs=named_sub_affairs(revision.sub_affairs, names) if revision else [],
        people=[
            _step(_("Created"), item.created_by, item.created_at),
            _step(_("Submitted"), item.submitted_by, item.submitted_at),
            _step(_("Verified by the TKKSD"), item.verified_by, item.verified_at),
            _step(_("Published"), item.published_by, item.published_at),
        ],
        revision_opened=_step(_("Opened by"), revision.created_by, revision.created_at) if revision else None,
    )


# --- the role inbox ------------------------------------------------------------------------------------------


@dataclass
class InboxRow:
    region_name: str
    affair_code: str
    affair_name: str
    affair_name_en: str
    status: str
    url: str
    when: datetime | None
    revision: bool = False
    reason: str = ""


@dataclass
class InboxBox:
    key: str
    title: str
    rows: list[InboxRow]
    count: int


def _row(item: Identification, *, revision: IdentificationRevision | None = None) -> InboxRow:
    record: Identification | IdentificationRevision = revision or item
    labels = dict(IdentificationStatus.choices)
    return InboxRow(
        region_name=item.region.name,
        affair_code=item.affair_id,
        affair_name=item.affair.name_id,
        affair_name_en=item.affair.name_en,
        status=str(labels.get(record.status, record.status)),
        url=reverse("mapping:identification_detail", args=[item.region_id, item.affair_id]),
        when=record.updated_at,
        revision=revision is not None,
        reason=record.return_reason if record.status == IdentificationStatus.RETURNED else "",
    )


def _own_region(user: Any) -> Region | None:
    org = getattr(user, "organisation", None)
    if org is None or not org.is_active or org.kind not in GOVERNMENT_KINDS or not org.region_id:
        return None
    return Region.objects.filter(code=org.region_id, is_autonomous=True).first()


def inbox_for(user: Any) -> list[InboxBox]:
    """What waits for ``user``: to submit, to verify, returned to them, recently published (with counts).

    A constant number of queries: the open work of the user's own region is at most one identification and
    one open revision per affair (32 each), read in two queries; the recently published list is one page
    and one count within the user's jurisdiction.
    """
    if not getattr(user, "is_authenticated", False):
        return []
    boxes: list[InboxBox] = []
    region = _own_region(user)
    if region is not None:
        edits = can(user, "mapping.edit_region", region)
        verifies = can(user, "mapping.verify_identification", region)
        open_states = (*EDITABLE_STATUSES, IdentificationStatus.SUBMITTED)
        work: list[tuple[Identification, IdentificationRevision | None]] = [
            (item, None)
            for item in Identification.objects.restrict(user, "change")
            .filter(region=region, status__in=open_states)
            .select_related("region", "affair")
        ]
        work += [
            (rev.identification, rev)
            for rev in IdentificationRevision.objects.restrict(user, "change")
            .filter(identification__region=region, status__in=open_states)
            .select_related("identification__region", "identification__affair")
        ]
        work.sort(key=lambda pair: pair[0].affair_id)

        def status(pair: tuple[Identification, IdentificationRevision | None]) -> str:
            return (pair[1] or pair[0]).status

        def author(pair: tuple[Identification, IdentificationRevision | None]) -> int | None:
            return (pair[1] or pair[0]).created_by_id

        if edits:
            returned = [
                p for p in work if status(p) == IdentificationStatus.RETURNED and author(p) == user.pk
            ]
            boxes.append(_box("returned", _("Returned to me"), returned))
            boxes.append(
                _box(
                    "submit",
                    _("To submit (drafts and returned)"),
                    [p for p in work if status(p) in EDITABLE_STATUSES],
                )
            )
        if verifies:
            boxes.append(
                _box(
                    "verify", _("To verify"), [p for p in work if status(p) == IdentificationStatus.SUBMITTED]
                )
            )
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    published = Identification.objects.restrict(user, "change").filter(
        status=IdentificationStatus.PUBLISHED, published_at__gte=since
    )
    rows = [
        _row(i)
        for i in published.select_related("region", "affair").order_by("-published_at", "pk")[:INBOX_ROWS]
    ]
    boxes.append(InboxBox("published", str(_("Recently published")), rows, published.count()))
    return boxes


def _box(
    key: str, title: Promise, pairs: list[tuple[Identification, IdentificationRevision | None]]
) -> InboxBox:
    return InboxBox(key, str(title), [_row(i, revision=r) for i, r in pairs[:INBOX_ROWS]], len(pairs))
