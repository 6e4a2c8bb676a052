"""Operations (issue 14 item 8): Prometheus metrics, JSON logs, Sentry-compatible error reporting."""

from __future__ import annotations

import gzip
import http.server
import io
import json
import logging
import os
import subprocess
import sys
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from prometheus_client import REGISTRY

from kerjasama.core import errorreport, metrics
from kerjasama.core.jsonlog import JsonFormatter, scrub

pytestmark = pytest.mark.django_db

#: Planted values that must never reach a log line or an error report.
NIK = "3201234567890123"
PASSWORD = "Rahasia-Sekali-77"
TOKEN = "ksd_tok_9f8e7d6c5b4a39281706"
DB_URL_PASSWORD = "pg-pass-4411"
PLANTED = (NIK, PASSWORD, TOKEN, DB_URL_PASSWORD)
PLANTED_TEXT = (
    f"login failed password={PASSWORD} Authorization: Bearer {TOKEN} "
    f"db=postgres://kerjasama:{DB_URL_PASSWORD}@db.internal/kerjasama nik {NIK}"
)

METRICS_ON = {
    "KERJASAMA_METRICS": True,
    "KERJASAMA_METRICS_ALLOWED": ["127.0.0.1"],
    "KERJASAMA_METRICS_TOKEN": "",
}


def _sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


# -- metrics -----------------------------------------------------------------------------------------------


def test_metrics_are_off_by_default(client: Any) -> None:
    assert client.get("/metrics").status_code == 404


@override_settings(**METRICS_ON)
def test_metrics_time_requests_by_view_name_never_by_path(client: Any) -> None:
    labels = {"view": "healthz", "method": "GET", "status": "2xx"}
    before = _sample("kerjasama_request_duration_seconds_count", **labels)
    assert client.get("/healthz").status_code == 200
    assert _sample("kerjasama_request_duration_seconds_count", **labels) == before + 1
    client.get("/no-such-page-3201234567890123/")
    body = client.get("/metrics").content.decode()
    assert (
        'kerjasama_request_duration_seconds_bucket{le="0.3",method="GET",status="2xx",view="healthz"}' in body
    )
    assert 'view="unresolved"' in body
    assert "3201234567890123" not in body and "no-such-page" not in body
    assert "kerjasama_task_queue_depth" in body and "kerjasama_reminders_sent_total" in body


@override_settings(
    **{**METRICS_ON, "KERJASAMA_METRICS_ALLOWED": ["10.9.9.0/24"], "KERJASAMA_METRICS_TOKEN": TOKEN}
)
def test_metrics_answer_only_allowed_addresses_or_the_bearer_token(client: Any) -> None:
    assert client.get("/metrics").status_code == 403  # the test client is 127.0.0.1, not in 10.9.9.0/24
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong-token").status_code == 403
    assert client.get("/metrics", REMOTE_ADDR="10.9.9.7").status_code == 200
    answer = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert answer.status_code == 200 and answer["Content-Type"].startswith("text/plain")
    assert "no-store" in answer["Cache-Control"]


@override_settings(**METRICS_ON, KERJASAMA_TRUSTED_PROXIES=["127.0.0.1"])
def test_metrics_behind_the_proxy_check_the_clients_address_not_the_proxys(client: Any) -> None:
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 403
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9, 127.0.0.1").status_code == 403
    assert client.get("/metrics").status_code == 200  # Prometheus on the machine itself, not proxied


def test_the_queue_depth_counts_the_database_backends_waiting_tasks(client: Any, settings: Any) -> None:
    from kerjasama.core.tasks import prune_task_results

    # Through pytest-django's ``settings`` only: an ``override_settings`` decorator beside that fixture is
    # undone out of order, and left the metrics on for every later test of the session.
    for name, value in METRICS_ON.items():
        setattr(settings, name, value)
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "mapping"]}
    }
    prune_task_results.enqueue()
    prune_task_results.enqueue()
    assert metrics.queue_depths() == ("database", {"default": 2, "mapping": 0})
    body = client.get("/metrics").content.decode()
    assert 'kerjasama_task_queue_depth{backend="database",queue="default"} 2.0' in body


def test_a_failed_task_is_counted_by_task() -> None:
    from django_tasks import TaskResultStatus
    from django_tasks.signals import task_finished

    path = "kerjasama.core.tasks.prune_task_results"
    before = _sample("kerjasama_task_failures_total", task=path)
    task = type("T", (), {"module_path": path})()
    for status in (TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL):
        result = type("R", (), {"status": status, "task": task, "id": "x", "backend": "default"})()
        task_finished.send(sender=object, task_result=result)
    assert _sample("kerjasama_task_failures_total", task=path) == before + 1


def test_several_processes_are_summed_in_multiprocess_mode(tmp_path: Path) -> None:
    """gunicorn's workers, the task worker and ``kerjasama remind`` write to PROMETHEUS_MULTIPROC_DIR."""
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    count = "from kerjasama.core import metrics; metrics.count_reminders_sent(3)"
    for _ in range(2):
        subprocess.run([sys.executable, "-c", count], env=env, check=True, timeout=60)
    scrape = (
        "from prometheus_client import generate_latest; from kerjasama.core import metrics\n"
        "metrics.QueueDepthCollector.collect = lambda self: iter(())\n"  # no Django here: only the files
        "print(generate_latest(metrics.registry()).decode())"
    )
    out = subprocess.run(
        [sys.executable, "-c", scrape], env=env, check=True, timeout=60, capture_output=True, text=True
    ).stdout
    assert "kerjasama_reminders_sent_total 6.0" in out


