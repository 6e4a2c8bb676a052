"""The permission matrix of the early-warning pages and API routes (house rule 10; issue 12 item 9).

The Kota Yogyakarta (34.71) - Kabupaten Sleman (34.04) KSDD in force, with an unpaid monthly fee (example data),
is seen by its parties, by the governor's office of DIY and nationally (the ministry, the auditor, the admin);
never by Kota Semarang nor by the third party (404). Risk events are recorded by the parties' cooperation units,
the governor's office and the ministry; the auditor sees but may not record (403). Every page says that a
high score is not proof of a dispute.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from kerjasama.agreements.models import Agreement
from kerjasama.disputes import early_warning
from kerjasama.disputes.domain import CAVEAT_EN, CAVEAT_ID
from kerjasama.disputes.models import RiskEvent
from kerjasama.disputes.tests.test_early_warning import TODAY, add_fee, waste

pytestmark = pytest.mark.django_db

PERSONAS = (
    "ministry",
    "province",
    "kabkota",
    "neighbour",
    "other_province",
    "third_party",
    "auditor",
    "admin",
)
SEES = {"ministry", "province", "kabkota", "neighbour", "auditor", "admin"}
RECORDS = {"ministry", "province", "kabkota", "neighbour", "admin"}


@pytest.fixture(autouse=True)
def _clock() -> Iterator[None]:
    with time_machine.travel(datetime(2026, 6, 15, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta")), tick=False):
        yield


@pytest.fixture
def assessed(db: Any) -> Agreement:
    agreement = waste()
    add_fee(agreement)
    early_warning.recompute_all(as_of=TODAY)
    return agreement


def _page_says_caveat(body: str) -> bool:
    return CAVEAT_ID in body or CAVEAT_EN in body


@pytest.mark.parametrize("path", ["risiko/kerja-sama/{id}/"])
def test_the_agreement_risk_page_answers_by_visibility(
    client_as: Any, assessed: Agreement, path: str
) -> None:
    url = "/perselisihan/" + path.format(id=assessed.pk)
    for name in (*PERSONAS, None):
        answer = client_as(name).get(url)
        if name is None:
            assert answer.status_code == 302
            continue
        assert answer.status_code == (200 if name in SEES else 404), name
        if name in SEES:
            body = answer.content.decode()
            assert _page_says_caveat(body), name
            assert 'data-testid="risk-indicator-payment_late"' in body
            assert 'data-testid="risk-completeness"' in body
            assert ('data-testid="risk-event-form"' in body) == (name in RECORDS), name


@pytest.mark.parametrize("path", ["risiko/", "risiko/ambang/", "risiko/?wilayah=34", "risiko/?wilayah=34.71"])
def test_the_dashboard_and_thresholds_show_only_visible_agreements(
    client_as: Any, assessed: Agreement, path: str
) -> None:
    for name in (*PERSONAS, None):
        answer = client_as(name).get("/perselisihan/" + path)
        if name is None:
            assert answer.status_code == 302
            continue
        assert answer.status_code == 200, name
        body = answer.content.decode()
        assert _page_says_caveat(body), name
        if path.startswith("risiko/?") or path == "risiko/":
            assert (f'data-testid="risk-row-{assessed.pk}"' in body) == (name in SEES), name


def test_the_regions_aggregate_is_scoped(client_as: Any, assessed: Agreement) -> None:
    seen = {}
    for name in PERSONAS:
        body = client_as(name).get("/perselisihan/risiko/?wilayah=34").content.decode()
        seen[name] = {code for code in ("34.71", "34.04") if f'data-testid="risk-region-{code}"' in body}
    assert seen["kabkota"] == {"34.71"}
    assert seen["neighbour"] == {"34.04"}
    assert seen["province"] == {"34.71", "34.04"}
    assert seen["ministry"] == {"34.71", "34.04"}
    assert seen["other_province"] == set()
    assert seen["third_party"] == set()
    national = client_as("ministry").get("/perselisihan/risiko/").content.decode()
    assert 'data-testid="risk-region-34"' in national  # the national view lists provinces, drillable


def test_the_export_lists_only_visible_agreements(client_as: Any, assessed: Agreement) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    for name in PERSONAS:
        answer = client_as(name).get("/perselisihan/risiko/ekspor.xlsx")
        assert answer.status_code == 200, name
        sheet = load_workbook(BytesIO(answer.content)).active
        assert sheet is not None
        numbers = [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)]
        assert (assessed.number in numbers) == (name in SEES), name
        assert sheet.cell(row=1, column=1).value in (CAVEAT_ID, CAVEAT_EN)


def test_recording_through_the_page(client_as: Any, assessed: Agreement) -> None:
    url = f"/perselisihan/risiko/kerja-sama/{assessed.pk}/peristiwa/"
    body = {"ev-kind": "warning_letter", "ev-date": "2026-06-01", "ev-note": "SP1"}
    for name in PERSONAS:
        before = RiskEvent.objects.count()
        answer = client_as(name).post(url, body)
        expected = 302 if name in RECORDS else (403 if name in SEES else 404)
        assert answer.status_code == expected, name
        assert RiskEvent.objects.count() == before + (name in RECORDS), name
    bad = client_as("kabkota").post(url, {**body, "ev-date": "2026-07-01"})
    assert bad.status_code == 422


def test_the_api_reads_answer_by_visibility(client_as: Any, assessed: Agreement) -> None:
    base = "/api/v1/disputes/early-warning"
    for name in (*PERSONAS, None):
        client = client_as(name)
        one = client.get(f"{base}/agreements/{assessed.pk}")
        events = client.get(f"{base}/agreements/{assessed.pk}/events")
        listed = client.get(f"{base}/agreements")
        thresholds = client.get(f"{base}/thresholds")
        regions = client.get(f"{base}/regions")
        if name is None:
            assert {r.status_code for r in (one, events, listed, thresholds, regions)} == {401}
            continue
        assert one.status_code == (200 if name in SEES else 404), name
        assert events.status_code == (200 if name in SEES else 404), name
        assert listed.status_code == thresholds.status_code == regions.status_code == 200, name
        ids = [item["agreement"] for item in listed.json()["items"]]
        assert (assessed.pk in ids) == (name in SEES), name
        if name in SEES:
            assert one.json()["caveat_en"] == CAVEAT_EN
            assert "payment_late" in {i["code"] for i in one.json()["indicators"]}
        codes = {r["region"] for r in regions.json()["items"]}
        assert ("34.71" in codes) == (name in {"ministry", "province", "kabkota", "auditor", "admin"}), name
    assert "weights_in_force" in client_as("kabkota").get(f"{base}/thresholds").json()


def test_the_api_records_events_by_permission(client_as: Any, assessed: Agreement) -> None:
    url = f"/api/v1/disputes/early-warning/agreements/{assessed.pk}/events"
    sleman = assessed.parties.get(region_id="34.04")
    payload = {"kind": "community_protest", "date": "2026-06-01", "party": sleman.pk, "note": "Warga menolak"}
    for name in PERSONAS:
        before = RiskEvent.objects.count()
        answer = client_as(name).post(url, payload, content_type="application/json")
        expected = 201 if name in RECORDS else (403 if name in SEES else 404)
        assert answer.status_code == expected, name
        assert RiskEvent.objects.count() == before + (name in RECORDS), name
    other = waste(number="PKS/UJI/LAIN", region_codes=["34.71", "34.02"])
    foreign = other.parties.get(region_id="34.02")
    bad = client_as("kabkota").post(url, {**payload, "party": foreign.pk}, content_type="application/json")
    assert bad.status_code == 422
    unknown = client_as("kabkota").post(
        url, {**payload, "kind": "payment_late"}, content_type="application/json"
    )
    assert unknown.status_code == 422
    assert unknown.json()["error"]["code"] == "disputes.risk_kind_invalid"


def test_the_agreement_page_links_its_risk(client_as: Any, assessed: Agreement) -> None:
    body = client_as("kabkota").get(f"/kerja-sama/{assessed.pk}/").content.decode()
    assert 'data-testid="agreement-risk-link"' in body
    assert f"/perselisihan/risiko/kerja-sama/{assessed.pk}/" in body


def test_the_lists_read_in_constant_queries(
    client_as: Any, assessed: Agreement, django_assert_max_num_queries: Any
) -> None:
    client = client_as("ministry")
    with django_assert_max_num_queries(30) as few:
        client.get("/perselisihan/risiko/")
    with django_assert_max_num_queries(30) as few_api:
        client.get("/api/v1/disputes/early-warning/agreements")
    for n, pair in enumerate([("34.71", "34.01"), ("34.71", "34.02"), ("34.01", "34.02")]):
        add_fee(waste(number=f"PKS/UJI/L/{n}", region_codes=list(pair)))
    early_warning.recompute_all(as_of=date(2026, 6, 15))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/perselisihan/risiko/").status_code == 200
    with django_assert_max_num_queries(len(few_api.captured_queries)):
        assert len(client.get("/api/v1/disputes/early-warning/agreements").json()["items"]) == 4


def test_the_evidence_names_the_party_not_its_code(client_as: Any, assessed: Agreement) -> None:
    """A derived event stores its party as a region code; the page shows the region's name."""
    body = client_as("kabkota").get(f"/perselisihan/risiko/kerja-sama/{assessed.pk}/").content.decode()
    evidence = body.split('data-testid="risk-indicator-payment_late"', 1)[1].split("</section>", 1)[0]
    payer = assessed.parties.order_by("position", "id")[0]
    assert f">{payer.region.name}<" in evidence
    assert f">{payer.region_id}<" not in evidence
