"""Every change of the deadlines app (house rule 2): planning and sending reminders, calendar tokens.

``plan(today)`` recomputes the reminders from what the registered sources yield now: it creates the missing
ones (unique on key, due date, lead and recipient, so a second planner creates nothing), reschedules a
cancelled one that is wanted again, and cancels every scheduled one whose deadline vanished, whose due date
moved (an extension or amendment: issue 11 item 5, "never let them fire") or that a nearer lead replaced.

``send_due(today)`` claims each due reminder with a compare-and-swap update (scheduled -> sent) and, in the
same transaction, writes the notification's outbox rows through ``notifications.services.notify``. The batch
commits both or neither: a worker killed mid-send leaves its reminders scheduled and no outbox row (nothing
lost; the next run sends them), and a committed claim is never sent again (nothing duplicated); delivery
itself is idempotent on (recipient, key) and the outbox is redelivered hourly (``PendingNotification``).
"""

from __future__ import annotations

import functools
import hashlib
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kerjasama.accounts.heads import ladder_recipients
from kerjasama.core import audit, metrics
from kerjasama.core.actors import SYSTEM, Actor, is_system
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import NotFound
from kerjasama.deadlines import conf, owners
from kerjasama.deadlines.choices import CancelReason, ReminderStatus
from kerjasama.deadlines.domain.planning import calendar_minus, overdue_dates, reminder_dates
from kerjasama.deadlines.models import CalendarToken, Reminder
from kerjasama.deadlines.registry import DeadlineItem, DeadlineWindow, collect, steps
from kerjasama.notifications.choices import NotificationKind
from kerjasama.notifications.services import MAX_KEY_CHARS, Notice, notify_many
from kerjasama.rulebook.workdays import WorkingCalendar

#: Reminders claimed and notified per transaction (a kill loses at most this batch's work, never a message).
SEND_BATCH = 200
#: Keys per ``IN`` list (well under SQLite's variable limit).
CHUNK = 900

#: What sending reads of a reminder, its recipient and agreement (not the agreements' whole rows).
SEND_FIELDS = (
    "key",
    "due_date",
    "lead_days",
    "working_days",
    "title_id",
    "title_en",
    "url",
    "basis",
    "recipient__is_active",
    "agreement__title",
    "agreement__number",
    "agreement__lead_region_id",
)

Wanted = tuple[str, date, int, int]  # key, due date, lead (or days overdue), recipient
#: Appended to an item's key for its overdue reminders ("terlambat", issue 11 item 5).
OVERDUE_SUFFIX = ":terlambat"


@dataclass
class PlanResult:
    created: int = 0
    rescheduled: int = 0
    cancelled: int = 0
    already_sent: int = 0
    items: int = 0


@dataclass
class SendResult:
    due: int = 0
    sent: int = 0
    lost: int = 0  # claimed by another worker first
    recipients: set[int] = field(default_factory=set)


