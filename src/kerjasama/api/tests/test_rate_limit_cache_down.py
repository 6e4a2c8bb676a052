"""The API rate limit with its cache down (Redis unreachable in multi-server mode, issue 14 item 5): the limit
cannot be counted, so it lets the request through instead of answering 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings

from kerjasama.accounts.services import issue_api_token

pytestmark = pytest.mark.django_db

#: A Redis no one listens on (port 9 is "discard"; nothing answers on the loopback).
UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 0.5},
    }
}


def test_the_api_serves_when_the_rate_limit_cache_is_down(persona: Any) -> None:
    user = persona("kabkota")
    _token, key = issue_api_token(actor=user, user=user, name="cache-down")
    # override_settings(CACHES=...) makes Django drop its cache connections (the setting_changed signal).
    with override_settings(CACHES=UNREACHABLE_REDIS, KERJASAMA_API_RATE_PER_MINUTE=5):
        client = Client(HTTP_AUTHORIZATION=f"Bearer {key}", raise_request_exception=True)
        response = client.get("/api/v1/agreements")
    assert response.status_code == 200, response.content[:300]
