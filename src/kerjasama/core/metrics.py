"""Prometheus metrics (issue 14 item 8): request latency by view, task queue depth, task failures, reminders sent.

Off unless ``KERJASAMA_METRICS=1``. Then ``GET /metrics`` answers the Prometheus text format to a client whose
address is in ``KERJASAMA_METRICS_ALLOWED`` (addresses or networks; loopback by default) or that sends
``Authorization: Bearer <KERJASAMA_METRICS_TOKEN>`` (when that is set); anyone else gets 403, and while the
metrics are off the path answers 404 as any unknown page.

- ``kerjasama_request_duration_seconds{view,method,status}``: a histogram of the time from the request reaching
  Django to the response leaving it, labelled by the URL resolver's ``view_name`` (``agreements:detail``,
  ``api-1.0.0:agreement_list``), never the raw path (which carries ids and would grow without bound); a path no
  view answers is ``unresolved``. ``status`` is the class (``2xx`` … ``5xx``).
- ``kerjasama_task_queue_depth{backend,queue}``: tasks waiting, read when scraped: the ``READY`` rows of the
  database backend's table, or the length of each RQ queue in Redis (``immediate`` has no queue).
- ``kerjasama_task_failures_total{task}``: tasks that ended ``FAILED`` (django-tasks' ``task_finished`` signal,
  counted in the worker process).
- ``kerjasama_reminders_sent_total``: deadline reminders claimed and notified (``deadlines.services.send_due``,
  counted in the ``kerjasama remind`` or worker process).

Several processes (gunicorn's workers, ``kerjasama worker``, ``kerjasama remind``): prometheus_client keeps
each process's values in memory, so a scrape would see one worker's share. With ``PROMETHEUS_MULTIPROC_DIR``
set (to an empty directory writable by every process, the same for all, emptied before the web service
starts) each process writes its values to files there and ``/metrics`` sums them (prometheus_client's
multiprocess mode). The variable must be in the environment before the process starts (prometheus_client
reads it at import); it is documented in ``docs/operations.md``.
"""

from __future__ import annotations

import hmac
import os
import time
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import MiddlewareNotUsed
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

#: Seconds: finer below 300 ms (the page budget of issue 14 item 2 is p95 < 300 ms, the API's < 150 ms).
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1.0, 2.5, 5.0, 10.0)

REQUEST_DURATION = Histogram(
    "kerjasama_request_duration_seconds",
    "Time Django took to answer a request, by the resolver's view name (never the raw path).",
    ["view", "method", "status"],
    buckets=LATENCY_BUCKETS,
)
TASK_FAILURES = Counter(
    "kerjasama_task_failures",
    "Background tasks that ended FAILED, by task (module path).",
    ["task"],
)
REMINDERS_SENT = Counter("kerjasama_reminders_sent", "Deadline reminders claimed and notified (send_due).")

#: Methods kept as a label; anything else (a fuzzer's ``FOO``) is counted as ``other``.
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def enabled() -> bool:
    return bool(getattr(settings, "KERJASAMA_METRICS", False))


def view_label(request: HttpRequest) -> str:
    """The resolver's ``view_name`` of the request, ``unresolved`` when no view answered it."""
    match = getattr(request, "resolver_match", None)
    name = getattr(match, "view_name", "") if match is not None else ""
    return str(name) if name else "unresolved"


def observe_request(request: HttpRequest, status: int, seconds: float) -> None:
    method = request.method if request.method in _METHODS else "other"
    REQUEST_DURATION.labels(view=view_label(request), method=method, status=f"{status // 100}xx").observe(
        seconds
    )


def count_reminders_sent(count: int) -> None:
    """Called by the deadlines app after a batch of reminders was claimed and notified."""
    if count > 0:
        REMINDERS_SENT.inc(count)


def count_task_failure(task_path: str) -> None:
    TASK_FAILURES.labels(task=task_path or "unknown").inc()


def _on_task_finished(sender: Any, task_result: Any, **kwargs: Any) -> None:
    from django_tasks import TaskResultStatus

    if task_result.status == TaskResultStatus.FAILED:
        count_task_failure(str(getattr(task_result.task, "module_path", "")))