# -- JSON logs ---------------------------------------------------------------------------------------------


def test_scrub_masks_passwords_tokens_url_passwords_and_nik() -> None:
    cleaned = scrub(PLANTED_TEXT)
    for value in PLANTED:
        assert value not in cleaned
    assert "login failed" in cleaned and "db.internal" in cleaned
    assert scrub("amount 12345678901234567 on 2026-12-01") == "amount 12345678901234567 on 2026-12-01"


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


@override_settings(KERJASAMA_ACCESS_LOG=True)
def test_json_logs_one_object_per_line_with_request_context_and_no_secrets(
    client: Any, json_log: io.StringIO, django_user_model: Any
) -> None:
    user = django_user_model.objects.create_user(username="ops.logtest", password=PASSWORD)
    client.force_login(user)
    logging.getLogger("kerjasama.test").warning("planted: %s", PLANTED_TEXT)  # outside a request
    response = client.get(f"/healthz?nik={NIK}&token={TOKEN}", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    try:
        raise ValueError(f"boom password={PASSWORD} nik={NIK}")
    except ValueError:
        logging.getLogger("kerjasama.test").exception("failed for %s", NIK)
    text = json_log.getvalue()
    for value in PLANTED:
        assert value not in text
    entries = [json.loads(line) for line in text.splitlines()]
    assert all(
        {"time", "level", "logger", "message", "request_id", "user_id", "view"} <= set(e) for e in entries
    )
    access = [e for e in entries if e["logger"] == "kerjasama.request"]
    assert len(access) == 1
    line = access[0]
    assert line["request_id"] == response["X-Request-ID"]
    assert line["user_id"] == user.pk and line["view"] == "healthz"
    assert line["status"] == 200 and line["method"] == "GET" and isinstance(line["duration_ms"], float)
    assert "healthz?" not in text  # no raw path or query
    failed = [e for e in entries if e["message"].startswith("failed for")]
    assert failed and "ValueError" in failed[0]["exception"] and failed[0]["level"] == "ERROR"


# -- error reporting ---------------------------------------------------------------------------------------


class _Collector(http.server.BaseHTTPRequestHandler):
    """A stand-in for a Sentry-compatible service on loopback: keeps every envelope it is sent."""

    bodies: list[bytes] = []

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            raw = gzip.decompress(raw)
        elif encoding == "deflate":
            raw = zlib.decompress(raw)
        elif encoding == "br":
            import brotli

            raw = brotli.decompress(raw)
        self.bodies.append(raw)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args: Any) -> None:
        return


def test_error_reporting_is_off_without_a_dsn() -> None:
    assert errorreport.init("", environment="test") is False


def test_before_send_keeps_the_user_id_only_and_drops_cookies_and_bodies() -> None:
    event = {
        "user": {"id": "7", "username": "operator.yogya", "email": "a@example.go.id"},
        "request": {
            "cookies": {"sessionid": "abc"},
            "data": {"nik": NIK},
            "headers": {"Authorization": TOKEN},
        },
        "extra": {"password": PASSWORD, "note": f"token={TOKEN}"},
    }
    cleaned = errorreport.before_send(event)
    assert cleaned["user"] == {"id": "7"}
    assert "cookies" not in cleaned["request"] and "data" not in cleaned["request"]
    for value in PLANTED:
        assert value not in json.dumps(cleaned)


def test_an_error_reaches_a_loopback_collector_without_the_planted_secrets(tmp_path: Path) -> None:
    """The whole path, in a process of its own (sentry_sdk patches Django once it is initialised)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Collector)
    _Collector.bodies = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        dsn = f"http://publickey@127.0.0.1:{server.server_address[1]}/1"
        script = (
            "import django, logging, sentry_sdk\n"
            "django.setup()\n"
            "from django.conf import settings\n"
            "client = sentry_sdk.get_client()\n"
            "assert client.is_active() and client.options['send_default_pii'] is False\n"
            f"def checkout(password={PASSWORD!r}, nik={NIK!r}):\n"
            f"    raise RuntimeError('payment failed token={TOKEN} nik={NIK}')\n"
            "try:\n"
            "    checkout()\n"
            "except RuntimeError:\n"
            "    sentry_sdk.capture_exception()\n"
            f"logging.getLogger('kerjasama.test').error('db postgres://k:{DB_URL_PASSWORD}@db/k failed')\n"
            "sentry_sdk.flush(timeout=10)\n"
        )
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "kerjasama.core.settings",
            "SENTRY_DSN": dsn,
            "KERJASAMA_VAR_DIR": str(tmp_path),
            "NO_PROXY": "*",
        }
        run = subprocess.run(
            [sys.executable, "-c", script], env=env, timeout=120, capture_output=True, text=True, check=False
        )
        assert run.returncode == 0, run.stderr[-3000:]
    finally:
        server.shutdown()
        server.server_close()
    envelopes = b"\n".join(_Collector.bodies).decode("utf-8", "replace")
    assert "payment failed" in envelopes and "RuntimeError" in envelopes  # the exception arrived
    assert "failed" in envelopes and "postgres://k:" in envelopes  # the logged error arrived
    for value in PLANTED:
        assert value not in envelopes
