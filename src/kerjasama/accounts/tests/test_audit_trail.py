"""The audit trail's page (``/akun/audit/``) and API (``GET /api/v1/audit``): scope, filters, pages, tokens."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from axes.handlers.proxy import AxesProxyHandler
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kerjasama.accounts import services
from kerjasama.accounts.audit_trail import API_MAX_LIMIT
from kerjasama.core import audit
from kerjasama.core.actors import SYSTEM
from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.models import AuditEvent

pytestmark = pytest.mark.django_db

PAGE = "/akun/audit/"
API = "/api/v1/audit"
#: Who reads the whole trail (system admin, Kemendagri, auditor); everyone else reads only their own acts.
WHOLE_TRAIL = {"admin", "ministry", "auditor"}
PERSONAS = [
    "ministry",
    "province",
    "kabkota",
    "neighbour",
    "other_province",
    "third_party",
    "auditor",
    "admin",
]


@pytest.fixture(autouse=True)
def _no_attempts() -> Iterator[None]:
    AxesProxyHandler.reset_attempts()
    yield
    AxesProxyHandler.reset_attempts()


@pytest.fixture
def events(persona: Any) -> dict[str, AuditEvent]:
    """One event by the kab/kota's operator, one by its neighbour, one by the system."""
    return {
        "kabkota": audit.record(
            actor=persona("kabkota"),
            action=AuditAction.USER_UPDATED,
            object_type="accounts.user",
            object_id="901",
        ),
        "neighbour": audit.record(
            actor=persona("neighbour"),
            action=AuditAction.USER_UPDATED,
            object_type="accounts.user",
            object_id="902",
        ),
        "system": audit.record(actor=SYSTEM, action=AuditAction.REGIONS_LOADED, object_type="regions.region"),
    }


def api_ids(client: Client, query: str = "") -> set[int]:
    response = client.get(f"{API}?limit={API_MAX_LIMIT}&{query}")
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.parametrize("name", PERSONAS)
def test_it_shows_the_whole_trail_to_auditors_and_the_ministry_and_own_acts_to_others(
    client_as: Any, persona: Any, events: dict[str, AuditEvent], name: str
) -> None:
    client = client_as(name)
    mine = set(AuditEvent.objects.filter(actor=persona(name)).values_list("pk", flat=True))
    seen = api_ids(client)
    page = client.get(PAGE)
    assert page.status_code == 200
    planted = {key: event.pk for key, event in events.items()}
    if name in WHOLE_TRAIL:
        assert set(planted.values()) <= seen
    else:
        assert seen == mine
        assert planted["system"] not in seen
        assert (planted["kabkota"] in seen) == (name == "kabkota")
        assert (planted["neighbour"] in seen) == (name == "neighbour")
    body = page.content.decode()
    for key, pk in planted.items():
        assert (f'data-testid="audit-event-{pk}"' in body) == (pk in seen), key


def test_it_refuses_the_trail_to_anonymous_visitors(client: Client, events: dict[str, AuditEvent]) -> None:
    assert client.get(API).status_code == 401
    response = client.get(PAGE)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_it_filters_by_actor_object_action_and_dates(client_as: Any, events: dict[str, AuditEvent]) -> None:
    client = client_as("auditor")
    kabkota, neighbour, system = (events[k].pk for k in ("kabkota", "neighbour", "system"))
    by_actor = api_ids(client, "actor=operator.yogya")
    assert kabkota in by_actor and neighbour not in by_actor
    assert api_ids(client, "object_type=accounts.user&object_id=902") == {neighbour}
    by_action = api_ids(client, "action=regions.loaded")
    assert system in by_action and kabkota not in by_action
    today = timezone.localdate()
    assert {kabkota, neighbour, system} <= api_ids(client, f"date_from={today}&date_to={today}")
    assert not {kabkota, neighbour, system} & api_ids(client, f"date_to={today - timedelta(days=1)}")
    assert not {kabkota, neighbour, system} & api_ids(client, f"date_from={today + timedelta(days=1)}")
    body = client.get(PAGE, {"object_type": "accounts.user", "object_id": "902"}).content.decode()
    assert f"audit-event-{neighbour}" in body and f"audit-event-{kabkota}" not in body
    assert "1 peristiwa." in body
    dated = client.get(PAGE, {"actor": "operator.yogya", "date_from": today.isoformat()}).content.decode()
    assert f"audit-event-{kabkota}" in dated and f"audit-event-{neighbour}" not in dated
    assert f'value="{today.isoformat()}"' in dated


