"""The mapping refresh as a task: a committed profile change enqueues it; it claims each stale mark once."""

from __future__ import annotations

from typing import Any

import pytest
from django_tasks import TaskResultStatus
from django_tasks.backends.immediate import ImmediateBackend

from kerjasama.core.actors import SYSTEM
from kerjasama.core.tasks import periodic_tasks
from kerjasama.mapping import runner
from kerjasama.mapping.domain import engine
from kerjasama.mapping.models import Recommendation, StaleRegion
from kerjasama.mapping.services import set_indicator_value
from kerjasama.mapping.tasks import refresh_recommendations
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db


def score(region: str, partner: str, affair: str) -> float:
    return Recommendation.objects.get(region_id=region, partner_id=partner, affair_id=affair).score


def change_waste_profile(persona: Any) -> None:
    """Kota Yogyakarta's landfill is full and its coverage low; Sleman's landfill has years left."""
    for code, value in (("landfill_life", 0), ("waste_coverage", 10)):
        set_indicator_value(
            actor=persona("kabkota"),
            region=Region.objects.get(code="34.71"),
            indicator_code=code,
            year=2025,
            value=value,
            source="DLH (uji)",
        )
    set_indicator_value(
        actor=persona("neighbour"),
        region=Region.objects.get(code="34.04"),
        indicator_code="landfill_life",
        year=2025,
        value=18,
        source="DLH (uji)",
    )


def test_it_recomputes_the_marked_regions_when_the_change_commits(
    persona: Any, django_capture_on_commit_callbacks: Any
) -> None:
    runner.run(actor=SYSTEM, regions={"34.71", "34.04"})
    before = score("34.71", "34.04", "2.11")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        change_waste_profile(persona)
        assert StaleRegion.objects.filter(region_id__in=["34.71", "34.04"]).count() == 2
        assert score("34.71", "34.04", "2.11") == before  # nothing recomputed inside the request
    assert callbacks  # the refresh was enqueued on commit, and the tests' backend ran it there
    assert not StaleRegion.objects.exists()
    assert score("34.71", "34.04", "2.11") > before


def test_it_enqueues_nothing_before_the_transaction_commits(
    persona: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        change_waste_profile(persona)
    assert len(callbacks) >= 1 and StaleRegion.objects.count() == 2
    for callback in callbacks:
        callback()
    assert not StaleRegion.objects.exists()


def test_it_returns_how_many_regions_it_recomputed(persona: Any) -> None:
    runner.run(actor=SYSTEM, regions={"34.71", "34.04"})
    change_waste_profile(persona)  # marked; inside the test transaction nothing commits, so nothing ran
    result = refresh_recommendations.enqueue()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value is not None and result.return_value >= 2
    assert not StaleRegion.objects.exists()
    assert refresh_recommendations.enqueue().return_value == 0  # a second refresh finds nothing to do


def test_it_claims_each_mark_once_when_two_refreshes_race(monkeypatch: pytest.MonkeyPatch) -> None:
    runner.run(actor=SYSTEM, regions={"34.71"})
    StaleRegion.objects.create(region_id="34.71")
    StaleRegion.objects.create(region_id="11.09")
    read_marks = StaleRegion.objects.values_list
    computed: list[str] = []
    affected_regions = engine.affected_regions

    def read_then_lose_one(*fields: Any, **options: Any) -> Any:
        rows = list(read_marks(*fields, **options))
        StaleRegion.objects.filter(region_id="11.09").delete()  # the other refresher claims it first
        return rows

    def spy(inputs: Any, code: str, **options: Any) -> set[str]:
        computed.append(code)
        return affected_regions(inputs, code, **options)

    monkeypatch.setattr(StaleRegion.objects, "values_list", read_then_lose_one)
    monkeypatch.setattr(engine, "affected_regions", spy)
    assert refresh_recommendations.enqueue().return_value
    assert computed == ["34.71"]  # 11.09 was read but not claimed: the other refresher computes it


def test_it_declares_the_refresh_an_hourly_periodic_task() -> None:
    [entry] = periodic_tasks(only=["mapping.refresh"])
    assert entry.task is refresh_recommendations and entry.every == "hourly" and entry.queue_name == "mapping"


def test_it_keeps_the_change_when_the_queue_cannot_take_the_refresh(
    persona: Any, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def queue_down(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionError("Redis does not answer")

    monkeypatch.setattr(ImmediateBackend, "enqueue", queue_down)
    with django_capture_on_commit_callbacks(execute=True):
        change_waste_profile(persona)  # the request does not fail
    assert StaleRegion.objects.count() == 2  # the marks wait for the hourly scheduled refresh
