"""``kerjasama remind``: reminders planned from the sources, sent once, cancelled or moved when the dates
change (an extension never lets the old reminder fire), and a worker killed mid-send loses or duplicates
nothing (issue 11 item 5 and its acceptance)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from prometheus_client import REGISTRY

from kerjasama.agreements.models import Agreement
from kerjasama.deadlines import registry, services
from kerjasama.deadlines.choices import CancelReason, ReminderStatus
from kerjasama.deadlines.models import Reminder
from kerjasama.deadlines.tests.conftest import owners_of
from kerjasama.notifications.choices import NotificationKind
from kerjasama.notifications.models import Notification, PendingNotification

pytestmark = pytest.mark.django_db

TODAY = date(2027, 6, 1)


def _outbox() -> Any:
    """The outbox rows of deadline reminders (registering the agreement left its own notices there)."""
    return PendingNotification.objects.filter(payload__kind=NotificationKind.DEADLINE_REMINDER)


def _sent_leads(due: date) -> set[int]:
    return set(
        Reminder.objects.filter(due_date=due, status=ReminderStatus.SENT).values_list("lead_days", flat=True)
    )


def _remind(day: date, capture: Any) -> dict[str, Any]:
    with capture(execute=True):
        return services.remind(today=day)


def test_it_sends_the_due_reminder_to_every_owner_once_when_run_twice(
    in_force: Callable[..., Agreement], django_capture_on_commit_callbacks: Any
) -> None:
    agreement = in_force(term_end=TODAY + timedelta(days=90), notice_date=TODAY + timedelta(days=200))
    owners = owners_of(agreement)
    assert owners  # the units and TKKSD of Kota Yogyakarta and Kabupaten Sleman

    counted = REGISTRY.get_sample_value("kerjasama_reminders_sent_total") or 0.0
    first = _remind(TODAY, django_capture_on_commit_callbacks)
    assert first["sent"] == len(owners) and first["due"] == len(owners) and first["already_sent"] == 0
    # The Prometheus counter (kerjasama.core.metrics) counts each reminder sent once, and not the second run's.
    assert REGISTRY.get_sample_value("kerjasama_reminders_sent_total") == counted + len(owners)
    sent = Reminder.objects.filter(status=ReminderStatus.SENT)
    assert {(r.key, r.lead_days) for r in sent} == {(f"agreement:{agreement.pk}:expiry", 90)}
    assert {r.recipient.username for r in sent} == owners
    # The future ones are scheduled: expiry -30, notice -180/-90/-30.
    scheduled = Reminder.objects.filter(status=ReminderStatus.SCHEDULED)
    assert scheduled.count() == 4 * len(owners)
    notified = Notification.objects.filter(kind=NotificationKind.DEADLINE_REMINDER)
    assert {n.recipient.username for n in notified} == owners and notified.count() == len(owners)

    second = _remind(TODAY, django_capture_on_commit_callbacks)
    assert second["sent"] == 0 and second["already_sent"] == len(owners) and second["due"] == len(owners)
    assert second["cancelled"] == 0
    assert Notification.objects.filter(kind=NotificationKind.DEADLINE_REMINDER).count() == len(owners)
    assert not _outbox().exists()
    assert REGISTRY.get_sample_value("kerjasama_reminders_sent_total") == counted + len(owners)


def test_an_extension_cancels_the_pending_reminder_so_the_old_90_day_one_never_fires(
    in_force: Callable[..., Agreement], django_capture_on_commit_callbacks: Any
) -> None:
    old_end = TODAY + timedelta(days=90)
    agreement = in_force(term_end=old_end)
    # Planned a month before: the -90 reminder is scheduled for TODAY.
    earlier = _remind(TODAY - timedelta(days=30), django_capture_on_commit_callbacks)
    owners = owners_of(agreement)
    # 120 days ahead: the -180 reminder is due at once (the only passed lead), -90 and -30 are scheduled.
    assert earlier["sent"] == len(owners)
    assert set(Reminder.objects.filter(status=ReminderStatus.SENT).values_list("lead_days", flat=True)) == {
        180
    }
    pending = Reminder.objects.get(
        key=f"agreement:{agreement.pk}:expiry", lead_days=90, recipient__username="operator.yogya"
    )
    assert pending.status == ReminderStatus.SCHEDULED and pending.send_on == TODAY

    # The extension moves the end of term (the lifecycle app's procedure; here the date itself).
    new_end = old_end + timedelta(days=300)
    Agreement.objects.filter(pk=agreement.pk).update(term_end=new_end)
    run = _remind(TODAY, django_capture_on_commit_callbacks)

    pending.refresh_from_db()
    assert pending.status == ReminderStatus.CANCELLED and pending.cancel_reason == CancelReason.MOVED
    assert run["sent"] == 0 and run["cancelled"] == 2 * len(owners)  # -90 and -30 of the old date
    assert _sent_leads(old_end) == {180}
    assert Notification.objects.filter(kind=NotificationKind.DEADLINE_REMINDER).count() == len(owners)
    # The new date has its own reminders.
    assert Reminder.objects.filter(due_date=new_end, status=ReminderStatus.SCHEDULED).exists()
    # On the old date's -30 day nothing of the old date fires either.
    _remind(old_end - timedelta(days=30), django_capture_on_commit_callbacks)
    assert _sent_leads(old_end) == {180}


def test_a_superseded_agreement_has_its_pending_reminders_cancelled(
    in_force: Callable[..., Agreement], django_capture_on_commit_callbacks: Any
) -> None:
    agreement = in_force(term_end=TODAY + timedelta(days=120))
    _remind(TODAY, django_capture_on_commit_callbacks)
    assert Reminder.objects.filter(agreement=agreement, status=ReminderStatus.SCHEDULED).exists()
    registry.set_superseded_hook(lambda ids: {agreement.pk} & set(ids))
    try:
        run = _remind(TODAY + timedelta(days=1), django_capture_on_commit_callbacks)
    finally:
        registry.set_superseded_hook(None)
    assert run["cancelled"] > 0
    left = Reminder.objects.filter(agreement=agreement, status=ReminderStatus.SCHEDULED)
    assert not left.exists()
    assert set(
        Reminder.objects.filter(agreement=agreement, status=ReminderStatus.CANCELLED).values_list(
            "cancel_reason", flat=True
        )
    ) == {CancelReason.VANISHED}


def test_a_worker_killed_after_claiming_loses_and_duplicates_nothing(
    in_force: Callable[..., Agreement],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    first = in_force(term_end=TODAY + timedelta(days=30))
    second = in_force(term_end=TODAY + timedelta(days=29))
    due = len(owners_of(first)) + len(owners_of(second))
    real = services._notice
    calls = {"n": 0}

    def dies_on_the_second(reminders: list[Reminder]) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            raise SystemExit("worker killed")  # after the batch's claim, while its notices are written
        return real(reminders)

    monkeypatch.setattr(services, "_notice", dies_on_the_second)
    with pytest.raises(SystemExit):
        _remind(TODAY, django_capture_on_commit_callbacks)
    # The batch rolled back as one: its claim and the first deadline's outbox rows are gone with it.
    assert calls["n"] == 2
    assert not Reminder.objects.filter(status=ReminderStatus.SENT).exists()
    assert Reminder.objects.filter(status=ReminderStatus.SCHEDULED, send_on__lte=TODAY).count() == due
    assert not _outbox().exists()
    assert not Notification.objects.filter(kind=NotificationKind.DEADLINE_REMINDER).exists()

    monkeypatch.setattr(services, "_notice", real)
    again = _remind(TODAY, django_capture_on_commit_callbacks)
    assert again["sent"] == due
    assert Notification.objects.filter(kind=NotificationKind.DEADLINE_REMINDER).count() == due
    assert _remind(TODAY, django_capture_on_commit_callbacks)["sent"] == 0


def test_a_reminder_claimed_by_another_worker_is_not_sent_again(
    in_force: Callable[..., Agreement],
) -> None:
    in_force(term_end=TODAY + timedelta(days=30))
    services.plan(today=TODAY)
    due = list(Reminder.objects.filter(status=ReminderStatus.SCHEDULED, send_on__lte=TODAY))
    # Another worker claimed the first one between this worker's list and its claim.
    Reminder.objects.filter(pk=due[0].pk).update(status=ReminderStatus.SENT)
    result = services.send_due(today=TODAY)
    assert result.sent == len(due) - 1
    assert _outbox().count() == len(due) - 1


def test_the_command_prints_the_counts_and_sends_nothing_twice(
    in_force: Callable[..., Agreement], django_capture_on_commit_callbacks: Any
) -> None:
    agreement = in_force(term_end=TODAY + timedelta(days=30))
    owners = owners_of(agreement)

    def run() -> dict[str, Any]:
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("remind", "--today", TODAY.isoformat(), "--json", stdout=out)
        return dict(json.loads(out.getvalue()))

    first, second = run(), run()
    keys = {"due", "sent", "already_sent", "cancelled", "escalations"}
    assert keys <= set(first) and keys <= set(second)
    assert (first["due"], first["sent"], first["already_sent"]) == (len(owners), len(owners), 0)
    assert (second["due"], second["sent"], second["already_sent"]) == (len(owners), 0, len(owners))
    assert Notification.objects.filter(kind=NotificationKind.DEADLINE_REMINDER).count() == len(owners)


def test_the_command_refuses_a_bad_date() -> None:
    out = StringIO()
    with pytest.raises(SystemExit):
        call_command("remind", "--today", "2027-13-01", "--json", stdout=out)
    assert json.loads(out.getvalue())["error"]["code"] == "deadlines.bad_date"


def test_registered_steps_run_and_their_escalations_are_counted() -> None:
    seen: list[date] = []

    def escalate_late(today: date) -> dict[str, Any]:
        seen.append(today)
        return {"escalations": 2}

    registry.register_step("escalations", escalate_late)
    try:
        summary = services.remind(today=TODAY)
    finally:
        registry.unregister_step("escalations")
    assert seen == [TODAY]
    assert summary["escalations"] == 2 and summary["steps"] == {"escalations": {"escalations": 2}}


def test_a_plugged_in_source_is_reminded_to_its_owner_user(persona: Any) -> None:
    owner = persona("kabkota")

    def obligations(window: registry.DeadlineWindow) -> list[registry.DeadlineItem]:
        return [
            registry.DeadlineItem(
                key="obligation:1:2027-06",
                title_id="Tipping fee Juni",
                title_en="June tipping fee",
                due=TODAY + timedelta(days=3),
                source="obligations",
                owner_users=(owner.pk,),
                lead_days=(7, 1),
            )
        ]

    registry.register_source("obligations", obligations)
    try:
        services.remind(today=TODAY)
    finally:
        registry.unregister_source("obligations")
    assert list(Reminder.objects.values_list("recipient__username", "lead_days", "status")) == [
        ("operator.yogya", 1, ReminderStatus.SCHEDULED),
        ("operator.yogya", 7, ReminderStatus.SENT),
    ] or sorted(Reminder.objects.values_list("recipient__username", "lead_days", "status")) == [
        ("operator.yogya", 1, ReminderStatus.SCHEDULED),
        ("operator.yogya", 7, ReminderStatus.SENT),
    ]
    # The source is gone (unregistered): the next planning cancels the pending one.
    services.plan(today=TODAY + timedelta(days=1))
    assert Reminder.objects.get(lead_days=1).status == ReminderStatus.CANCELLED
