"""API v1: the mapping of a region and the filtered recommendations."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kerjasama.accounts.services import issue_api_token
from kerjasama.core.actors import SYSTEM
from kerjasama.mapping import runner

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(persona: Any) -> Any:
    runner.run(actor=SYSTEM, regions={"34", "34.02", "34.04", "34.71"})

    def make(name: str) -> Client:
        user = persona(name)
        _token, key = issue_api_token(actor=user, user=user, name="t")
        return Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    return make


def test_it_gives_a_regions_map(api: Any) -> None:
    body = api("kabkota").get("/api/v1/mapping/regions/34.71").json()
    assert body["region"]["code"] == "34.71" and len(body["profile"]) == 18
    recs = [r for r in body["recommendations"] if r["affair"] == "2.11"]
    assert {"34.04", "34.02"} <= {r["partner"] for r in recs if r["category"] == "wajib"}
    first = recs[0]
    assert set(first) >= {"region", "partner", "affair", "score", "category", "reasons", "findings"}
    assert {"code", "weight", "text"} <= set(first["reasons"][0])


def test_it_filters_recommendations(api: Any) -> None:
    client = api("ministry")
    body = client.get(
        "/api/v1/mapping/recommendations", {"affair": "2.11", "province": "34", "mandatory": True}
    ).json()
    assert body["count"] > 0 and all(
        r["category"] == "wajib" and r["affair"] == "2.11" for r in body["items"]
    )
    assert all(r["region"].startswith("34") for r in body["items"])


def test_it_scopes_recommendations_to_the_jurisdiction(api: Any) -> None:
    assert api("third_party").get("/api/v1/mapping/recommendations").json()["count"] == 0
    assert (
        api("other_province").get("/api/v1/mapping/recommendations", {"province": "34"}).json()["count"] == 0
    )
