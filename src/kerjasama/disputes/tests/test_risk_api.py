"""``POST /api/v1/disputes/risk``: the ``kerjasama risk`` contract over HTTP (200, 422 on bad input, 401)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from kerjasama.accounts.services import issue_api_token
from kerjasama.disputes.tests.cases import at_risk, healthy

pytestmark = pytest.mark.django_db
URL = "/api/v1/disputes/risk"


def client_of(persona: Any, name: str) -> Client:
    user = persona(name)
    _token, key = issue_api_token(actor=user, user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def post(client: Client, body: Any) -> Any:
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json")


@pytest.mark.parametrize(
    "name", ["ministry", "province", "kabkota", "neighbour", "other_province", "third_party", "auditor"]
)
def test_it_assesses_for_any_authenticated_persona(persona: Any, name: str) -> None:
    response = post(client_of(persona, name), at_risk())
    assert response.status_code == 200
    body = response.json()
    assert body["band"] >= 4
    assert {"payment_late", "monev", "tariff_review_overdue"} <= {i["code"] for i in body["indicators"]}


def test_it_answers_a_healthy_agreement_with_a_low_band(
    persona: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_of(persona, "kabkota")
    with django_assert_max_num_queries(3):  # the token and its last use: nothing of the engine's own
        response = post(client, healthy())
    assert response.status_code == 200 and response.json()["band"] <= 2


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("{oops", "input.malformed_json"),
        ({**healthy(), "events": [{"date": "2026-01-01", "kind": "gempa"}]}, "input.unknown_event_kind"),
        (
            {**healthy(), "events": [{"date": "2026-01-01", "kind": "complaint", "party": "31.71"}]},
            "input.unknown_party",
        ),
        ({**healthy(), "as_of": "30-11-2026"}, "input.malformed_date"),
    ],
)
def test_it_answers_bad_input_with_422(persona: Any, body: Any, code: str) -> None:
    response = post(client_of(persona, "kabkota"), body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == code and error["message"] and error["message_en"]


def test_it_refuses_an_anonymous_caller() -> None:
    response = post(Client(), healthy())
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthenticated"


def test_it_says_in_the_api_description_that_a_high_score_is_not_proof(persona: Any) -> None:
    schema = client_of(persona, "kabkota").get("/api/v1/openapi.json").json()
    operation = schema["paths"][URL]["post"]
    assert "A high score is not proof of a dispute" in operation["description"]
    assert "gempa" not in json.dumps(operation) and "payment_late" in json.dumps(operation)
