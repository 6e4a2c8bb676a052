"""``GET /api/v1/mapping/recommendations``: one page read from the database, ``limit`` capped, links onwards.

With ~75,000 stored recommendations, ``?limit=1`` once built every row first (13-16 s) and ``limit=100000``
answered 122 MB.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kerjasama.accounts.services import issue_api_token
from kerjasama.core.actors import SYSTEM
from kerjasama.mapping import runner
from kerjasama.mapping.models import Recommendation

pytestmark = pytest.mark.django_db

URL = "/api/v1/mapping/recommendations"
#: The largest page the endpoint answers with.
MAX_LIMIT = 500


@pytest.fixture
def ministry(persona: Any) -> Client:
    runner.run(actor=SYSTEM, regions={"34", "34.02", "34.04", "34.71"})
    user = persona("ministry")
    _token, key = issue_api_token(actor=user, user=user, name="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def recommendation_selects(queries: CaptureQueriesContext) -> list[str]:
    table = Recommendation._meta.db_table
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"]
    ]


def test_it_reads_only_the_requested_page_from_the_database(ministry: Client) -> None:
    total = Recommendation.objects.count()
    assert total > 3
    ministry.get(URL, {"limit": 1})  # the token's first use is recorded once
    with CaptureQueriesContext(connection) as small:
        body = ministry.get(URL, {"limit": 1}).json()
    assert body["count"] == total and len(body["items"]) == 1 and body["limit"] == 1
    selects = recommendation_selects(small)
    assert selects and all("COUNT(" in sql or "LIMIT 1" in sql for sql in selects)
    with CaptureQueriesContext(connection) as large:
        assert len(ministry.get(URL, {"limit": 3}).json()["items"]) == 3
    assert len(large.captured_queries) == len(small.captured_queries)  # no query per row


def test_it_caps_the_limit(ministry: Client) -> None:
    with CaptureQueriesContext(connection) as queries:
        answer = ministry.get(URL, {"limit": 100_000})
    assert answer.status_code == 200
    body = answer.json()
    assert body["limit"] == MAX_LIMIT
    assert len(body["items"]) == min(MAX_LIMIT, body["count"])
    assert any(f"LIMIT {MAX_LIMIT}" in sql for sql in recommendation_selects(queries))


def test_it_links_the_next_and_previous_pages_with_the_filters(ministry: Client) -> None:
    first_page: dict[str, str | int] = {"province": "34", "limit": 2}
    first = ministry.get(URL, first_page).json()
    assert first["offset"] == 0 and first["previous"] is None
    assert first["next"].startswith("http://testserver/api/v1/mapping/recommendations?")
    assert "province=34" in first["next"] and "limit=2" in first["next"] and "offset=2" in first["next"]
    second = ministry.get(first["next"]).json()
    assert second["offset"] == 2 and "offset=0" in second["previous"]
    assert {(r["region"], r["partner"], r["affair"]) for r in second["items"]}.isdisjoint(
        {(r["region"], r["partner"], r["affair"]) for r in first["items"]}
    )
    query: dict[str, str | int] = {"province": "34", "limit": 2, "offset": first["count"] - 1}
    last = ministry.get(URL, query).json()
    assert len(last["items"]) == 1 and last["next"] is None


@pytest.mark.parametrize("query", [{"limit": 0}, {"offset": -1}, {"limit": "many"}])
def test_it_refuses_a_bad_limit_or_offset(ministry: Client, query: dict[str, Any]) -> None:
    answer = ministry.get(URL, query)
    assert answer.status_code == 422 and answer.json()["error"]["code"] == "input.invalid"


def test_it_refuses_an_offset_no_database_can_hold(client_as: Any) -> None:
    """Found by schemathesis: ``offset=4.5e28`` reached the database and answered 500."""
    response = client_as("ministry").get(
        "/api/v1/mapping/recommendations", {"offset": "45580558439466482699385962496"}
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "input.invalid"
