"""Health and readiness probes (issue 14 item 8): ``/healthz`` and ``/readyz``, for a load balancer or systemd.

``/healthz`` checks what a request needs: the database (``SELECT 1``), the cache (a write and a read), the task
queue (Redis answers ``PING`` when the ``rq`` backend is configured; the task table answers with the
``database`` backend; nothing to check with ``immediate``) and the documents storage (a probe file written and
deleted). Each check says ``ok`` or ``error`` with its latency in milliseconds; an error names only the
exception's class, never its message (which may carry a hostname, a user or a URL with a password). 200 when
every check is ok, 503 otherwise.

``/readyz`` says whether this server may take traffic: 200 when the database answers and every migration is
applied, 503 with a reason otherwise (the deploy has not run ``kerjasama setup`` yet). Once the migrations were
found applied, the process remembers it (loading the migration graph on every probe would cost more than the
probe is worth; a server is restarted after a deploy anyway).

Neither needs a login, sets a cookie or checks CSRF (GET only); they are outside ``/api/``, so the API rate
limit does not count them. Both answer ``Cache-Control: no-store``.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

#: Seconds a probe of Redis may take before the task queue counts as down.
REDIS_TIMEOUT = 2.0
_migrations_applied = False


def check_database() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return None


def check_cache() -> str | None:
    key, value = f"kerjasama:healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    try:
        if cache.get(key) != value:
            return "cache did not return the value written"
    finally:
        cache.delete(key)
    return None


def task_backend() -> str:
    from django.conf import settings

    path = str(settings.TASKS["default"]["BACKEND"])
    if "RQBackend" in path:
        return "rq"
    if "DatabaseBackend" in path:
        return "database"
    return "immediate"


def check_tasks() -> str | None:
    backend = task_backend()
    if backend == "rq":
        import redis
        from django.conf import settings

        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=REDIS_TIMEOUT, socket_timeout=REDIS_TIMEOUT
        )
        try:
            client.ping()
        finally:
            client.close()
    elif backend == "database":
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.exists()
    return None


def check_storage() -> str | None:
    storage = storages["documents"]
    name = storage.save(f"healthz/probe-{uuid.uuid4().hex}", ContentFile(b"ok"))
    storage.delete(name)
    return None


CHECKS: dict[str, Callable[[], str | None]] = {
    "database": check_database,
    "cache": check_cache,
    "tasks": check_tasks,
    "storage": check_storage,
}


def _run(check: Callable[[], str | None]) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        problem = check()
    except Exception as exc:
        problem = type(exc).__name__
    result: dict[str, Any] = {
        "status": "ok" if problem is None else "error",
        "latency_ms": round((time.perf_counter() - started) * 1000, 1),
    }
    if problem is not None:
        result["error"] = problem
    return result


def health() -> tuple[bool, dict[str, Any]]:
    checks = {name: _run(check) for name, check in CHECKS.items()}
    checks["tasks"]["backend"] = task_backend()
    healthy = all(c["status"] == "ok" for c in checks.values())
    return healthy, {"status": "ok" if healthy else "error", "checks": checks}


def unapplied_migrations() -> list[str]:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]


def readiness() -> tuple[bool, dict[str, Any]]:
    global _migrations_applied
    database = _run(check_database)
    if database["status"] != "ok":
        return False, {"status": "error", "reason": "database_unavailable", "database": database}
    if not _migrations_applied:
        try:
            pending = unapplied_migrations()
        except Exception as exc:
            return False, {"status": "error", "reason": "migrations_unknown", "error": type(exc).__name__}
        if pending:
            return False, {
                "status": "error",
                "reason": "migrations_pending",
                "pending": len(pending),
                "first": pending[0],
            }
        _migrations_applied = True
    return True, {"status": "ok", "database": database, "migrations": "applied"}


def _answer(ok: bool, payload: dict[str, Any]) -> JsonResponse:
    return JsonResponse(payload, status=200 if ok else 503)


@login_not_required
@csrf_exempt
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return _answer(*health())


@login_not_required
@csrf_exempt
@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    return _answer(*readiness())
