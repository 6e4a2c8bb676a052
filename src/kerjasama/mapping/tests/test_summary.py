"""The stored national summary (``mapping.summary``): exact figures, refreshed by the runner and the stale
refresh, scoped per viewer, and national/province pages whose query count does not grow with the data."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kerjasama.core.actors import SYSTEM
from kerjasama.mapping import runner
from kerjasama.mapping.choices import IdentificationStatus
from kerjasama.mapping.demo import load_mapping_demo
from kerjasama.mapping.models import (
    Identification,
    ProvinceAffairSummary,
    Recommendation,
    StaleRegion,
)
from kerjasama.mapping.summary import refresh_summary
from kerjasama.regions.models import Region

pytestmark = pytest.mark.django_db

DIY = {"34", "34.01", "34.02", "34.03", "34.04", "34.71"}


@pytest.fixture
def demo(db: Any) -> None:
    load_mapping_demo(actor=SYSTEM)
    runner.run(actor=SYSTEM, regions=DIY)


def _direct(affair: str, province: str) -> tuple[int, int]:
    """The figures counted the slow way (every row), to compare with the stored ones."""
    done = Identification.objects.filter(
        region__code__startswith=province, affair_id=affair, status__in=("verified", "published")
    ).count()
    pairs = {
        frozenset((r, p))
        for r, p in Recommendation.objects.filter(
            region__code__startswith=province, affair_id=affair, category="wajib"
        ).values_list("region_id", "partner_id")
    }
    return done, len(pairs)


@pytest.mark.usefixtures("demo")
def test_the_run_stores_exact_figures_for_the_provinces_it_touched() -> None:
    rows = ProvinceAffairSummary.objects.filter(province_id="34")
    assert rows.count() == 32
    assert any(row.mandatory_pairs for row in rows)
    for row in rows:
        assert row.mandatory_pairs == _direct(row.affair_id, "34")[1]
        assert row.regions == 6  # the province and its five kab/kota


@pytest.mark.usefixtures("demo")
def test_a_stale_refresh_updates_the_pairs_of_the_provinces_it_recomputed() -> None:
    ProvinceAffairSummary.objects.filter(province_id="34").update(mandatory_pairs=999)
    StaleRegion.objects.create(region_id="34.71", identifications_changed=True)
    assert runner.refresh_stale() > 0
    for row in ProvinceAffairSummary.objects.filter(province_id="34"):
        assert row.mandatory_pairs == _direct(row.affair_id, "34")[1]


@pytest.mark.usefixtures("demo")
def test_a_verification_shows_on_the_national_page_at_once(client_as: Any) -> None:
    item = Identification.objects.filter(region_id="34.71", status__in=("verified", "published")).first()
    assert item is not None
    client = client_as("ministry")

    def cell() -> str:
        html = client.get("/pemetaan/").content.decode()
        return html.split(f'data-cell="{item.affair_id}-34" data-identified="')[1].split('"')[0]

    before = int(cell())
    assert before == _direct(item.affair_id, "34")[0]
    Identification.objects.filter(pk=item.pk).update(status=IdentificationStatus.DRAFT)
    assert int(cell()) == before - 1


@pytest.mark.usefixtures("demo")
def test_each_viewer_gets_only_summaries_exact_for_them(persona: Any) -> None:
    refresh_summary()
    every = ProvinceAffairSummary.objects.count()
    assert ProvinceAffairSummary.objects.restrict(persona("ministry"), "view").count() == every
    province = ProvinceAffairSummary.objects.restrict(persona("province"), "view")
    assert set(province.values_list("province_id", flat=True)) == {"34"}
    # A kab/kota sees part of a province only: a province total would not be its figure.
    assert not ProvinceAffairSummary.objects.restrict(persona("kabkota"), "view").exists()
    assert not ProvinceAffairSummary.objects.restrict(persona("third_party"), "view").exists()


@pytest.mark.usefixtures("demo")
def test_the_national_page_shows_the_stored_figures(client_as: Any) -> None:
    ProvinceAffairSummary.objects.filter(province_id="34", affair_id="2.11").update(mandatory_pairs=77)
    html = client_as("ministry").get("/pemetaan/").content.decode()
    cell = html.split('data-cell="2.11-34"')[1].split("</td>")[0]
    assert "(77 pasangan)" in cell or "(77 pairs)" in cell


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_overview_pages_cost_the_same_queries_with_one_or_many_regions_of_data(client_as: Any) -> None:
    load_mapping_demo(actor=SYSTEM)
    runner.run(actor=SYSTEM, regions={"34.71"})
    ministry = client_as("ministry")
    national_small = _queries(ministry, "/pemetaan/")
    province = client_as("province")
    province_small = _queries(province, "/pemetaan/provinsi/34/")
    # Many more regions' recommendations and summaries: every kab/kota of DIY, Central and East Java.
    many = set(DIY) | set(
        Region.objects.filter(province_id__in=("33", "35"), is_autonomous=True).values_list("code", flat=True)
    )
    runner.run(actor=SYSTEM, regions=many)
    assert Recommendation.objects.values("region_id").distinct().count() > 50
    assert _queries(client_as("ministry"), "/pemetaan/") == national_small
    assert _queries(client_as("province"), "/pemetaan/provinsi/34/") == province_small


@pytest.mark.usefixtures("demo")
def test_the_region_map_gets_boundaries_and_exactly_the_partners_the_page_lists(client_as: Any) -> None:
    import json

    html = client_as("kabkota").get("/pemetaan/34.71/").content.decode()
    raw = html.split('<script id="mapping-points" type="application/json">')[1].split("</script>")[0]
    data = json.loads(raw)
    assert data["self"]["code"] == "34.71"
    assert data["boundaries"]["kabkota"].endswith("regions/boundaries/kabkota.json")
    listed = set(Recommendation.objects.filter(region_id="34.71").values_list("partner_id", flat=True))
    assert {p["code"] for p in data["partners"]} == listed
    wajib = set(
        Recommendation.objects.filter(region_id="34.71", category="wajib").values_list("partner_id", flat=True)
    )
    assert {p["code"] for p in data["partners"] if p["role"] == "wajib"} == wajib
    assert 'role="region"' in html and 'data-testid="map-partner-list"' in html
