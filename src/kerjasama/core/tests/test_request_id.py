"""The request id in the audit trail comes from a trusted reverse proxy or from us, never from a client
(issue 8, item 14)."""

from __future__ import annotations

from typing import Any

import pytest

from kerjasama.core.audit_actions import AuditAction
from kerjasama.core.models import AuditEvent

pytestmark = pytest.mark.django_db
CHOSEN = "dipilih-penyerang-0001"


def _issue_token(client: Any, **extra: Any) -> tuple[Any, AuditEvent]:
    response = client.post("/akun/token/", {"name": "skrip"}, headers={"X-Request-ID": CHOSEN}, **extra)
    assert response.status_code == 302
    return response, AuditEvent.objects.filter(action=AuditAction.API_TOKEN_ISSUED).latest("pk")


def test_it_ignores_a_clients_request_id_without_trusted_proxies(client_as: Any, settings: Any) -> None:
    settings.KERJASAMA_TRUSTED_PROXIES = []
    response, event = _issue_token(client_as("kabkota"))
    assert response["X-Request-ID"] != CHOSEN
    assert event.request_id == response["X-Request-ID"] and len(event.request_id) == 32


@pytest.mark.parametrize(
    ("proxies", "remote", "accepted"),
    [
        (["127.0.0.1"], "127.0.0.1", True),
        (["10.0.0.0/8"], "10.20.30.40", True),
        (["10.0.0.0/8"], "192.0.2.7", False),
        (["bukan-alamat", "192.0.2.10"], "192.0.2.7", False),
    ],
)
def test_it_takes_the_request_id_only_from_a_trusted_proxy(
    client_as: Any, settings: Any, proxies: list[str], remote: str, accepted: bool
) -> None:
    settings.KERJASAMA_TRUSTED_PROXIES = proxies
    response, event = _issue_token(client_as("kabkota"), REMOTE_ADDR=remote)
    assert (response["X-Request-ID"] == CHOSEN) is accepted
    assert event.request_id == response["X-Request-ID"]


def test_it_replaces_a_malformed_request_id_even_from_a_trusted_proxy(client_as: Any, settings: Any) -> None:
    settings.KERJASAMA_TRUSTED_PROXIES = ["127.0.0.1"]
    response = client_as("kabkota").get("/akun/profil/", headers={"X-Request-ID": "x\u00e9<script>"})
    assert response["X-Request-ID"] != "x\u00e9<script>" and response["X-Request-ID"].isalnum()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/regions?q=a%00b",
        "/api/v1/regions?province=%00",
        "/api/v1/mapping/regions/65.02?affair=h%00",
    ],
)
def test_it_refuses_a_nul_character_in_the_query_before_the_database(client_as: Any, url: str) -> None:
    """PostgreSQL text cannot hold NUL: such a query answered 500 there (schemathesis, PostgreSQL run)."""
    response = client_as("kabkota").get(url)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "input.nul_character"


@pytest.mark.django_db
def test_it_refuses_a_nul_character_in_a_json_body_and_on_pages(client_as: Any) -> None:
    client = client_as("kabkota")
    body = '{"type": "KSDD", "parties": ["34.71\\u0000", "34.04"]}'
    response = client.post("/api/v1/rulebook/check", data=body, content_type="application/json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "input.nul_character"
    page = client.get("/wilayah/?q=a%00b")
    assert page.status_code == 400 and "NUL" in page.content.decode()