def test_it_answers_a_bad_filter_with_a_coded_error(client_as: Any) -> None:
    client = client_as("auditor")
    unknown = client.get(f"{API}?action=nope.nothing")
    assert unknown.status_code == 422 and unknown.json()["error"]["code"] == "audit.unknown_action"
    backwards = client.get(f"{API}?date_from=2026-02-01&date_to=2026-01-01")
    assert backwards.status_code == 422 and backwards.json()["error"]["code"] == "audit.date_range"
    page = client.get(PAGE, {"date_from": "2026-02-01", "date_to": "2026-01-01"}).content.decode()
    assert "Tanggal akhir harus sama dengan atau sesudah tanggal awal." in page
    assert 'data-testid="no-audit-events"' in page and 'value="2026-02-01"' in page


def test_it_pages_the_trail_and_caps_the_limit(client_as: Any) -> None:
    for i in range(API_MAX_LIMIT + 5):
        audit.record(
            actor=SYSTEM, action=AuditAction.REGIONS_LOADED, object_type="regions.region", object_id=str(i)
        )
    client = client_as("admin")
    answer = client.get(f"{API}?limit=100000").json()
    assert len(answer["items"]) == API_MAX_LIMIT and answer["count"] >= API_MAX_LIMIT + 5
    second = client.get(f"{API}?limit=2&offset=2").json()["items"]
    first = client.get(f"{API}?limit=4").json()["items"]
    assert [e["id"] for e in second] == [e["id"] for e in first[2:]]
    page_two = client.get(PAGE, {"action": "regions.loaded", "page": "2"})
    assert page_two.status_code == 200 and "action=regions.loaded&amp;page=1" in page_two.content.decode()


def test_it_reads_a_page_of_the_trail_in_a_fixed_number_of_queries(
    client_as: Any, django_assert_max_num_queries: Any
) -> None:
    for i in range(60):
        audit.record(
            actor=SYSTEM, action=AuditAction.REGIONS_LOADED, object_type="regions.region", object_id=str(i)
        )
    client = client_as("auditor")
    with django_assert_max_num_queries(8):
        assert client.get(PAGE).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(f"{API}?limit=200").status_code == 200


def test_it_audits_token_creation_use_of_a_bad_token_and_revocation(client: Client, persona: Any) -> None:
    user = persona("kabkota")
    token, key = services.issue_api_token(actor=user, user=user, name="skrip")
    wrong = Client(HTTP_AUTHORIZATION="Bearer ksd_bukan-token-yang-benar")
    assert wrong.get("/api/v1/me").status_code == 401
    services.revoke_api_token(actor=user, token=token)
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions[-3:] == ["api_token.issued", "api_token.rejected", "api_token.revoked"]
    rejected = AuditEvent.objects.get(action="api_token.rejected")
    assert rejected.new == {"ip_address": "127.0.0.1", "prefix": "ksd_bukan-to"}
    assert key not in str(
        AuditEvent.objects.filter(action__startswith="api_token.").values_list("new", flat=True)
    )


def test_it_rate_limits_invalid_tokens_from_one_address_with_the_api_error_shape(persona: Any) -> None:
    user = persona("kabkota")
    _token, key = services.issue_api_token(actor=user, user=user, name="skrip")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        statuses = [
            Client(HTTP_AUTHORIZATION=f"Bearer ksd_tebakan{i}").get("/api/v1/me").status_code
            for i in range(5)
        ]
        assert statuses == [401, 401, 401, 401, 429]
        locked = Client(HTTP_AUTHORIZATION="Bearer ksd_tebakan-lagi").get("/api/v1/me")
        assert locked.status_code == 429
        error = locked.json()["error"]
        assert error["code"] == "auth.too_many_attempts"
        assert "Coba lagi setelah pukul" in error["message_id"] and "Try again after" in error["message_en"]
        # Another address is not affected, nor is a valid token.
        other = Client(HTTP_AUTHORIZATION="Bearer ksd_tebakan-lain", REMOTE_ADDR="10.7.7.7")
        assert other.get("/api/v1/me").status_code == 401
        assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/me").status_code == 200
    assert AuditEvent.objects.filter(action="api_token.locked_out").count() == 1
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert Client(HTTP_AUTHORIZATION="Bearer ksd_tebakan-baru").get("/api/v1/me").status_code == 401
