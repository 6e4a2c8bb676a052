"""The notification outbox: a queue that is down when a change commits loses no notification."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from kerjasama.notifications import services, tasks
from kerjasama.notifications.models import Notification, PendingNotification
from kerjasama.notifications.tests.test_services import schedule

pytestmark = pytest.mark.django_db


def test_it_removes_the_outbox_row_once_the_task_delivered(
    user: Any, django_capture_on_commit_callbacks: Any
) -> None:
    operator, tkksd = user("operator.yogya"), user("tkksd.yogya")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        schedule(operator, [tkksd])
        assert PendingNotification.objects.filter(recipient=tkksd).count() == 1
    for callback in callbacks:
        callback()
    assert Notification.objects.filter(recipient=tkksd).count() == 1
    assert not PendingNotification.objects.exists()


def test_it_keeps_what_a_down_queue_could_not_take_and_redelivers_it_once(
    user: Any, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    operator, tkksd, planner = user("operator.yogya"), user("tkksd.yogya"), user("bappeda.yogya")

    def queue_down(**_kwargs: Any) -> None:
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(services, "deliver_notification", SimpleNamespace(enqueue=queue_down))
    # robust on_commit callbacks: the failure is logged, the committed change stands.
    with django_capture_on_commit_callbacks(execute=True):
        schedule(operator, [tkksd, planner])
    assert not Notification.objects.exists()
    assert PendingNotification.objects.count() == 2

    assert tasks.redeliver_pending.call() == 0  # too recent: its own task may still be on its way
    later = timezone.now() + timedelta(minutes=11)
    with time_machine.travel(later, tick=False):
        assert tasks.redeliver_pending.call() == 2
        assert tasks.redeliver_pending.call() == 0
    assert sorted(Notification.objects.values_list("recipient__username", flat=True)) == [
        "bappeda.yogya",
        "tkksd.yogya",
    ]
    assert not PendingNotification.objects.exists()


def test_it_writes_no_outbox_row_when_the_change_rolls_back(user: Any) -> None:
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        schedule(user("operator.yogya"), [user("tkksd.yogya")])
        raise RuntimeError("the service failed after notify")
    assert not PendingNotification.objects.exists()
