"""``/healthz`` and ``/readyz`` (issue 14 item 8): JSON, no secrets, 503 when a dependency fails."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.db import DatabaseError
from django.test import override_settings

from kerjasama.core import health

pytestmark = pytest.mark.django_db

RQ_TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def documents_dir(tmp_path: Path, settings: Any) -> Path:
    location = tmp_path / "documents"
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location), "base_url": None},
        },
    }
    return location


@pytest.fixture(autouse=True)
def _forget_migrations(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(health, "_migrations_applied", False)


def _fail(*_args: Any, **_kwargs: Any) -> None:
    raise DatabaseError(
        "could not connect to server at db.internal.example (10.0.0.5) user=kerjasama pw=s3cret"
    )


def test_healthz_answers_ok_without_a_login_cookie_or_secret(client: Any, documents_dir: Path) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "tasks", "storage"}
    for check in body["checks"].values():
        assert check["status"] == "ok" and isinstance(check["latency_ms"], float)
    assert body["checks"]["tasks"]["backend"] == "immediate"  # the test settings run tasks in the caller
    assert "no-store" in response["Cache-Control"]
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies
    assert list(documents_dir.rglob("probe-*")) == []  # the storage probe cleans up after itself


def test_healthz_is_503_when_the_database_fails_and_shows_no_hostname(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(health.CHECKS, "database", _fail)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["database"] == {
        "status": "error",
        "error": "DatabaseError",
        "latency_ms": body["checks"]["database"]["latency_ms"],
    }
    assert body["checks"]["cache"]["status"] == "ok"
    text = response.content.decode()
    for secret in ("db.internal", "10.0.0.5", "s3cret", "user="):
        assert secret not in text


def test_healthz_is_503_when_the_cache_fails(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(health.cache, "set", _fail)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["status"] == "error"
    assert response.json()["checks"]["database"]["status"] == "ok"


def test_healthz_reports_an_unreachable_redis_for_the_rq_backend(client: Any) -> None:
    with override_settings(TASKS=RQ_TASKS, REDIS_URL="redis://:hunter2@127.0.0.1:1/0"):
        response = client.get("/healthz")
    assert response.status_code == 503
    tasks = response.json()["checks"]["tasks"]
    assert tasks["backend"] == "rq" and tasks["status"] == "error"
    assert "hunter2" not in response.content.decode()


def test_healthz_checks_redis_for_the_rq_backend(client: Any) -> None:
    import redis

    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/0", socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    with override_settings(TASKS=RQ_TASKS, REDIS_URL="redis://127.0.0.1:6379/0"):
        response = client.get("/healthz")
    assert response.status_code == 200, response.content
    assert response.json()["checks"]["tasks"] == {**response.json()["checks"]["tasks"], "status": "ok"}


def test_healthz_is_503_when_the_storage_is_not_writable(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(health.CHECKS, "storage", lambda: (_ for _ in ()).throw(PermissionError("/srv/x")))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["storage"]["error"] == "PermissionError"
    assert "/srv/x" not in response.content.decode()


def test_readyz_is_ok_when_migrated(client: Any) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok" and response.json()["migrations"] == "applied"


def test_readyz_is_503_when_the_database_does_not_answer(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(health, "check_database", _fail)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["reason"] == "database_unavailable"
    assert "db.internal" not in response.content.decode()


def test_readyz_is_503_while_migrations_are_pending(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(health, "unapplied_migrations", lambda: ["agreements.0099_future"])
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "error",
        "reason": "migrations_pending",
        "pending": 1,
        "first": "agreements.0099_future",
    }


def test_probes_answer_only_get(client: Any) -> None:
    assert client.post("/healthz").status_code == 405
    assert client.post("/readyz").status_code == 405
