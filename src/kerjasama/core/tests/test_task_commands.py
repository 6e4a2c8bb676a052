"""``kerjasama worker`` and ``kerjasama schedule`` (the real workers run in tests/e2e/test_worker.py)."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.test import override_settings
from redis.exceptions import ConnectionError as RedisConnectionError

from kerjasama.core.management.commands import schedule as schedule_command
from kerjasama.core.management.commands import worker as worker_command
from kerjasama.core.tests.test_tasks import DATABASE_TASKS, RQ_TASKS


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def delegated(monkeypatch: pytest.MonkeyPatch) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    """The library worker command ``kerjasama worker`` hands over to, recorded instead of run."""
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    monkeypatch.setattr(worker_command, "call_command", lambda *a, **kw: calls.append((a, kw)))
    return calls


class AnsweringRedis:
    def ping(self) -> bool:
        return True


def test_it_refuses_a_worker_for_the_immediate_backend() -> None:
    code, _out, err = run("worker", "--burst")
    assert code == 2
    assert "tasks.no_worker" in err and "Galat" in err and "Error" in err and "immediate" in err


def test_it_runs_the_database_worker_on_every_queue(delegated: list[Any]) -> None:
    with override_settings(TASKS=DATABASE_TASKS):
        code, out, _err = run("worker", "--burst")
    assert code == 0 and "backend database" in out
    [(args, options)] = delegated
    assert args == ("db_worker",)
    assert options["queue_name"] == "default,mapping,notifications"
    assert options["batch"] is True and options["reload"] is False and options["startup_delay"] is False


def test_it_runs_the_database_worker_on_the_chosen_queues(delegated: list[Any]) -> None:
    with override_settings(TASKS=DATABASE_TASKS):
        assert run("worker", "--queue", "mapping", "--queue", "notifications,mapping")[0] == 0
    [(_args, options)] = delegated
    assert options["queue_name"] == "mapping,notifications" and options["batch"] is False


def test_it_refuses_an_unknown_queue(delegated: list[Any]) -> None:
    with override_settings(TASKS=DATABASE_TASKS):
        code, _out, err = run("worker", "--queue", "laporan")
    assert code == 2 and "tasks.unknown_queue" in err and "laporan" in err and delegated == []


def test_it_runs_the_rq_worker_with_the_task_job_class(
    delegated: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker_command.django_rq, "get_connection", lambda queue: AnsweringRedis())
    with override_settings(TASKS=RQ_TASKS):
        assert run("worker", "--burst", "--queue", "notifications")[0] == 0
    [(args, options)] = delegated
    assert args == ("rqworker", "notifications")
    assert options["job_class"] == "django_tasks_rq.Job" and options["burst"] is True


def test_it_says_clearly_when_redis_does_not_answer(
    delegated: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(queue: str) -> Any:
        raise RedisConnectionError("Connection refused")

    monkeypatch.setattr(worker_command.django_rq, "get_connection", refuse)
    with override_settings(TASKS=RQ_TASKS):
        code, _out, err = run("worker", "--burst")
    assert code == 1 and "tasks.redis_unavailable" in err and "REDIS_URL" in err and delegated == []


def test_it_lists_the_periodic_tasks_without_enqueuing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(**selection: Any) -> Any:
        raise AssertionError("--list must not enqueue")

    monkeypatch.setattr(schedule_command, "enqueue_periodic", refuse)
    code, out, _err = run("schedule", "--list", "--json")
    assert code == 0
    listed = {entry["name"]: entry for entry in json.loads(out)}
    assert listed["mapping.refresh"]["every"] == "hourly" and listed["mapping.refresh"]["queue"] == "mapping"
    assert listed["tasks.prune_results"]["every"] == "daily"
    code, out, _err = run("schedule", "--list", "--every", "daily")
    assert code == 0 and "tasks.prune_results" in out and "mapping.refresh" not in out


@pytest.mark.django_db
def test_it_enqueues_the_periodic_tasks_of_a_cadence() -> None:
    code, out, _err = run("schedule", "--every", "daily", "--json")
    assert code == 0
    entries = {entry["name"]: entry for entry in json.loads(out)}
    # Other apps declare daily tasks too (monev.open_periods, lifecycle.end_expired, deadlines.remind); each of
    # them ran, and no hourly task did.
    entry = entries["tasks.prune_results"]
    assert entry["status"] == "SUCCESSFUL" and entry["id"]
    assert all(e["status"] == "SUCCESSFUL" for e in entries.values())
    assert "mapping.refresh" not in entries


def test_it_refuses_an_unknown_periodic_task() -> None:
    code, _out, err = run("schedule", "--only", "laporan.harian")
    assert code == 2 and "tasks.unknown_periodic" in err and "laporan.harian" in err
