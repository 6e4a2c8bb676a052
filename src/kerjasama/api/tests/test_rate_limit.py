"""The API's rate limit per token and per session user: 429 ``rate_limited`` with ``Retry-After``."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from kerjasama.accounts.services import issue_api_token

pytestmark = pytest.mark.django_db

URL = "/api/v1/regions/34.71"
#: 20 s into a minute: the window ends 40 s later.
NOW = datetime(2026, 3, 2, 3, 4, 20, tzinfo=UTC)


@pytest.fixture(autouse=True)
def limit(settings: Any) -> Any:
    settings.KERJASAMA_API_RATE_PER_MINUTE = 3
    cache.clear()
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller
    cache.clear()


def token_client(user: Any, name: str = "t") -> Client:
    _token, key = issue_api_token(actor=user, user=user, name=name)
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def test_it_answers_429_with_the_error_shape_and_retry_after_past_the_limit(persona: Any) -> None:
    client = token_client(persona("kabkota"))
    assert [client.get(URL).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(URL)
    assert refused.status_code == 429
    error = refused.json()["error"]
    assert error["code"] == "rate_limited"
    assert "Terlalu banyak permintaan" in error["message"] and "Too many requests" in error["message"]
    assert refused["Retry-After"] == "40"


def test_it_counts_each_token_and_each_session_user_apart(persona: Any, client_as: Any) -> None:
    user = persona("kabkota")
    first, second = token_client(user, "a"), token_client(user, "b")
    for _ in range(3):
        first.get(URL)
    assert first.get(URL).status_code == 429
    assert second.get(URL).status_code == 200
    browser = client_as("kabkota")
    assert [browser.get(URL).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert token_client(persona("ministry")).get(URL).status_code == 200


def test_it_lets_the_caller_in_again_in_the_next_minute(persona: Any, limit: Any) -> None:
    client = token_client(persona("kabkota"))
    for _ in range(3):
        client.get(URL)
    assert client.get(URL).status_code == 429
    limit.shift(40)
    assert client.get(URL).status_code == 200


def test_it_is_off_when_the_setting_is_zero(persona: Any, settings: Any) -> None:
    settings.KERJASAMA_API_RATE_PER_MINUTE = 0
    client = token_client(persona("kabkota"))
    assert {client.get(URL).status_code for _ in range(5)} == {200}
