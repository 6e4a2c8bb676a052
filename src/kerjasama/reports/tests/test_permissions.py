"""The permission matrix of the reports over the named personas (house rule 10), on the pages and the API.

Kota Yogyakarta's draft report: its cooperation unit writes it; the governor's office of DIY sees it (and would
review it once submitted: on a draft the acceptance is a 409); the ministry and the auditor read it; Sleman
(another kab/kota), Kota Semarang's unit (another province) and the third party do not see it (404).
"""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.reports.models import PeriodicReport

pytestmark = pytest.mark.django_db

#: persona → page, XLSX, API read, API refresh, API accept (on a draft), API draft Kota Yogyakarta's report
MATRIX = {
    "kabkota": (200, 200, 200, 200, 403, 201),
    "neighbour": (404, 404, 404, 404, 404, 403),
    "province": (200, 200, 200, 403, 409, 403),
    "ministry": (200, 200, 200, 403, 403, 403),
    "auditor": (200, 200, 200, 403, 403, 403),
    "other_province": (404, 404, 404, 404, 404, 403),
    "third_party": (404, 404, 404, 404, 404, 403),
    "admin": (200, 200, 200, 200, 409, 201),
}


@pytest.mark.parametrize("who", list(MATRIX))
def test_it_lets_each_persona_see_and_do_what_the_matrix_says(
    client_as: Any, draft: PeriodicReport, who: str
) -> None:
    page, xlsx, api_read, api_refresh, api_accept, api_generate = MATRIX[who]
    client = client_as(who)
    assert client.get(f"/laporan/{draft.pk}/").status_code == page
    assert client.get(f"/laporan/{draft.pk}/laporan.xlsx").status_code == xlsx
    api = "/api/v1/reports/reports"
    assert client.get(f"{api}/{draft.pk}").status_code == api_read
    assert client.post(f"{api}/{draft.pk}/refresh").status_code == api_refresh
    assert client.post(f"{api}/{draft.pk}/accept").status_code == api_accept
    answer = client.post(
        api, {"region": "34.71", "period_start": "2026-01-01"}, content_type="application/json"
    )
    assert answer.status_code == api_generate, answer.content
    assert client.get("/laporan/").status_code == 200


@pytest.mark.parametrize(
    ("who", "status"),
    [("province", 200), ("ministry", 200), ("kabkota", 403), ("neighbour", 403), ("other_province", 403)],
)
def test_only_the_recipient_accepts_a_submitted_report(
    client_as: Any, submitted: PeriodicReport, who: str, status: int
) -> None:
    answer = client_as(who).post(f"/api/v1/reports/reports/{submitted.pk}/accept")
    # The ministry is not the recipient of a kab/kota report (the governor is): refused.
    expected = 403 if who == "ministry" else status
    if who in ("neighbour", "other_province"):
        expected = 404
    assert answer.status_code == expected, answer.content


def test_anonymous_visitors_are_sent_to_log_in(client_as: Any, draft: PeriodicReport) -> None:
    client = client_as(None)
    assert client.get("/laporan/").status_code == 302
    assert client.get(f"/laporan/{draft.pk}/").status_code == 302
    assert client.get("/api/v1/reports/reports").status_code in (401, 403)
