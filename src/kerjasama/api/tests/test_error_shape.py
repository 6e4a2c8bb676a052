"""Every error under /api/ is ``{"error": {"code", "message"}}``, also those Django answers itself, and the
OpenAPI document declares the shared error answers for every operation."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client, override_settings

from kerjasama.accounts.services import issue_api_token
from kerjasama.api.api import ERROR_RESPONSES
from kerjasama.regions import api as regions_api

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_client(persona: Any) -> Client:
    user = persona("kabkota")
    _token, key = issue_api_token(actor=user, user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}", raise_request_exception=False)


def _error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json"), response.content[:300]
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] == code and error["message"]
    return error


@pytest.mark.parametrize("path", ["/api/v1/tidak-ada", "/api/v1/regions/34.71/tidak-ada", "/api/v2/regions"])
def test_it_answers_an_unknown_api_path_with_404_and_the_error_shape(api_client: Client, path: str) -> None:
    _error(api_client.get(path), 404, "not_found")


def test_it_answers_an_unknown_api_path_of_an_anonymous_caller_with_the_error_shape(client: Client) -> None:
    _error(client.post("/api/v1/tidak-ada", data="{}", content_type="application/json"), 404, "not_found")


def test_it_answers_a_wrong_method_with_405_the_error_shape_and_the_allowed_methods(
    api_client: Client,
) -> None:
    response = api_client.delete("/api/v1/regions")
    _error(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]
    assert response.has_header("Content-Security-Policy") and response["X-Frame-Options"] == "DENY"


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024)
def test_it_answers_a_json_body_over_the_size_limit_with_413(api_client: Client) -> None:
    body = json.dumps({"plan_type": "KSDD", "parties": ["34.71"], "padding": "x" * 4096})
    _error(
        api_client.post("/api/v1/rulebook/check", data=body, content_type="application/json"),
        413,
        "request_too_large",
    )


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024)
def test_it_answers_form_fields_over_the_size_limit_with_413(api_client: Client) -> None:
    response = api_client.post(
        "/api/v1/documents", data={"region": "34.71", "kind": "x", "title": "t" * 4096}
    )
    _error(response, 413, "request_too_large")


def test_it_answers_an_unreadable_multipart_body_with_400_and_logs_no_traceback(
    api_client: Client, caplog: Any
) -> None:
    """Found by schemathesis: a multipart request without a boundary was logged with a traceback."""
    response = api_client.post("/api/v1/documents", data=b"x", content_type="multipart/form-data")
    _error(response, 400, "bad_request")
    assert [r.getMessage() for r in caplog.records if r.exc_info] == []


def test_it_answers_a_crash_with_500_and_the_error_shape(api_client: Client, monkeypatch: Any) -> None:
    def crash(region: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setattr(regions_api, "neighbours_of", crash)
    error = _error(api_client.get("/api/v1/regions/34.71"), 500, "server_error")
    assert "boom" not in json.dumps(error)


def test_it_leaves_pages_outside_the_api_as_html(client: Client) -> None:
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_it_declares_the_shared_error_answers_for_every_operation(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["components"]["schemas"]["Error"]["required"] == ["error"]
    operations = [
        (path, method, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
    ]
    assert len(operations) > 10
    for path, method, operation in operations:
        declared = set(operation["responses"])
        missing = {str(status) for status in (401, 403, 404, 409, 422, 429)} - declared
        assert not missing, f"{method.upper()} {path} does not declare {sorted(missing)}"
        assert {str(status) for status in ERROR_RESPONSES} <= declared


def test_it_keeps_an_operations_own_declaration_of_an_error_status(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    check = schema["paths"]["/api/v1/rulebook/check"]["post"]["responses"]["422"]
    assert check["content"]["application/json"]["schema"] != {"$ref": "#/components/schemas/Error"}


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/notifications?offset=4446317002040372448966314295296",
        "/api/v1/regions?offset=4446317002040372448966314295296",
    ],
)
def test_it_answers_a_page_beyond_what_a_database_can_count_with_422(api_client: Client, path: str) -> None:
    """Found by schemathesis: such numbers reached the database and answered 500."""
    _error(api_client.get(path), 422, "input.invalid")


def test_it_answers_a_limit_over_the_cap_with_a_capped_page(api_client: Client, rf: Any) -> None:
    from kerjasama.core.pagination import MAX_LIMIT, LimitOffsetPagination
    from kerjasama.regions.models import Region

    paginator = LimitOffsetPagination()
    page = paginator.paginate_queryset(
        Region.objects.order_by("code"), paginator.Input(limit=10**30, offset=0), rf.get("/")
    )
    assert page["count"] > MAX_LIMIT and len(page["items"]) == MAX_LIMIT
    huge = "/api/v1/notifications?unread=true&limit=10512427066232748597707145945674678272&offset=752"
    assert api_client.get(huge).status_code == 200
    assert len(api_client.get("/api/v1/regions?limit=100000").json()["items"]) == 552  # its own max_limit
