"""A ``KerjasamaError`` answers with its own HTTP status, its stable code and its message in the active language."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kerjasama.accounts.services import issue_api_token
from kerjasama.core.errors import Conflict, ErrorDetail, KerjasamaError, NotFound, PermissionDenied
from kerjasama.regions import api as regions_api

pytestmark = pytest.mark.django_db


@pytest.fixture
def raising(persona: Any, monkeypatch: Any) -> Any:
    """A client whose next ``GET /api/v1/regions/34.71`` raises ``error`` inside the handler."""

    def make(error: KerjasamaError) -> Client:
        def fail(region: Any) -> Any:
            raise error

        monkeypatch.setattr(regions_api, "neighbours_of", fail)
        user = persona("kabkota")
        _token, key = issue_api_token(actor=user, user=user, name="test")
        return Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    return make


def _conflict() -> Conflict:
    return Conflict(
        "mapping.state_changed",
        "Identifikasi ini berstatus “Diajukan ke TKKSD”.",
        "This identification is “Submitted to the TKKSD”.",
        [ErrorDetail("status", "Diajukan ke TKKSD", "Submitted to the TKKSD")],
    )


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (KerjasamaError("x.bad_input", "Masukan salah.", "Bad input."), 422),
        (PermissionDenied("regions.override_adjacency"), 403),
        (NotFound("regions.unknown_override", "Koreksi #9 tidak ada.", "Override #9 does not exist."), 404),
        (_conflict(), 409),
    ],
)
def test_it_answers_with_the_status_the_error_carries(
    raising: Any, error: KerjasamaError, status: int
) -> None:
    response = raising(error).get("/api/v1/regions/34.71")
    assert response.status_code == status
    body = response.json()["error"]
    assert body["code"] == error.code
    assert (body["message_id"], body["message_en"]) == (error.message_id, error.message_en)


def test_it_answers_a_lost_race_with_409_and_the_current_state(raising: Any) -> None:
    body = raising(_conflict()).get("/api/v1/regions/34.71").json()["error"]
    assert body["details"] == [
        {"location": "status", "message_id": "Diajukan ke TKKSD", "message_en": "Submitted to the TKKSD"}
    ]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ({}, "Identifikasi ini berstatus “Diajukan ke TKKSD”."),
        ({"HTTP_ACCEPT_LANGUAGE": "en"}, "This identification is “Submitted to the TKKSD”."),
        ({"HTTP_ACCEPT_LANGUAGE": "id"}, "Identifikasi ini berstatus “Diajukan ke TKKSD”."),
    ],
)
def test_it_writes_the_message_in_the_active_language(
    raising: Any, header: dict[str, str], message: str
) -> None:
    body = raising(_conflict()).get("/api/v1/regions/34.71", **header).json()["error"]
    assert body["message"] == message
