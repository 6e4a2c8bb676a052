"""A database outage answers 503 with the stable code ``database.unavailable`` in both languages, on pages and
in the API, whether a view or a middleware (the session, before any view) met it; other crashes stay 500."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from kerjasama.accounts.services import issue_api_token
from kerjasama.core import unavailable

pytestmark = pytest.mark.django_db


def _session_load_fails(*_args: Any, **_kwargs: Any) -> Any:
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")


def test_a_page_answers_503_when_the_session_cannot_be_loaded(persona: Any) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(persona("kabkota"))
    with mock.patch("django.contrib.sessions.backends.db.SessionStore.load", _session_load_fails):
        response = client.get("/kerja-sama/")
    assert response.status_code == 503
    assert response["Retry-After"] == str(unavailable.RETRY_AFTER_S)
    text = response.content.decode()
    assert 'data-testid="error-503"' in text and "database.unavailable" in text
    assert unavailable.MESSAGE_ID in text and unavailable.MESSAGE_EN in text
    assert "5432" not in text  # the exception's text (host, port) is never shown


def test_the_api_answers_503_in_its_error_shape(persona: Any) -> None:
    user = persona("kabkota")
    _token, key = issue_api_token(actor=user, user=user, name="outage")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}", raise_request_exception=False)
    # Every query fails, from the token's lookup on: the database is gone.
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("gone")):
        response = client.get("/api/v1/agreements")
    assert response.status_code == 503, response.content[:300]
    error = response.json()["error"]
    assert error["code"] == "database.unavailable"
    assert unavailable.MESSAGE_ID in error["message"] and unavailable.MESSAGE_EN in error["message"]


def test_another_crash_is_still_a_500(persona: Any) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(persona("kabkota"))
    with mock.patch("django.contrib.sessions.backends.db.SessionStore.load", side_effect=ValueError("bug")):
        response = client.get("/kerja-sama/")
    assert response.status_code == 500
    assert 'data-testid="error-500"' in response.content.decode()
