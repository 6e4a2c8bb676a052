"""A refresh rewrites only the recommendations that changed, and dates every region it recomputed.

The 30-minute soak (bench/load) left 893,817 dead rows in the recommendation table beside 21,462 live ones:
each refresh deleted and re-inserted thousands of rows of which a handful had changed (5 of 2,495 for one
``waste_coverage`` value on the national example). A refresh now compares; "dihitung pada" comes from the
region's stamp (``ComputedRegion``), since an unchanged row keeps the time it last changed.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kerjasama.core.actors import SYSTEM
from kerjasama.mapping import runner
from kerjasama.mapping.models import ComputedRegion, Recommendation
from kerjasama.mapping.selectors import freshness
from kerjasama.mapping.services import set_indicator_value
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db

DIY = {"34", "34.01", "34.02", "34.03", "34.04", "34.71"}
CONTENT = ("score", "category", "kind", "reasons", "findings", "authority_note", "uses_example_data")


def _rows() -> dict[tuple[str, str, str], tuple[Any, ...]]:
    return {
        (region, partner, affair): rest
        for region, partner, affair, *rest in Recommendation.objects.values_list(
            "region_id", "partner_id", "affair_id", "pk", "computed_at", *CONTENT
        )
    }


def _content(rows: dict[tuple[str, str, str], tuple[Any, ...]]) -> dict[tuple[str, str, str], tuple[Any, ...]]:
    return {key: row[2:] for key, row in rows.items()}


def _age_everything() -> None:
    """Move every stored time an hour back, so a time written by the refresh is told apart."""
    hour = timedelta(hours=1)
    for model in (Recommendation, ComputedRegion):
        for pk, at in model.objects.values_list("pk", "computed_at"):
            model.objects.filter(pk=pk).update(computed_at=at - hour)


def test_a_refresh_leaves_unchanged_rows_alone_and_mends_the_rest(db: Any) -> None:
    runner.run(actor=SYSTEM, regions=DIY)
    expected = _content(_rows())
    _age_everything()
    # Three kinds of drift from what the engine computes: a row changed, a row missing, a row too many.
    changed = Recommendation.objects.filter(region_id="34.71", affair_id="2.11").order_by("partner_id").first()
    missing = Recommendation.objects.filter(region_id="34.04", affair_id="1.03").order_by("partner_id").first()
    assert changed is not None and missing is not None
    Recommendation.objects.filter(pk=changed.pk).update(score=changed.score + 7, reasons=[])
    Recommendation.objects.filter(pk=missing.pk).delete()
    extra = Recommendation.objects.create(
        region_id="34.02", partner_id="11.01", affair_id="2.11", score=1.0, category="sukarela"
    )
    before = _rows()
    runner.run(actor=SYSTEM, regions=DIY)
    after = _rows()
    assert _content(after) == expected  # what the engine computes, exactly
    assert not Recommendation.objects.filter(pk=extra.pk).exists()
    untouched = {key for key in after if key in before and key != (changed.region_id, changed.partner_id, "2.11")}
    assert untouched and all(after[key][:2] == before[key][:2] for key in untouched)  # same id, same time
    fixed = after[(changed.region_id, changed.partner_id, "2.11")]
    assert fixed[0] == changed.pk and fixed[1] > before[(changed.region_id, changed.partner_id, "2.11")][1]
    assert (missing.region_id, missing.partner_id, "1.03") in after
    # Every region recomputed is dated now, whether or not a row of it changed.
    stamps = dict(ComputedRegion.objects.filter(region_id__in=DIY).values_list("region_id", "computed_at"))
    assert set(stamps) == DIY and min(stamps.values()) > timezone.now() - timedelta(minutes=5)


def test_an_unchanged_refresh_writes_no_recommendation(db: Any) -> None:
    runner.run(actor=SYSTEM, regions=DIY)
    table = Recommendation._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        runner.run(actor=SYSTEM, regions=DIY)
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if table in q["sql"] and q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE", "COPY"}
    ]
    assert writes == []


def test_the_page_dates_what_the_worker_recomputed_not_what_changed(persona: Any) -> None:
    """Kota Yogyakarta's official saves a statistic; after the worker's refresh the page's "dihitung pada"
    is the refresh's time even where no recommendation of the region changed."""
    runner.run(actor=SYSTEM, regions=DIY)
    _age_everything()
    official = persona("kabkota")
    region = Region.objects.get(code="34.71")
    before = freshness(official, region=region)
    set_indicator_value(
        actor=official, region=region, indicator_code="waste_coverage", year=2025, value="61,5", source="BPS"
    )
    runner.refresh_stale()
    after = freshness(official, region=region)
    assert before["oldest"] is not None and after["oldest"] > before["oldest"]
    assert after["oldest"] == after["newest"]  # one region, one stamp


def test_the_freshness_is_one_query_on_the_stamps_not_the_recommendations(persona: Any) -> None:
    runner.run(actor=SYSTEM, regions=DIY)
    province = Region.objects.get(code="34")
    for user, scope in ((persona("ministry"), {}), (persona("province"), {"province": province})):
        with CaptureQueriesContext(connection) as queries:
            found = freshness(user, **scope)
        assert found["oldest"] is not None and found["oldest"] <= found["newest"]
        assert len(queries.captured_queries) == 1
        assert Recommendation._meta.db_table not in queries.captured_queries[0]["sql"]
    # Another province's official sees no stamp of DI Yogyakarta.
    assert freshness(persona("other_province"), province=province) == {"oldest": None, "newest": None}
