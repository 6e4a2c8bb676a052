"""The API behind the government's gateway (issue 15 item 10): keys scoped to read-only or to areas, machine
clients with the OAuth2 client-credentials grant (RFC 6749 §4.4), an OpenAPI document that declares both, and
no data endpoint that needs a browser session."""

from __future__ import annotations

import base64
import io
import json
import re
from datetime import timedelta
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kerjasama.accounts.api_clients import register_client
from kerjasama.accounts.models import ApiClient, ApiToken
from kerjasama.accounts.services import issue_api_token
from kerjasama.api.api import API_VERSION, api
from kerjasama.core.models import AuditEvent

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/oauth/token"


@pytest.fixture(autouse=True)
def _clean_lockout() -> None:
    cache.clear()


def bearer(key: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def basic(client_id: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()


def schema() -> dict[str, Any]:
    return api.get_openapi_schema()


def test_a_read_only_token_reads_and_is_refused_a_change(persona: Any) -> None:
    user = persona("kabkota")
    _token, key = issue_api_token(actor=user, user=user, name="dashboard", scopes=["read"])
    client = bearer(key)
    assert client.get("/api/v1/agreements").status_code == 200
    assert client.post("/api/v1/rulebook/check", {}, content_type="application/json").status_code != 403
    refused = client.post("/api/v1/agreements", {}, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "auth.scope_denied"
    assert "write:agreements" in refused.json()["error"]["message"]


def test_a_token_scoped_to_one_area_changes_only_that_area(persona: Any) -> None:
    user = persona("kabkota")
    _token, key = issue_api_token(actor=user, user=user, name="sync", scopes=["read", "write:agreements"])
    client = bearer(key)
    # Past the scope check: the body is what is wrong now (422), not the token.
    assert client.post("/api/v1/agreements", {}, content_type="application/json").status_code == 422
    dispute_write = next(
        re.sub(r"\{[^}]+\}", "1", path)
        for path, item in schema()["paths"].items()
        if path.startswith("/api/v1/disputes/") and "post" in item
    )
    refused = client.post(dispute_write, {}, content_type="application/json")
    assert refused.json()["error"]["code"] == "auth.scope_denied"


def test_the_profile_page_makes_read_only_tokens_unless_asked(persona: Any) -> None:
    user = persona("kabkota")
    client = Client()
    client.force_login(user)
    client.post(reverse("accounts:token_create"), {"name": "laporan", "access": "read"})
    client.post(reverse("accounts:token_create"), {"name": "sinkron", "access": "read_write"})
    assert dict(ApiToken.objects.filter(user=user).values_list("name", "scopes")) == {
        "laporan": "read",
        "sinkron": "read write",
    }
    assert b"read write" in client.get(reverse("accounts:profile")).content


def _client_for(persona: Any, *scope: str) -> tuple[ApiClient, str]:
    user = persona("kabkota")
    return register_client(actor=persona("admin"), user=user, name="SPLP uji", scopes=list(scope))


def test_a_machine_client_gets_a_token_with_client_credentials(persona: Any) -> None:
    client, secret = _client_for(persona, "read", "write:agreements")
    answer = Client().post(
        TOKEN_URL, {"grant_type": "client_credentials", "scope": "read"},
        HTTP_AUTHORIZATION=basic(client.client_id, secret),
    )
    assert answer.status_code == 200 and answer["Cache-Control"] == "no-store"
    body = answer.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600 and body["scope"] == "read"
    assert bearer(body["access_token"]).get("/api/v1/me").json()["username"] == "operator.yogya"
    refused = bearer(body["access_token"]).post("/api/v1/agreements", {}, content_type="application/json")
    assert refused.json()["error"]["code"] == "auth.scope_denied"
    # client_secret_post works too, and without a scope the token gets all of the client's.
    posted = Client().post(
        TOKEN_URL, {"grant_type": "client_credentials", "client_id": client.client_id, "client_secret": secret}
    ).json()
    assert posted["scope"] == "read write:agreements"
    issued = AuditEvent.objects.filter(action="api_client.token_issued")
    assert issued.count() == 2 and secret not in json.dumps(list(issued.values_list("new", flat=True)))


def test_the_token_endpoint_answers_as_rfc_6749_says(persona: Any) -> None:
    client, secret = _client_for(persona, "read")
    anonymous = Client()
    wrong = anonymous.post(
        TOKEN_URL, {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=basic(client.client_id, "salah")
    )
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    assert wrong["WWW-Authenticate"].startswith("Basic")
    assert AuditEvent.objects.filter(action="api_client.rejected").count() == 1
    missing = anonymous.post(TOKEN_URL, {"grant_type": "client_credentials"})
    assert missing.status_code == 401 and missing.json()["error"] == "invalid_client"
    grant = anonymous.post(TOKEN_URL, {"grant_type": "password"}, HTTP_AUTHORIZATION=basic(client.client_id, secret))
    assert grant.status_code == 400 and grant.json()["error"] == "unsupported_grant_type"
    scope = anonymous.post(
        TOKEN_URL, {"grant_type": "client_credentials", "scope": "write"},
        HTTP_AUTHORIZATION=basic(client.client_id, secret),
    )
    assert scope.status_code == 400 and scope.json()["error"] == "invalid_scope"


def test_expired_tokens_and_revoked_clients_are_refused(persona: Any) -> None:
    client, secret = _client_for(persona, "read")
    key = Client().post(
        TOKEN_URL, {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=basic(client.client_id, secret)
    ).json()["access_token"]
    assert bearer(key).get("/api/v1/me").status_code == 200
    ApiToken.objects.filter(client=client).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert bearer(key).get("/api/v1/me").status_code == 401
    ApiToken.objects.filter(client=client).update(expires_at=timezone.now() + timedelta(hours=1))
    out = io.StringIO()
    call_command("api_client", "revoke", client.client_id, stdout=out)
    assert bearer(key).get("/api/v1/me").status_code == 401
    again = Client().post(
        TOKEN_URL, {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=basic(client.client_id, secret)
    )
    assert again.status_code == 401


def test_the_command_registers_a_client_and_shows_the_secret_once(persona: Any) -> None:
    persona("kabkota")
    out = io.StringIO()
    call_command(
        "api_client", "create", "--user", "operator.yogya", "--name", "SPLP", "--scope", "read",
        "--scope", "write:disputes", "--json", stdout=out,
    )
    shown = json.loads(out.getvalue())
    assert shown["scopes"] == "read write:disputes" and shown["client_secret"]
    stored = ApiClient.objects.get(client_id=shown["client_id"])
    assert shown["client_secret"] not in (stored.secret_hash, stored.scopes)
    out = io.StringIO()
    call_command("api_client", "list", "--json", stdout=out)
    assert "client_secret" not in out.getvalue() and shown["client_id"] in out.getvalue()


def test_the_openapi_document_is_versioned_and_declares_the_scopes() -> None:
    document = schema()
    assert document["openapi"].startswith("3.") and document["info"]["version"] == API_VERSION
    flow = document["components"]["securitySchemes"]["OAuth2ClientCredentials"]["flows"]["clientCredentials"]
    assert flow["tokenUrl"] == TOKEN_URL and {"read", "write", "write:agreements"} <= set(flow["scopes"])
    assert TOKEN_URL in document["paths"]
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if path.startswith(("/api/v1/public/", TOKEN_URL)):
                continue
            names = {name for requirement in operation["security"] for name in requirement}
            # Every data operation takes a token (no session-only endpoint), and says which scope it needs.
            assert {"TokenAuth", "OAuth2ClientCredentials"} <= names, (method, path)


def test_no_data_endpoint_needs_a_browser_session(persona: Any) -> None:
    """Every read of the API answers a read-only token (with a made-up id where the path has one: 404 is
    fine, 401 or 403 is not)."""
    user = persona("ministry")
    _token, key = issue_api_token(actor=user, user=user, name="gateway", scopes=["read"])
    client = bearer(key)
    refused = []
    for path, item in schema()["paths"].items():
        if "get" not in item or path.startswith("/api/v1/public/"):
            continue
        url = re.sub(r"\{[^}]+\}", "1", path)
        status = client.get(url).status_code
        if status in (401, 403):
            refused.append((url, status))
    assert refused == []
