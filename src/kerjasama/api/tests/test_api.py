"""API v1: token/session auth, regions, affairs, me; errors as {"error": {"code", "message"}}."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kerjasama.accounts.services import issue_api_token, revoke_api_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(persona: Any) -> Any:
    """A client that sends the persona's bearer token."""

    def make(name: str) -> Client:
        user = persona(name)
        _token, key = issue_api_token(actor=user, user=user, name="test")
        return Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    return make


def test_it_refuses_anonymous_calls_with_an_error_object(client: Client) -> None:
    response = client.get("/api/v1/regions")
    assert response.status_code == 401
    body = response.json()
    assert body["error"]["code"] == "unauthenticated" and body["error"]["message"]


def test_it_refuses_a_revoked_token(persona: Any) -> None:
    user = persona("kabkota")
    token, key = issue_api_token(actor=user, user=user, name="t")
    revoke_api_token(actor=user, token=token)
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/v1/me").status_code == 401


def test_it_lists_regions_with_filters(api: Any, django_assert_max_num_queries: Any) -> None:
    client = api("kabkota")
    with django_assert_max_num_queries(6):
        body = client.get("/api/v1/regions", {"limit": 1000}).json()
    assert body["count"] == 552 and len(body["items"]) == 552
    assert client.get("/api/v1/regions", {"level": "provinsi"}).json()["count"] == 38
    diy = client.get("/api/v1/regions", {"province": "34"}).json()
    assert [r["code"] for r in diy["items"]] == ["34", "34.01", "34.02", "34.03", "34.04", "34.71"]
    found = client.get("/api/v1/regions", {"q": "yogyakarta", "kind": "kota"}).json()["items"]
    assert [r["code"] for r in found] == ["34.71"]
    jakpus = client.get("/api/v1/regions", {"q": "31.71"}).json()["items"][0]
    assert jakpus["autonomous"] is False


def test_it_rejects_a_bad_filter_with_422(api: Any) -> None:
    response = api("kabkota").get("/api/v1/regions", {"level": "desa"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "input.invalid"


def test_it_shows_a_region_with_its_neighbours(api: Any, django_assert_max_num_queries: Any) -> None:
    client = api("third_party")
    with django_assert_max_num_queries(7):
        body = client.get("/api/v1/regions/34.71").json()
    assert body["name"] == "Kota Yogyakarta" and body["province_code"] == "34"
    codes = {n["code"] for n in body["neighbours"]}
    assert {"34.02", "34.04"} <= codes
    bantul = next(n for n in body["neighbours"] if n["code"] == "34.02")
    assert bantul["shared_border_km"] > 5 and bantul["touch_exact"] is True
    assert client.get("/api/v1/regions/34").json()["neighbours"][0]["code"] == "33"


def test_it_answers_404_with_an_error_object(api: Any) -> None:
    for url in ["/api/v1/regions/99.99", "/api/v1/affairs/4.01"]:
        response = api("kabkota").get(url)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_it_lists_affairs_with_authority_status(api: Any, django_assert_max_num_queries: Any) -> None:
    client = api("ministry")
    with django_assert_max_num_queries(5):
        affairs = client.get("/api/v1/affairs").json()
    assert len(affairs) == 32
    by_code = {a["code"]: a for a in affairs}
    assert by_code["2.24"]["covered_by_matrix"] is False
    assert by_code["2.24"]["authority"] == {"pusat": "unknown", "provinsi": "unknown", "kabkota": "unknown"}
    assert by_code["2.24"]["not_covered_reason"].startswith("Belum ditranskripsi")
    assert by_code["1.06"]["covered_by_matrix"] is True and by_code["1.06"]["not_covered_reason"] == ""
    assert client.get("/api/v1/affairs", {"category": "pilihan"}).json()[0]["code"] == "3.25"


def test_it_shows_an_affair_with_its_matrix_rows_and_sources(api: Any) -> None:
    body = api("ministry").get("/api/v1/affairs/1.01").json()
    assert body["category"] == "wajib_pelayanan_dasar"
    first = body["entries"][0]
    assert first["sub_affair"] == "Manajemen Pendidikan" and first["confidence"] == "V" and first["source"]
    assert first["id"] == "1.01.01"


def test_it_tells_me_who_i_am(api: Any) -> None:
    me = api("province").get("/api/v1/me").json()
    assert me["username"] == "gubernur.diy" and me["role"] == "gubernur"
    assert me["jurisdiction"] == {"national": False, "province_code": "34", "region_code": None}
    assert me["organisation"]["region_code"] == "34" and me["is_demo"] is True


def test_it_accepts_the_browser_session(client_as: Any) -> None:
    assert client_as("kabkota").get("/api/v1/me").json()["username"] == "operator.yogya"


def test_it_serves_openapi_docs_without_external_assets(client: Client) -> None:
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower() and b"https://" not in docs.content
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/regions", "/api/v1/regions/{code}", "/api/v1/affairs", "/api/v1/me"} <= set(
        schema["paths"]
    )
