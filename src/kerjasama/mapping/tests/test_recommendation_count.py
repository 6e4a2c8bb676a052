"""The recommendations API's ``count`` (``selectors.recommendation_count``): read from the stored summary for
whoever sees whole provinces, counted live for a part of one; always the number the filtered list holds.

The 30-minute soak (bench/load) found the ministry's unfiltered count reading every row version the refreshes
had left behind (362 ms on PostgreSQL without a vacuum since); the summary answers from 38 × 32 stored rows.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kerjasama.core.actors import SYSTEM
from kerjasama.mapping import runner
from kerjasama.mapping.models import IndicatorValue, ProvinceAffairSummary, Recommendation
from kerjasama.mapping.selectors import recommendation_count, recommendations_query
from kerjasama.mapping.services import set_indicator_value
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db

#: Two provinces' regions, so a province's figure differs from the nation's.
REGIONS = {"34", "34.02", "34.04", "34.71", "33", "33.74"}
FILTERS = list(
    itertools.product(["", "2.11", "1.03", "9.99"], ["", "34", "33", "34.71", "35"], [None, True, False])
)
PERSONAS = ["ministry", "admin", "province", "kabkota", "neighbour", "other_province", "third_party", "auditor"]


def _table_reads(queries: CaptureQueriesContext) -> list[str]:
    table = Recommendation._meta.db_table
    return [q["sql"] for q in queries.captured_queries if f'"{table}"' in q["sql"]]


@pytest.fixture
def stored(db: Any) -> None:
    runner.run(actor=SYSTEM, regions=REGIONS)
    assert Recommendation.objects.filter(region__pk__startswith="33.").exists()
    assert Recommendation.objects.filter(category="wajib").exists()
    assert Recommendation.objects.filter(category="sukarela").exists()


@pytest.mark.parametrize("name", PERSONAS)
def test_the_count_is_what_the_list_holds_for_every_persona_and_filter(
    stored: None, persona: Any, name: str
) -> None:
    user = persona(name)
    for affair, province, mandatory in FILTERS:
        live = recommendations_query(user, affair=affair, province=province, mandatory=mandatory).count()
        counted = recommendation_count(user, affair=affair, province=province, mandatory=mandatory)
        assert counted == live, (name, affair, province, mandatory)


def test_whole_provinces_are_counted_from_the_summary_not_the_table(stored: None, persona: Any) -> None:
    ministry, province, kabkota = persona("ministry"), persona("province"), persona("kabkota")
    for user, affair, in_province in ((ministry, "", ""), (ministry, "2.11", "34"), (province, "", "")):
        with CaptureQueriesContext(connection) as queries:
            assert recommendation_count(user, affair=affair, province=in_province) > 0
        assert not _table_reads(queries), (affair, in_province)
    # A kab/kota sees part of its province: its own rows are counted (through the region's index).
    with CaptureQueriesContext(connection) as queries:
        assert recommendation_count(kabkota) == Recommendation.objects.filter(region_id="34.71").count() > 0
    assert _table_reads(queries)
    # So is a kab/kota filter, whoever asks.
    with CaptureQueriesContext(connection) as queries:
        recommendation_count(ministry, province="34.71")
    assert _table_reads(queries)


def test_the_stored_counts_follow_a_refresh(stored: None, persona: Any) -> None:
    """A statistic changes the pairs on the affairs it informs; after the worker's refresh the summary's
    count is again what the table holds (and a national run's too)."""
    ministry, kabkota = persona("ministry"), persona("kabkota")
    value = IndicatorValue.objects.filter(region_id="34.71", indicator__code="waste_coverage").first()
    year = value.year if value is not None else 2026
    set_indicator_value(
        actor=kabkota,
        region=Region.objects.get(code="34.71"),
        indicator_code="waste_coverage",
        year=year,
        value="3,5",
        source="BPS",
    )
    runner.refresh_stale()
    for affair, province, mandatory in FILTERS:
        live = recommendations_query(ministry, affair=affair, province=province, mandatory=mandatory).count()
        assert recommendation_count(ministry, affair=affair, province=province, mandatory=mandatory) == live
    Recommendation.objects.filter(region_id="34.02")._raw_delete(connection.alias)
    runner.run(actor=SYSTEM, regions={"34.02"})
    assert recommendation_count(ministry) == Recommendation.objects.count()


def test_a_database_never_summarised_is_counted_live(stored: None, persona: Any) -> None:
    ProvinceAffairSummary.objects.all().delete()
    assert recommendation_count(persona("ministry")) == Recommendation.objects.count() > 0
