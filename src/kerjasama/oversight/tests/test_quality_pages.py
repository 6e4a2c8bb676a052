"""The data-quality pages, exports and API: who sees what (the region its own score, the governor's office its
province's ranking, the ministry all; anyone else 404/403), the facts read from the real records, the XLSX
matching the page's figures, and a constant number of queries whatever the data size."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kerjasama.agreements.models import Agreement
from kerjasama.oversight.quality_data import region_quality
from kerjasama.oversight.tests.conftest import SLEMAN, YOGYA, attach_pks, register

pytestmark = pytest.mark.django_db

REGION = f"/pengawasan/kualitas/wilayah/{YOGYA}/"
PROVINCE = "/pengawasan/kualitas/provinsi/34/"
NATIONAL = "/pengawasan/kualitas/nasional/"
API = "/api/v1/oversight/quality"


@pytest.mark.parametrize(
    ("who", "url", "status"),
    [
        ("kabkota", REGION, 200),
        ("province", REGION, 200),
        ("ministry", REGION, 200),
        ("neighbour", REGION, 404),
        ("other_province", REGION, 404),
        ("third_party", REGION, 404),
        ("province", PROVINCE, 200),
        ("ministry", PROVINCE, 200),
        ("kabkota", PROVINCE, 404),
        ("other_province", PROVINCE, 404),
        ("third_party", PROVINCE, 404),
        ("ministry", NATIONAL, 200),
        ("province", NATIONAL, 403),
        ("kabkota", NATIONAL, 403),
        ("third_party", NATIONAL, 403),
        ("ministry", "/pengawasan/kualitas/nasional.xlsx", 200),
        ("province", "/pengawasan/kualitas/nasional.xlsx", 403),
        ("province", "/pengawasan/kualitas/provinsi/34.xlsx", 200),
        ("kabkota", "/pengawasan/kualitas/provinsi/34.xlsx", 404),
        (None, REGION, 302),
    ],
)
def test_it_shows_each_page_only_within_the_jurisdiction(
    client_as: Any, who: str, url: str, status: int
) -> None:
    assert client_as(who).get(url).status_code == status


@pytest.mark.parametrize(
    ("who", "url", "status"),
    [
        ("kabkota", f"{API}/regions/{YOGYA}", 200),
        ("province", f"{API}/regions/{YOGYA}", 200),
        ("ministry", f"{API}/regions/{YOGYA}", 200),
        ("neighbour", f"{API}/regions/{YOGYA}", 404),
        ("other_province", f"{API}/regions/{YOGYA}", 404),
        ("third_party", f"{API}/regions/{YOGYA}", 404),
        ("province", f"{API}/provinces/34", 200),
        ("ministry", f"{API}/provinces/34", 200),
        ("kabkota", f"{API}/provinces/34", 404),
        ("other_province", f"{API}/provinces/34", 404),
        ("ministry", f"{API}/national", 200),
        ("province", f"{API}/national", 403),
        ("kabkota", f"{API}/national", 403),
        ("ministry", f"{API}/regions/99.99", 404),
    ],
)
def test_the_api_answers_within_the_jurisdiction(client_as: Any, who: str, url: str, status: int) -> None:
    response = client_as(who).get(url)
    assert response.status_code == status
    if status >= 400:
        assert response.json()["error"]["code"]


def test_each_official_lands_on_their_own_view(client_as: Any) -> None:
    assert client_as("kabkota").get("/pengawasan/kualitas/")["Location"] == REGION
    assert client_as("province").get("/pengawasan/kualitas/")["Location"] == PROVINCE
    assert client_as("ministry").get("/pengawasan/kualitas/")["Location"] == NATIONAL
    assert client_as("third_party").get("/pengawasan/kualitas/").status_code == 403


def test_the_region_page_says_it_hides_nothing_and_links_each_fix(client_as: Any, persona: Any) -> None:
    agreement = register(persona("kabkota"), "Pengelolaan sampah regional Yogyakarta Sleman")
    html = client_as("kabkota").get(REGION).content.decode()
    assert 'data-testid="quality-describes"' in html
    assert "hides nothing" in html or "tidak menyembunyikan" in html
    # No signed PKS file yet: the finding links to the agreement's page; no mapping: to the region's mapping.
    assert 'data-testid="finding-QA-C02"' in html
    assert f'href="/kerja-sama/{agreement.pk}/"' in html
    assert f'href="/pemetaan/{YOGYA}/"' in html
    assert f'href="/tkksd/{YOGYA}/"' in html


def test_it_reads_the_records_and_recording_the_signed_pks_raises_the_score(persona: Any) -> None:
    agreement = register(persona("kabkota"), "Pengelolaan sampah regional Yogyakarta Sleman")
    before = region_quality(YOGYA)
    assert before is not None
    [scored] = before.agreements
    assert scored.facts.pk == agreement.pk
    assert scored.facts.n_affairs == 1
    assert {p.region_code for p in scored.facts.parties} == {YOGYA, SLEMAN}
    codes = {f.code for f in scored.score.findings}
    assert "QA-C02" in codes
    # The region has neither mapping nor TKKSD decree in the test database.
    assert {"QA-R01", "QA-R02", "QA-R03"} <= {f.code for f in before.score.findings}
    attach_pks(persona, agreement, "pks.pdf")
    after = region_quality(YOGYA)
    assert after is not None
    assert "QA-C02" not in {f.code for f in after.agreements[0].score.findings}
    assert after.agreements[0].score.score > scored.score.score
    assert after.score.score > before.score.score


def test_a_cancelled_agreement_is_not_scored(persona: Any) -> None:
    agreement = register(persona("kabkota"), "Pengelolaan sampah regional Yogyakarta Sleman")
    Agreement.objects.filter(pk=agreement.pk).update(stage="dibatalkan")
    result = region_quality(YOGYA)
    assert result is not None and result.agreements == []


def test_the_province_xlsx_holds_the_figures_of_the_api(client_as: Any, persona: Any) -> None:
    from openpyxl import load_workbook

    register(persona("kabkota"), "Pengelolaan sampah regional Yogyakarta Sleman")
    client = client_as("province")
    api = {r["code"]: r for r in client.get(f"{API}/provinces/34").json()["regions"]}
    response = client.get("/pengawasan/kualitas/provinsi/34.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[1]: row for row in sheet.iter_rows(values_only=True) if row and row[1] in api}
    assert set(rows) == set(api) and YOGYA in rows
    for code, row in rows.items():
        assert row[0] == api[code]["rank"]
        assert row[4] == api[code]["score"]
    assert any("hides nothing" in str(row[0]) for row in sheet.iter_rows(values_only=True) if row[0])
    html = client.get(PROVINCE).content.decode()
    assert f'data-testid="rank-{YOGYA}"' in html


def test_the_national_ranking_drills_down_to_the_province(client_as: Any) -> None:
    client = client_as("ministry")
    body = client.get(f"{API}/national").json()
    assert len(body["provinces"]) == 38
    html = client.get(NATIONAL).content.decode()
    assert 'href="/pengawasan/kualitas/provinsi/34/"' in html


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_pages_and_api_read_the_same_queries_with_one_or_many_agreements(
    client_as: Any, persona: Any
) -> None:
    register(persona("kabkota"), "Kerja sama pertama Yogyakarta Sleman")
    urls = {
        "ministry": [NATIONAL, PROVINCE, f"{API}/national", "/pengawasan/kualitas/nasional.xlsx"],
        "kabkota": [REGION, f"{API}/regions/{YOGYA}"],
        "province": [PROVINCE, f"{API}/provinces/34"],
    }
    small = {(who, url): _queries(client_as(who), url) for who, group in urls.items() for url in group}
    for n in range(4):
        agreement = register(
            persona("kabkota"),
            f"Kerja sama tambahan {n} Yogyakarta Sleman",
            number=f"PKS/T{n}",
            term_start=date(2025, 4 + n, 1),
        )
        attach_pks(persona, agreement, f"pks{n}.pdf")
    for (who, url), count in small.items():
        assert _queries(client_as(who), url) == count, url
