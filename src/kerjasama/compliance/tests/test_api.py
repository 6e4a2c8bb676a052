"""API v1: POST /rulebook/check (the `kerjasama check` contract) and GET /rulebook/rules."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from kerjasama.accounts.services import issue_api_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(persona: Any) -> Client:
    user = persona("kabkota")
    _token, key = issue_api_token(actor=user, user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def post(client: Client, body: Any) -> Any:
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post("/api/v1/rulebook/check", data=data, content_type="application/json")


def test_it_checks_a_valid_plan(api: Client, django_assert_max_num_queries: Any) -> None:
    plan = {
        "type": "KSDD",
        "category": "wajib",
        "parties": ["34.71", "34.04"],
        "affairs": ["1.03"],
        "justification": {"externality": True},
    }
    post(api, plan)  # warm the reference cache
    with django_assert_max_num_queries(4):
        response = post(api, plan)
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is True and body["dispute_resolver"] == {
        "authority": "gubernur",
        "region": "34",
        "basis": body["dispute_resolver"]["basis"],
    }


def test_it_answers_200_for_a_plan_that_breaks_a_rule(api: Client) -> None:
    response = post(
        api, {"type": "KSDD", "category": "wajib", "parties": ["34.71", "33.74"], "affairs": ["1.03"]}
    )
    assert response.status_code == 200 and response.json()["valid"] is False


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("{oops", "input.malformed_json"),
        ({"type": "KSDD", "parties": ["34.71", "34.71"]}, "input.duplicate_party"),
        ({"type": "KSDD", "parties": ["34.71", "99.99"]}, "input.unknown_region"),
        ({"type": "KSDD", "parties": "34.71"}, "input.wrong_type"),
        ([1, 2], "input.not_an_object"),
    ],
)
def test_it_answers_422_with_the_error_object_for_bad_input(api: Client, body: Any, code: str) -> None:
    response = post(api, body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == code and error["message"] and error["message_en"]


def test_it_refuses_anonymous_calls_with_401(client: Client) -> None:
    response = post(client, {"type": "KSDD", "parties": ["34.71", "34.04"]})
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthenticated"


def test_it_lists_the_rule_catalogue_with_current_parameters(api: Client) -> None:
    body = api.get("/api/v1/rulebook/rules").json()
    assert [r["id"] for r in body["rules"]] == [f"R{n}" for n in range(1, 35)]
    r7 = next(r for r in body["rules"] if r["id"] == "R7")
    assert r7["confidence"] == "H" and "364" in r7["basis"]
    assert body["values"]["foreign_dprd_days"] == 45
    assert {s["name"] for s in body["settings"]} >= {
        "max_pks_term_years",
        "kabkota_cross_province_dispute_authority",
    }


def test_it_documents_the_plan_schema_in_openapi(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    body = schema["paths"]["/api/v1/rulebook/check"]["post"]["requestBody"]["content"]["application/json"][
        "schema"
    ]
    assert body["properties"]["type"]["enum"] == ["KSDD", "KSDPK", "SINERGI"]
