"""The reports API: the whole path upward (kab/kota → governor → province → ministry) and the exports."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.reports.models import PeriodicReport

pytestmark = pytest.mark.django_db

API = "/api/v1/reports"
SIGN = {
    "number": "000.7/55/KSD",
    "signatory_name": "Contoh",
    "signatory_title": "Sekretaris Daerah",
    "report_date": "2026-07-20",
}


def test_it_walks_the_report_upward(client_as: Any, draft: PeriodicReport) -> None:
    kabkota = client_as("kabkota")
    listed = kabkota.get(f"{API}/reports").json()
    assert [r["id"] for r in listed] == [draft.pk]
    answer = kabkota.post(f"{API}/reports/{draft.pk}/submit", SIGN, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["status"] == "submitted"
    again = kabkota.post(f"{API}/reports/{draft.pk}/submit", SIGN, content_type="application/json")
    assert again.status_code == 409
    governor = client_as("province")
    assert governor.post(f"{API}/reports/{draft.pk}/accept").json()["status"] == "accepted"
    made = governor.post(
        f"{API}/reports", {"region": "34", "period_start": "2026-01-01"}, content_type="application/json"
    )
    assert made.status_code == 201, made.content
    province = made.json()
    assert province["consolidated"] == [draft.pk]
    assert len(province["content"]["consolidation"]["not_reported"]) == 4
    sent = governor.post(f"{API}/reports/{province['id']}/submit", SIGN, content_type="application/json")
    assert sent.status_code == 200
    ministry = client_as("ministry")
    national = ministry.get(f"{API}/national/2026-01-01").json()
    diy = next(p for p in national["provinces"] if p["code"] == "34")
    assert diy["reported"] and diy["kabkota_reported"] == 1
    assert national["provinces_reported"] == 1
    returned = ministry.post(
        f"{API}/reports/{province['id']}/return", {"reason": "Lengkapi."}, content_type="application/json"
    )
    assert returned.json()["status"] == "draft" and returned.json()["return_reason"] == "Lengkapi."
    assert client_as("kabkota").get(f"{API}/national/2026-01-01").status_code == 403


def test_it_answers_the_exports(client_as: Any, draft: PeriodicReport) -> None:
    client = client_as("kabkota")
    xlsx = client.get(f"{API}/reports/{draft.pk}/export.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    pdf = client.get(f"{API}/reports/{draft.pk}/export.pdf")
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
    assert client_as("neighbour").get(f"{API}/reports/{draft.pk}/export.pdf").status_code == 404


def test_it_refuses_bad_input(client_as: Any, draft: PeriodicReport) -> None:
    client = client_as("kabkota")
    bad = client.post(
        f"{API}/reports", {"region": "34.71", "period_start": "2026-02-01"}, content_type="application/json"
    )
    assert bad.status_code == 422
    missing = client.post(
        f"{API}/reports", {"region": "99.99", "period_start": "2026-01-01"}, content_type="application/json"
    )
    assert missing.status_code == 404
    empty = client.post(
        f"{API}/reports/{draft.pk}/submit", {**SIGN, "number": " "}, content_type="application/json"
    )
    assert empty.status_code == 422
