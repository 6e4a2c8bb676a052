"""The precomputed data-quality summaries: ``kerjasama quality-recompute`` (and its task) scores every
autonomous region in one transaction, with an audit event; the rankings then read the summaries (their "data as
of" is the time of the run) in a constant number of queries."""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.errors import PermissionDenied
from kerjasama.core.models import AuditEvent
from kerjasama.oversight.models import QualitySummary
from kerjasama.oversight.quality_data import autonomous_regions, ranking, score_regions
from kerjasama.oversight.quality_services import recompute_quality
from kerjasama.oversight.tests.conftest import YOGYA, attach_pks, register

pytestmark = pytest.mark.django_db

API = "/api/v1/oversight/quality"


def _recompute() -> dict[str, Any]:
    out = io.StringIO()
    call_command("quality_recompute", "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_command_scores_every_autonomous_region_with_an_audit_event(persona: Any) -> None:
    register(persona("kabkota"), "Pengelolaan sampah regional Yogyakarta Sleman")
    answer = _recompute()
    regions = autonomous_regions().count()
    assert answer == {"regions": regions}
    assert QualitySummary.objects.count() == regions
    live = {r.code: r.score for r in ranking(score_regions(autonomous_regions("34")).values())}
    stored = dict(QualitySummary.objects.filter(region_id__in=list(live)).values_list("region_id", "score"))
    assert stored == live
    assert QualitySummary.objects.get(region_id=YOGYA).agreements == 1
    assert AuditEvent.objects.filter(action=AuditAction.QUALITY_RECOMPUTED).count() == 1
    # A second run replaces the rows (no duplicates).
    _recompute()
    assert QualitySummary.objects.count() == regions


def test_only_the_ministry_or_the_system_recomputes(persona: Any) -> None:
    with pytest.raises(PermissionDenied):
        recompute_quality(actor=persona("province"))
    assert recompute_quality(actor=persona("ministry")) == autonomous_regions().count()


def test_the_task_recomputes_through_the_worker() -> None:
    out = io.StringIO()
    call_command("quality_recompute", "--enqueue", "--json", stdout=out)
    assert json.loads(out.getvalue())["enqueued"] is True
    # Tests run tasks in the caller (conftest IMMEDIATE_TASKS).
    assert QualitySummary.objects.count() == autonomous_regions().count()


def test_the_rankings_read_the_summaries_until_the_next_run(client_as: Any, persona: Any) -> None:
    agreement = register(persona("kabkota"), "Pengelolaan sampah regional Yogyakarta Sleman")
    _recompute()
    computed_at = QualitySummary.objects.get(region_id=YOGYA).computed_at
    client = client_as("province")
    body = client.get(f"{API}/provinces/34").json()
    before = {r["code"]: r["score"] for r in body["regions"]}
    assert body["as_of"].startswith(computed_at.isoformat()[:19])
    attach_pks(persona, agreement, "pks.pdf")
    # The region's own page is live; the ranking shows the last run's figures with their date.
    live = client.get(f"{API}/regions/{YOGYA}").json()["score"]
    assert live > before[YOGYA]
    assert {r["code"]: r["score"] for r in client.get(f"{API}/provinces/34").json()["regions"]} == before
    _recompute()
    after = {r["code"]: r["score"] for r in client.get(f"{API}/provinces/34").json()["regions"]}
    assert after[YOGYA] == live


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_rankings_from_summaries_read_constant_queries(client_as: Any, persona: Any) -> None:
    register(persona("kabkota"), "Kerja sama pertama Yogyakarta Sleman")
    _recompute()
    urls = ["/pengawasan/kualitas/nasional/", "/pengawasan/kualitas/provinsi/34/", f"{API}/national"]
    small = {url: _queries(client_as("ministry"), url) for url in urls}
    for n in range(3):
        register(
            persona("kabkota"),
            f"Kerja sama tambahan {n} Yogyakarta Sleman",
            number=f"PKS/R{n}",
            term_start=date(2025, 4 + n, 1),
        )
    _recompute()
    for url, count in small.items():
        assert _queries(client_as("ministry"), url) == count, url
