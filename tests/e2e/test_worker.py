"""Background tasks on real queues: ``kerjasama worker`` on the database backend and on Redis (RQ), and the
worker that ``kerjasama serve`` starts beside the web server and stops with it."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Instance, InstanceFactory, Server, start_server, stop_process, wants_postgres

REFRESH = "kerjasama.mapping.tasks.refresh_recommendations"
REDIS_TEST_URL = "redis://127.0.0.1:6379/11"  # a database number of its own, flushed before and after

#: A committed profile change of Kota Yogyakarta: the service marks the region and, on commit, enqueues the
#: mapping refresh on the instance's task backend (``QUEUED`` lists the ids waiting for a worker).
CHANGE_A_PROFILE = """
from django.conf import settings
from kerjasama.core.actors import SYSTEM
from kerjasama.mapping.models import ComputedRegion, StaleRegion
from kerjasama.mapping.services import set_indicator_value
from kerjasama.regions.models import Region

def queued():
    if settings.KERJASAMA_TASK_BACKEND == "rq":
        import django_rq
        return list(django_rq.get_queue("mapping").job_ids)
    from django_tasks_db.models import DBTaskResult
    return [str(i) for i in DBTaskResult.objects.ready().filter(task_path=%(task)r).values_list("id", flat=True)]

waiting = set(queued())
before = ComputedRegion.objects.get(region_id="34.71").computed_at
set_indicator_value(
    actor=SYSTEM, region=Region.objects.get(code="34.71"), indicator_code="landfill_life", year=2025,
    value=%(value)s, source="e2e",
)
result = {
    "before": before.isoformat(),
    "marked": sorted(StaleRegion.objects.values_list("region_id", flat=True)),
    "queued": sorted(set(queued()) - waiting),
}
"""

#: What the worker left: the task's result, the marks still standing, when 34.71 was last computed (its stamp).
AFTERWARDS = """
from kerjasama.mapping.models import ComputedRegion, StaleRegion
from kerjasama.mapping.tasks import refresh_recommendations

done = refresh_recommendations.get_result(%(id)r)
result = {
    "status": str(done.status),
    "return_value": done.return_value if done.is_finished and not done.errors else None,
    "worker_ids": list(done.worker_ids),
    "marked": sorted(StaleRegion.objects.values_list("region_id", flat=True)),
    "computed": ComputedRegion.objects.get(region_id="34.71").computed_at.isoformat(),
}
"""

#: Enqueue a refresh on the served instance's database backend and wait (at most 30 s) for a worker.
ENQUEUE_AND_WAIT = """
import time
from kerjasama.mapping.tasks import refresh_recommendations

queued = refresh_recommendations.enqueue()
deadline = time.monotonic() + 30
while not queued.is_finished and time.monotonic() < deadline:
    time.sleep(0.25)
    queued.refresh()
