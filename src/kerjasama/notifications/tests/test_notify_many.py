"""``notify_many``: a daily run's notices in one outbox insert and one delivery task per batch of rows."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.core import data_version
from kerjasama.core.actors import SYSTEM
from kerjasama.notifications import services, tasks
from kerjasama.notifications.models import Notification, PendingNotification
from kerjasama.notifications.tests.conftest import payload

pytestmark = pytest.mark.django_db


def _notice(recipients: list[Any], key: str) -> services.Notice:
    values = payload(recipients[0])
    return services.Notice(
        recipients=recipients,
        kind=values["kind"],
        obj_type=values["object_type"],
        obj_id=values["object_id"],
        obj_label=values["object_label"],
        context=values["context"],
        url=values["url"],
        key=key,
        region="34.71",
    )


def test_it_enqueues_one_task_per_batch_and_delivers_each_notice_once(
    user: Any, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "DELIVERY_BATCH", 2)
    tkksd, planner, operator = user("tkksd.yogya"), user("bappeda.yogya"), user("operator.yogya")
    notices = [_notice([tkksd, planner], "run:1"), _notice([operator], "run:2")]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sent = services.notify_many(actor=SYSTEM, notices=notices)
        assert PendingNotification.objects.count() == 3 and not Notification.objects.exists()
    assert sent == [sorted([tkksd.pk, planner.pk]), [operator.pk]]
    tasks = data_version.others(callbacks)
    assert len(tasks) == 2, "three outbox rows in batches of two: two tasks, not one per recipient"
    assert not PendingNotification.objects.exists()
    assert sorted(Notification.objects.values_list("recipient__username", "key")) == [
        ("bappeda.yogya", "run:1"),
        ("operator.yogya", "run:2"),
        ("tkksd.yogya", "run:1"),
    ]


def test_a_batch_task_run_twice_or_after_the_redelivery_delivers_nothing_twice(user: Any) -> None:
    tkksd = user("tkksd.yogya")
    services.notify_many(actor=SYSTEM, notices=[_notice([tkksd], "run:3")])  # on_commit never runs here
    ids = list(PendingNotification.objects.values_list("pk", flat=True))
    assert tasks.deliver_pending.call(pending_ids=ids) == 1
    assert tasks.deliver_pending.call(pending_ids=ids) == 0
    assert Notification.objects.filter(recipient=tkksd, key="run:3").count() == 1


def test_it_writes_nothing_when_the_caller_rolls_back(user: Any) -> None:
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        services.notify_many(actor=SYSTEM, notices=[_notice([user("tkksd.yogya")], "run:4")])
        raise RuntimeError("the run failed after notify_many")
    assert not PendingNotification.objects.exists()
