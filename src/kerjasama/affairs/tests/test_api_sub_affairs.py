"""GET /api/v1/affairs/sub-affairs: the sub-affairs of the authority matrix with their stable identifiers."""

from __future__ import annotations

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


def test_it_lists_one_affairs_sub_affairs_with_what_each_level_holds(api: Client) -> None:
    response = api.get("/api/v1/affairs/sub-affairs", {"affair": "3.28"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 6 and [item["id"] for item in body["items"]][:2] == ["3.28.01", "3.28.02"]
    forest = body["items"][1]
    assert forest["name"] == "Pengelolaan Hutan" and forest["affair"] == "3.28"
    assert forest["holders"] == ["pusat", "provinsi"] and forest["kabkota"] == ""
    assert forest["provinsi"] and forest["confidence"] in {"V", "S", "U"} and forest["source"]


def test_it_lists_every_sub_affair_in_pages(api: Client) -> None:
    first = api.get("/api/v1/affairs/sub-affairs", {"limit": 50}).json()
    assert first["count"] == 122 and len(first["items"]) == 50
    rest = api.get("/api/v1/affairs/sub-affairs", {"limit": 500, "offset": 50}).json()
    ids = [i["id"] for i in first["items"] + rest["items"]]
    assert len(ids) == len(set(ids)) == 122


@pytest.mark.parametrize("affair", ["9.99", "2.24x", "x" * 300])
def test_it_answers_an_unknown_affair_with_a_coded_error(api: Client, affair: str) -> None:
    response = api.get("/api/v1/affairs/sub-affairs", {"affair": affair})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "affairs.unknown_affair" and "3.28" in error["message"]


def test_it_refuses_anonymous_callers(client: Client) -> None:
    assert client.get("/api/v1/affairs/sub-affairs").status_code == 401
