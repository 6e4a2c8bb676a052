"""Every read of the deadlines app that leaves the system (house rule 4: scoped by ``restrict``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet

from kerjasama.agreements.models import Agreement
from kerjasama.agreements.workflow import agreement_not_found
from kerjasama.deadlines import conf, memo, owners
from kerjasama.deadlines.choices import DeadlineClass
from kerjasama.deadlines.domain.planning import classify
from kerjasama.deadlines.models import CalendarToken, Reminder
from kerjasama.deadlines.registry import DeadlineItem, DeadlineWindow, Source, collect

#: The most deadlines one "my deadlines" answer holds (the nearest first).
MY_LIMIT = 500


@dataclass(frozen=True)
class DeadlineRow:
    """A deadline as its owner sees it: the item and its class on ``today``."""

    item: DeadlineItem
    klass: str
    days_left: int

    @property
    def class_label(self) -> str:
        return str(DeadlineClass(self.klass).label)


def my_deadlines(user: Any, *, today: date, limit: int | None = None) -> list[DeadlineRow]:
    """The nearest ``limit`` (default ``MY_LIMIT``) of :func:`my_deadlines_counted`."""
    return my_deadlines_counted(user, today=today, limit=limit)[0]


def my_deadlines_counted(user: Any, *, today: date, limit: int | None = None) -> tuple[list[DeadlineRow], int]:
    """The deadlines ``user`` owns, of agreements they may view, overdue ones first, then by due date: the
    nearest ``limit`` (default ``MY_LIMIT``) and how many there are in all (what a page or the API says is the
    total, not the length of the cut list: an owner of 2,145 deadlines was told 500).

    The sources are asked only about the user's own regions and organisation and about the agreements
    ``Agreement.objects.restrict(user, "view")`` admits, so the number of queries does not grow with the data.
    The computed list is reused while the data versions stand (``deadlines.memo``: one read of a small table).
    """
    if not getattr(user, "is_authenticated", False):
        return [], 0
    settings_key = (
        conf.overdue_days(),
        conf.horizon_days(),
        conf.soon_days(),
        conf.expiry_leads(),
        conf.stage_leads(),
        conf.obligation_leads(),
        conf.monev_leads(),
        conf.monev_overdue_days(),
    )
    key = ("mine", user.pk, getattr(user, "organisation_id", None), getattr(user, "role", ""), today, settings_key)
    if memo.seconds() == 0:
        rows = _owned_rows(user, today)
    else:
        versions = memo.versions()
        rows = memo.remembered(key, lambda: _owned_rows(user, today, memo_key=key, at=versions), at=versions)
    return rows[: MY_LIMIT if limit is None else limit], len(rows)


def _owned_rows(
    user: Any, today: date, *, memo_key: tuple[Any, ...] = (), at: memo.Versions | None = None
) -> list[DeadlineRow]:
    """Every deadline ``user`` owns of the agreements they may view, in :func:`registry.collect`'s order.

    With ``at`` (the data versions read before), each source's items are reused from the memo while the
    areas that source reads stand (``memo.for_source``)."""
    regions, organisations = owners.owner_hints(user)
    if not regions and not organisations:
        return []
    visible = Agreement.objects.restrict(user, "view")
    window = DeadlineWindow(
        start=today - timedelta(days=conf.overdue_days()),
        end=today + timedelta(days=conf.horizon_days()),
        today=today,
        # who sees the whole country (the ministry) is not restricted: no semi-join over every agreement in
        # each source's query (as agreements.selectors._filtered)
        agreement_ids=visible.order_by().values("pk") if visible.query.has_filters() else None,
        regions=regions,
        organisations=organisations,
        user_ids=[user.pk],
    )
    fetch = None
    if at is not None:
        versions = at

        def fetch(name: str, fn: Source) -> list[DeadlineItem]:
            return memo.remembered(
                (*memo_key, name), lambda: list(fn(window)), at=memo.for_source(versions, name)
            )

    soon = conf.soon_days()
    owned = owners.owner_test(user)
    return [
        DeadlineRow(item, classify(item.due, today, soon), (item.due - today).days)
        for item in collect(window, fetch=fetch)
        if owned(item)
    ]


def reminder_log(user: Any, agreement: Agreement) -> QuerySet[Reminder]:
    """What was sent to whom about ``agreement`` (and what is scheduled or was cancelled, with the reason),
    newest first; for a user who may view the agreement (the caller checks that with ``visible_agreement``)."""
    return (
        Reminder.objects.restrict(user, "view")
        .filter(agreement=agreement)
        .select_related("recipient")
        .order_by("-send_on", "-id")
    )


def visible_agreement(user: Any, pk: int) -> Agreement:
    """The agreement if ``user`` may view it, else 404 (the two are not told apart)."""
    found = Agreement.objects.restrict(user, "view").filter(pk=pk).first()
    if found is None:
        raise agreement_not_found()
    return found


def user_for_token(token: str) -> Any | None:
    """The active user of an unrevoked calendar token, else None (unknown and revoked are not told apart)."""
    from kerjasama.deadlines.services import hash_token

    if not token or len(token) > 200:
        return None
    row = (
        CalendarToken.objects.filter(token_hash=hash_token(token), revoked_at__isnull=True)
        .select_related("user__organisation")
        .first()
    )
    if row is None or not row.user.is_active:
        return None
    return row.user


def has_calendar_token(user: Any) -> bool:
    return CalendarToken.objects.filter(user_id=user.pk, revoked_at__isnull=True).exists()
