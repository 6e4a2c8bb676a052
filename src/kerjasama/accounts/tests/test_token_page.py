"""The page that shows a new API key once is never cached (issue 8, item 6)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_it_serves_a_new_api_key_with_no_store(client_as: Any) -> None:
    client = client_as("kabkota")
    response = client.post("/akun/token/", {"name": "skrip"}, follow=True)
    assert response.status_code == 200
    key = response.context["new_key"]
    assert key and key in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert response["Pragma"] == "no-cache"
