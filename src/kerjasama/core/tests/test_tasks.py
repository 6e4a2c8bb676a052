"""The periodic-task registry and core's housekeeping task (tasks run in the caller in tests)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from kerjasama.core import tasks as core_tasks
from kerjasama.core.errors import KerjasamaError
from kerjasama.core.tasks import enqueue_periodic, periodic, periodic_tasks, prune_task_results, worker_kind

DATABASE_TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "mapping", "notifications"],
    }
}
RQ_TASKS = {
    "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default", "mapping", "notifications"]}
}


@pytest.fixture
def registry() -> Iterator[dict[str, Any]]:
    """The registry, restored after a test that declares its own periodic tasks."""
    saved = dict(core_tasks._registry)
    try:
        yield core_tasks._registry
    finally:
        core_tasks._registry.clear()
        core_tasks._registry.update(saved)


def nightly() -> int:
    """Count to three."""
    return 3


def needs(region: str) -> str:
    return region


def test_it_finds_the_periodic_tasks_the_apps_declare() -> None:
    found = {p.name: p for p in periodic_tasks()}
    assert found["mapping.refresh"].every == "hourly"
    assert found["mapping.refresh"].path == "kerjasama.mapping.tasks.refresh_recommendations"
    assert found["mapping.refresh"].queue_name == "mapping"
    assert found["tasks.prune_results"].every == "daily"
    assert found["tasks.prune_results"].description.startswith("Delete finished task results")
    assert found["oversight.quality_recompute"].every == "daily", "the rankings' summaries, once a day"
    assert found["disputes.risk_recompute"].every == "daily"


def test_it_selects_periodic_tasks_by_cadence_and_by_name() -> None:
    assert {p.every for p in periodic_tasks(every="hourly")} == {"hourly"}
    assert "tasks.prune_results" not in {p.name for p in periodic_tasks(every="hourly")}
    assert [p.name for p in periodic_tasks(only=["tasks.prune_results"])] == ["tasks.prune_results"]
    assert periodic_tasks(every="hourly", only=["tasks.prune_results"]) == []


def test_it_refuses_an_unknown_periodic_task_name() -> None:
    with pytest.raises(KerjasamaError) as caught:
        periodic_tasks(only=["mapping.refresh", "no.such_task"])
    assert caught.value.code == "tasks.unknown_periodic"
    assert "no.such_task" in caught.value.message_en and "mapping.refresh" in caught.value.message_en


def test_it_registers_a_task_with_its_docstring_as_description(registry: dict[str, Any]) -> None:
    declared = periodic("test.nightly", every="daily")(task()(nightly))
    assert registry["test.nightly"].task is declared
    assert registry["test.nightly"].description == "Count to three."


def test_it_refuses_a_periodic_task_that_needs_arguments(registry: dict[str, Any]) -> None:
    with pytest.raises(ImproperlyConfigured, match="no arguments"):
        periodic("test.needs", every="daily")(task()(needs))
    assert "test.needs" not in registry


def test_it_refuses_a_name_declared_for_two_tasks(registry: dict[str, Any]) -> None:
    periodic("test.twice", every="daily")(task()(nightly))
    with pytest.raises(ImproperlyConfigured, match="declared twice"):
        periodic("test.twice", every="daily")(prune_task_results)


def test_it_refuses_an_unknown_cadence_and_a_plain_function() -> None:
    with pytest.raises(ImproperlyConfigured, match="every="):
        periodic("test.weekly", every="weekly")  # type: ignore[arg-type]
    with pytest.raises(ImproperlyConfigured, match="above @task"):
        periodic("test.plain", every="daily")(nightly)  # type: ignore[arg-type]


@pytest.mark.django_db
def test_it_prunes_finished_task_results_older_than_the_retention(settings: Any) -> None:
    settings.KERJASAMA_TASK_RESULT_DAYS = 14
    with override_settings(TASKS=DATABASE_TASKS):
        old, recent, waiting = (prune_task_results.enqueue().id for _ in range(3))
    DBTaskResult.objects.filter(id=old).update(
        status=TaskResultStatus.SUCCESSFUL, finished_at=timezone.now() - timedelta(days=15)
    )
    DBTaskResult.objects.filter(id=recent).update(
        status=TaskResultStatus.FAILED, finished_at=timezone.now() - timedelta(days=13)
    )
    [(entry, result)] = enqueue_periodic(only=["tasks.prune_results"])  # the immediate backend runs it here
    assert entry.name == "tasks.prune_results"
    assert result.status == TaskResultStatus.SUCCESSFUL and result.return_value == 1
    assert set(DBTaskResult.objects.values_list("id", flat=True)) == {
        DBTaskResult.objects.get(id=recent).id,
        DBTaskResult.objects.get(id=waiting).id,
    }


def test_it_names_the_worker_each_backend_needs() -> None:
    assert worker_kind() is None  # the tests' immediate backend: nothing for a worker to do
    with override_settings(TASKS=DATABASE_TASKS):
        assert worker_kind() == "database"
    with override_settings(TASKS=RQ_TASKS):
        assert worker_kind() == "rq"
