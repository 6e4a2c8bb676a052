"""``kerjasama serve`` forks gunicorn workers: no database connection may be open in the master then."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connections


@pytest.mark.django_db
def test_it_closes_the_database_connections_before_gunicorn_forks(monkeypatch: pytest.MonkeyPatch) -> None:
    """An inherited connection used by several workers answered 500 on PostgreSQL ("lost synchronization
    with server", found by schemathesis against `kerjasama serve`). (The test database of SQLite is in
    memory and never really closes, so the order of the calls is what is checked.)"""
    from gunicorn.app.base import BaseApplication

    calls: list[str] = []
    monkeypatch.setattr(type(connections), "close_all", lambda self: calls.append("close_all"))
    monkeypatch.setattr(BaseApplication, "run", lambda self: calls.append("gunicorn"))
    call_command("serve", "--no-worker", "--port", "8799")
    assert calls == ["close_all", "gunicorn"]