result = {"status": str(queued.status), "worker_ids": list(queued.worker_ids)}
"""


@pytest.fixture(scope="module")
def worker_instance(instance_factory: InstanceFactory) -> Instance:
    """An installation of its own: no served worker races the ``--burst`` worker for its tasks."""
    return instance_factory.create("worker")


def with_env(instance: Instance, **env: str) -> Instance:
    return dataclasses.replace(instance, env={**instance.env, **env})


def run_task_through_the_worker(instance: Instance, value: int) -> tuple[dict[str, Any], dict[str, Any]]:
    changed = instance.python(CHANGE_A_PROFILE % {"task": REFRESH, "value": value})
    assert changed["marked"] == ["34.71"], changed
    assert len(changed["queued"]) == 1, f"the committed change should enqueue one refresh: {changed}"
    worked = instance.run("worker", "--burst", timeout=300)
    assert worked.returncode == 0, f"kerjasama worker --burst failed:\n{worked.stdout}\n{worked.stderr}"
    return changed, instance.python(AFTERWARDS % {"id": changed["queued"][0]})


def test_it_works_a_task_of_the_database_backend_with_the_real_worker(worker_instance: Instance) -> None:
    database = with_env(worker_instance, KERJASAMA_TASK_BACKEND="database")
    changed, after = run_task_through_the_worker(database, value=3)
    assert after["status"] == "SUCCESSFUL" and after["worker_ids"], after
    assert after["return_value"] >= 1  # regions recomputed
    assert after["marked"] == [] and after["computed"] > changed["before"]


@pytest.fixture
def redis_db() -> Iterator[Any]:
    """Redis database 11 on 127.0.0.1:6379, empty before and after the test."""
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.fail(f"DB=postgres runs the Redis test, but Redis at {REDIS_TEST_URL} does not answer: {exc}")
    client.flushdb()
    try:
        yield client
    finally:
        client.flushdb()
        client.close()


@pytest.mark.skipif(
    not wants_postgres(),
    reason="the Redis (RQ) worker test runs with DB=postgres, as in production (CI runs both)",
)
def test_it_works_a_task_on_redis_with_the_real_rq_worker(worker_instance: Instance, redis_db: Any) -> None:
    rq = with_env(worker_instance, KERJASAMA_TASK_BACKEND="rq", REDIS_URL=REDIS_TEST_URL)
    changed, after = run_task_through_the_worker(rq, value=4)
    assert redis_db.dbsize() > 0  # the job and its result live in Redis, not in the database
    assert after["status"] == "SUCCESSFUL" and after["worker_ids"], after
    assert after["return_value"] >= 1
    assert after["marked"] == [] and after["computed"] > changed["before"]


def test_it_refuses_to_start_a_worker_for_the_immediate_backend(worker_instance: Instance) -> None:
    result = with_env(worker_instance, KERJASAMA_TASK_BACKEND="immediate").run("worker")
    assert result.returncode == 2
    assert "Galat [tasks.no_worker]" in result.stderr and "Error [tasks.no_worker]" in result.stderr


def test_it_works_tasks_beside_the_served_instance(live_server_process: Server) -> None:
    done = live_server_process.instance.python(ENQUEUE_AND_WAIT)
    assert done["status"] == "SUCCESSFUL" and done["worker_ids"], (
        f"no worker finished the task within 30 s: {done}\n{live_server_process.log_text()[-3000:]}"
    )


# --- the worker ends with the server --------------------------------------------------------------------


def worker_pid(server: Server) -> int:
    found = re.search(r"task worker: pid (\d+)", server.log_text())
    assert found, f"`kerjasama serve` did not start a task worker:\n{server.log_text()}"
    return int(found.group(1))


def running(pid: int) -> bool:
    """The process exists and has not ended (a zombie has ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def wait_until_gone(pid: int, timeout: float = 40) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not running(pid):
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def served(worker_instance: Instance) -> Iterator[Server]:
    server = start_server(worker_instance)
    try:
        yield server
    finally:
        stop_process(server.process)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.process.pid, signal.SIGKILL)  # gunicorn's own workers, if the master was killed


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_it_stops_the_worker_with_the_server(served: Server, stop: signal.Signals) -> None:
    pid = worker_pid(served)
    assert running(pid) and "worker" in Path(f"/proc/{pid}/cmdline").read_text()
    served.process.send_signal(stop)
    served.process.wait(timeout=60)
    assert wait_until_gone(pid), f"the task worker {pid} outlived the server:\n{served.log_text()}"


def test_it_stops_the_worker_when_the_server_is_killed(served: Server) -> None:
    pid = worker_pid(served)
    assert running(pid)
    served.process.kill()
    served.process.wait(timeout=30)
    assert wait_until_gone(pid, timeout=20), f"the task worker {pid} was orphaned:\n{served.log_text()}"


def test_it_serves_without_a_worker_when_asked(worker_instance: Instance) -> None:
    server = start_server(worker_instance, "--no-worker")
    try:
        assert "task worker" not in server.log_text()
    finally:
        stop_process(server.process)


def test_it_enqueues_the_scheduled_work_for_the_worker(worker_instance: Instance) -> None:
    listed = json.loads(worker_instance.ok("schedule", "--list", "--json").stdout)
    assert {"mapping.refresh", "tasks.prune_results"} <= {entry["name"] for entry in listed}
    # The daily end of processing at the end of retention (privacy, UU 27/2022).
    assert {"privacy.retention"} <= {entry["name"] for entry in listed if entry.get("every") == "daily"}
    entries = {e["name"]: e for e in json.loads(worker_instance.ok("schedule", "--every", "hourly", "--json").stdout)}
    assert set(entries) == {
        "mapping.refresh",
        "notifications.redeliver",
        "oversight.dashboard_recompute",
        "oversight.open_data_build",
        "privacy.escalate",
    }
    assert {e["status"] for e in entries.values()} == {"READY"}  # waiting for a worker
    worker_instance.ok("worker", "--burst", "--queue", "mapping")
    after = worker_instance.python(AFTERWARDS % {"id": entries["mapping.refresh"]["id"]})
    assert after["status"] == "SUCCESSFUL" and after["marked"] == []


@pytest.mark.parametrize("subcommand", ["worker", "schedule"])
def test_it_lists_and_explains_the_task_commands(instance: Instance, subcommand: str) -> None:
    assert re.search(rf"^\s+{subcommand}\s", instance.ok("--help").stdout, re.MULTILINE)
    result = instance.ok(subcommand, "--help")
    option = "--burst" if subcommand == "worker" else "--every"
    assert "usage:" in result.stdout and option in result.stdout
    assert result.stderr.strip() == ""
