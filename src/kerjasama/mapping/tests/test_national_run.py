"""The national run trigger (issue 9): only the ministry or a system admin; a task, with a stored run record."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.core import data_version
from kerjasama.core.audit import AuditEvent
from kerjasama.core.audit_actions import AuditAction
from kerjasama.mapping import runner, services
from kerjasama.mapping.choices import MappingRunStatus
from kerjasama.mapping.models import MappingRun, Recommendation

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_country(monkeypatch: pytest.MonkeyPatch) -> None:
    """The national run on a handful of regions (the whole country is the benchmark's business)."""
    real = runner.run

    def run(**kwargs: Any) -> Any:
        if kwargs.get("regions") is None and kwargs.get("progress") is not None:
            kwargs["regions"] = {"34", "34.02", "34.04", "34.71"}
        return real(**kwargs)

    monkeypatch.setattr(runner, "run", run)


@pytest.mark.usefixtures("small_country")
@pytest.mark.parametrize("who", ["ministry", "admin"])
def test_it_lets_the_ministry_start_a_national_run_as_a_task(
    client_as: Any, who: str, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_as(who)
    page = client.get("/pemetaan/")
    assert page.status_code == 200 and b'data-testid="national-run-button"' in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/pemetaan/nasional/jalankan/")
    assert response.status_code == 302 and response.url == "/pemetaan/"
    run = MappingRun.objects.get()
    # Tasks run immediately in tests: the run was claimed, counted and closed by the task.
    assert run.status == MappingRunStatus.DONE
    assert run.regions_done == run.regions_total == 4
    assert run.recommendations == Recommendation.objects.count() > 0
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        AuditAction.MAPPING_NATIONAL_RUN_REQUESTED,
        AuditAction.MAPPING_NATIONAL_RUN_STARTED,
        AuditAction.MAPPING_NATIONAL_RUN_FINISHED,
    } <= actions
    page = client.get("/pemetaan/")
    assert b'data-testid="national-run-status"' in page.content
    assert b'data-testid="computed-at"' in page.content


@pytest.mark.parametrize("who", ["province", "kabkota", "neighbour", "third_party", "auditor"])
def test_it_refuses_a_national_run_to_everyone_else(client_as: Any, who: str) -> None:
    response = client_as(who).post("/pemetaan/nasional/jalankan/")
    assert response.status_code == 403
    assert not MappingRun.objects.exists()


def test_it_sends_an_anonymous_visitor_to_the_login(client_as: Any) -> None:
    response = client_as(None).post("/pemetaan/nasional/jalankan/")
    assert response.status_code in (302, 403)
    assert not MappingRun.objects.exists()


def test_it_never_runs_in_the_request_nor_twice(persona: Any, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = services.request_national_run(actor=persona("ministry"))
        second = services.request_national_run(actor=persona("ministry"))
    assert first == second and first.status == MappingRunStatus.QUEUED
    assert len(data_version.others(callbacks)) == 1  # one task enqueued on commit, nothing computed here
    assert not Recommendation.objects.exists()


def test_it_leaves_a_claimed_run_alone(persona: Any, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        run = services.request_national_run(actor=persona("ministry"))
    MappingRun.objects.filter(pk=run.pk).update(status=MappingRunStatus.RUNNING)
    runner.run_requested(run.pk)  # a second worker: the compare-and-swap claim fails, nothing is computed
    assert not Recommendation.objects.exists()