def _chunks(values: list[Any], size: int = CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _subtract_for(item: DeadlineItem, calendar: WorkingCalendar | None) -> Any:
    if not item.working_days or calendar is None:
        return calendar_minus
    from kerjasama.deadlines.sources import working_days_before

    return lambda day, days: working_days_before(calendar, day, days)


def _calendar() -> WorkingCalendar:
    from kerjasama.compliance.selectors import rulebook_settings

    return WorkingCalendar.from_settings(rulebook_settings())


def plan_window(today: date) -> DeadlineWindow:
    return DeadlineWindow(start=today, end=today + timedelta(days=conf.horizon_days()), today=today)


def overdue_key(key: str) -> str:
    """The reminder key of an item's overdue reminders (``DeadlineItem.overdue_days``)."""
    return f"{key}{OVERDUE_SUFFIX}"


def _overdue_titles(item: DeadlineItem, step: int) -> tuple[str, str]:
    """The first step reminds the owner; a later one is an escalation (flagged, as the obligations' ladder)."""
    if step == min(item.overdue_days):
        return f"TERLAMBAT: {item.title_id}", f"OVERDUE: {item.title_en}"
    return f"ESKALASI — terlambat: {item.title_id}", f"ESCALATION — overdue: {item.title_en}"


def plan(*, today: date) -> PlanResult:
    """Bring the scheduled reminders in line with the deadlines the sources yield on ``today``.

    Items already past due are asked for too (back to ``KERJASAMA_DEADLINE_OVERDUE_DAYS``): one that is still
    open and has ``overdue_days`` gets its overdue reminder (key ``<key>:terlambat``), once per step of its
    ladder; it is cancelled like any other when the item vanishes (a monev submitted, a period closed)."""
    window = plan_window(today)
    collected = collect(replace(window, start=today - timedelta(days=conf.overdue_days()), planning=True))
    items = [item for item in collected if item.due >= today]
    overdue = [item for item in collected if item.due < today and item.overdue_days]
    result = PlanResult(items=len(items) + len(overdue))
    by_key, _users = owners.recipients([*items, *overdue])
    calendar = _calendar() if any(i.working_days for i in items) else None
    wanted: dict[Wanted, tuple[DeadlineItem, date]] = {}
    for item in items:
        for lead, send_on in reminder_dates(
            item.due, item.lead_days, today, _subtract_for(item, calendar)
        ).items():
            for user in by_key.get(item.key, ()):
                wanted[(item.key, item.due, lead, user.pk)] = (item, send_on)
    for item in overdue:
        for step, send_on in overdue_dates(item.due, item.overdue_days, today).items():
            title_id, title_en = _overdue_titles(item, step)
            late = replace(item, key=overdue_key(item.key), title_id=title_id, title_en=title_en)
            # The first step reminds the owners; a later one escalates to their heads (``is_unit_head``).
            escalation = step != min(item.overdue_days)
            for user in ladder_recipients(by_key.get(item.key, ()), escalation=escalation):
                wanted[(late.key, item.due, step, user.pk)] = (late, send_on)
    due_by_key = {item.key: item.due for item in items}
    due_by_key.update({overdue_key(item.key): item.due for item in overdue})
    item_keys = sorted({item.key for item in items})
    late_keys = sorted({overdue_key(item.key) for item in overdue})

    with transaction.atomic():
        # What exists of the wanted ones: one scan of the reminders still ahead and of the overdue ones (no
        # lists of keys: a national run has tens of thousands).
        existing: dict[Wanted, tuple[int, str]] = {}
        planned_keys = set(item_keys) | set(late_keys)
        ahead = Q(due_date__gte=today)
        if late_keys:
            ahead |= Q(key__endswith=OVERDUE_SUFFIX, due_date__gte=min(due_by_key[k] for k in late_keys))
        for pk, key, due, lead, recipient, status in Reminder.objects.filter(ahead).values_list(
            "pk", "key", "due_date", "lead_days", "recipient_id", "status"
        ):
            if key in planned_keys:
                existing[(key, due, lead, recipient)] = (pk, status)

        # Cancel what is scheduled and no longer wanted (compare-and-swap on the status).
        now = timezone.now()
        stale: dict[str, list[int]] = {c: [] for c in CancelReason.values}
        owned = {(key, recipient) for key, _due, _lead, recipient in wanted}
        for pk, key, due, lead, recipient in Reminder.objects.filter(
            status=ReminderStatus.SCHEDULED
        ).values_list("pk", "key", "due_date", "lead_days", "recipient_id"):
            if (key, due, lead, recipient) in wanted:
                continue
            if key not in due_by_key:
                stale[CancelReason.VANISHED].append(pk)
            elif due_by_key[key] != due:
                stale[CancelReason.MOVED].append(pk)
            elif (key, recipient) in owned:
                stale[CancelReason.NEARER].append(pk)
            else:  # the recipient no longer owns it (left the unit, the party changed)
                stale[CancelReason.VANISHED].append(pk)
        for reason, pks in stale.items():
            for chunk in _chunks(pks):
                result.cancelled += Reminder.objects.filter(
                    pk__in=chunk, status=ReminderStatus.SCHEDULED
                ).update(status=ReminderStatus.CANCELLED, cancelled_at=now, cancel_reason=reason)

        # Reschedule what was cancelled and is wanted again; count what is due now and already sent.
        revive: list[int] = []
        for wanted_key, (_item, send_on) in wanted.items():
            found = existing.get(wanted_key)
            if found is None:
                continue
            pk, status = found
            if status == ReminderStatus.CANCELLED:
                revive.append(pk)
            elif status == ReminderStatus.SENT and send_on <= today:
                result.already_sent += 1
        for chunk in _chunks(revive):
            result.rescheduled += Reminder.objects.filter(
                pk__in=chunk, status=ReminderStatus.CANCELLED
            ).update(status=ReminderStatus.SCHEDULED, cancelled_at=None, cancel_reason="")

        missing = [
            Reminder(
                key=key,
                source=item.source,
                agreement_id=item.agreement_id,
                due_date=due,
                lead_days=lead,
                working_days=item.working_days,
                send_on=send_on,
                recipient_id=recipient,
                title_id=item.title_id[:300],
                title_en=item.title_en[:300],
                url=item.url[:500],
                basis=item.basis[:300],
            )
            for (key, due, lead, recipient), (item, send_on) in wanted.items()
            if (key, due, lead, recipient) not in existing
        ]
        # A concurrent planner may have created some already: the unique constraint keeps one of each.
        created = Reminder.objects.bulk_create(missing, batch_size=1000, ignore_conflicts=True)
        result.created = len(created)
    return result


def notification_key(reminder: Reminder) -> str:
    """One notification per deadline, due date and lead (unique per recipient in ``Notification``)."""
    key = f"deadline:{reminder.key}:{reminder.due_date.isoformat()}:{reminder.lead_days}"
    if len(key) > MAX_KEY_CHARS:
        key = f"deadline:{hashlib.sha256(key.encode()).hexdigest()}"
    return key


def _notice(reminders: list[Reminder]) -> Notice:
    """The notification of claimed reminders of one deadline, due date and lead (one outbox row per
    recipient, in the caller's transaction)."""
    first = reminders[0]
    agreement = first.agreement
    return Notice(
        recipients=[r.recipient for r in reminders],
        kind=NotificationKind.DEADLINE_REMINDER,
        obj_type="agreements.agreement" if agreement is not None else "deadlines.reminder",
        obj_id=agreement.pk if agreement is not None else first.pk,
        obj_label=str(agreement) if agreement is not None else first.title_id,
        context={
            "title_id": first.title_id,
            "title_en": first.title_en,
            "due": first.due_date.isoformat(),
            "lead_days": first.lead_days,
            "working_days": first.working_days,
            "basis": first.basis,
        },
        url=first.url,
        key=notification_key(first),
        region=agreement.lead_region_id if agreement is not None else None,
    )


def send_due(*, today: date, batch: int = SEND_BATCH) -> SendResult:
    """Send every scheduled reminder whose send date has come, each exactly once.

    Each batch is claimed by one compare-and-swap ``UPDATE … SET status='sent', claim=<this run> WHERE pk IN
    (…) AND status='scheduled'`` and notified in the same transaction: a row another worker claimed (or a
    planner cancelled) in between does not match and is not sent by this run.
    """
    result = SendResult()
    pks = list(
        Reminder.objects.filter(status=ReminderStatus.SCHEDULED, send_on__lte=today)
        .order_by("send_on", "pk")
        .values_list("pk", flat=True)
    )
    result.due = len(pks)
    token = uuid.uuid4().hex
    for chunk in _chunks(pks, batch):
        with transaction.atomic():
            claimed = Reminder.objects.filter(pk__in=chunk, status=ReminderStatus.SCHEDULED).update(
                status=ReminderStatus.SENT, sent_at=timezone.now(), claim=token
            )
            result.lost += len(chunk) - claimed
            rows = list(
                Reminder.objects.filter(pk__in=chunk, claim=token)
                .select_related("recipient", "agreement")
                .only(*SEND_FIELDS)
                .order_by("key", "due_date", "lead_days", "recipient_id")
            )
            groups: dict[tuple[str, date, int], list[Reminder]] = {}
            for reminder in rows:
                groups.setdefault((reminder.key, reminder.due_date, reminder.lead_days), []).append(reminder)
            # One outbox insert and one delivery task per batch of rows (``notify_many``), not per recipient.
            notify_many(actor=SYSTEM, notices=[_notice(group) for group in groups.values()])
            result.sent += len(rows)
            result.recipients.update(r.recipient_id for r in rows)
            # kerjasama_reminders_sent_total (issue 14 item 8), counted once the claim is committed.
            transaction.on_commit(functools.partial(metrics.count_reminders_sent, len(rows)))
    return result


def remind(*, today: date, actor: Actor = SYSTEM) -> dict[str, Any]:
    """``kerjasama remind``: plan, send, then the registered extra steps; the counts of what it did."""
    planned = plan(today=today)
    sent = send_due(today=today)
    step_results: dict[str, Any] = {}
    escalations = 0
    for name, step in steps().items():
        outcome = dict(step(today))
        step_results[name] = outcome
        count = outcome.get("escalations", 0)
        escalations += count if isinstance(count, int) else 0
    summary: dict[str, Any] = {
        "today": today.isoformat(),
        "items": planned.items,
        "due": sent.sent + planned.already_sent,
        "sent": sent.sent,
        "already_sent": planned.already_sent,
        "cancelled": planned.cancelled,
        "created": planned.created,
        "rescheduled": planned.rescheduled,
        "escalations": escalations,
        "steps": step_results,
    }
    if sent.sent or planned.cancelled or planned.created or planned.rescheduled or escalations:
        audit.record(
            actor=actor,
            action=AuditAction.REMINDERS_RUN,
            object_type="deadlines.reminder",
            object_label=f"kerjasama remind {today.isoformat()}",
            new={k: v for k, v in summary.items() if k != "steps"},
        )
    return summary


# -- calendar tokens -----------------------------------------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _require_user(actor: Actor) -> int:
    """The actor's user id; the system or an inactive account has no calendar (404)."""
    pk = getattr(actor, "pk", None)
    if is_system(actor) or pk is None or not getattr(actor, "is_active", False):
        raise NotFound("deadlines.no_user", "Akun tidak ditemukan.", "No such account.")
    return int(pk)


@transaction.atomic
def create_calendar_token(*, actor: Actor) -> str:
    """A new private calendar token for the actor (shown once; only its hash is kept); the old one is revoked."""
    user_id = _require_user(actor)
    now = timezone.now()
    CalendarToken.objects.filter(user_id=user_id, revoked_at__isnull=True).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    row = CalendarToken.objects.create(user_id=user_id, token_hash=hash_token(token))
    audit.record(actor=actor, action=AuditAction.CALENDAR_TOKEN_ISSUED, obj=row)
    return token


@transaction.atomic
def revoke_calendar_token(*, actor: Actor) -> int:
    """Revoke the actor's calendar token(s); the feed URL answers 404 from now on. Returns how many."""
    user_id = _require_user(actor)
    rows = list(CalendarToken.objects.filter(user_id=user_id, revoked_at__isnull=True))
    now = timezone.now()
    revoked = CalendarToken.objects.filter(Q(pk__in=[r.pk for r in rows]), revoked_at__isnull=True).update(
        revoked_at=now
    )
    for row in rows:
        audit.record(actor=actor, action=AuditAction.CALENDAR_TOKEN_REVOKED, obj=row)
    return revoked