def connect_task_signals() -> None:
    """Count failed tasks (called once from ``CoreConfig.ready``; the signal fires in the worker)."""
    from django_tasks.signals import task_finished

    task_finished.connect(_on_task_finished, dispatch_uid="kerjasama.core.metrics.task_failures")


def queue_depths() -> tuple[str, dict[str, int]]:
    """The configured task backend and how many tasks wait in each of its queues."""
    from kerjasama.core.health import task_backend

    backend = task_backend()
    queues = list(settings.TASKS["default"].get("QUEUES") or ["default"])
    if backend == "database":
        from django.db.models import Count
        from django_tasks import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        rows = (
            DBTaskResult.objects.filter(status=TaskResultStatus.READY)
            .values("queue_name")
            .annotate(n=Count("id"))
            .order_by()
        )
        found = {str(r["queue_name"]): int(r["n"]) for r in rows}
        return backend, {q: found.get(q, 0) for q in sorted({*queues, *found})}
    if backend == "rq":
        import redis
        from rq import Queue

        from kerjasama.core.health import REDIS_TIMEOUT

        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=REDIS_TIMEOUT, socket_timeout=REDIS_TIMEOUT
        )
        return backend, {q: int(Queue(q, connection=client).count) for q in queues}
    return backend, {}


class QueueDepthCollector(Collector):
    """``kerjasama_task_queue_depth``, read when scraped (so it is right whichever process enqueued)."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "kerjasama_task_queue_depth",
            "Tasks waiting in each queue of the task backend.",
            labels=["backend", "queue"],
        )
        try:
            backend, depths = queue_depths()
        except Exception:  # a scrape must answer; /healthz says what is down
            depths, backend = {}, "unavailable"
        for queue, depth in depths.items():
            family.add_metric([backend, queue], depth)
        yield family


class _ProcessCollector(Collector):
    """This process's metrics: prometheus_client's defaults (process, platform, gc) and the ones above."""

    def collect(self) -> Iterator[Metric]:
        yield from REGISTRY.collect()


def registry() -> CollectorRegistry:
    """What a scrape reads: this process's metrics, or every process's files in multiprocess mode."""
    reg = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(reg)
    else:
        reg.register(_ProcessCollector())
    reg.register(QueueDepthCollector())
    return reg


def allowed(request: HttpRequest) -> bool:
    """From an address in ``KERJASAMA_METRICS_ALLOWED``, or with the bearer token ``KERJASAMA_METRICS_TOKEN``.

    Behind a reverse proxy listed in ``KERJASAMA_TRUSTED_PROXIES`` the address is the client's (from
    ``X-Forwarded-For``), not the proxy's; the nginx example does not pass ``/metrics`` on at all.
    """
    token = str(getattr(settings, "KERJASAMA_METRICS_TOKEN", "") or "")
    header = request.headers.get("Authorization", "")
    if token and header.startswith("Bearer "):
        return hmac.compare_digest(header.removeprefix("Bearer ").strip().encode(), token.encode())
    import ipaddress

    # Imported here: this module is imported before Django is set up (prometheus_client's multiprocess files).
    from kerjasama.core.middleware import _networks, is_trusted_proxy

    address = request.META.get("REMOTE_ADDR") or ""
    if is_trusted_proxy(address):
        # Through the reverse proxy every request comes from its address (127.0.0.1): the client is the
        # right-most X-Forwarded-For entry that is not a proxy, as for the login lockout (accounts.lockout).
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        address = next((a for a in reversed(forwarded) if not is_trusted_proxy(a)), address)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in _networks(tuple(settings.KERJASAMA_METRICS_ALLOWED)))


@login_not_required
@never_cache
@require_GET
def metrics_view(request: HttpRequest) -> HttpResponse:
    if not enabled():
        raise Http404
    if not allowed(request):
        return HttpResponse(
            "Tidak diizinkan / Forbidden.\n", status=403, content_type="text/plain; charset=utf-8"
        )
    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)


class MetricsMiddleware:
    """Times every request for ``kerjasama_request_duration_seconds`` (not used while the metrics are off)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        if not enabled():
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        response = self.get_response(request)
        observe_request(request, response.status_code, time.perf_counter() - started)
        return response
